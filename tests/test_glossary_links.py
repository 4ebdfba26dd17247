"""Glossary links, made by the Markdown extension: a page's Markdown and the HTML a reader gets.

In the style of Python-Markdown's ``assertMarkdownRenders``: each test gives the
Markdown of a page and the HTML Python-Markdown makes of it with the extension (the
shipped extensions attr_list and md_in_html beside it). Links in the document tree go
to the glossary as a Markdown link (``../glossary/index.md#id``, which the engine
resolves); links inside raw HTML go to its URL (``../glossary/#id``). The pages here
are at ``background/index.md`` unless a test says otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path
from textwrap import dedent
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from build_scripts.render import glossary_links, raw_blocks, term_links
from build_scripts.render.glossary_links import GlossaryExtension, addresses, page_reference
from build_scripts.render.glossary_terms import WORD, Glossary, Term, alternation

ROOT = Path(__file__).resolve().parent.parent
PAGE = "background/index.md"

NL = [
    Term("nato", ["NAVO"], "Bondgenootschap."),
    Term("belarus", ["Wit-Rusland", "Wit-Russische", "Belarus"], "Land."),
    Term("velvet-revolution", ["fluwelen Armeense revolutie", "fluwelen revolutie"], "Armenië, 2018."),
    Term("revolution", ["revolutie", "revoluties"], "Omwenteling."),
    Term("sanctions", ["sancties", "sanctie", "Sancties"], "Strafmaatregelen."),
]
RU = [
    Term("kremlin", ["Кремль", "Кремля", "Кремлю", "Кремлём", "Кремлем", "Кремле"], "Крепость."),
    Term("minsk", ["Минск", "Минска", "Минску", "Минском", "Минске"], "Столица."),
    Term("white-red-white-flag", ["бело-красно-белый флаг", "бело-красно-белые флаги"], "Флаг."),
]
BE = [Term("kremlin", ["Крэмль", "Крамля", "Крамлю", "Крамлём", "Крамлі"], "Крэпасць.")]


def convert(source: str, terms: Sequence[Any] = NL, *, glossary: bool = True, **options: Any) -> str:
    """The HTML Python-Markdown makes of `source` (dedented), with or without glossary links."""
    extensions: list[Any] = ["attr_list", "md_in_html"]
    if glossary:
        extensions.append(GlossaryExtension(terms=list(terms), **{"page": PAGE, **options}))
    return markdown.Markdown(extensions=extensions).convert(dedent(source))


def link(term_id: str, text: str, title: str, *, raw: bool = False, href: str = "") -> str:
    """A glossary link as the extension writes it: in the tree, or (`raw`) inside raw HTML."""
    href = href or (f"../glossary/#{term_id}" if raw else f"../glossary/index.md#{term_id}")
    return f'<a class="explainer-term" href="{href}" title="{title}">{text}</a>'


def assert_links(source: str, expected: str, terms: Sequence[Any] = NL, **options: Any) -> None:
    """The page `source`, converted, reads `expected` (both dedented)."""
    assert convert(source, terms, **options) == dedent(expected).strip("\n")


LINKED_NAVO = link("nato", "NAVO", "Bondgenootschap.")
RAW_NAVO = link("nato", "NAVO", "Bondgenootschap.", raw=True)
LINKED_BELARUS = link("belarus", "Wit-Rusland", "Land.")
RAW_BELARUS = link("belarus", "Wit-Rusland", "Land.", raw=True)
VELVET = link("velvet-revolution", "fluwelen Armeense revolutie", "Armenië, 2018.")


# -- which occurrence ------------------------------------------------------------------------


def test_only_the_first_occurrence_of_a_term_links() -> None:
    assert_links(
        """
        De NAVO en Wit-Rusland.

        Weer de NAVO, en Wit-Rusland, en Belarus.
        """,
        f"""
        <p>De {LINKED_NAVO} en {LINKED_BELARUS}.</p>
        <p>Weer de NAVO, en Wit-Rusland, en Belarus.</p>
        """,
    )


def test_each_page_starts_afresh() -> None:
    # One Markdown (and extension) per page, as engines make them, from one configuration.
    extension = GlossaryExtension(terms=NL, page=PAGE)
    pages = [markdown.Markdown(extensions=[extension]).convert("NAVO") for _ in range(2)]
    assert pages == [f"<p>{LINKED_NAVO}</p>"] * 2


def test_the_longest_form_at_a_position_wins() -> None:
    assert_links("De fluwelen Armeense revolutie was een revolutie.",
                 f'<p>De {VELVET} was een '
                 f'{link("revolution", "revolutie", "Omwenteling.")}.</p>')


def test_a_longer_form_uses_up_its_words_even_where_its_term_is_not_linked() -> None:
    # The second "fluwelen Armeense revolutie" stays plain, and its last word is not
    # linked to the other term either: the reader sees one name, not a word of it.
    assert_links("De fluwelen Armeense revolutie; weer de fluwelen Armeense revolutie. Een revolutie.",
                 f'<p>De {VELVET}; '
                 "weer de fluwelen Armeense revolutie. Een "
                 f'{link("revolution", "revolutie", "Omwenteling.")}.</p>')


@pytest.mark.parametrize(("source", "expected"), [
    # "sancties" is listed, "sanctiesysteem" is not: the plain "sanctie" must not link inside it.
    pytest.param("Het sanctiesysteem en de sanctie.",
                 f'Het sanctiesysteem en de {link("sanctions", "sanctie", "Strafmaatregelen.")}.',
                 id="a shorter form matches where the longer is not a whole word"),
    pytest.param("navo, Navo, sancties", f'navo, Navo, {link("sanctions", "sancties", "Strafmaatregelen.")}',
                 id="forms are case-sensitive as listed"),
])
def test_which_words_link(source: str, expected: str) -> None:
    assert_links(source, f"<p>{expected}</p>")


def test_a_space_in_a_form_matches_a_line_break_or_several_spaces() -> None:
    linked = link("velvet-revolution", "fluwelen\n   revolutie", "Armenië, 2018.")
    assert_links("De fluwelen\n   revolutie.", f"<p>De {linked}.</p>")


# -- where links may not go ------------------------------------------------------------------


@pytest.mark.parametrize("excluded", [
    "# NAVO { #navo }",
    "## De NAVO",
    "###### NAVO",
    "[NAVO](https://www.nato.int/)",
    "`NAVO`",
    "    NAVO",  # a code block
    "<kbd>NAVO</kbd>",
    '<script>var x = "NAVO";</script>',
    "<style>/* NAVO */</style>",
    '<time datetime="1949-04-04">NAVO</time>',
    '<span class="explainer-cite">NAVO</span>',
    '<a class="explainer-cite" href="../source/#p4" title="NAVO">¶4 NAVO</a>',
    "*NAVO*\n{: .note .explainer-cite }",
    "<div data-no-glossary><p>Een <span>lid van de</span> NAVO</p></div>",
    "<div data-no-glossary markdown>\n\nEen <span>lid van de</span> NAVO\n\n</div>",
    '<aside data-no-glossary="">NAVO</aside>',
    "Een <span data-no-glossary>lid van de *NAVO*</span>",
])
def test_no_link_inside_excluded_elements_and_the_next_occurrence_links(excluded: str) -> None:
    source = f"{excluded}\n\nNAVO"
    before, found, after = convert(source, glossary=False).rpartition("<p>NAVO</p>")
    assert found
    assert convert(source) == f"{before}<p>{LINKED_NAVO}</p>{after}"


@pytest.mark.parametrize(("source", "expected"), [
    ("`NAVO` en <span>de NAVO</span>", f"<code>NAVO</code> en <span>de {LINKED_NAVO}</span>"),
    ("<span data-no-glossary>de NAVO</span> en NAVO",
     f"<span data-no-glossary>de NAVO</span> en {LINKED_NAVO}"),
    # A raw element left open closes with the element around it, as in a browser.
    ("*<span data-no-glossary>de NAVO* en NAVO", f"<em><span data-no-glossary>de NAVO</em> en {LINKED_NAVO}"),
])
def test_the_exclusion_ends_with_its_element(source: str, expected: str) -> None:
    assert_links(source, f"<p>{expected}</p>")


def test_inline_formatting_is_not_excluded() -> None:
    assert_links("*NAVO*-troepen", f"<p><em>{LINKED_NAVO}</em>-troepen</p>")


@pytest.mark.parametrize("editors_link", [
    "[het bondgenootschap](../glossary/index.md#nato)",  # what (term:nato) becomes
    '<a href="../glossary/#nato">het bondgenootschap</a>',  # a raw link to its URL
    '<a HREF="../glossary/#n&#97;to">het bondgenootschap</a>',
])
def test_an_editors_link_to_the_term_is_its_first_occurrence(editors_link: str) -> None:
    source = f"{editors_link} en later de NAVO."
    assert convert(source) == convert(source, glossary=False)


def test_a_link_elsewhere_does_not_count_as_an_occurrence() -> None:
    assert_links("[NAVO](../actors/nato.md) en NAVO",
                 f'<p><a href="../actors/nato.md">NAVO</a> en {LINKED_NAVO}</p>')


def test_linking_twice_adds_no_links() -> None:
    # The HTML of a linked page, read again as a page: every link is there already.
    once = convert("NAVO en NAVO-troepen, sancties en de fluwelen revolutie.")
    assert convert(once) == once


# -- scripts and word boundaries ---------------------------------------------------------------


def test_russian_inflected_forms_link_as_whole_words() -> None:
    assert_links("Кремлёвский дворец. Помощь Кремля, ответ Кремлю; Минская область и Минск.",
                 f'<p>Кремлёвский дворец. Помощь {link("kremlin", "Кремля", "Крепость.")}, ответ Кремлю; '
                 f'Минская область и {link("minsk", "Минск", "Столица.")}.</p>', RU)


def test_a_russian_stress_mark_belongs_to_its_word() -> None:
    # "Кремля́" with a combining accent is not the listed form: no link that cuts off the accent.
    assert_links("Кремля\u0301 и Кремле",
                 f'<p>Кремля\u0301 и {link("kremlin", "Кремле", "Крепость.")}</p>', RU)


def test_russian_hyphenated_forms_match_whole() -> None:
    assert_links("Они несли бело-красно-белые флаги.",
                 f'<p>Они несли {link("white-red-white-flag", "бело-красно-белые флаги", "Флаг.")}.</p>', RU)


def test_belarusian_inflected_forms() -> None:
    assert_links("Крамлёўская сцяна. Пазіцыя Крамля і Крамлю.",
                 f'<p>Крамлёўская сцяна. Пазіцыя {link("kremlin", "Крамля", "Крэпасць.")} і Крамлю.</p>', BE)


@pytest.mark.parametrize(("text", "expected"), [
    # A listed form followed by a hyphen: the NAVO of a Dutch compound links.
    ("NAVO-troepen", f"{LINKED_NAVO}-troepen"),
    ("het NAVO-verdrag", f"het {LINKED_NAVO}-verdrag"),
    ("anti-NAVO-betoging", f"anti-{LINKED_NAVO}-betoging"),
    ("de NAVO's", f"de {LINKED_NAVO}'s"),
    # Written as one word, the compound is another word: editors list it if they mean it.
    ("NAVOtroepen", "NAVOtroepen"),
    ("NAVO2", "NAVO2"),
    ("NAVO_x", "NAVO_x"),
    ("xNAVO", "xNAVO"),
    ("NAVO\u00adtroepen", "NAVO\u00adtroepen"),  # a soft hyphen is invisible: one word
])
def test_dutch_compounds(text: str, expected: str) -> None:
    assert_links(text, f"<p>{expected}</p>")


def test_a_form_with_a_hyphen_matches_whole_and_before_its_parts() -> None:
    assert_links("Wit-Russische betogers in Wit-Rusland. Wit.",
                 f'<p>{link("belarus", "Wit-Russische", "Land.")} betogers in Wit-Rusland. '
                 f'{link("wit", "Wit", "Kleur.")}.</p>', [Term("wit", ["Wit"], "Kleur."), *NL])


# -- the glossary page: no term links to itself ------------------------------------------------


def test_skipped_terms_are_not_linked() -> None:
    assert_links("NAVO en sancties", f'<p>NAVO en {link("sanctions", "sancties", "Strafmaatregelen.")}</p>',
                 skip=["nato"])


def test_on_the_glossary_page_no_term_links_inside_its_own_entry() -> None:
    # The page says where it is (as every generated page does); links stay on the page.
    assert_links(
        """
        [explainer-page]: # (glossary/index.md)

        # Woordenlijst

        ## NAVO { #nato }

        De NAVO legt sancties op; Wit-Rusland is geen lid.

        ### Geschiedenis

        De NAVO werd in 1949 opgericht.

        ## Wit-Rusland { #belarus }

        Wit-Rusland grenst aan de NAVO.
        """,
        f"""
        <h1>Woordenlijst</h1>
        <h2 id="nato">NAVO</h2>
        <p>De NAVO legt {link("sanctions", "sancties", "Strafmaatregelen.", href="index.md#sanctions")} op; {link("belarus", "Wit-Rusland", "Land.", href="index.md#belarus")} is geen lid.</p>
        <h3>Geschiedenis</h3>
        <p>De NAVO werd in 1949 opgericht.</p>
        <h2 id="belarus">Wit-Rusland</h2>
        <p>Wit-Rusland grenst aan de {link("nato", "NAVO", "Bondgenootschap.", href="index.md#nato")}.</p>
        """,  # noqa: E501
    )


def test_an_entry_shown_in_the_original_language_is_still_its_own_entry() -> None:
    # A translation that is missing wraps the entry, heading included, in a <div lang>.
    assert_links(
        """
        <div lang="nl" markdown>

        ## NAVO { #nato }

        De NAVO.

        </div>

        ## X { #x }

        NAVO
        """,
        f"""
        <div lang="nl">
        <h2 id="nato">NAVO</h2>
        <p>De NAVO.</p>
        </div>
        <h2 id="x">X</h2>
        <p>{link("nato", "NAVO", "Bondgenootschap.", href="index.md#nato")}</p>
        """,
        page="glossary/index.md",
    )


# -- where a page is: the link goes to the glossary from there ---------------------------------


@pytest.mark.parametrize(("page", "in_tree", "in_raw_html"), [
    ("index.md", "glossary/index.md#nato", "glossary/#nato"),
    ("background/index.md", "../glossary/index.md#nato", "../glossary/#nato"),
    ("actors/putin.md", "../glossary/index.md#nato", "../../glossary/#nato"),
    ("glossary/index.md", "index.md#nato", "./#nato"),
])
def test_the_link_goes_to_the_glossary_from_where_the_page_says_it_is(
    page: str, in_tree: str, in_raw_html: str
) -> None:
    source = f"{page_reference(page)}\n\nNAVO\n\n<p>Wit-Rusland</p>"
    assert convert(source, page="elsewhere/x.md") == (
        f'<p>{link("nato", "NAVO", "Bondgenootschap.", href=in_tree)}</p>\n'
        f'<p>{link("belarus", "Wit-Rusland", "Land.", href=in_raw_html.replace("nato", "belarus"))}</p>')
    # An editor's link in either form counts as the first occurrence there.
    for href in (in_tree, in_raw_html):
        linked = f"{page_reference(page)}\n\n<a href=\"{href}\">het</a> NAVO"
        assert "explainer-term" not in convert(linked)


def test_addresses_of_the_glossary() -> None:
    assert addresses("actors/putin.md", "glossary/index.md") == ("../glossary/index.md", "../../glossary/")
    assert addresses("index.md", "glossary/index.md") == ("glossary/index.md", "glossary/")


# -- the HTML is kept as it was ----------------------------------------------------------------


def test_character_references_are_kept_byte_for_byte() -> None:
    source = "Tom &amp; Jerry &quot;NAVO&quot; &#8212; &eacute;&#xE9;&nbsp;&lt;b&gt; &amp"
    assert convert(source) == convert(source, glossary=False).replace("NAVO", LINKED_NAVO)
    raw = f"<p>{source}</p>"
    assert convert(raw) == raw.replace("NAVO", RAW_NAVO)


def test_forms_match_across_character_references_and_keep_them() -> None:
    terms = [Term("pg", ["Procter & Gamble"], "Bedrijf."), *NL]
    source = "Procter &amp; Gamble, de fluwelen&nbsp;revolutie en de &#78;AVO."
    expected = (f'{link("pg", "Procter &amp; Gamble", "Bedrijf.")}, '
                f'de {link("velvet-revolution", "fluwelen&nbsp;revolutie", "Armenië, 2018.")} en de '
                f'{link("nato", "&#78;AVO", "Bondgenootschap.")}.')
    assert_links(source, f"<p>{expected}</p>", terms)
    # In raw HTML too, and a backslash escape is its character.
    assert_links(f"<p>{source}</p>", f"<p>{expected.replace('index.md', '')}</p>", terms)
    assert_links(r"In Wit\-Rusland", f"<p>In {LINKED_BELARUS}</p>")


def test_attributes_are_untouched() -> None:
    source = """<p class='a  b' title=NAVO data-x="NAVO &amp; &quot;co&quot;" hidden>NAVO</p>"""
    assert_links(source, source.replace(">NAVO<", f">{RAW_NAVO}<"))


class _Links(HTMLParser):
    """The title and href attributes of the links a browser would see."""

    def __init__(self) -> None:
        super().__init__()
        self.titles: list[str | None] = []
        self.hrefs: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.titles.append(dict(attrs).get("title"))
            self.hrefs.append(dict(attrs).get("href"))


@pytest.mark.parametrize("summary", [
    """Het "bondgenootschap" <sinds 1949> & 'co'""", "Tom &amp; Jerry, &lt;b&gt; &nbsp; en &#78;",
])
def test_the_title_is_escaped_and_reads_as_the_summary(summary: str) -> None:
    linked = convert("NAVO\n\n<p>Wit-Rusland</p>",
                     [Term("nato", ["NAVO"], summary), Term("belarus", ["Wit-Rusland"], summary)])
    parser = _Links()
    parser.feed(linked)
    assert parser.titles == [summary, summary]
    assert parser.hrefs == ["../glossary/index.md#nato", "../glossary/#belarus"]


def test_a_multi_line_summary_is_one_line_in_the_title_and_no_summary_no_title() -> None:
    terms = [Term("nato", "NAVO", "Een\n  bondgenootschap."), Term("eu", ["EU"])]
    assert_links("NAVO, EU", '<p><a class="explainer-term" href="../glossary/index.md#nato" '
                 'title="Een bondgenootschap.">NAVO</a>, '
                 '<a class="explainer-term" href="../glossary/index.md#eu">EU</a></p>', terms)
    assert_links("<p>EU</p>", '<p><a class="explainer-term" href="../glossary/#eu">EU</a></p>', terms)


MATERIAL_PAGE = """<!doctype html>
<html lang="nl" class="no-js">
<head>
<meta charset="utf-8"><meta name="description" content="NAVO &amp; Wit-Rusland">
<!--[if lt IE 9]><p>NAVO</p><![endif]-->
<title>Woordenlijst - Belarus</title>
<style>:root{--md-text-font:"Roboto"}</style>
<script>var __md_scope=new URL("..",location);if (a < b && c > d) { x = "</p>"; }</script>
</head>
<body dir="ltr">
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M12 2L2 7"/></svg>
<article class="md-content__inner md-typeset">
<h1 id="_1">Woordenlijst<a class="headerlink" href="#_1" title="Permanent link">&para;</a></h1>
<p>a &lt; b, 3 < 4 &amp;&amp; x; <br/>stray</span> end tag, unclosed <b>bold
<![CDATA[ raw ]]> <?php echo 1 ?>
<p>Straat&shy;naam &#x1F600; &bogus; &</p>
<input type=checkbox checked>
</article>
<script src="assets/javascripts/bundle.js"></script>
</body>
</html>
"""


def test_a_page_without_terms_is_unchanged() -> None:
    assert convert(MATERIAL_PAGE) == convert(MATERIAL_PAGE, glossary=False)
    assert convert(MATERIAL_PAGE, []) == convert(MATERIAL_PAGE, glossary=False)


def test_a_real_page_gets_links_only_in_its_text() -> None:
    page = MATERIAL_PAGE.replace("stray</span>", "stray</span> NAVO")
    expected = convert(page, glossary=False).replace("stray</span> NAVO", f"stray</span> {RAW_NAVO}")
    assert convert(page) == expected


# -- odd HTML: never an exception, never a link inside markup ----------------------------------

LINK_TO = '<a class="explainer-term" href="[^"]*" title="[^"]*">{}</a>'



@pytest.mark.parametrize(("source", "linked"), [
    # Unclosed elements and a "<" that starts no tag are text around them.
    ("<p>De NAVO <b>en <i>Wit-Rusland", ["De ", "<i>"]),
    ("<p>3 < 4 en 5 <> 6 <= NAVO</p>", ["<= "]),
    ("<p>NAVO <b", ["<p>"]),
    ('<p>NAVO</p><a href="x', ["<p>"]),
    ('<p title="NAVO>NAVO</p>', ['title="']),  # not HTML to Markdown: text, as readers see it
    # "<" and ">" inside quoted attribute values belong to the tag.
    ('<p title="a <b>NAVO</b> >">NAVO</p>', ['>">']),
    ("<img alt='NAVO > <em>NAVO</em>'><p>NAVO</p>", ["'><p>"]),
    ("""<p data-x="<" data-y='>'>NAVO</p>""", ["'>'>"]),
    # Comments, declarations, processing instructions and marked sections.
    ("<!-- NAVO --><!-- <p>NAVO</p> --><p>NAVO</p>", ["--><p>"]),
    ("<!DOCTYPE html><?php echo 'NAVO' ?><![CDATA[ NAVO ]]><!NAVO><p>NAVO</p>", ["><p>"]),
    ("<div><![if !IE]><p>NAVO</p><![endif]></div>", ["<p>"]),
    ("<div><![foo[ NAVO ]]><p>NAVO</p></div>", ["<p>"]),  # a marked section html.parser raises on
    # Script and style are raw text, up to their end tag in any case.
    ("<script>if (a < b) { s = '</p>NAVO'; }</script>\n<style>p::after { content: '<NAVO>' }</style>\n"
     "<p>NAVO</p>", ["\n<p>"]),
    ("<SCRIPT type=module>NAVO</script ><p>NAVO</p>", ["\n<p>"]),
    ("<p>NAVO</p><script>var s = 'Wit-Rusland';", ["<p>"]),
    # So are textarea and title: an end tag in them ends nothing else.
    ("<div><textarea></div>NAVO</textarea></div><p>NAVO</p>", ["</textarea></div>\n<p>"]),
    ("<div><title>NAVO <b>en</b></title><p>NAVO</p></div>", ["</title><p>"]),
    ("<textarea>NAVO", []),
    ("<div>NAVO</textarea>", ["<div>"]),
    # Character references: kept as written; a form may span them.
    ("<p>NAVO&#8217;s en Wit&#x2D;Rusland&nbsp;</p>", ["<p>", "en "]),
    ("<p>Tom & Jerry &amp NAVO &unknown; &#; &#xZZ; &</p>", ["&amp "]),
    ("<p>&#; &#; <code>NAVO</code> <img alt='NAVO'> NAVO</p>", ["'> "]),
    ("<p>&#x <span class='explainer-cite'>NAVO</span> NAVO</p>", ["</span> "]),
    # Attribute names in any case; class values as written, or behind a reference.
    ("<div DATA-NO-GLOSSARY><p>NAVO</p></div><p>NAVO</p>", ["\n<p>"]),
    ('<p CLASS="explainer&#45;cite">NAVO</p><p>NAVO</p>', ["\n<p>"]),
    ('<a href="x" title="NAVO">NAVO</a> NAVO', ["</a> "]),
    ('<a HREF="../glossary/#n&#97;to">het</a> NAVO', []),
    # What html.parser reads as text after a lone "<", a browser may read as a tag: no link.
    ("<div>x </NAVO", []),
    ("<div>x <!NAVO", []),
])
def test_odd_html_is_read_as_html(source: str, linked: list[str]) -> None:
    """`linked`: what comes just before each linked word in Markdown's HTML of `source`."""
    plain, got = convert(source, glossary=False), convert(source)
    assert unlinked(got) == plain
    pattern, done = "", 0
    for before in linked:
        at = plain.index(before, done) + len(before)
        word = re.match(r"NAVO|Wit&#x2D;Rusland|Wit-Rusland", plain[at:])
        assert word, (before, plain)
        pattern += re.escape(plain[done:at]) + LINK_TO.format(re.escape(word[0]))
        done = at + len(word[0])
    assert re.fullmatch(pattern + re.escape(plain[done:]), got), got


