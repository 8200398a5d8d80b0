"""Readable text out of a saved web page.

Only the standard library's tolerant parser is used: saved pages are often
truncated or hand-edited, and a page that does not parse cleanly must still
give its text rather than an exception. Page furniture (menus, banners,
forms, footers) is dropped by element, before the line-based boilerplate
filter sees what is left.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

from .metadata import Metadata, clean_field, normalise_language, parse_iso_date

# Dropped with everything inside them.
SKIPPED_TAGS = frozenset({
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form",
    "iframe", "svg", "template", "button", "select", "dialog", "object", "canvas", "head",
})
# ARIA landmarks that are page furniture whatever tag carries them.
_SKIPPED_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog"})
# First words of class or id names that mark furniture ("cookie-banner").
_SKIPPED_CLASS_WORDS = frozenset({
    "cookie", "cookies", "consent", "gdpr", "newsletter", "share", "sharing", "social",
    "breadcrumb", "breadcrumbs", "comments", "related", "advert", "advertisement",
    "sidebar", "popup", "modal", "paywall", "promo",
})
# Never dropped for their class: a whole page can hang on them.
_CONTAINER_TAGS = frozenset({"html", "body", "main", "article"})
VOID_TAGS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "param", "source", "track", "wbr",
})
# A blank line after these; a single line break after the others.
_PARAGRAPH_TAGS = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "dl", "table",
    "pre", "figure", "figcaption", "section", "article", "main", "hr",
})
_LINE_TAGS = frozenset({"br", "div", "li", "tr", "dt", "dd", "caption", "address", "details", "summary"})
_CELL_TAGS = frozenset({"td", "th"})
_CODE_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head", "object", "canvas"})
_WHITESPACE = re.compile(r"[ \t\n\r\f]+")  # HTML whitespace: no-break spaces are content


@dataclass(frozen=True)
class HtmlPage:
    text: str
    metadata: Metadata


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        # Open elements as (tag, inside furniture?).
        self.stack: list[tuple[str, bool]] = []
        self.skipped_parts: list[str] = []
        self.pre_depth = 0
        self.pending_lines = 0
        self.pending_cells = 0  # cells opened since the last text: an empty cell keeps its column
        self.in_title = False
        self.title_parts: list[str] = []
        self.h1_parts: list[str] | None = None
        self.first_h1: str | None = None
        self.meta: dict[str, str] = {}
        self.lang: str | None = None
        self.canonical: str | None = None

    @property
    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def _is_furniture(self, tag: str, attrs: dict[str, str]) -> bool:
        if tag in SKIPPED_TAGS:
            # An article's own header holds its headline: keep it.
            if tag == "header" and any(t in ("article", "main") for t, _ in self.stack):
                return False
            return True
        if (attrs.get("role") or "").strip().lower() in _SKIPPED_ROLES:
            return True
        if "hidden" in attrs or (attrs.get("aria-hidden") or "").lower() == "true":
            return True
        if tag in _CONTAINER_TAGS:
            return False
        # "cookie-banner" or "share_buttons" are furniture; "has-sidebar" on a page wrapper is not.
        names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower().split()
        return any(re.split(r"[_-]", name, maxsplit=1)[0] in _SKIPPED_CLASS_WORDS for name in names)

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {name.lower(): (value or "") for name, value in attrs_list}
        if tag == "html" and attrs.get("lang"):
            self.lang = attrs["lang"]
        elif tag == "meta":
            key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
            if key and attrs.get("content") and key not in self.meta:
                self.meta[key] = attrs["content"]
        elif tag == "link" and "canonical" in (attrs.get("rel") or "").lower().split():
            self.canonical = self.canonical or attrs.get("href")
        elif tag == "title" and self.first_title is None:
            self.in_title = True

        if tag == "body":
            # A <head> left open must not swallow the page.
            self.stack = [entry for entry in self.stack if entry[0] != "head"]
        if tag in VOID_TAGS:
            if tag in ("br", "hr") and not self.skipping:
                self._break(tag)
            return
        skipped = self.skipping or self._is_furniture(tag, attrs)
        self.stack.append((tag, skipped))
        if skipped:
            return
        if tag == "pre":
            self.pre_depth += 1
        if tag == "h1" and self.first_h1 is None:
            self.h1_parts = []
        self._break(tag)

    def handle_startendtag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        # <div/> and friends: open and close at once, never left on the stack.
        self.handle_starttag(tag, attrs_list)
        if tag not in VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                break
        else:
            return  # a stray end tag closes nothing
        for open_tag, skipped in reversed(self.stack[index:]):
            if not skipped:
                if open_tag == "pre":
                    self.pre_depth -= 1
                if open_tag == "h1" and self.h1_parts is not None:
                    self.first_h1 = clean_field("".join(self.h1_parts))
                    self.h1_parts = None
                self._break(open_tag, opening=False)
        del self.stack[index:]

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.skipping:
            if self.stack[-1][0] not in _CODE_TAGS:
                self.skipped_parts.append(data)
            return
        if not self.pre_depth:
            data = _WHITESPACE.sub(" ", data)
            if data == " " and (self.pending_lines or self.pending_cells):
                return  # whitespace between blocks
        self._flush_break()
        if not self.pre_depth:
            if data.startswith(" ") and (not self.parts or self.parts[-1][-1:] in (" ", "\n", "\t")):
                data = data[1:]  # one space between words, as a browser shows it
            if not data:
                return
        self.parts.append(data)
        if self.h1_parts is not None:
            self.h1_parts.append(data)

    def _break(self, tag: str, opening: bool = True) -> None:
        """Ask for a break before the next text; breaks from nested blocks do not add up."""
        if tag == "br":
            self.pending_lines = min(self.pending_lines + 1, 2)  # <br><br> is a paragraph break
        elif tag in _PARAGRAPH_TAGS:
            self.pending_lines = max(self.pending_lines, 2)
        elif tag in _LINE_TAGS:
            self.pending_lines = max(self.pending_lines, 1)
        elif tag in _CELL_TAGS and opening:
            self.pending_cells += 1

    def _flush_break(self) -> None:
        if self.parts and self.pending_lines:
            # the row's first cell opens on the new line: only the empty cells before the text are tabs
            self.parts.append("\n" * self.pending_lines + "\t" * max(0, self.pending_cells - 1))
        elif self.parts and self.pending_cells:
            self.parts.append("\t" * self.pending_cells)
        self.pending_lines = 0
        self.pending_cells = 0

    @property
    def first_title(self) -> str | None:
        return clean_field("".join(self.title_parts)) if self.title_parts else None


def _strip_tags_roughly(markup: str) -> str:
    """Last resort when the parser gives up: drop anything that looks like a tag."""
    markup = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", " ", markup)
    markup = re.sub(r"(?s)<!--.*?-->", " ", markup)
    markup = re.sub(r"(?i)<(br|p|div|li|h[1-6]|tr)\b[^>]*>", "\n", markup)
    return unescape(re.sub(r"(?s)<[^>]*>", " ", markup))


def _page_title(parser: _PageParser) -> str | None:
    """<title>, but the page's own <h1> when <title> is that plus a site name."""
    title = parser.first_title or clean_field(parser.meta.get("og:title"))
    h1 = parser.first_h1
    if title and h1 and h1 != title and h1 in title:
        return h1
    return title or None


def html_to_text(markup: str) -> HtmlPage:
    """The visible article text of a page, and what its head declares."""
    parser = _PageParser()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # the parser is lenient, but a saved page must never crash a run
        return HtmlPage(_strip_tags_roughly(markup), Metadata())
    text = "".join(parser.parts)
    if not text.strip() and any(skipped for _, skipped in parser.stack):
        # A furniture element was never closed and swallowed the page:
        # its text is better than nothing.
        text = " ".join(parser.skipped_parts)
    meta = parser.meta
    published = None
    for key in ("article:published_time", "datepublished", "date", "dc.date", "publication_date"):
        published = parse_iso_date(meta.get(key))
        if published:
            break
    return HtmlPage(
        text=text,
        metadata=Metadata(
            title=_page_title(parser),
            language=normalise_language(parser.lang),
            published_at=published,
            url=clean_field(parser.canonical or meta.get("og:url")),
            source=clean_field(meta.get("og:site_name")),
        ),
    )
