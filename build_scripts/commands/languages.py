"""Adding and removing a language: `explainer add-language <code>`, `remove-language <code>`.

The language goes into mkdocs.yml (the one place languages are configured); if the
generator ships no interface strings for it, English ones are scaffolded into
content/locales/<code>.yml for a translator. The next build has it, every page
falling back to the original with a notice until it is translated. Removing a
language takes it out of mkdocs.yml only: its translations stay in content/, so that
adding it again brings them back.
"""

from __future__ import annotations

import re

from build_scripts.errors import ExplainerError
from build_scripts.project import Project, check_language
from build_scripts.render import strings
from build_scripts.site.generate import atomic_write


def add(project: Project, code: str) -> list[str]:
    """Add language `code`; return what was done, one line each."""
    wrong = check_language(code)
    if wrong:
        raise ExplainerError(f"cannot add {code!r}: {wrong} (expected a language code that "
                             "Material for MkDocs has an interface for, such as fr, de, uk, ar)")
    if code in project.languages:
        raise ExplainerError(f"{code!r} is already a language of this project")
    done = [_add_to_config(project, code)]
    scaffold = locale_scaffold(code)
    target = project.content_dir / "locales" / f"{code}.yml"
    if scaffold is not None and not target.exists():
        atomic_write(target, scaffold)
        done.append(f"scaffolded {target.relative_to(project.root)} (in English: translate it)")
    return done


def locale_scaffold(code: str, command: str = "explainer add-language") -> str | None:
    """English interface strings for content/locales/<code>.yml; None if the generator ships `code`."""
    if code in strings.shipped_languages():
        return None
    english = (strings.LOCALES / f"{strings.REFERENCE_LANGUAGE}.yml").read_text("utf-8")
    # Drop the English file's own two-line header; ours says what the file is for.
    body = english.split("\n", 2)[2] if english.startswith("#") else english
    header = (f"# Interface strings in {strings.native_name(code)} ({code}): scaffolded "
              f"from English by `{command}`.\n# Translate every text; "
              "keep the keys and the {placeholders}.\n")
    return header + body


def _add_to_config(project: Project, code: str) -> str:
    text = project.config_file.read_text("utf-8")
    lines = text.split("\n")
    for index, line in enumerate(lines):
        flow = re.match(r"^(\s*languages\s*:\s*\[)(.*)\](\s*(#.*)?)$", line)
        if flow:
            lines[index] = f"{flow.group(1)}{flow.group(2).rstrip()}, {code}]{flow.group(3)}"
            break
        block = re.match(r"^(\s*)languages\s*:\s*(#.*)?$", line)
        if block:
            last = index
            for follow in range(index + 1, len(lines)):
                item = re.match(r"^(\s*)-\s*\S", lines[follow])
                if item:
                    last = follow
                elif lines[follow].strip() and not lines[follow].lstrip().startswith("#"):
                    break
            indent = re.match(r"^(\s*)", lines[last]).group(1) if last != index else block.group(1) + "  "
            lines.insert(last + 1, f"{indent}- {code}")
            break
    else:
        raise ExplainerError(f"{project.config_file.name}: no 'languages:' line to add {code!r} to")
    atomic_write(project.config_file, "\n".join(lines))
    return f"added {code} to languages in {project.config_file.name}"


def remove(project: Project, code: str) -> list[str]:
    """Take language `code` out of mkdocs.yml, keeping its files; return what was done."""
    if code not in project.languages:
        raise ExplainerError(f"{code!r} is not a language of this project (expected one of: "
                             + ", ".join(project.languages[1:]) + ")")
    if code == project.default_language:
        raise ExplainerError(f"cannot remove {code!r}: it is the default language, the one the "
                             "notes are written in (expected a translated language: "
                             + (", ".join(project.languages[1:]) or "there is none") + ")")
    text = project.config_file.read_text("utf-8")
    lines = text.split("\n")
    for index, line in enumerate(lines):
        flow = re.match(r"^(\s*languages\s*:\s*\[)(.*)\](\s*(#.*)?)$", line)
        if flow:
            kept = [item.strip() for item in flow.group(2).split(",") if item.strip() != code]
            lines[index] = f"{flow.group(1)}{', '.join(kept)}]{flow.group(3)}"
            break
        if re.match(rf"^\s*-\s*['\"]?{re.escape(code)}['\"]?\s*(#.*)?$", line) and any(
                re.match(r"^\s*languages\s*:", earlier) for earlier in lines[:index]):
            del lines[index]
            break
    else:
        raise ExplainerError(f"{project.config_file.name}: no 'languages:' entry {code!r} to remove")
    atomic_write(project.config_file, "\n".join(lines))
    locale = project.content_dir / "locales" / f"{code}.yml"
    kept_files = [*project.content_dir.rglob(f"*.{code}.md"), *([locale] if locale.is_file() else [])]
    done = [f"removed {code} from languages in {project.config_file.name}"]
    if kept_files:
        done.append(f"kept its {len(kept_files)} file{'s' if len(kept_files) != 1 else ''} in content/ "
                    f"(delete them yourself if they are no longer wanted; `explainer add-language "
                    f"{code}` uses them again)")
    return done