LINK = re.compile(r'<a class="explainer-term" href="[^"]*"(?: title="[^"]*")?>(.*?)</a>', re.DOTALL)


def unlinked(linked: str) -> str:
    """`linked` without the glossary's links (their text kept)."""
    return LINK.sub(lambda match: match.group(1), linked)


class _Placement(HTMLParser):
    """Where a browser finds each glossary link: inside what (excluded elements, other links)."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, bool]] = []
        self.bad: list[str] = []
        self.links = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("class") == "explainer-term":
            self.links += 1
            if any(excluding for _, excluding in self.open):
                self.bad.append(self.get_starttag_text() or "")
        if tag in term_links.VOID:
            return
        excluding = (tag in term_links.EXCLUDED_TAGS or term_links.NO_GLOSSARY in values
                     or not term_links.EXCLUDED_CLASSES.isdisjoint((values.get("class") or "").split()))
        self.open.append((tag, excluding))

    def handle_endtag(self, tag: str) -> None:
        names = [name for name, _ in self.open]
        if tag in names:
            del self.open[len(names) - 1 - names[::-1].index(tag):]


def assert_placed_well(source: str) -> None:
    """Linking only adds links, each where a reader's browser sees it in plain, linkable text."""
    linked = convert(source)
    assert unlinked(linked) == convert(source, glossary=False)
    placement = _Placement()
    placement.feed(linked)
    placement.close()
    assert placement.links == len(LINK.findall(linked)), (source, linked)  # none inside markup
    assert not placement.bad, (source, linked)
    assert len(LINK.findall(linked)) <= len(NL)


