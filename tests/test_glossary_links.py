"""Glossary links in rendered HTML: input and expected output side by side.

In the style of Python-Markdown's ``assertMarkdownRenders``: each test gives the HTML
a page has before linking and the HTML a reader gets.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from textwrap import dedent
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from build_scripts.render.glossary_links import WORD, GlossaryLinker, Term, alternation

ROOT = Path(__file__).resolve().parent.parent
HREF = "../glossary/#{id}"

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


@pytest.fixture(scope="module")
def nl() -> GlossaryLinker:
    return GlossaryLinker(NL, HREF)


def assert_links(linker: GlossaryLinker, source: str, expected: str, **options: Any) -> None:
    """The page `source`, once linked, reads `expected` (both dedented)."""
    assert linker.link(dedent(source), **options) == dedent(expected)


# -- which occurrence ------------------------------------------------------------------------


def test_only_the_first_occurrence_of_a_term_links(nl: GlossaryLinker) -> None:
    assert_links(
        nl,
        """
        <p>De NAVO en Wit-Rusland.</p>
        <p>Weer de NAVO, en Wit-Rusland, en Belarus.</p>
        """,
        """
        <p>De <a class="explainer-term" href="../glossary/#nato" title="Bondgenootschap.">NAVO</a> en <a class="explainer-term" href="../glossary/#belarus" title="Land.">Wit-Rusland</a>.</p>
        <p>Weer de NAVO, en Wit-Rusland, en Belarus.</p>
        """,  # noqa: E501
    )


def test_each_page_starts_afresh(nl: GlossaryLinker) -> None:
    page = "<p>NAVO</p>"
    expected = '<p><a class="explainer-term" href="../glossary/#nato" title="Bondgenootschap.">NAVO</a></p>'
    assert nl.link(page) == expected
    assert nl.link(page) == expected


def test_the_longest_form_at_a_position_wins(nl: GlossaryLinker) -> None:
    assert_links(
        nl,
        "<p>De fluwelen Armeense revolutie was een revolutie.</p>",
        '<p>De <a class="explainer-term" href="../glossary/#velvet-revolution" title="Armenië, 2018.">'
        "fluwelen Armeense revolutie</a> was een "
        '<a class="explainer-term" href="../glossary/#revolution" title="Omwenteling.">revolutie</a>.</p>',
    )


def test_a_longer_form_uses_up_its_words_even_where_its_term_is_not_linked(nl: GlossaryLinker) -> None:
    # The second "fluwelen Armeense revolutie" stays plain, and its last word is not
    # linked to the other term either: the reader sees one name, not a word of it.
    assert_links(
        nl,
        "<p>De fluwelen Armeense revolutie; weer de fluwelen Armeense revolutie. Een revolutie.</p>",
        '<p>De <a class="explainer-term" href="../glossary/#velvet-revolution" title="Armenië, 2018.">'
        "fluwelen Armeense revolutie</a>; weer de fluwelen Armeense revolutie. Een "
        '<a class="explainer-term" href="../glossary/#revolution" title="Omwenteling.">revolutie</a>.</p>',
    )


def test_a_shorter_form_matches_where_the_longer_is_not_a_whole_word(nl: GlossaryLinker) -> None:
    # "sancties" is listed, "sanctiesysteem" is not: the plain "sanctie" must not link inside it.
    assert_links(
        nl,
        "<p>Het sanctiesysteem en de sanctie.</p>",
        '<p>Het sanctiesysteem en de <a class="explainer-term" href="../glossary/#sanctions" '
        'title="Strafmaatregelen.">sanctie</a>.</p>',
    )


def test_forms_are_case_sensitive_as_listed(nl: GlossaryLinker) -> None:
    assert_links(nl, "<p>navo, Navo, sancties</p>",
                 '<p>navo, Navo, <a class="explainer-term" href="../glossary/#sanctions" '
                 'title="Strafmaatregelen.">sancties</a></p>')


def test_a_space_in_a_form_matches_a_line_break_or_several_spaces(nl: GlossaryLinker) -> None:
    assert_links(
        nl,
        "<p>De fluwelen\n   revolutie.</p>",
        '<p>De <a class="explainer-term" href="../glossary/#velvet-revolution" title="Armenië, 2018.">'
        "fluwelen\n   revolutie</a>.</p>",
    )


# -- where links may not go ------------------------------------------------------------------

LINKED_NAVO = '<a class="explainer-term" href="../glossary/#nato" title="Bondgenootschap.">NAVO</a>'


@pytest.mark.parametrize("excluded", [
    '<h1 id="navo">NAVO</h1>',
    "<h2>De NAVO</h2>",
    "<h6>NAVO</h6>",
    '<a href="https://www.nato.int/">NAVO</a>',
    "<code>NAVO</code>",
    "<pre><code>NAVO\n</code></pre>",
    "<kbd>NAVO</kbd>",
    '<script>var x = "NAVO";</script>',
    "<style>/* NAVO */</style>",
    '<time datetime="1949-04-04">NAVO</time>',
    '<span class="explainer-cite">NAVO</span>',
    '<a class="explainer-cite" href="../source/#p4" title="NAVO">¶4 NAVO</a>',
    '<p class="note explainer-cite"><em>NAVO</em></p>',
    "<div data-no-glossary><p>Een <span>lid van de</span> NAVO</p></div>",
    '<aside data-no-glossary="">NAVO</aside>',
])
def test_no_link_inside_excluded_elements_and_the_next_occurrence_links(
    nl: GlossaryLinker, excluded: str
) -> None:
    assert_links(nl, f"{excluded}\n<p>NAVO</p>", f"{excluded}\n<p>{LINKED_NAVO}</p>")


def test_the_exclusion_ends_with_its_element(nl: GlossaryLinker) -> None:
    assert_links(nl, "<p><code>NAVO</code> en <span>de NAVO</span></p>",
                 f"<p><code>NAVO</code> en <span>de {LINKED_NAVO}</span></p>")


def test_inline_formatting_is_not_excluded(nl: GlossaryLinker) -> None:
    assert_links(nl, "<p><em>NAVO</em>-troepen</p>", f"<p><em>{LINKED_NAVO}</em>-troepen</p>")


def test_an_editors_link_to_the_term_is_its_first_occurrence(nl: GlossaryLinker) -> None:
    # [het bondgenootschap](term:nato) became this link: no second link to NATO on the page.
    assert_links(
        nl,
        '<p><a href="../glossary/#nato">het bondgenootschap</a> en later de NAVO.</p>',
        '<p><a href="../glossary/#nato">het bondgenootschap</a> en later de NAVO.</p>',
    )


def test_a_link_elsewhere_does_not_count_as_an_occurrence(nl: GlossaryLinker) -> None:
    assert_links(nl, '<p><a href="../actors/nato/">NAVO</a> en NAVO</p>',
                 f'<p><a href="../actors/nato/">NAVO</a> en {LINKED_NAVO}</p>')


def test_linking_twice_adds_no_links(nl: GlossaryLinker) -> None:
    once = nl.link("<p>NAVO en NAVO-troepen, sancties en de fluwelen revolutie.</p>")
    assert nl.link(once) == once


# -- scripts and word boundaries ---------------------------------------------------------------


def test_russian_inflected_forms_link_as_whole_words() -> None:
    ru = GlossaryLinker(RU, HREF)
    assert_links(
        ru,
        "<p>Кремлёвский дворец. Помощь Кремля, ответ Кремлю; Минская область и Минск.</p>",
        '<p>Кремлёвский дворец. Помощь <a class="explainer-term" href="../glossary/#kremlin" '
        'title="Крепость.">Кремля</a>, ответ Кремлю; Минская область и '
        '<a class="explainer-term" href="../glossary/#minsk" title="Столица.">Минск</a>.</p>',
    )


def test_a_russian_stress_mark_belongs_to_its_word() -> None:
    # "Кремля́" with a combining accent is not the listed form: no link that cuts off the accent.
    ru = GlossaryLinker(RU, HREF)
    assert_links(ru, "<p>Кремля\u0301 и Кремле</p>",
                 '<p>Кремля\u0301 и <a class="explainer-term" href="../glossary/#kremlin" '
                 'title="Крепость.">Кремле</a></p>')


def test_russian_hyphenated_forms_match_whole() -> None:
    ru = GlossaryLinker(RU, HREF)
    assert_links(ru, "<p>Они несли бело-красно-белые флаги.</p>",
                 '<p>Они несли <a class="explainer-term" href="../glossary/#white-red-white-flag" '
                 'title="Флаг.">бело-красно-белые флаги</a>.</p>')


def test_belarusian_inflected_forms() -> None:
    be = GlossaryLinker(BE, HREF)
    assert_links(be, "<p>Крамлёўская сцяна. Пазіцыя Крамля і Крамлю.</p>",
                 '<p>Крамлёўская сцяна. Пазіцыя <a class="explainer-term" href="../glossary/#kremlin" '
                 'title="Крэпасць.">Крамля</a> і Крамлю.</p>')


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
def test_dutch_compounds(nl: GlossaryLinker, text: str, expected: str) -> None:
    assert_links(nl, f"<p>{text}</p>", f"<p>{expected}</p>")


def test_a_form_with_a_hyphen_matches_whole_and_before_its_parts() -> None:
    linker = GlossaryLinker([Term("wit", ["Wit"], "Kleur."), *NL], HREF)
    assert_links(linker, "<p>Wit-Russische betogers in Wit-Rusland. Wit.</p>",
                 '<p><a class="explainer-term" href="../glossary/#belarus" title="Land.">Wit-Russische</a>'
                 ' betogers in Wit-Rusland. <a class="explainer-term" href="../glossary/#wit" '
                 'title="Kleur.">Wit</a>.</p>')


# -- the glossary page: no term links to itself ------------------------------------------------


def test_skipped_terms_are_not_linked(nl: GlossaryLinker) -> None:
    assert_links(nl, "<p>NAVO en sancties</p>",
                 '<p>NAVO en <a class="explainer-term" href="../glossary/#sanctions" '
                 'title="Strafmaatregelen.">sancties</a></p>', skip={"nato"})


def test_on_the_glossary_page_no_term_links_inside_its_own_entry(nl: GlossaryLinker) -> None:
    assert_links(
        nl,
        """
        <h1 id="woordenlijst">Woordenlijst</h1>
        <h2 id="nato">NAVO</h2>
        <p>De NAVO legt sancties op; Wit-Rusland is geen lid.</p>
        <h3 id="geschiedenis">Geschiedenis</h3>
        <p>De NAVO werd in 1949 opgericht.</p>
        <h2 id="belarus">Wit-Rusland</h2>
        <p>Wit-Rusland grenst aan de NAVO.</p>
        """,
        """
        <h1 id="woordenlijst">Woordenlijst</h1>
        <h2 id="nato">NAVO</h2>
        <p>De NAVO legt <a class="explainer-term" href="./#sanctions" title="Strafmaatregelen.">sancties</a> op; <a class="explainer-term" href="./#belarus" title="Land.">Wit-Rusland</a> is geen lid.</p>
        <h3 id="geschiedenis">Geschiedenis</h3>
        <p>De NAVO werd in 1949 opgericht.</p>
        <h2 id="belarus">Wit-Rusland</h2>
        <p>Wit-Rusland grenst aan de <a class="explainer-term" href="./#nato" title="Bondgenootschap.">NAVO</a>.</p>
        """,  # noqa: E501
        href_for="./#{id}", glossary_page=True,
    )


def test_an_entry_shown_in_the_original_language_is_still_its_own_entry(nl: GlossaryLinker) -> None:
    # A translation that is missing wraps the entry, heading included, in a <div lang>.
    assert_links(
        nl,
        '<div lang="nl"><h2 id="nato">NAVO</h2><p>De NAVO.</p></div><h2 id="x">X</h2><p>NAVO</p>',
        '<div lang="nl"><h2 id="nato">NAVO</h2><p>De NAVO.</p></div><h2 id="x">X</h2>'
        '<p><a class="explainer-term" href="#nato" title="Bondgenootschap.">NAVO</a></p>',
        href_for="#{id}", glossary_page=True,
    )


# -- the HTML is kept as it was ----------------------------------------------------------------


def test_character_references_are_kept_byte_for_byte(nl: GlossaryLinker) -> None:
    assert_links(
        nl,
        "<p>Tom &amp; Jerry &quot;NAVO&quot; &#8212; &eacute;&#xE9;&nbsp;&lt;b&gt; &amp</p>",
        f"<p>Tom &amp; Jerry &quot;{LINKED_NAVO}&quot; &#8212; &eacute;&#xE9;&nbsp;&lt;b&gt; &amp</p>",
    )


def test_forms_match_across_character_references_and_keep_them(nl: GlossaryLinker) -> None:
    linker = GlossaryLinker([Term("pg", ["Procter & Gamble"], "Bedrijf."), *NL], HREF)
    assert_links(
        linker,
        "<p>Procter &amp; Gamble, de fluwelen&nbsp;revolutie en de &#78;AVO.</p>",
        '<p><a class="explainer-term" href="../glossary/#pg" title="Bedrijf.">Procter &amp; Gamble</a>, '
        'de <a class="explainer-term" href="../glossary/#velvet-revolution" title="Armenië, 2018.">'
        "fluwelen&nbsp;revolutie</a> en de "
        '<a class="explainer-term" href="../glossary/#nato" title="Bondgenootschap.">&#78;AVO</a>.</p>',
    )


def test_attributes_are_untouched(nl: GlossaryLinker) -> None:
    assert_links(
        nl,
        """<p class='a  b' title=NAVO data-x="NAVO &amp; &quot;co&quot;" hidden>NAVO</p>""",
        f"""<p class='a  b' title=NAVO data-x="NAVO &amp; &quot;co&quot;" hidden>{LINKED_NAVO}</p>""",
    )


class _Titles(HTMLParser):
    """The title attributes of the links a browser would see."""

    def __init__(self) -> None:
        super().__init__()
        self.titles: list[str | None] = []
        self.hrefs: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.titles.append(dict(attrs).get("title"))
            self.hrefs.append(dict(attrs).get("href"))


def test_the_title_is_escaped_and_reads_as_the_summary() -> None:
    summary = """Het "bondgenootschap" <sinds 1949> & 'co'"""
    linker = GlossaryLinker([Term("nato", ["NAVO"], summary)], "../glossary/?a=1&b=2#{id}")
    linked = linker.link("<p>NAVO</p>")
    assert linked == (
        '<p><a class="explainer-term" href="../glossary/?a=1&amp;b=2#nato" '
        'title="Het &quot;bondgenootschap&quot; &lt;sinds 1949&gt; &amp; &#x27;co&#x27;">NAVO</a></p>'
    )
    parser = _Titles()
    parser.feed(linked)
    assert parser.titles == [summary]
    assert parser.hrefs == ["../glossary/?a=1&b=2#nato"]


def test_a_multi_line_summary_is_one_line_in_the_title_and_no_summary_no_title() -> None:
    linker = GlossaryLinker([Term("nato", "NAVO", "Een\n  bondgenootschap."), Term("eu", ["EU"])], HREF)
    assert linker.link("NAVO, EU") == ('<a class="explainer-term" href="../glossary/#nato" '
                                       'title="Een bondgenootschap.">NAVO</a>, '
                                       '<a class="explainer-term" href="../glossary/#eu">EU</a>')


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


def test_a_page_without_terms_is_unchanged(nl: GlossaryLinker) -> None:
    assert nl.link(MATERIAL_PAGE) == MATERIAL_PAGE
    assert GlossaryLinker([], HREF).link(MATERIAL_PAGE) == MATERIAL_PAGE


def test_a_real_page_gets_links_only_in_its_text(nl: GlossaryLinker) -> None:
    page = MATERIAL_PAGE.replace("stray</span>", "stray</span> NAVO")
    assert nl.link(page) == MATERIAL_PAGE.replace("stray</span>", f"stray</span> {LINKED_NAVO}")


LINK_TAG = re.compile(r'<a class="explainer-term" href="[^"]*" title="[^"]*">|</a>')
HTMLISH = st.lists(st.sampled_from([
    "NAVO", "Wit-Rusland", "sancties", "fluwelen", " ", "\n", "revolutie", "-", "x", "Кремль",
    "<p>", "</p>", "<h2>", "</h2>", "<code>", "</code>", "<em>", "</em>", '<span class="explainer-cite">',
    "</span>", "<br>", "<br/>", "<!-- NAVO -->", "&amp;", "&nbsp;", "&#78;", "&", "<", ">", "'", '"',
    '<div data-no-glossary="">', "</div>", "<script>", "</script>", "<p title='NAVO'>", "<", "</",
]), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(HTMLISH)
def test_linking_only_ever_adds_link_tags(source: str) -> None:
    linker = GlossaryLinker(NL, HREF)
    linked = linker.link(source)
    assert LINK_TAG.sub("", linked) == source
    assert linked.count('class="explainer-term"') <= len(NL)


# -- odd HTML: never an exception, never a link inside markup ----------------------------------

LINKED_BELARUS = '<a class="explainer-term" href="../glossary/#belarus" title="Land.">Wit-Rusland</a>'


@pytest.mark.parametrize(("source", "expected"), [
    # Unclosed elements and a "<" that starts no tag are text around them.
    ("<p>De NAVO <b>en <i>Wit-Rusland", f"<p>De {LINKED_NAVO} <b>en <i>{LINKED_BELARUS}"),
    ("<p>3 < 4 en 5 <> 6 <= NAVO</p>", f"<p>3 < 4 en 5 <> 6 <= {LINKED_NAVO}</p>"),
    ("<p>NAVO <b", f"<p>{LINKED_NAVO} <b"),
    ('<p>NAVO</p><a href="x', f'<p>{LINKED_NAVO}</p><a href="x'),
    ('<p title="NAVO>NAVO</p>', f'<p title="NAVO>{LINKED_NAVO}</p>'),  # a quote never closed ends at ">"
    # "<" and ">" inside quoted attribute values belong to the tag.
    ('<p title="a <b>NAVO</b> >">NAVO</p>', f'<p title="a <b>NAVO</b> >">{LINKED_NAVO}</p>'),
    ("<img alt='NAVO > <em>NAVO</em>'><p>NAVO</p>", f"<img alt='NAVO > <em>NAVO</em>'><p>{LINKED_NAVO}</p>"),
    ("""<p data-x="<" data-y='>'>NAVO</p>""", f"""<p data-x="<" data-y='>'>{LINKED_NAVO}</p>"""),
    # Comments, declarations, processing instructions and marked sections.
    ("<!-- NAVO --><!-- <p>NAVO</p> --><p>NAVO</p>",
     f"<!-- NAVO --><!-- <p>NAVO</p> --><p>{LINKED_NAVO}</p>"),
    ("<!DOCTYPE html><?php echo 'NAVO' ?><![CDATA[ NAVO ]]><!NAVO><p>NAVO</p>",
     f"<!DOCTYPE html><?php echo 'NAVO' ?><![CDATA[ NAVO ]]><!NAVO><p>{LINKED_NAVO}</p>"),
    ("<![if !IE]><p>NAVO</p><![endif]>", f"<![if !IE]><p>{LINKED_NAVO}</p><![endif]>"),
    # A marked section of no known kind is skipped up to its ">" (html.parser raised).
    ("<![foo[ NAVO ]]><p>NAVO</p>", f"<![foo[ NAVO ]]><p>{LINKED_NAVO}</p>"),
    # Script and style are raw text, up to their end tag in any case.
    ("<script>if (a < b) { s = '</p>NAVO'; }</script>\n<style>p::after { content: '<NAVO>' }</style>\n"
     "<p>NAVO</p>",
     "<script>if (a < b) { s = '</p>NAVO'; }</script>\n<style>p::after { content: '<NAVO>' }</style>\n"
     f"<p>{LINKED_NAVO}</p>"),
    ("<SCRIPT type=module>NAVO</script ><p>NAVO</p>",
     f"<SCRIPT type=module>NAVO</script ><p>{LINKED_NAVO}</p>"),
    ("<p>NAVO</p><script>var s = 'Wit-Rusland';", f"<p>{LINKED_NAVO}</p><script>var s = 'Wit-Rusland';"),
    # So are textarea and title: an end tag in them ends nothing else.
    ("<div><textarea></div>NAVO</textarea></div><p>NAVO</p>",
     f"<div><textarea></div>NAVO</textarea></div><p>{LINKED_NAVO}</p>"),
    ("<title>NAVO <b>en</b></title><p>NAVO</p>", f"<title>NAVO <b>en</b></title><p>{LINKED_NAVO}</p>"),
    ("<textarea>NAVO", "<textarea>NAVO"),
    # Character references: kept as written; a form may span them.
    ("<p>NAVO&#8217;s en Wit&#x2D;Rusland&nbsp;</p>",
     f'<p>{LINKED_NAVO}&#8217;s en <a class="explainer-term" href="../glossary/#belarus" title="Land.">'
     "Wit&#x2D;Rusland</a>&nbsp;</p>"),
    ("<p>Tom & Jerry &amp NAVO &unknown; &#; &#xZZ; &</p>",
     f"<p>Tom & Jerry &amp {LINKED_NAVO} &unknown; &#; &#xZZ; &</p>"),
    # A "&#" that starts no reference is text: the markup after it is still markup
    # (html.parser read the rest of the page as text, and linked inside <code>).
    ("<p>&#; &#; <code>NAVO</code> <img alt='NAVO'> NAVO</p>",
     f"<p>&#; &#; <code>NAVO</code> <img alt='NAVO'> {LINKED_NAVO}</p>"),
    ("<p>&#x <span class='explainer-cite'>NAVO</span> NAVO</p>",
     f"<p>&#x <span class='explainer-cite'>NAVO</span> {LINKED_NAVO}</p>"),
    # Attribute names in any case; class values as written, or behind a reference.
    ("<div DATA-NO-GLOSSARY><p>NAVO</p></div><p>NAVO</p>",
     f"<div DATA-NO-GLOSSARY><p>NAVO</p></div><p>{LINKED_NAVO}</p>"),
    ('<p CLASS="explainer&#45;cite">NAVO</p><p>NAVO</p>',
     f'<p CLASS="explainer&#45;cite">NAVO</p><p>{LINKED_NAVO}</p>'),
    ('<a href="x" title="NAVO">NAVO</a> NAVO', f'<a href="x" title="NAVO">NAVO</a> {LINKED_NAVO}'),
    ('<a HREF="../glossary/#n&#97;to">het</a> NAVO', '<a HREF="../glossary/#n&#97;to">het</a> NAVO'),
])
def test_odd_html_is_read_as_html(nl: GlossaryLinker, source: str, expected: str) -> None:
    assert nl.link(source) == expected


LINK = re.compile(r'<a class="explainer-term" href="[^"]*" title="[^"]*">(.*?)</a>', re.DOTALL)


def unlinked(linked: str) -> tuple[str, list[tuple[int, int]]]:
    """`linked` without the linker's links, and where the linked text is in it."""
    parts, spans, done, size = [], [], 0, 0
    for match in LINK.finditer(linked):
        parts.append(linked[done:match.start()])
        size += match.start() - done
        spans.append((size, size + len(match.group(1))))
        parts.append(match.group(1))
        size += len(match.group(1))
        done = match.end()
    parts.append(linked[done:])
    return "".join(parts), spans


