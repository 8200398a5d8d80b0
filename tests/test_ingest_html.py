"""Web pages to text: furniture removed, structure kept as line breaks, never a crash."""

from __future__ import annotations

import pytest

from pipelines.ingest.html_to_text import html_to_text
from pipelines.ingest.normalisation import normalise_text

SENTENCE = "Globex a signé un contrat de 8 millions d'euros avec la SNCF."


def _text(markup: str) -> str:
    return normalise_text(html_to_text(markup).text)


@pytest.mark.parametrize(
    "tag", ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg"]
)
def test_furniture_elements_are_removed_with_their_content(tag):
    markup = f"<body><p>{SENTENCE}</p><{tag}>HIDDEN <b>CONTENT</b></{tag}><p>Fin de l'article.</p></body>"
    assert _text(markup) == f"{SENTENCE}\n\nFin de l'article."


def test_comments_are_removed_and_entities_unescaped():
    markup = "<p>R&amp;D&nbsp;: 5&#8239;M&euro; <!-- <p>COMMENT</p> --> pour l&rsquo;&eacute;quipe</p>"
    assert _text(markup) == "R&D\u00a0: 5\u202fM€ pour l’équipe"


def test_block_elements_become_line_breaks():
    markup = (
        "<h1>Titre</h1><p>Un.<br>Deux.</p><ul><li>trois</li><li>quatre</li></ul>"
        "<div>cinq</div><div>six</div><table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"
        "<section>sept</section><article>huit</article>"
    )
    assert _text(markup) == "Titre\n\nUn.\nDeux.\n\ntrois\nquatre\n\ncinq\nsix\n\na\tb\nc\n\nsept\n\nhuit"


def test_an_empty_table_cell_keeps_its_column():
    markup = "<p>x</p><table><tr><td>Acme</td><td></td><td>5 M€</td></tr><tr><td>Bolt</td><td>Seed</td></tr></table>"
    assert _text(markup) == "x\n\nAcme\t\t5 M€\nBolt\tSeed"


def test_inline_whitespace_is_collapsed_but_pre_is_kept():
    markup = "<p>Acme   a\n   levé\t5 M€.</p><pre>col1   col2\nval1   val2</pre>"
    assert _text(markup) == "Acme a levé 5 M€.\n\ncol1   col2\nval1   val2"


def test_title_from_title_tag_or_the_h1_it_contains():
    assert html_to_text("<title>Acme lève 5 M€</title><p>x</p>").metadata.title == "Acme lève 5 M€"
    page = html_to_text("<title>Acme lève 5 M€ - Le Journal</title><h1>Acme lève 5 M€</h1><p>x</p>")
    assert page.metadata.title == "Acme lève 5 M€"
    assert "Le Journal" not in page.text


def test_head_metadata_is_read():
    page = html_to_text(
        '<html lang="fr-FR"><head><link rel="canonical" href="https://ex.com/a">'
        '<meta property="article:published_time" content="2025-06-13T08:00:00Z">'
        '<meta property="og:site_name" content="Le Journal"></head><body><p>x</p></body></html>'
    )
    assert page.metadata.language == "fr"
    assert str(page.metadata.published_at) == "2025-06-13"
    assert page.metadata.url == "https://ex.com/a"
    assert page.metadata.source == "Le Journal"


def test_an_article_header_keeps_its_headline():
    markup = "<header>Le Journal</header><article><header><h1>Acme lève 5 M€</h1></header><p>Texte.</p></article>"
    assert _text(markup) == "Acme lève 5 M€\n\nTexte."


def test_furniture_marked_by_class_role_or_hidden_is_removed():
    markup = (
        '<div class="cookie-banner">Nous utilisons des cookies.</div>'
        '<div id="share_buttons">Facebook Twitter</div>'
        '<div role="navigation">Accueil</div><div hidden>caché</div>'
        f'<div class="entry-content"><p>{SENTENCE}</p></div>'
        '<img class="share-icon" src="x.png"><p>Suite.</p>'
    )
    assert _text(markup) == f"{SENTENCE}\n\nSuite."


@pytest.mark.parametrize(
    "markup",
    [
        f"<p>{SENTENCE}",
        f"<div><p>{SENTENCE}</span></b></div></div></td>",
        f"<<<>>> <p {SENTENCE}",
        f"<p>{SENTENCE}</p><!-- never closed",
        f"<p>{SENTENCE}</p><script>never closed",
        f"<p>{SENTENCE}</p><a href='x",
        f"<![CDATA[x]]><?php echo 1 ?><!DOCTYPE html><p>{SENTENCE}</p>&bogus; &#xZZ; &#99999999;",
        f"<html><head><title>t</title><body><p>{SENTENCE}</p>",
    ],
)
def test_malformed_html_never_crashes(markup):
    page = html_to_text(markup)
    assert isinstance(page.text, str)
    if not markup.startswith("<<<"):
        assert SENTENCE in normalise_text(page.text)


def test_an_unclosed_furniture_element_does_not_swallow_the_page():
    assert SENTENCE in _text(f"<nav>Accueil<p>{SENTENCE}</p>")


def test_layout_classes_do_not_hide_the_page():
    markup = (
        f'<body class="has-sidebar comments-open"><div class="page with-sidebar no-comments">'
        f'<article class="share-friendly"><p>{SENTENCE}</p></article></div>'
        f'<div class="sidebar-widgets">Widget</div></body>'
    )
    assert _text(markup) == SENTENCE