HTMLISH = st.lists(st.sampled_from([
    "NAVO", "Wit-Rusland", "sancties", "fluwelen", " ", "\n", "\n\n", "revolutie", "-", "x", "Кремль",
    "<p>", "</p>", "<h2>", "</h2>", "<code>", "</code>", "<em>", "</em>", '<span class="explainer-cite">',
    "</span>", "<br>", "<br/>", "<!-- NAVO -->", "&amp;", "&nbsp;", "&#78;", "&", "<", ">", "'", '"',
    '<div data-no-glossary="">', "</div>", "<script>", "</script>", "<p title='NAVO'>", "<", "</",
    "*", "`", "[", "](x)", "# ", "    ", "\\", "<div markdown>", '<span data-no-glossary>',
]), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(HTMLISH)
def test_linking_only_ever_adds_link_tags(source: str) -> None:
    assert_placed_well(source)


# Pieces of a page: text that may be linked, and markup whose text never is.
TEXT = ["NAVO", "Wit-Rusland", "sancties", "fluwelen", "revolutie", " en ", " ", "\n", "\n\n", "&amp;",
        "&nbsp;", "&#8217;", "&#x2D;", " & ", " a < b ", "&#;", "*NAVO*", "**x**"]
MARKUP = [
    "<!-- NAVO -->", "<!--NAVO<p>NAVO</p>-->", "<script>x = '</p>NAVO' < 1;</script>",
    "<style>/* NAVO */</style>", "<![CDATA[ NAVO ]]>", "<?pi NAVO ?>", "<!DOCTYPE NAVO>", "<code>NAVO</code>",
    "`NAVO`", '<h2 id="nato">NAVO</h2>', "\n\n## NAVO\n\n", '<a href="x">NAVO</a>', "[NAVO](x)",
    '<span class="explainer-cite">NAVO</span>', "<div data-no-glossary>NAVO</div>",
    "\n\n<div data-no-glossary markdown>\n\nNAVO\n\n</div>\n\n", "<textarea></p>NAVO</textarea>",
    "<title>NAVO</title>", "<svg><text>NAVO</text></svg>", """<img alt="NAVO > NAVO" title='<p>NAVO</p>'>""",
    "<p title='NAVO <b>'>", '<p class="a\nb">', "<p>", "</p>", "<em>", "</em>", "<br/>", "<hr />", "</span>",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.integers(0, 99)), max_size=30))