# Pieces of a page: text that may be linked, and markup whose text never is.
TEXT = ["NAVO", "Wit-Rusland", "sancties", "fluwelen", "revolutie", " en ", " ", "\n", "&amp;", "&nbsp;",
        "&#8217;", "&#x2D;", " & ", " a < b ", "&#;"]
MARKUP = [
    "<!-- NAVO -->", "<!--NAVO<p>NAVO</p>-->", "<script>x = '</p>NAVO' < 1;</script>",
    "<style>/* NAVO */</style>", "<![CDATA[ NAVO ]]>", "<?pi NAVO ?>", "<!DOCTYPE NAVO>", "<code>NAVO</code>",
    '<h2 id="nato">NAVO</h2>', '<a href="x">NAVO</a>', '<span class="explainer-cite">NAVO</span>',
    "<div data-no-glossary>NAVO</div>", "<textarea></p>NAVO</textarea>", "<title>NAVO</title>",
    "<svg><text>NAVO</text></svg>", """<img alt="NAVO > NAVO" title='<p>NAVO</p>'>""", "<p title='NAVO <b>'>",
    '<p class="a\nb">', "<p>", "</p>", "<em>", "</em>", "<br/>", "<hr />", "</span>",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.integers(0, 99)), max_size=30))
def test_links_go_only_around_text(pieces: list[tuple[bool, int]]) -> None:
    parts = [(TEXT[n % len(TEXT)], True) if is_text else (MARKUP[n % len(MARKUP)], False)
             for is_text, n in pieces]
    source = "".join(part for part, _ in parts)
    may_link = [is_text for part, is_text in parts for _ in part]  # for each character of the page
    linked = GlossaryLinker(NL, HREF).link(source)
    text, spans = unlinked(linked)
    assert text == source
    for start, end in spans:
        assert all(may_link[start:end]), (source, linked)


