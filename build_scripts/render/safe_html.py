"""The guarantee at the output: a page's body keeps only allowlisted HTML and addresses.

``explainer check`` refuses unsafe raw HTML and link addresses in content/, naming the
line (`sanitize`). But the check reads Markdown with regular expressions, and Markdown
has many ways to make a link (definitions in quotes and list items, entities, line
breaks inside an address, interface strings set into headings): a construct the check
does not know would reach readers' browsers. So the HTML that Python-Markdown makes of
each page's body is cleaned once more by nh3 (Ammonia), an HTML5 parser with an
allowlist: only the tags and attributes our pages are made of are kept, and an href or
src keeps only an http, https or mailto address, or a relative one (#fragments and
paths into the site).

The allowlist is what the generated pages use: Markdown's and its extensions'
(attr_list, md_in_html, admonition, toc), the renderer's own markup (``render``), the
safe list of raw HTML editors may write (`sanitize.SAFE_TAGS`) and the inline SVG
pictures (``render.pictures``).
"""

from __future__ import annotations

import re

import nh3

from build_scripts.content.sanitize import SAFE_ATTRIBUTES, SAFE_SCHEMES, SAFE_TAGS
from build_scripts.site.offline import MARKER

HTML_TAGS = {
    "a", "aside", "bdi", "blockquote", "dd", "details", "div", "dl", "dt", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "nav", "ol", "p", "pre", "section", "summary",
    "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "ul",
}
# The pictures drawn at build time; names as an HTML parser spells SVG's (clipPath).
SVG_TAGS = {
    "circle", "clipPath", "defs", "desc", "g", "line", "marker", "path", "pattern", "polygon",
    "polyline", "rect", "svg", "text", "title", "tspan",
}
TAGS = HTML_TAGS | SVG_TAGS | set(SAFE_TAGS)
# On every tag: what templates, attr_list ({ #id .class }) and the safe list set.
GENERIC_ATTRIBUTES = {*SAFE_ATTRIBUTES, "id", "role"}
GENERIC_PREFIXES = {"aria-", "data-"}
# SVG's presentation attributes, on any of its elements: paint, markers, clipping, text.
SVG_PRESENTATION = {
    "clip-path", "fill", "fill-opacity", "font-size", "font-weight", "marker-end", "marker-mid",
    "marker-start", "opacity", "stroke", "stroke-dasharray", "stroke-opacity", "stroke-width",
    "text-anchor", "transform",
}
ATTRIBUTES = {
    "a": {"href", "hreflang", "download"},
    "details": {"open"},
    "ol": {"start"},
    "td": {"style", "colspan", "rowspan"},
    "th": {"style", "colspan", "rowspan", "scope"},
    "time": {"datetime"},
    "circle": {"cx", "cy", "r", *SVG_PRESENTATION},
    "clipPath": {"clipPathUnits"},
    "g": SVG_PRESENTATION,
    "line": {"x1", "x2", "y1", "y2", *SVG_PRESENTATION},
    "marker": {"markerHeight", "markerWidth", "markerUnits", "orient", "refX", "refY", "viewBox"},
    "path": {"d", *SVG_PRESENTATION},
    "pattern": {"height", "width", "patternTransform", "patternUnits", "x", "y"},
    "polygon": {"points", *SVG_PRESENTATION},
    "polyline": {"points", *SVG_PRESENTATION},
    "rect": {"x", "y", "width", "height", "rx", "ry", *SVG_PRESENTATION},
    "svg": {"viewBox", "xmlns", "width", "height", "focusable", "preserveAspectRatio"},
    "text": {"x", "y", "dx", "dy", *SVG_PRESENTATION},
    "tspan": {"x", "y", "dx", "dy", *SVG_PRESENTATION},
}
URL_ATTRIBUTES = {"href", "src", "cite", "action", "formaction", "poster", "xlink:href"}
# A scheme, read the strictest way: with every space and control character dropped
# (a browser drops only tabs and line breaks, but "java script:" is no use to anyone).
SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
INVISIBLE = re.compile(r"[\x00-\x20\x7f]")
# Markdown tables align columns with style="text-align: ...": that property only.
STYLE_PROPERTIES = {"text-align"}


def clean(html: str) -> str:
    """`html` of a page's body with everything off the allowlist removed.

    Comments go, but for the about page's marker (a block of its own, at the top level),
    which the offline step replaces once the zip exists.
    """
    return MARKER.join(_clean(part) for part in html.split(MARKER))


def _clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        attributes={"*": GENERIC_ATTRIBUTES, **ATTRIBUTES},
        generic_attribute_prefixes=GENERIC_PREFIXES,
        url_schemes=set(SAFE_SCHEMES),
        filter_style_properties=STYLE_PROPERTIES,
        # Our links need no rel added: it would only change every page's bytes.
        link_rel=None,
        strip_comments=True,
        attribute_filter=_address,
    )


def _address(tag: str, name: str, value: str) -> str | None:
    """Drop an address whose scheme, spaces and controls removed, is not on the safe list.

    Ammonia has already dropped those with a scheme as a browser reads it; this also
    drops the ones that only look harmless, such as "java    script:".
    """
    if name not in URL_ATTRIBUTES:
        return value
    match = SCHEME.match(INVISIBLE.sub("", value))
    return value if match is None or match.group(1).lower() in SAFE_SCHEMES else None