def test_links_go_only_around_text(pieces: list[tuple[bool, int]]) -> None:
    assert_placed_well("".join(TEXT[n % len(TEXT)] if is_text else MARKUP[n % len(MARKUP)]
                               for is_text, n in pieces))


ODD = st.lists(st.sampled_from([
    "NAVO", "Wit-Rusland", " ", "x", "<", ">", "</", "/>", "<!", "<!--", "-->", "--!>", "<?", "<![",
    "<![CDATA[", "]]>", "<![foo[", "&", "&#", "&#x", "&#78;", "&amp", "&amp;", "&nbsp;", ";", "=", '"', "'",
    "\x00", "\n", "<p", "<p>", "</p>", "<a", "<a href=", "../glossary/#nato", "</a>", "<code>", "</code>",
    "<script>", "</script>", "<style>", "</style>", "<textarea>", "</textarea>", "<title>", "</title>",
    "class=explainer-cite", "data-no-glossary", "<span ", "</>", "\x02", "\x03", "wzxhzdk:0",
]), max_size=40).map("".join)


@settings(max_examples=500, deadline=None)
@given(ODD)
def test_any_text_links_without_an_exception_and_only_adds_links(source: str) -> None:
    assert unlinked(convert(source)) == convert(source, glossary=False)


# -- one pattern, one pass ---------------------------------------------------------------------


