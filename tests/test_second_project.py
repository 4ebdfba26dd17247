"""Every point of issue 12 on a second project: French by default, with English and Arabic.

tests/fixtures/valmont is a complete explainer of a fictional French article, made as a
newsroom would make one with `explainer new`: no code of its own, interface strings in
content/locales/, English dates in en-GB, one Arabic actor left untranslated on purpose.
It is built once per session (`valmont_built`); tests that change it work on a copy.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterator
from pathlib import Path

import icu
import pytest
import yaml
from playwright.sync_api import Browser, Page

from build_scripts.render import strings

from .conftest import edit, glossary_index, run_cli, theme_config
from .test_bad_input import check, summary

LANGUAGES = ["fr", "en", "ar"]


def read(root: Path, language: str, page: str = "") -> str:
    """The built page `page` ('glossary/', 'actors/tav/') of `language` in the project at `root`."""
    prefix = "" if language == "fr" else f"{language}/"
    return (root / "site" / prefix / page / "index.html").read_text("utf-8")


def article(page: str) -> str:
    """The page's own content (Material's <article>), without the theme around it."""
    found = re.search(r"<article.*?</article>", page, re.DOTALL)
    assert found is not None
    return found.group(0)


def visible(page: str) -> str:
    """The text a reader sees in the page's content, tags and figures' styles removed."""
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", article(page), flags=re.DOTALL)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)))


def term_links(page: str) -> list[tuple[str, str]]:
    """(linked words, term id) of every glossary link in the page's content."""
    return [(html.unescape(words), term) for term, words in re.findall(
        r'<a class="explainer-term" href="[^"#]*#([^"]+)"[^>]*>([^<]*)</a>', article(page))]


# -- 1. order: each language's collation, the A–Z, and the editors' `order` ---------------

