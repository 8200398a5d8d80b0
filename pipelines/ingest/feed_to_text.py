"""RSS and Atom feeds saved as files: each item becomes a paragraph of the document.

A deal desk's feed holds a dozen items, each a headline, a day and a summary in HTML. Read as HTML, its
summaries (escaped or in CDATA sections) run together with the links and dates into one line; read here,
each item is its day, its headline and its summary's text, apart from the others. The feed's own title
titles the document and its newest item dates it.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from .html_to_text import html_to_text
from .metadata import Metadata

_ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_FEED_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.DOTALL)


@dataclass(frozen=True)
class FeedItem:
    title: str
    published: dt.date | None
    summary: str


def looks_like_feed(text: str) -> bool:
    """Whether a text file holds an RSS or Atom feed rather than prose."""
    return bool(_FEED_START.match(text[:2000]))


def _date(value: str | None) -> dt.date | None:
    """RSS's RFC 822 dates ("Mon, 26 Apr 2027 11:00:00 +0000") and Atom's ISO 8601 ones."""
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _text(element: ET.Element | None) -> str:
    return "".join(element.itertext()).strip() if element is not None else ""


def _html_text(markup: str) -> str:
    return html_to_text(markup).text.strip() if "<" in markup else markup.strip()


def _items(root: ET.Element) -> list[FeedItem]:
    items = []
    for item in root.iter("item"):  # RSS 2.0 (and RSS 1.0 once namespaces are dropped below)
        summary = _text(item.find(_CONTENT)) or _text(item.find("description"))
        items.append(FeedItem(_text(item.find("title")), _date(_text(item.find("pubDate"))), _html_text(summary)))
    for entry in root.iter(f"{_ATOM}entry"):
        summary = _text(entry.find(f"{_ATOM}content")) or _text(entry.find(f"{_ATOM}summary"))
        published = _text(entry.find(f"{_ATOM}published")) or _text(entry.find(f"{_ATOM}updated"))
        items.append(FeedItem(_text(entry.find(f"{_ATOM}title")), _date(published), _html_text(summary)))
    return items


def feed_to_text(markup: str) -> tuple[str, Metadata] | None:
    """The feed's items as paragraphs (day, headline, summary) and its title and date; None when the markup
    is not a well-formed feed, which is then read as a page."""
    try:
        root = ET.fromstring(markup.strip())
    except ET.ParseError:
        return None
    items = [item for item in _items(root) if item.title or item.summary]
    if not items:
        return None
    channel = root.find("channel")
    title = _text(channel.find("title")) if channel is not None else _text(root.find(f"{_ATOM}title"))
    paragraphs = []
    for item in items:
        day = f"{item.published.day} {item.published:%B %Y}" if item.published else ""
        paragraphs.append("\n".join(part for part in (day, item.title, item.summary) if part))
    dates = [item.published for item in items if item.published]
    return "\n\n".join(paragraphs), Metadata(title=title or None, published_at=max(dates) if dates else None)