def _many_terms(count: int) -> list[Term]:
    """`count` made-up terms with three forms each; the real ones come first."""
    made = list(NL)
    for index in range(count - len(made)):
        stem = "".join("бвгдклмнпрст"[int(digit)] for digit in f"{index:05d}")
        made.append(Term(f"t{index}", [stem, stem + "а", f"Stam {index}"], f"Term {index}."))
    return made


def test_linking_does_not_scan_the_text_once_per_term() -> None:
    # Five texts a paragraph are scanned: the ones inside the link and the code are not.
    paragraph = ("Een lange alinea over de NAVO, Wit-Rusland en de sancties, met *nadruk*, "
                 "een [link](x) en `code`, ббббб en Stam 17. " + "woord " * 60 + "\n\n")
    page = paragraph * (200_000 // len(paragraph))
    assert len(page) > 190_000
    stats, forms = {}, {}
    # NAVO, Wit-Rusland, sancties and ббббб (t0); only the large glossary has "Stam 17" (t17).
    for count, links in ((10, 4), (2000, 5)):
        extension = GlossaryExtension(terms=_many_terms(count))
        for _ in range(3):  # three pages of one language: the pattern is compiled once
            linked = markdown.Markdown(extensions=[extension]).convert(page)
            assert linked.count('class="explainer-term"') == links
        stats[count], forms[count] = extension.glossary.stats, len(extension.glossary.by_form)
        assert stats[count].patterns_compiled == 1
        assert stats[count].pages == 3
    assert forms[2000] > 100 * forms[10]
    # The same texts are scanned once each, however many terms there are.
    assert stats[10].text_scans == stats[2000].text_scans == 3 * 5 * page.count("Een lange")


FORM = st.text(alphabet="abNAVO-é кр", min_size=1, max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.lists(FORM, min_size=1, max_size=12), st.text(alphabet="abNAVO-é кр\n.", max_size=60))
def test_the_merged_pattern_matches_like_a_longest_first_alternation(forms: list[str], text: str) -> None:
    plain = sorted({" ".join(form.split()) for form in forms if form.strip()}, key=len, reverse=True)
    if not plain:
        return
    naive = re.compile(f"(?<![{WORD}])(?:"
                       + "|".join(r"\s+".join(map(re.escape, form.split(" "))) for form in plain)
                       + f")(?![{WORD}])")
    merged = re.compile(alternation(forms))
    assert [m.span() for m in merged.finditer(text)] == [m.span() for m in naive.finditer(text)]


# -- configured with plain data, as in mkdocs.yml ----------------------------------------------


PLAIN_TERMS = [{"id": "nato", "forms": ["NAVO"], "summary": "Bondgenootschap."},
               {"id": "belarus", "forms": ["Wit-Rusland"], "summary": "Land."}]


def test_markdown_loads_the_extension_by_name_with_plain_data() -> None:
    html = markdown.markdown("NAVO en Wit-Rusland", extensions=[glossary_links.NAME],
                             extension_configs={glossary_links.NAME: {"terms": PLAIN_TERMS, "page": PAGE}})
    assert html == f"<p>{LINKED_NAVO} en {LINKED_BELARUS}</p>"


def test_every_page_of_a_configuration_shares_one_compiled_glossary() -> None:
    terms, names = [dict(term) for term in PLAIN_TERMS], ["Wit-Rusland"]
    first = glossary_links.compiled(terms, names, "nl")
    assert glossary_links.compiled(terms, names, "nl") is first
    # The same data in new lists (a configuration read again) is not compiled again either.
    assert glossary_links.compiled([dict(term) for term in terms], list(names), "nl") is first
    assert glossary_links.compiled(terms, names, "en") is not first


def test_a_plain_mkdocs_build_links_with_the_extension_alone(tmp_path: Path) -> None:
    # No explainer plugin: MkDocs runs the extension from mkdocs.yml and resolves its links.
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    docs = tmp_path / "docs"
    (docs / "actors").mkdir(parents=True)
    (docs / "glossary").mkdir()
    (docs / "index.md").write_text("# Thuis\n\nDe NAVO.\n", encoding="utf-8")
    (docs / "actors" / "nato.md").write_text(
        f"{page_reference('actors/nato.md')}\n\n# NAVO\n\nDe NAVO.\n\n<p>Wit-Rusland</p>\n", encoding="utf-8")
    (docs / "glossary" / "index.md").write_text(
        f"{page_reference('glossary/index.md')}\n\n# Begrippen\n\n## NAVO {{ #nato }}\n\nWit-Rusland.\n\n"
        "## Wit-Rusland { #belarus }\n\nDe NAVO.\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump({
        "site_name": "x", "markdown_extensions": ["attr_list", {glossary_links.NAME: {"terms": PLAIN_TERMS}}],
        "validation": {"anchors": "warn"},
    }), encoding="utf-8")
    build(load_config(str(tmp_path / "mkdocs.yml"), strict=True))
    site = tmp_path / "site"
    home = (site / "index.html").read_text("utf-8")
    assert LINKED_NAVO.replace("../glossary/index.md", "glossary/") in home
    nato = (site / "actors" / "nato" / "index.html").read_text("utf-8")
    assert LINKED_NAVO.replace("../glossary/index.md", "../../glossary/") in nato
    assert link("belarus", "Wit-Rusland", "Land.", href="../../glossary/#belarus") in nato
    glossary = (site / "glossary" / "index.html").read_text("utf-8")
    assert link("belarus", "Wit-Rusland", "Land.", href="./#belarus") in glossary
    assert link("nato", "NAVO", "Bondgenootschap.", href="./#nato") in glossary