GLOSSARIES = {
    "fr": (["Adjoint au maire", "Agglomération", "Délibération", "Enquête publique", "Étaiement",
            "Frontalier", "Maire", "Navette", "Œdomètre", "Ouvrage d’art", "Pile", "Zone de rencontre"],
           [("A", "adjoint-au-maire"), ("D", "deliberation"), ("E", "enquete-publique"),
            ("F", "frontalier"), ("M", "maire"), ("N", "navette"), ("O", "oedometre"), ("P", "pile"),
            ("Z", "zone-de-rencontre")]),
    "en": (["Agglomération", "Council resolution", "Cross-border commuter", "Deputy mayor",
            "Engineering structure", "Mayor", "Oedometer", "Pier", "Public inquiry", "Shared zone",
            "Shoring", "Shuttle"],
           [("A", "agglomeration"), ("C", "deliberation"), ("D", "adjoint-au-maire"),
            ("E", "ouvrage-d-art"), ("M", "maire"), ("O", "oedometre"), ("P", "pile"),
            ("S", "zone-de-rencontre")]),
    "ar": (["أودومتر", "تجمّع حضري", "تحقيق عمومي", "تدعيم مؤقت", "حافلة مكوكية", "رئيس البلدية",
            "ركيزة", "عامل حدودي", "مداولة", "منشأة فنية", "منطقة التقاء", "نائب رئيس البلدية"],
           [("ا", "oedometre"), ("ت", "agglomeration"), ("ح", "navette"), ("ر", "maire"),
            ("ع", "frontalier"), ("م", "deliberation"), ("ن", "adjoint-au-maire")]),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_glossary_in_each_languages_order_with_its_letters(valmont_built: Path, language: str) -> None:
    titles, letters = glossary_index(read(valmont_built, language, "glossary/"))
    expected_titles, expected_letters = GLOSSARIES[language]
    assert [title for title, _ in titles] == expected_titles
    # Not the French titles' order, and (in French and Arabic) not code-point order either.
    french, _ = glossary_index(read(valmont_built, "fr", "glossary/"))
    assert language == "fr" or [term for _, term in titles] != [term for _, term in french]
    assert language != "fr" or sorted(expected_titles) != expected_titles
    collator = icu.Collator.createInstance(icu.Locale(language))
    assert expected_titles == sorted(expected_titles, key=collator.getSortKey)
    # Each letter once, opening the first term filed under it: É with E and Œ with O, as
    # French dictionaries file them; أ with ا.
    assert letters == expected_letters


ACTORS = {
    "fr": ["Claire Fontaine", "Cœur de Valmont", "Collectif Vélo Valmont", "Conseil départemental",
           "Conseil municipal de Valmont", "Élodie Marchand",
           "Transports de l’agglomération valmontaise", "Valmont Demain"],
    "en": ["Claire Fontaine", "Cœur de Valmont", "Collectif Vélo Valmont", "Departmental council",
           "Élodie Marchand", "Transports de l’agglomération valmontaise", "Valmont Demain",
           "Valmont town council"],
    # Arabic letters first, as Arabic readers sort; the untranslated French title after them.
    "ar": ["المجلس البلدي لفالمون", "إيلودي مارشان", "شركة النقل في التجمّع الحضري لفالمون",
           "فالمون الغد", "قلب فالمون", "كلير فونتين", "مجلس المقاطعة", "Collectif Vélo Valmont"],
}


def card_titles(page: str) -> list[tuple[str, str]]:
    return [(href, html.unescape(title)) for href, title in
            re.findall(r'<h2 id="[^"]*"><a href="([^"]+)/">([^<]+)</a>', article(page))]


@pytest.mark.parametrize("language", LANGUAGES)
def test_overviews_sort_by_each_languages_titles_and_keep_the_editors_order(
        valmont_built: Path, language: str) -> None:
    assert [title for _, title in card_titles(read(valmont_built, language, "actors/"))] == ACTORS[language]
    # The scenarios have an `order` that no alphabet gives: every language keeps it.
    assert [href for href, _ in card_titles(read(valmont_built, language, "scenarios/"))] == [
        "recours", "fermeture-definitive", "retour-des-voitures"]


# -- 2. every string a reader sees is in the page's language --------------------------------

INTERFACE = {
    "fr": ("Passer au thème sombre", "Passer au thème clair",
           "Notes de la rédaction\u00a0; l’article source est cité à titre de référence.",
           "Réalisé avec"),
    "en": ("Switch to the dark scheme", "Switch to the light scheme",
           "Notes by the editors; the source article is quoted for reference.", "Made with"),
    "ar": ("التبديل إلى الوضع الداكن", "التبديل إلى الوضع الفاتح",
           "ملاحظات هيئة التحرير؛ يُقتبس المقال المصدر للإحالة إليه.", "أُنجز باستخدام"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_toggle_footer_and_copyright_speak_the_pages_language(valmont_built: Path, language: str) -> None:
    to_dark, to_light, copyright, made_with = INTERFACE[language]
    for page in ("", "actors/collectif-velo/", "glossary/"):
        text = read(valmont_built, language, page)
        assert re.findall(r'<label class="md-header__button md-icon" title="([^"]*)"', text) == [
            to_dark, to_light]
        assert f'<div class="md-copyright__highlight">{html.escape(copyright, quote=False)}</div>' in text
        assert f"{made_with} <a href=" in text


def test_the_projects_theme_strings_per_language(valmont_built: Path) -> None:
    french = theme_config(read(valmont_built, "fr"))["translations"]
    assert french["search.result.placeholder"] == "Saisissez votre recherche"
    arabic = theme_config(read(valmont_built, "ar"))["translations"]
    assert arabic["search.result.one"] == "نتيجة واحدة"  # Material's own: "نتائج البحث مستند واحد"
    assert 'aria-label="اختر اللغة"' in read(valmont_built, "ar") or "اختر اللغة" in read(valmont_built, "ar")
    english = theme_config(read(valmont_built, "en"))["translations"]
    assert english["search.result.one"] == "1 matching document"


def interface_pieces(path: Path) -> set[str]:
    """The words of every interface string in a locale file, placeholders cut out."""
    pieces: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        else:
            pieces.update(piece.strip() for piece in re.split(r"\{[a-z_]+\}", str(value)))
    walk(yaml.safe_load(path.read_text("utf-8")))
    return pieces


def english_on(root: Path, language: str) -> list[str]:
    """The English interface strings (long enough to be telling) that `language` does not share."""
    own = " ".join(interface_pieces(root / "content/locales" / f"{language}.yml"))
    return sorted(piece for piece in interface_pieces(strings.LOCALES / "en.yml")
                  if len(piece) >= 8 and piece not in own)


@pytest.mark.parametrize("language", ["fr", "ar"])
@pytest.mark.parametrize("page", ["", "background/", "actors/", "actors/collectif-velo/",
                                  "scenarios/recours/", "glossary/", "source/", "about/",
                                  "about/translations/"])
def test_no_english_on_french_and_arabic_pages(valmont_built: Path, language: str, page: str) -> None:
    text = read(valmont_built, language, page)
    attributes = " ".join(re.findall(r'(?:title|aria-label)="([^"]*)"', article(text)))
    shown = visible(text) + " " + html.unescape(attributes)
    assert [piece for piece in english_on(valmont_built, language) if piece in shown] == []
    assert "A–Z" not in shown or language == "fr"


def test_references_publisher_and_note_in_the_readers_language(valmont_built: Path) -> None:
    french, english, arabic = (article(read(valmont_built, language, "about/")) for language in LANGUAGES)
    assert "Ville de Valmont, « Petit lexique" in html.unescape(french).replace("\u00a0", " ")
    assert "City of Valmont, “Petit lexique" in html.unescape(english)
    assert "بلدية فالمون، «<bdi>Petit lexique de la vie municipale</bdi>»" in html.unescape(arabic)
    assert '— <span data-no-glossary="">A booklet handed out to residents' in english
    assert '— <span data-no-glossary="">كتيّب وُزّع على السكان' in arabic
    # The one note without an Arabic text: the first listed, marked as French, on Arabic pages.
    assert '<span data-no-glossary="" lang="fr" dir="ltr">Adoptée par 19 voix contre 8.</span>' in arabic


@pytest.mark.parametrize(("language", "line"), [
    ("fr", r"\(\d,\d\xa0Mo\xa0; SHA-256 <code>"), ("en", r"\(\d\.\d MB; SHA-256 <code>"),
    ("ar", r"\(\d\.\d ميغابايت؛ SHA-256 <code>")])
def test_the_offline_copys_size_and_checksum_punctuated_as_the_language_does(
        valmont_built: Path, language: str, line: str) -> None:
    offline = re.search(r'<p class="explainer-offline">.*?</p>', read(valmont_built, language, "about/"))
    assert offline is not None and re.search(line, html.unescape(offline.group(0)))


def test_untranslated_notice_names_the_languages_in_the_readers_language(valmont_built: Path) -> None:
    page = read(valmont_built, "ar", "actors/collectif-velo/")
    assert "لم تُترجم هذه الصفحة إلى اللغة العربية بعد؛ أنت تقرأ النص الأصلي باللغة الفرنسية." in visible(page)
    assert 'data-untranslated="لم تُترجم بعد"' in page
    # The French original on an Arabic page reads left to right.
    original = re.search(r'<div dir="ltr" lang="fr">(.*?)</div>', article(page), re.DOTALL)
    assert original is not None and "<p>Le Collectif Vélo Valmont s’est félicité" in original.group(1)


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_and_direction_of_every_page(valmont_built: Path, language: str) -> None:
    site = valmont_built / "site" / ("" if language == "fr" else language)
    direction = "rtl" if language == "ar" else "ltr"
    pages = [path for path in site.rglob("index.html")
             if language != "fr" or path.relative_to(site).parts[0] not in ("en", "ar")]
    assert len(pages) == 20  # home, background, about, translation status, A–Z, 8 + 3 + 4 others
    for path in [*pages, site / "404.html"]:
        assert f'<html lang="{language}" dir="{direction}"' in path.read_text("utf-8"), path


def test_relations_point_the_way_their_lines_read(valmont_built: Path) -> None:
    arabic = article(read(valmont_built, "ar", "actors/claire-fontaine/"))
    assert re.search(r"<strong>كلير فونتين</strong> ← <span[^>]*>يقود</span> ← <a ", arabic)
    # On the untranslated page each line reads as its first name is written: French, left to right.
    fallback = article(read(valmont_built, "ar", "actors/collectif-velo/"))
    assert re.search(r"<strong>Collectif Vélo Valmont</strong> → <span[^>]*>يدعم</span> → <a ", fallback)
    french = article(read(valmont_built, "fr", "actors/claire-fontaine/"))
    assert re.search(r"<strong>Claire Fontaine</strong> → <span[^>]*>dirige</span> → <a ", french)



def test_a_pair_of_relations_saying_the_same_is_one_line_both_ways(valmont: Path) -> None:
    # Valmont Demain is an opponent of the mayor; she opposes them too: one line, ↔, both sources.
    edit(valmont / "content/actors/claire-fontaine.fr.md", "relations:\n",
         "relations:\n  - type: opposes\n    actor: valmont-demain\n    sources:\n"
         "      - paragraph: p12\n")
    result = run_cli("-f", valmont / "mkdocs.yml", "build")
    assert result.code == 0, result.err
    for language, mayor, group in (("fr", "Claire Fontaine", "Valmont Demain"),
                                   ("ar", "كلير فونتين", "فالمون الغد")):
        for page, other in (("claire-fontaine", group), ("valmont-demain", mayor)):
            lines = [line for line in article(read(valmont, language, f"actors/{page}/")).split("<li>")
                     if 'class="explainer-relation"' in line and other in line]
            assert len(lines) == 1 and lines[0].count("↔") == 2, (language, page, lines)
            assert "#p11" in lines[0] and "#p12" in lines[0], lines[0]

# -- 3. no glossary links where they do not belong -------------------------------------------

def test_no_links_in_references_titles_of_works_or_citations(valmont_built: Path) -> None:
    for language in LANGUAGES:
        about = article(read(valmont_built, language, "about/"))
        # "ouvrage d’art", "œdomètre", "Délibération" are terms; here they are in titles.
        assert "explainer-term" not in about, language
        for page in ("", "background/", "glossary/", "actors/conseil-municipal/"):
            text = article(read(valmont_built, language, page))
            for cite in re.findall(r"<cite\b.*?</cite>", text, re.DOTALL):
                assert "<a " not in cite, (language, page, cite)
            for tooltip in re.findall(r'class="explainer-cite[^"]*"[^>]*title="([^"]*)"', text):
                assert "<a" not in html.unescape(tooltip)
    # The French resolution's own title is a title: its "Délibération" is not linked, the
    # next "délibération" in running text is.
    council = article(read(valmont_built, "fr", "actors/conseil-municipal/"))
    assert term_links(read(valmont_built, "fr", "actors/conseil-municipal/")) == [
        ("délibération", "deliberation")]
    assert "<cite>Délibération n°&nbsp;2023-041</cite>" in council


def test_no_link_inside_a_quote_in_another_language(valmont_built: Path) -> None:
    home = read(valmont_built, "en")
    assert '<q lang="fr">zone de rencontre</q>' in article(home)  # a form of the term, not linked
    assert ("shared zone", "zone-de-rencontre") in term_links(home)  # the next occurrence is


def test_the_longest_name_wins(valmont_built: Path) -> None:
    # "agglomération" is a term; "Transports de l’agglomération valmontaise" an actor's name.
    for language in ("fr", "en"):
        background = read(valmont_built, language, "background/")
        assert "Transports de l’agglomération valmontaise" in visible(background)
        assert "agglomeration" not in [term for _, term in term_links(background)]
    arabic = read(valmont_built, "ar", "background/")
    assert "شركة النقل في التجمّع الحضري لفالمون" in visible(arabic)
    assert "agglomeration" not in [term for _, term in term_links(arabic)]
    # "deputy mayor" is a term of its own, not "mayor" after "deputy".
    links = term_links(read(valmont_built, "en"))
    assert ("deputy mayor", "adjoint-au-maire") in links and links.count(("mayor", "maire")) == 1


# -- 4. the translated inserted headline; 5. the home page's title --------------------------

@pytest.mark.parametrize(("language", "headline"), [
    ("en", "Valmont: municipal swimming pool to reopen in September"),
    ("ar", "فالمون: المسبح البلدي يعيد فتح أبوابه في سبتمبر"),
])
def test_translated_inserted_headline(valmont_built: Path, language: str, headline: str) -> None:
    aside = re.search(r'<aside class="explainer-inserted" id="h1">(.*?)</aside>',
                      read(valmont_built, language, "source/"))
    assert aside is not None
    assert f'<span lang="{language}">{headline}</span>' in aside.group(1)
    assert ("<span class=\"explainer-original\" lang=\"fr\" dir=\"ltr\">" if language == "ar" else
            '<span class="explainer-original" lang="fr">') + \
        "Valmont&nbsp;: la piscine municipale rouvrira en septembre</span>" in aside.group(1)


@pytest.mark.parametrize(("language", "title"), [
    ("fr", "Pont Saint-Michel\u00a0: Valmont ferme son vieux pont aux voitures"),
    ("en", "Saint-Michel bridge: Valmont closes its old bridge to cars"),
    ("ar", "جسر سان ميشال: فالمون تغلق جسرها القديم أمام السيارات"),
])
def test_home_page_title_once(valmont_built: Path, language: str, title: str) -> None:
    page = read(valmont_built, language)
    assert re.findall(r"<title>([^<]*)</title>", page) == [html.escape(title, quote=False)]
    assert f"{title} - " not in html.unescape(read(valmont_built, language, "glossary/")).replace(
        f"- {title}", "")


@pytest.mark.parametrize(("language", "title", "as_of"), [
    ("fr", "L’essentiel", "Situation\u00a0: avril 2023"), ("en", "In brief", "As of April 2023"),
    ("ar", "باختصار", "حتى أبريل 2023"),
])
def test_home_page_leads_with_its_key_points(valmont_built: Path, language: str, title: str,
                                             as_of: str) -> None:
    article = html.unescape(read(valmont_built, language).split("<article", 1)[1])
    found = re.search(r"</h1>\s*<section [^>]*class=\"explainer-keypoints\"[^>]*>\s*"
                      r"<h2 id=\"key-points\">([^<]*)",
                      article)
    assert found is not None and found[1] == title
    box = article.split('class="explainer-keypoints"', 1)[1].split("</section>", 1)[0]
    assert f'<time datetime="2023-04">{as_of}</time>' in box
    points = re.findall(r"<li>(.*?)</li>", box, re.S)
    assert len(points) == 3 and all('class="explainer-cite"' in point for point in points)


# -- 6. dates as each language's newspapers write them ----------------------------------------

@pytest.mark.parametrize(("language", "dates", "not_written"), [
    ("en", ["13 April 2023", "1 July 2023", "November 2021"], ["April 13, 2023", "July 1, 2023"]),
    ("fr", ["13 avril 2023", "1er juillet 2023", "novembre 2021"], ["1 juillet 2023"]),
    ("ar", ["13 أبريل 2023", "1 يوليو 2023", "نوفمبر 2021"], []),
])
def test_dates(valmont_built: Path, language: str, dates: list[str], not_written: list[str]) -> None:
    background = read(valmont_built, language, "background/")
    timeline = re.findall(r'<time datetime="[^"]+">([^<]+)</time>', background)
    for date in dates:
        assert date in timeline
    for date in not_written:
        assert date not in background


# -- 7. a relation type of the project's own ------------------------------------------------

@pytest.mark.parametrize(("language", "label"), [("fr", "finance"), ("en", "funds"), ("ar", "يموّل")])
def test_own_relation_type_labelled_per_language(valmont_built: Path, language: str, label: str) -> None:
    for page in ("actors/departement/", "actors/conseil-municipal/"):
        assert f'data-relation="funds">{label}</span>' in read(valmont_built, language, page)
    overview = read(valmont_built, language, "actors/")
    assert f">{label}</text>" in overview  # on its link and in the legend of the picture


# -- 8. translation status without git ------------------------------------------------------

def test_status_shows_what_changed_without_git(valmont: Path) -> None:
    assert not (valmont / ".git").exists()
    original = valmont / "content/actors/claire-fontaine.fr.md"
    edit(original, "qui défend la fermeture", "qui a fait voter la fermeture")
    os.utime(original, (1714642200, 1714642200))  # saved on 2024-05-02
    result = run_cli("-f", valmont / "mkdocs.yml", "status")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert "en: 32 up to date, 1 outdated, 0 missing" in lines
    assert "ar: 31 up to date, 1 outdated, 1 missing" in lines
    assert "  outdated   content/actors/claire-fontaine.ar.md (original changed 2024-05-02)" in lines
    assert "  missing    content/actors/collectif-velo.ar.md" in lines
    assert ('      -summary: "Maire de Valmont, qui défend la fermeture du pont Saint-Michel aux '
            'voitures."') in lines
    assert ('      +summary: "Maire de Valmont, qui a fait voter la fermeture du pont Saint-Michel aux '
            'voitures."') in lines
    # Readers see it, dated, in their language.
    assert run_cli("-f", valmont / "mkdocs.yml", "build").code == 0
    assert "The French original of this page changed on 2 May 2024" in visible(
        read(valmont, "en", "actors/claire-fontaine/"))
    assert "تغيّر النص الأصلي لهذه الصفحة (باللغة الفرنسية) في 2 مايو 2024" in visible(
        read(valmont, "ar", "actors/claire-fontaine/"))


# -- 9. messages in an editor's words ---------------------------------------------------------

HOME = "content/pages/home.fr.md"


def test_a_title_in_french_typography_is_explained(valmont: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(valmont / HOME, 'title: "Pont Saint-Michel\u00a0: Valmont ferme son vieux pont aux voitures"',
         "title: Pont Saint-Michel : Valmont ferme son vieux pont aux voitures")
    assert check(valmont, capsys) == (1, [
        f"{HOME}:2: title: a colon followed by a space inside a value makes YAML read a second field "
        '(expected the value in double quotes: title: "Pont Saint-Michel : Valmont ferme son vieux '
        'pont aux voitures")', summary(1)])


def test_an_unclosed_quote_in_a_translated_home_page(
        valmont: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(valmont / "content/pages/home.ar.md", 'title: "', 'title: "«')
    edit(valmont / "content/pages/home.ar.md", 'السيارات"', "السيارات")
    code, lines = check(valmont, capsys)
    assert (code, lines) == (1, [
        'content/pages/home.ar.md:2: the quote " opened here is never closed (expected a closing " at '
        "the end of the value)", summary(1)])


def test_unknown_ids_and_fields_in_plain_words(valmont: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(valmont / "content/actors/elodie-marchand.fr.md", "actor: coeur-de-valmont", "actor: coeur-valmont")
    edit(valmont / "content/actors/elodie-marchand.ar.md", "(actor:coeur-de-valmont)", "(actor:coeur)")
    edit(valmont / "content/actors/elodie-marchand.en.md", "role:", "kind: person\nrole:")
    edit(valmont / "content/glossary/pile.ar.md", "forms:", "couleur: bleu\nforms:")
    actors = ("claire-fontaine, coeur-de-valmont, collectif-velo, conseil-municipal, departement, "
              "elodie-marchand, tav, valmont-demain")
    assert check(valmont, capsys) == (1, [
        f"content/actors/elodie-marchand.ar.md:9: body: link to unknown actor 'coeur' (expected one of: "
        f"{actors})",
        "content/actors/elodie-marchand.en.md:4: kind: language-neutral field in a translation "
        "(expected it only in content/actors/elodie-marchand.fr.md)",
        f"content/actors/elodie-marchand.fr.md:10: relations[0].actor: unknown actor 'coeur-valmont' "
        f"(expected one of: {actors})",
        # A translation's own fields, and only those.
        "content/glossary/pile.ar.md:4: couleur: unknown field (expected one of: forms, summary, title, "
        "translated_from)",
        summary(4)])


# Adding and removing a language (it says what it did, keeps the files): in test_translations,
# on this project too.


# -- 10. a locator map from ISO codes, in every language ------------------------------------

@pytest.mark.parametrize(("language", "focus", "group", "members"), [
    ("fr", "France", "Pays où travaillent les frontaliers de Valmont", "Luxembourg, Belgique"),
    ("en", "France", "Where Valmont’s cross-border commuters work", "Luxembourg, Belgium"),
    ("ar", "فرنسا", "البلدان التي يعمل فيها العمال الحدوديون من فالمون", "لوكسمبورغ، بلجيكا"),
])
def test_locator_map_in_every_language(valmont_built: Path, language: str, focus: str, group: str,
                                       members: str) -> None:
    page = read(valmont_built, language, "background/")
    figure = re.search(r'<svg[^>]*class="[^"]*explainer-map.*?</svg>', page, re.DOTALL)
    assert figure is not None
    svg = html.unescape(figure.group(0))
    assert len(re.findall(r"<path ", svg)) > 10  # the shapes that ship with the generator
    # The focus country named on the map in bold, and the group in the legend.
    assert re.search(rf'class="explainer-map-label"[^>]*font-weight="700">{re.escape(focus)}</text>', svg)
    assert f">{group}</text>" in svg
    assert f"{group}: {members}" in svg or f"{group}\u00a0: {members}" in svg


# -- right to left in a real browser ---------------------------------------------------------

@pytest.fixture(scope="module")
def site(valmont_built: Path) -> Iterator[str]:
    from .browser import serve

    with serve(valmont_built / "site") as url:
        yield url


def box(page: Page, selector: str) -> list[dict[str, float]]:
    return page.locator(selector).evaluate_all(
        "nodes => nodes.map(node => { const r = node.getBoundingClientRect(); "
        "return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; })")


def test_arabic_figures_keep_their_labels_clear_of_the_drawing(site: str, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site + "ar/background/")
    axis = box(page, "svg.explainer-timeline-figure.explainer-wide line.explainer-axis")[0]
    dates = box(page, "svg.explainer-timeline-figure.explainer-wide .explainer-when")
    titles = box(page, "svg.explainer-timeline-figure.explainer-wide text:not([class])")
    assert len(dates) == 6 and len(titles) >= 6  # a long title may take two lines
    assert all(date["right"] <= axis["left"] for date in dates)  # the dates left of the axis
    assert all(title["left"] >= axis["right"] for title in titles)  # the events right of it
    swatches = box(page, 'svg.explainer-map.explainer-wide rect[width="22"]')  # the legend's keys
    texts = box(page, "svg.explainer-map.explainer-wide text")
    beside = [text for text in texts if any(
        abs(text["top"] + text["bottom"] - swatch["top"] - swatch["bottom"]) < 12 for swatch in swatches)]
    assert len(beside) >= 2 and all(text["left"] >= max(s["right"] for s in swatches) for text in beside)
    # The timeline's rule runs down the right-hand side, where Arabic lines start.
    rule = page.locator("ol.explainer-timeline").evaluate(
        "node => [getComputedStyle(node).borderRightWidth, getComputedStyle(node).borderLeftWidth]")
    assert rule == ["2px", "0px"]
    page.close()


def text_boxes(page: Page, selector: str) -> list[dict[str, float]]:
    """Where the text of each element matching `selector` is drawn (not the element's box)."""
    return page.locator(selector).evaluate_all(
        "nodes => nodes.map(node => { const range = document.createRange(); "
        "range.selectNodeContents(node); const r = range.getClientRects()[0]; "
        "return {left: r.left, right: r.right}; })")


def test_a_french_original_on_an_arabic_page_reads_left_to_right(site: str, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 900})
    page.goto(site + "ar/actors/collectif-velo/")
    content = page.locator("article").evaluate(
        "node => { const r = node.getBoundingClientRect(); return {left: r.left, right: r.right}; }")
    # French paragraphs start at the left edge; the Arabic headings among them at the right one.
    paragraphs = text_boxes(page, 'article div[lang="fr"] > p:not(.explainer-role)')
    headings = text_boxes(page, 'article div[lang="fr"] > h2')
    assert len(paragraphs) >= 1 and len(headings) >= 2
    assert all(box["left"] - content["left"] < 30 for box in paragraphs)
    assert all(content["right"] - box["right"] < 60 for box in headings)
    # A French quote among Arabic text: marks that open and close left to right.
    page.goto(site + "ar/actors/claire-fontaine/")
    assert page.locator('article q[lang="fr"]').first.evaluate("node => getComputedStyle(node).quotes") \
        == '"“" "”" "‘" "’"'
    page.close()


@pytest.mark.parametrize(("prefix", "archived"), [("", "copie archivée"), ("en/", "archived copy"),
                                                  ("ar/", "نسخة مؤرشفة")])
def test_a_reference_links_to_the_work_and_to_its_archived_copy(site: str, browser: Browser, prefix: str,
                                                               archived: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}{prefix}about/")
    entry = page.locator("li:has(> #ref-deliberation-2023-041)")
    links = entry.locator("a").evaluate_all("nodes => nodes.map(node => [node.textContent, node.href])")
    assert len(links) == 2, links
    assert "2023-041" in links[0][0] and links[0][1] == "https://www.valmont.example/deliberations/2023-041"
    assert links[1] == [archived, "https://archive.valmont.example/2023/deliberation-2023-041"]
    # A reference with neither is plain text, not a link.
    assert page.locator("li:has(> #ref-lexique-municipal) a").count() == 0
    context.close()


@pytest.mark.parametrize(("prefix", "title", "filed"), [
    ("", "Index de A à Z", {"Étaiement": "E", "Œdomètre": "O", "Enquête publique": "E"}),
    ("en/", "A–Z index", {"Oedometer": "O"}),
    ("ar/", "الفهرس الأبجدي", {}),
])
def test_without_javascript_the_header_links_an_a_to_z_in_the_languages_order(
        site: str, browser: Browser, prefix: str, title: str, filed: dict[str, str]) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{site}{prefix}glossary/")
    link = page.locator(f"header a.explainer-index-link[aria-label='{title}']")
    box = link.bounding_box()
    assert link.is_visible() and box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    link.click()
    assert page.locator("h1").inner_text() == title
    # Under each letter heading, the titles filed there, in the language's order.
    groups = page.locator("article h2").evaluate_all(
        "nodes => nodes.map(node => [node.firstChild.textContent.trim(),"
        " Array.from(node.nextElementSibling.querySelectorAll(':scope > li > a'), a => a.textContent)])")
    letters = page.locator("nav.explainer-letters a").all_inner_texts()
    assert [letter for letter, _ in groups] == letters
    under = {entry: letter for letter, entries in groups for entry in entries}
    for entry, letter in filed.items():
        assert under[entry] == letter, (entry, under.get(entry))
    titles = [entry for _, entries in groups for entry in entries]
    collator = icu.Collator.createInstance(icu.Locale(prefix.strip("/") or "fr"))
    assert titles == sorted(titles, key=collator.getSortKey)
    # Every actor, scenario and term of the project is there.
    content = Path(__file__).parent / "fixtures/valmont/content"
    folders = ("actors", "scenarios", "glossary")
    notes = [note for folder in folders for note in (content / folder).glob("*.fr.md")]
    assert len(titles) == 7 + len(notes)  # six sections and the translations status page
    context.close()
