"""A folder of the awkward files users really drop into a source folder.

Each file comes with the outcome ingestion must give it, so tests can check
the whole corpus in one go and a new awkward case is one entry here.
Outcomes are 'document' or 'rejected:<word expected in the reason>'.
"""

from __future__ import annotations

import codecs
import gzip
import json
import os
from pathlib import Path

# The corpus holds one file just over this limit; pass it to discover().
AWKWARD_MAX_BYTES = 20_000

FRENCH = (
    "Mistral AI lève 600 millions d’euros auprès de General Catalyst.\n"
    "La start-up française a été valorisée à 5,8 milliards d’euros, selon un communiqué publié mardi.\n"
)
ENGLISH = (
    "Acme Robotics has raised $40 million in a Series B round led by Example Ventures.\n"
    "The company said the money will be used to expand its factory in Ohio.\n"
)
# Characters that exist in Windows-1252 but not in Latin-1, and the other way round.
CP1252_TEXT = "Le contrat de 12 M€ a été signé l’été dernier avec « Société Générale ».\n"
LATIN1_TEXT = "La société a levé 3 millions de francs suisses. Coût total : 4,5 millions, ½ en actions.\n"
SQL_AND_JINJA = (
    "Robert'); DROP TABLE documents; -- a signé un contrat de 2 millions d'euros avec Acme.\n"
    "Le modèle {{ config(materialized='table') }} et {% if x %}{{ x }}{% endif %} restent du texte.\n"
    "SELECT * FROM marts.fct_contracts WHERE amount > 0; -- ceci est une phrase du corpus.\n"
)
ARTICLE_SENTENCES = (
    "Acme Robotics has raised $40 million in a Series B round led by Example Ventures.",
    "The company said the money will be used to expand its factory in Ohio.",
    "Acme also signed a three-year contract with Globex worth $12 million.",
)
BOILERPLATE_PAGE = """menu
close
Accueil > Tech > Robotique
Partager
Tweet
Nous utilisons des cookies pour améliorer votre expérience. En poursuivant votre navigation, vous acceptez leur utilisation.
Accepter
Refuser

A robotic arm assembling a car on a production line

Crédit photo : Example / Unsplash

RoboticsFundingStartups
12

Acme Robotics raises $40 million

Acme Robotics has raised $40 million in a Series B round led by Example Ventures.

Lire aussi : Globex rachète une start-up de logistique

The company said the money will be used to expand its factory in Ohio.
Acme also signed a three-year contract with Globex worth $12 million.

Partager : Facebook | X | LinkedIn | E-mail

Sur le même thème
- Globex rachète Initech pour 300 millions
- Les robots industriels face à la pénurie

Source :

Commentaires (2)
Jean D. — 12/05/2025 à 08h41
Globex finira par racheter Acme pour 1 milliard, croyez-moi.
Anne L. — 12/05/2025 à 09h05
Bravo à toute l'équipe !

Inscrivez-vous à notre newsletter
Leave a comment
Your email address will not be published. Required fields are marked *
Save my name, email, and website in this browser for the next time I comment.
This site uses Akismet to reduce spam. Learn how your comment data is processed.
Latest News
Read more
About us | Contact | Privacy policy | Terms of use
© 2025 Example Media. All rights reserved.
"""
HTML_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Acme Robotics raises $40 million | Example News</title>
<style>body { color: red; } .x::after { content: "STYLE TEXT"; }</style>
<script>var tracking = "SCRIPT TEXT"; if (a < b) { document.write("<p>no</p>"); }</script>
<link rel="canonical" href="https://example.com/acme-40m">
<meta property="article:published_time" content="2025-03-04T09:30:00+01:00">
</head>
<body>
<header><a href="/">Example News</a> <nav><ul><li>Home</li><li>Tech</li><li>Markets</li></ul></nav></header>
<div class="cookie-banner"><p>We use cookies to improve your experience.</p><button>Accept all</button></div>
<main><article>
<h1>Acme Robotics raises $40 million</h1>
<!-- a comment with COMMENT TEXT -->
<p>Acme Robotics has raised $40 million in a Series B round led by <b>Example&nbsp;Ventures</b>.</p>
<p>The company said the money will be used to expand its factory in Ohio.<br>Acme also signed a three-year contract with Globex worth $12&#8239;million.</p>
<aside>Related: Globex buys a logistics start-up</aside>
<p>Caf&eacute; &amp; th&eacute; are <i>not</i> part of the deal.</p>
<form><label>Your email</label><input type="email"><button>Subscribe</button></form>
</article></main>
<footer><p>© 2025 Example News. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
<noscript>NOSCRIPT TEXT</noscript>
<iframe src="https://ads.example.com">IFRAME TEXT</iframe>
<svg><text>SVG TEXT</text></svg>
</body>
</html>
"""
MALFORMED_HTML = (
    "<html><head><title>Broken page</title><body><div><p>Globex a remporté un contrat de 8 millions "
    "d'euros avec la SNCF.<p>Le contrat porte sur cinq ans <b>et <i>inclut</b> la maintenance.</i>"
    "<div class=\"x\" <span>Texte après un attribut cassé.</span></td></tr></table>"
    "<p>Dernière phrase sans fermeture"
)
ONLY_FURNITURE_HTML = (
    "<html><body><nav>Accueil Tech Business</nav><header>Example News</header>"
    "<footer>© 2025 Example. Tous droits réservés.</footer></body></html>"
)
MARKDOWN = """---
title: "Acme lève 40 millions"
date: 2025-03-04
tags: [robotique, levée]
---