# -- the glossary's own checks -----------------------------------------------------------------


def test_a_form_listed_by_two_terms_goes_to_the_first() -> None:
    terms = [Term("eu", ["EU", "Europese Unie"], "Unie."), Term("europe", ["Europa", "EU"], "Werelddeel.")]
    assert Glossary(terms).conflicts == {"EU": ["eu", "europe"]}
    assert_links("EU", f'<p>{link("eu", "EU", "Unie.")}</p>', terms)


def shipped_terms(language: str) -> list[Term]:
    """The shipped glossary's terms in `language`, read from content/ (read only)."""
    terms = []
    for path in sorted((ROOT / "content" / "glossary").glob(f"*.{language}.md")):
        data = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        terms.append(Term(path.name.split(".")[0], data["forms"], data["summary"]))
    return terms


@pytest.mark.parametrize(("language", "sentence", "linked"), [
    ("nl", "In ronkende taal zei hij dat NAVO-troepen klaarstaan om Wit-Rusland binnen te vallen.",
     ["NAVO", "Wit-Rusland"]),
    ("nl", "het fameuze artikel 5 uit het NAVO-verdrag", ["artikel 5", "NAVO"]),
    ("ru", "Кремль опирается на союзный договор и нуждается в Беларуси как в буферном государстве.",
     ["Кремль", "союзный договор", "Беларуси", "буферном государстве"]),
    ("be", "Пазіцыя Крамля і Саюзнай дзяржавы; Крэмль маўчыць.", ["Крамля", "Саюзнай дзяржавы"]),
])
def test_the_shipped_forms_link_real_sentences(language: str, sentence: str, linked: list[str]) -> None:
    terms = shipped_terms(language)
    assert Glossary(terms).conflicts == {}
    assert re.findall(r'<a class="explainer-term" [^>]*>([^<]*)</a>', convert(sentence, terms)) == linked