ODD = st.lists(st.sampled_from([
    "NAVO", "Wit-Rusland", " ", "x", "<", ">", "</", "/>", "<!", "<!--", "-->", "--!>", "<?", "<![",
    "<![CDATA[", "]]>", "<![foo[", "&", "&#", "&#x", "&#78;", "&amp", "&amp;", "&nbsp;", ";", "=", '"', "'",
    "\x00", "\n", "<p", "<p>", "</p>", "<a", "<a href=", "../glossary/#nato", "</a>", "<code>", "</code>",
    "<script>", "</script>", "<style>", "</style>", "<textarea>", "</textarea>", "<title>", "</title>",
    "class=explainer-cite", "data-no-glossary", "<span ", "</>",
]), max_size=40).map("".join)


@settings(max_examples=500, deadline=None)
@given(ODD)
def test_any_text_links_without_an_exception_and_only_adds_links(source: str) -> None:
    assert unlinked(GlossaryLinker(NL, HREF).link(source))[0] == source


# -- one pattern, one pass ---------------------------------------------------------------------


def _many_terms(count: int) -> list[Term]:
    """`count` made-up terms with three forms each; the real ones come first."""
    made = list(NL)
    for index in range(count - len(made)):
        stem = "".join("бвгдклмнпрст"[int(digit)] for digit in f"{index:05d}")
        made.append(Term(f"t{index}", [stem, stem + "а", f"Stam {index}"], f"Term {index}."))
    return made


