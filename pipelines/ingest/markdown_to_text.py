"""Plain text out of Markdown, keeping the words and dropping the markup.

Extraction works on sentences, so `**Meta**` must read as `Meta` and a link
as its label; the URL of a link or an image is not part of the article.
This is a line-by-line approximation of Markdown, not a full parser: it
only has to leave the prose intact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .metadata import Metadata, clean_field, normalise_language, parse_iso_date

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)")
_CLOSING_HASHES = re.compile(r"\s+#+\s*$")
_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_THEMATIC_BREAK = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_BULLET = re.compile(r"^(\s*)[-*+]\s+(\[[ xX]\]\s+)?")
_BLOCKQUOTE = re.compile(r"^\s{0,3}(>\s?)+")
_LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_IMAGE = re.compile(r"!\[[^\]]*\](\([^)]*\)|\[[^\]]*\])")
_LINK = re.compile(r"\[([^\]]+)\](\([^)]*\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>")
_INLINE_CODE = re.compile(r"(`+)(.+?)\1")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
_EM_UNDERSCORE = re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
_ESCAPED_BASE = 0xE000  # private-use code points stand for escaped ASCII characters
_UNESCAPE = {_ESCAPED_BASE + ord(c): c for c in "\\`*_{}[]()#+-.!>|~"}
_FRONT_MATTER_LINE = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*[:=]\s*(.*?)\s*$")


@dataclass(frozen=True)
class MarkdownDocument:
    text: str
    metadata: Metadata


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """YAML (---) or TOML (+++) front matter as flat key/values, and the rest.

    Only `key: value` lines are read: that covers title and date, which is
    all ingestion needs, without a YAML dependency.
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() not in ("---", "+++"):
        return {}, text
    fence = lines[0].strip()
    closers = ("---", "...") if fence == "---" else ("+++",)
    for end in range(1, min(len(lines), 200)):
        if lines[end].strip() in closers:
            break
    else:
        return {}, text  # no closing fence: it was a rule, not front matter
    values: dict[str, str] = {}
    for line in lines[1:end]:
        match = _FRONT_MATTER_LINE.match(line)
        if match and not line.startswith((" ", "\t")):
            value = match.group(2)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            values.setdefault(match.group(1).lower(), value)
    return values, "\n".join(lines[end + 1:])


def strip_inline(line: str) -> str:
    """Emphasis, code spans, links and images reduced to their words."""
    # Escaped characters are set aside so that no rule below treats them as markup.
    line = _ESCAPE.sub(lambda m: chr(_ESCAPED_BASE + ord(m.group(1))), line)
    line = _IMAGE.sub("", line)
    line = _LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _HTML_TAG.sub("", line)
    line = _INLINE_CODE.sub(lambda m: m.group(2).strip(), line)
    for _ in range(2):  # nested emphasis such as ***word***
        line = _STRONG.sub(r"\2", line)
        line = _STRIKE.sub(r"\1", line)
        line = _EM_STAR.sub(r"\1", line)
        line = _EM_UNDERSCORE.sub(r"\1", line)
    return line.translate(_UNESCAPE)


def markdown_to_text(text: str) -> MarkdownDocument:
    """The prose of a Markdown file, and its front matter or first '# ' heading as metadata."""
    front, body = split_front_matter(text)
    out: list[str] = []
    first_heading: str | None = None
    fence: str | None = None
    for line in body.split("\n"):
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
                out.append("")
            else:
                out.append(line)  # code is kept as it is
            continue
        match = _FENCE.match(line)
        if match:
            fence = match.group(1)
            out.append("")
            continue
        if _LINK_DEFINITION.match(line) or (_TABLE_RULE.match(line) and "|" in line):
            continue
        if _THEMATIC_BREAK.match(line):
            out.append("")
            continue
        if _SETEXT_UNDERLINE.match(line) and out and out[-1].strip():
            out.append("")  # the heading text is already on the previous line
            continue
        line = _BLOCKQUOTE.sub("", line)
        heading = _HEADING.match(line)
        if heading:
            level = line.strip().split(" ", 1)[0].count("#")
            line = _CLOSING_HASHES.sub("", line[heading.end():])
            if level == 1 and first_heading is None:
                first_heading = clean_field(strip_inline(line))
        else:
            line = _BULLET.sub(r"\1", line)
        if line.strip().startswith("|") and line.strip().endswith("|"):
            line = line.strip()[1:-1].strip()
        out.append(strip_inline(line))

    title = clean_field(front.get("title")) or first_heading
    published = None
    for key in ("published_at", "date", "published", "pubdate"):
        published = parse_iso_date(front.get(key))
        if published:
            break
    metadata = Metadata(
        title=title,
        language=normalise_language(front.get("language") or front.get("lang")),
        published_at=published,
        url=clean_field(front.get("url")),
        source=clean_field(front.get("source")),
    )
    return MarkdownDocument("\n".join(out), metadata)