# -- where links do not belong ---------------------------------------------------------------

FR = [Term("sahel", ["Sahel"], "Région."), Term("coup", ["coup d'État", "Coup d'État"], "Prise du pouvoir.")]


def french(source: str) -> str:
    return convert(source, FR, names=["Alliance des États du Sahel"], language="fr")


def test_a_longer_name_that_is_an_actor_is_not_linked_inside() -> None:
    assert french("L'Alliance des États du Sahel est née au Sahel.") == (
        f'<p>L\'Alliance des États du Sahel est née au {link("sahel", "Sahel", "Région.")}.</p>')


def test_the_title_of_a_work_is_not_linked_inside() -> None:
    assert french("<cite>Le Sahel en guerre</cite>, puis le Sahel.") == (
        f'<p><cite>Le Sahel en guerre</cite>, puis le {link("sahel", "Sahel", "Région.")}.</p>')


def test_a_quote_in_another_language_is_not_linked_inside() -> None:
    assert french('<q lang="en">the Sahel</q> <span lang="fr-CA">au Sahel</span>') == (
        f'<p><q lang="en">the Sahel</q> <span lang="fr-CA">au {link("sahel", "Sahel", "Région.")}</span></p>')
    # A page's part shown in the original (md_in_html) and a raw block in another language.
    source = '<div lang="en" markdown>\n\nthe Sahel\n\n</div>\n\n<p lang="en">Sahel</p>\n\nau Sahel'
    assert french(source) == (
        f'<div lang="en">\n<p>the Sahel</p>\n</div>\n<p lang="en">Sahel</p>\n\n'
        f'<p>au {link("sahel", "Sahel", "Région.")}</p>')