def test_linking_does_not_scan_the_text_once_per_term() -> None:
    # Five text nodes a paragraph are scanned: the ones inside <a> and <code> are not.
    paragraph = ("<p>Een lange alinea over de NAVO, Wit-Rusland en de sancties, met <em>nadruk</em>, "
                 "een <a href='x'>link</a> en <code>code</code>, ббббб en Stam 17. "
                 + "woord " * 60 + "</p>\n")
    page = paragraph * (200_000 // len(paragraph))
    assert len(page) > 190_000
    small, large = GlossaryLinker(_many_terms(10), HREF), GlossaryLinker(_many_terms(2000), HREF)
    # NAVO, Wit-Rusland, sancties and ббббб (t0); only the large glossary has "Stam 17" (t17).
    for linker, links in ((small, 4), (large, 5)):
        for _ in range(3):  # three pages of one language: the pattern is compiled once
            linked = linker.link(page)
            assert linked.count('class="explainer-term"') == links
        assert linker.stats.patterns_compiled == 1
        assert linker.stats.pages == 3
    assert len(large.by_form) > 100 * len(small.by_form)
    # The same text nodes are scanned once each, however many terms there are.
    assert large.stats.text_scans == small.stats.text_scans == 3 * 5 * page.count("<p>")


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


# -- the linker's options ----------------------------------------------------------------------


def test_the_link_target_may_be_a_function_or_given_per_page() -> None:
    linker = GlossaryLinker(NL, lambda term_id: f"/woorden/{term_id}.html")
    assert linker.link("<p>NAVO</p>") == (
        '<p><a class="explainer-term" href="/woorden/nato.html" title="Bondgenootschap.">NAVO</a></p>')
    assert linker.link("<p>NAVO</p>", href_for="../../glossary/#{id}") == (
        '<p><a class="explainer-term" href="../../glossary/#nato" title="Bondgenootschap.">NAVO</a></p>')
    # An editor's link made with the function's address counts as the first occurrence.
    editors_link = '<a href="/woorden/nato.html">het</a> NAVO'
    assert linker.link(editors_link) == editors_link


def test_a_form_listed_by_two_terms_goes_to_the_first() -> None:
    linker = GlossaryLinker([Term("eu", ["EU", "Europese Unie"], "Unie."),
                             Term("europe", ["Europa", "EU"], "Werelddeel.")], HREF)
    assert linker.conflicts == {"EU": ["eu", "europe"]}
    assert linker.link("EU") == '<a class="explainer-term" href="../glossary/#eu" title="Unie.">EU</a>'


# -- the shipped glossary ----------------------------------------------------------------------


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
    linker = GlossaryLinker(shipped_terms(language), HREF)
    assert linker.conflicts == {}
    found = re.findall(r'<a class="explainer-term" [^>]*>([^<]*)</a>', linker.link(f"<p>{sentence}</p>"))
    assert found == linked


# -- where links do not belong ---------------------------------------------------------------

FR = [Term("sahel", ["Sahel"], "Région."), Term("coup", ["coup d'État", "Coup d'État"], "Prise du pouvoir.")]


def french() -> GlossaryLinker:
    return GlossaryLinker(FR, HREF, names=["Alliance des États du Sahel"], language="fr")


def test_a_longer_name_that_is_an_actor_is_not_linked_inside() -> None:
    assert french().link("<p>L'Alliance des États du Sahel est née au Sahel.</p>") == (
        '<p>L\'Alliance des États du Sahel est née au <a class="explainer-term" '
        'href="../glossary/#sahel" title="Région.">Sahel</a>.</p>')


def test_the_title_of_a_work_is_not_linked_inside() -> None:
    assert french().link("<p><cite>Le Sahel en guerre</cite>, puis le Sahel.</p>") == (
        '<p><cite>Le Sahel en guerre</cite>, puis le <a class="explainer-term" '
        'href="../glossary/#sahel" title="Région.">Sahel</a>.</p>')


def test_a_quote_in_another_language_is_not_linked_inside() -> None:
    source = '<p><q lang="en">the Sahel</q> <span lang="fr-CA">au Sahel</span></p>'
    assert french().link(source) == (
        '<p><q lang="en">the Sahel</q> <span lang="fr-CA">au <a class="explainer-term" '
        'href="../glossary/#sahel" title="Région.">Sahel</a></span></p>')


def test_a_reference_entry_is_not_linked_inside() -> None:
    source = ("<ul><li><span data-no-glossary>Le Monde, “Coup d'État au Niger”</span></li></ul>"
              "<p>Un coup d'État.</p>")
    assert french().link(source) == (
        "<ul><li><span data-no-glossary>Le Monde, “Coup d'État au Niger”</span></li></ul>"
        '<p>Un <a class="explainer-term" href="../glossary/#coup" title="Prise du pouvoir.">'
        "coup d'État</a>.</p>")