# Acme lève 40 millions de dollars

![Logo d'Acme](https://example.com/logo.png)

**Acme Robotics** a levé *40 millions de dollars* auprès d'[Example Ventures](https://example.com/ev).

- La société va agrandir son usine.
- Elle a signé un contrat avec _Globex_.

```
code_block = "gardé tel quel"
```
"""


def _write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)


def build_awkward_corpus(root: Path) -> dict[str, str]:
    """Write the awkward files under `root` and return {relative path: expected outcome}.

    One file lives outside `root` (the target of a link that must not be
    followed): it goes in a sibling folder named after `root`.
    """
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str] = {}

    def add(rel: str, data: bytes | str, outcome: str) -> None:
        _write(root / rel, data)
        expected[rel] = outcome

    # Encodings
    add("encodings/utf8.txt", FRENCH, "document")
    add("encodings/utf8_bom.txt", codecs.BOM_UTF8 + FRENCH.encode("utf-8"), "document")
    add("encodings/utf16_le_bom.txt", codecs.BOM_UTF16_LE + FRENCH.encode("utf-16-le"), "document")
    add("encodings/utf16_be_bom.txt", codecs.BOM_UTF16_BE + FRENCH.encode("utf-16-be"), "document")
    add("encodings/utf16_le_no_bom.txt", FRENCH.encode("utf-16-le"), "document")
    add("encodings/utf16_be_no_bom.txt", FRENCH.encode("utf-16-be"), "document")
    add("encodings/windows1252.txt", CP1252_TEXT.encode("cp1252"), "document")
    add("encodings/latin1.txt", LATIN1_TEXT.encode("latin-1"), "document")
    add("encodings/crlf.txt", FRENCH.replace("\n", "\r\n").encode("utf-8"), "document")
    add("encodings/old_mac_cr.txt", ENGLISH.replace("\n", "\r").encode("utf-8"), "document")
    add("encodings/control_chars.txt", bytes(range(1, 9)) * 40 + b"abc", "rejected:not decodable")

    # Formats
    add("formats/page.html", HTML_PAGE, "document")
    add("formats/UPPER CASE.HTM", HTML_PAGE, "document")
    add("formats/malformed.html", MALFORMED_HTML, "document")
    add("formats/only_furniture.html", ONLY_FURNITURE_HTML, "rejected:empty after cleaning")
    add("formats/article.md", MARKDOWN, "document")
    add("formats/notes.markdown", "# Note\n\nGlobex a signé avec *Acme*.\n", "document")
    add("formats/boilerplate_heavy.txt", BOILERPLATE_PAGE, "document")
    add("formats/ARTICLE.TXT", ENGLISH, "document")

    # Sidecars
    add("sidecars/with_meta.txt", ENGLISH, "document")
    _write(root / "sidecars/with_meta.meta.json", json.dumps({
        "published_at": "2025-06-13", "url": "https://example.com/acme", "source": "Example Wire",
        "title": "Acme raises $40M", "language": "en",
    }))  # consumed as metadata: not yielded
    add("sidecars/orphan.meta.json", json.dumps({"title": "nobody's"}), "rejected:orphan")
    add("sidecars/bad_json.txt", ENGLISH, "document")
    add("sidecars/bad_json.meta.json", '{"title": "unterminated', "rejected:invalid sidecar JSON")
    add("sidecars/bad_date.txt", ENGLISH, "document")
    add("sidecars/bad_date.meta.json", json.dumps({"published_at": "2025-13-45"}), "rejected:2025-13-45")
    add("sidecars/rejected_doc.txt", b"", "rejected:empty")
    add("sidecars/rejected_doc.meta.json", json.dumps({"title": "x"}), "rejected:rejected document")

    # Not text
    add("binary/random.txt", bytes(range(256)) * 8, "rejected:binary")
    add("binary/disguised_png.txt", b"\x89PNG\r\n\x1a\n" + bytes(200), "rejected:PNG")
    add("binary/picture.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "rejected:unsupported file type '.png'")
    add("binary/report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "rejected:'.pdf'")
    add("binary/scan.txt", b"%PDF-1.4\n" + bytes(range(128, 256)), "rejected:PDF")
    add("binary/compressed.txt", gzip.compress(FRENCH.encode("utf-8"), mtime=0), "rejected:gzip")
    add("binary/memo.docx", b"PK\x03\x04" + bytes(100), "rejected:unsupported file type '.docx'")

    # Empty and too big
    add("empty/empty.txt", b"", "rejected:empty")
    add("empty/whitespace.txt", " \n\t\n\r\n   \u00a0\n".encode("utf-8"), "rejected:empty")
    add("empty/too_big.txt", ("Une phrase répétée pour grossir le fichier. " * 1000).encode("utf-8"), "rejected:limit")

    # Awkward names and contents
    add("names/name with spaces.txt", FRENCH, "document")
    add("names/accentué é à ç.txt", FRENCH, "document")
    add("names/quote's \"double\".txt", ENGLISH, "document")
    add("names/'; DROP TABLE x; --.txt", ENGLISH, "document")
    add("names/{{ jinja }}.txt", ENGLISH, "document")
    add("names/sql_and_jinja.txt", SQL_AND_JINJA, "document")
    add("duplicates/copy_a.txt", ENGLISH, "document")
    add("duplicates/copy_b.txt", ENGLISH, "document")
    add("nested/level1/level2/deep.txt", FRENCH, "document")
    add(".hidden.txt", FRENCH, "rejected:hidden file")
    _write(root / ".hidden_folder/secret.txt", FRENCH)
    expected[".hidden_folder"] = "rejected:hidden folder"  # reported once, as a folder
    _write(root / ".git/config", "[core]\n")  # pruned: never reported
    _write(root / "__pycache__/x.cpython-311.pyc", b"\x00\x01")  # pruned: never reported

    # Links
    outside = root.parent / f"{root.name}_outside"
    _write(outside / "secret.txt", FRENCH)
    links = root / "links"
    links.mkdir(exist_ok=True)
    os.symlink(outside / "secret.txt", links / "outside.txt")
    expected["links/outside.txt"] = "rejected:outside the source folder"
    os.symlink(outside, links / "outside_folder")
    expected["links/outside_folder"] = "rejected:outside the source folder"
    os.symlink(Path("..") / "encodings" / "utf8.txt", links / "inside.txt")
    expected["links/inside.txt"] = "document"
    os.symlink(links / "does_not_exist.txt", links / "broken.txt")
    expected["links/broken.txt"] = "rejected:broken"
    os.symlink(Path(".."), links / "loop")
    expected["links/loop"] = "rejected:loop"
    os.symlink(Path("..") / "nested", links / "nested_again")
    expected["links/nested_again/level1/level2/deep.txt"] = "document"

    # A file name that is not valid UTF-8 (allowed by Linux file systems).
    try:
        with open(os.path.join(os.fsencode(root), b"names", b"bad\xffname.txt"), "wb") as handle:
            handle.write(ENGLISH.encode("utf-8"))
        expected["names/bad\\xffname.txt"] = "rejected:not valid UTF-8"
    except OSError:
        pass

    # A named pipe must be reported, never opened (opening would block).
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "binary" / "pipe.txt")
        expected["binary/pipe.txt"] = "rejected:not a regular file"

    return expected


def outcome_matches(expected: str, result: object) -> bool:
    """Whether a discover() result (DocumentText or Rejection) is the expected outcome."""
    reason = getattr(result, "reason", None)
    if expected == "document":
        return reason is None and hasattr(result, "text")
    keyword = expected.removeprefix("rejected:")
    return reason is not None and keyword.lower() in reason.lower()