def test_a_reference_entry_is_not_linked_inside() -> None:
    assert french("- <span data-no-glossary>Le Monde, “Coup d'État au Niger”</span>\n\nUn coup d'État.") == (
        "<ul>\n<li><span data-no-glossary>Le Monde, “Coup d'État au Niger”</span></li>\n</ul>\n"
        f'<p>Un {link("coup", "coup d&#x27;État", "Prise du pouvoir.")}.</p>'.replace("&#x27;", "'"))


# -- passing over paragraph blocks with nothing to link changes nothing -------------------------

PARAGRAPHS = st.lists(st.sampled_from(["NAVO", "Wit-Rusland", " en ", "sancties", "&amp;", "&#78;AVO", "x"]),
                      max_size=6).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), PARAGRAPHS), max_size=12))
def test_skimming_paragraph_blocks_changes_no_link(blocks: list[tuple[int, str]]) -> None:
    parts = []
    for number, (kind, text) in enumerate(blocks):
        if kind == 0:  # a paragraph of the source page, as the generator writes it
            parts.append(f'<div class="explainer-paragraph" id="p{number}"><p lang="nl">{text}</p>'
                         f'<p><a href="../glossary/">x</a></p></div>')
        elif kind == 1:
            parts.append(f'<div class="explainer-paragraph" id="p{number}"><p lang="en">{text}</p></div>')
        elif kind == 2:
            parts.append(text or "x")
        else:
            parts.append(f"## {text or 'x'}")
    source = "\n\n".join(parts)
    extensions = ["md_in_html", raw_blocks.ParagraphBlocksExtension(),
                  GlossaryExtension(terms=NL, page=PAGE, language="nl")]
    md = [markdown.Markdown(extensions=extensions) for _ in range(2)]
    skimmed = md[0].convert(source)
    try:
        term_links.PageLinks.skim = False
        read = md[1].convert(source)
    finally:
        term_links.PageLinks.skim = True
    assert skimmed == read
