"""The ``explainer`` command: check, build and serve an explainer project.

Every failure caused by the project's files ends in one clear message per problem
and exit status 1; never a Python traceback.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from collections.abc import Sequence

from build_scripts import pipeline
from build_scripts import project as project_module
from build_scripts.errors import ExplainerError, InvalidContent
from build_scripts.site import engine

ENGINES = ("mkdocs", "zensical")


def _project(args: argparse.Namespace) -> project_module.Project:
    return project_module.load(args.config)


def cmd_check(args: argparse.Namespace) -> int:
    project = _project(args)
    sources = pipeline.load(project)
    for warning in sources.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    counts = {kind: len(items) for kind, items in sources.notes.items.items()}
    print(f"explainer check: no problems in {sum(counts.values())} notes "
          f"({', '.join(f'{n} {kind}' for kind, n in counts.items())}), "
          f"{len(sources.article.paragraphs)} paragraphs, languages: {', '.join(project.languages)}")
    return 0


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # a SIGTERM stops like Ctrl-C: workers ended, staging removed


def cmd_build(args: argparse.Namespace) -> int:
    signal.signal(signal.SIGTERM, _stop)
    # A build started by a process that ignores or blocks Ctrl-C (a test runner's worker, a
    # job runner) still stops on it, and says so, as in a terminal.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    project = _project(args)
    started = time.perf_counter()
    if args.engine == "zensical":
        from build_scripts.site import zensical_engine

        target = zensical_engine.build(project, site_dir=args.site_dir, jobs=args.jobs)
    else:
        target = engine.build(project, site_dir=args.site_dir, jobs=args.jobs)
    with_engine = " with Zensical" if args.engine == "zensical" else ""
    print(f"explainer build: {', '.join(project.languages)} built into {target}{with_engine} "
          f"in {time.perf_counter() - started:.1f} s")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from build_scripts.commands import serve

    project = _project(args)
    serve.serve(project, language=args.language, dev_addr=args.dev_addr, open_browser=args.open,
                every_language=args.all, engine_name=args.engine)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    import json

    from build_scripts.content import translations

    project = _project(args)
    sources = pipeline.load(project)
    languages = [args.language] if args.language else list(project.languages[1:])
    unknown = [code for code in languages if code not in project.languages[1:]]
    if unknown:
        raise ExplainerError(f"{unknown[0]!r} is not a translated language of this project "
                             f"(expected one of: {', '.join(project.languages[1:])})")
    report = translations.status(sources, details=not args.json)
    report = {code: report[code] for code in languages}
    if args.json:
        print(json.dumps({"languages": {
            code: {**translations.counts(entries),
                   "items": [{"path": e.path, "state": e.state} for e in entries]}
            for code, entries in report.items()
        }}, ensure_ascii=False, indent=2))
    else:
        for code, entries in report.items():
            count = translations.counts(entries)
            print(f"{code}: {count['up_to_date']} up to date, {count['outdated']} outdated, "
                  f"{count['missing']} missing")
            for entry in entries:
                if entry.state == translations.UP_TO_DATE and not args.verbose:
                    continue
                since = f" (original changed {entry.since})" if entry.since else ""
                print(f"  {entry.state.replace('_', ' '):10} {entry.path}{since}")
                if entry.diff:
                    print("\n".join("      " + line for line in entry.diff.split("\n")))
    failing = [e for entries in report.values() for e in entries
               if args.fail_on and e.state in args.fail_on]
    return 1 if failing else 0


def cmd_mark_revised(args: argparse.Namespace) -> int:
    from pathlib import Path

    from build_scripts.content import translations

    sources = pipeline.load(_project(args))
    for path in args.files:
        value = translations.mark_revised(Path(path), sources)
        print(f"explainer: {path}: marked as revised (translated_from: {value})")
    return 0


def cmd_add_language(args: argparse.Namespace) -> int:
    from build_scripts.commands import languages

    project = _project(args)
    for line in languages.add(project, args.code):
        print(f"explainer: {line}")
    print(f"explainer: the next `explainer build` makes the {args.code} pages; until they are "
          "translated they show the original with a notice (see: explainer status)")
    return 0


def cmd_remove_language(args: argparse.Namespace) -> int:
    from build_scripts.commands import languages

    project = _project(args)
    for line in languages.remove(project, args.code):
        print(f"explainer: {line}")
    print(f"explainer: the next `explainer build` leaves {args.code} out of the site")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from build_scripts.commands import new

    return new.run(args)


def cmd_deploy(args: argparse.Namespace) -> int:
    from build_scripts.site import deploy

    return deploy.run(_project(args), args)


def cmd_schema(args: argparse.Namespace) -> int:
    from pathlib import Path

    from build_scripts.commands import reference

    root = Path(args.output)
    stale = []
    for relative, text in reference.outputs().items():
        path = root / relative
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current != text:
            if args.check:
                stale.append(str(relative))
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
                print(f"explainer schema: wrote {path}")
    if stale:
        raise ExplainerError(f"out of date: {', '.join(stale)} (run: explainer schema)")
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="explainer", description=__doc__.splitlines()[0])
    main.add_argument("-f", "--config", help="the project's mkdocs.yml (default: ./mkdocs.yml)")
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate seeds/ and content/, report every problem")
    check.set_defaults(run=cmd_check)

    build = commands.add_parser("build", help="generate docs/ and build every language into site/")
    build.add_argument("-d", "--site-dir", help="where to build (default: the project's site_dir)")
    build.add_argument("-j", "--jobs", type=int, help="languages built at once (default: CPUs)")
    build.add_argument("--engine", choices=ENGINES, default="mkdocs",
                       help="the static site generator: mkdocs (MkDocs + Material, the default) or "
                       "zensical (needs the zensical extra; see README, Engines)")
    build.set_defaults(run=cmd_build)

    serve = commands.add_parser("serve", help="live preview: edits in content/ or seeds/ refresh it")
    serve.add_argument("-l", "--language", help="the language to preview (default: the default)")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="IP:PORT to serve on")
    serve.add_argument("--all", action="store_true",
                       help="preview every language (each save rebuilds them all: slower)")
    serve.add_argument("--open", action="store_true", help="open the preview in a browser")
    serve.add_argument("--engine", choices=ENGINES, default="mkdocs",
                       help="the engine that builds the preview (default: mkdocs)")
    serve.set_defaults(run=cmd_serve)
    status = commands.add_parser(
        "status", help="which translations are up to date, outdated or missing")
    status.add_argument("-l", "--language", help="only this language")
    status.add_argument("--json", action="store_true", help="print the status as JSON")
    status.add_argument("-v", "--verbose", action="store_true", help="list up-to-date items too")
    status.add_argument("--fail-on", action="append", choices=["outdated", "missing"],
                        help="exit 1 if any translation is in this state (repeatable)")
    status.set_defaults(run=cmd_status)

    revised = commands.add_parser(
        "mark-revised", help="record that translations were checked against their original")
    revised.add_argument("files", nargs="+", help="translation files, such as content/actors/x.en.md")
    revised.set_defaults(run=cmd_mark_revised)

    add_language = commands.add_parser("add-language", help="add a language to the project")
    add_language.add_argument("code", help="a language code, such as fr, uk or ar")
    add_language.set_defaults(run=cmd_add_language)

    remove_language = commands.add_parser(
        "remove-language", help="take a language out of the site, keeping its files in content/")
    remove_language.add_argument("code", help="a translated language of the project, such as fr")
    remove_language.set_defaults(run=cmd_remove_language)

    new = commands.add_parser("new", help="start a new explainer project from an article")
    new.add_argument("folder", help="the new project's folder (must not exist or be empty)")
    new.add_argument("--article", required=True, help="the source article (plain text seed)")
    new.add_argument("--language", required=True, help="the article's language code")
    new.add_argument("--languages", help="the site's languages, comma-separated (default: the "
                     "article's language only)")
    new.set_defaults(run=cmd_new)

    deploy = commands.add_parser("deploy", help="check, build and publish to a git branch")
    deploy.add_argument("--remote", default="origin", help="git remote name or URL (default: origin)")
    deploy.add_argument("--branch", default="gh-pages", help="branch to publish (default: gh-pages)")
    deploy.add_argument("-m", "--message", help="commit message")
    deploy.set_defaults(run=cmd_deploy)

    schema = commands.add_parser(
        "schema", help="write schema/content.schema.json and EDITING.md from the content model")
    schema.add_argument("--output", default=".", help="folder to write into (default: .)")
    schema.add_argument("--check", action="store_true", help="only report files that are out of date")
    schema.set_defaults(run=cmd_schema)
    for sub in (check, build, serve, status, revised, add_language, remove_language, deploy):
        sub.add_argument("-f", "--config", default=argparse.SUPPRESS,
                         help="the project's mkdocs.yml (default: ./mkdocs.yml)")
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except InvalidContent as error:
        for line in error.problems.lines():
            print(line, file=sys.stderr)
        count = len(error.problems)
        print(f"explainer: {count} problem{'s' if count != 1 else ''} found; nothing was built",
              file=sys.stderr)
        return 1
    except ExplainerError as error:
        print(f"explainer: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        # The swap is atomic: the site folder holds the last complete build, old or new.
        done = "; the site folder holds the last complete build" if args.command == "build" else ""
        print(f"explainer {args.command}: interrupted{done}", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        sys.stderr.close()
        return 0
    except Exception as error:  # a bug in explainer itself, not in the project's files
        if os.environ.get("EXPLAINER_DEBUG"):
            raise
        print(f"explainer: internal error: {type(error).__name__}: {error} "
              "(set EXPLAINER_DEBUG=1 for details, and please report it)", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
