"""RSS and Atom feeds saved as files are read item by item."""

from __future__ import annotations

import datetime as dt

from pipelines.ingest.documents import document_from_bytes
from pipelines.ingest.feed_to_text import feed_to_text, looks_like_feed
from pipelines.ingest.records import Rejection

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>DealDesk Daily</title><link>https://dealdesk.example/</link>
<item><title>Kestrune closes $6.5M seed</title><link>https://dealdesk.example/kestrune</link>
<pubDate>Mon, 26 Apr 2027 11:00:00 +0000</pubDate>
<description><![CDATA[<p>Kestrune, a Dublin start-up, announced a $6.5 million seed round led by Point Nine.</p>]]></description>
</item>
<item><title>Zurich picks Halcyra</title><pubDate>Wed, 28 Apr 2027 08:10:00 +0000</pubDate>
<description>&lt;p&gt;Zurich Insurance Group has selected Halcyra to triage claims.&lt;/p&gt;</description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Fernhollow News</title>
<entry><title>Fernhollow raises a Series B</title><published>2027-05-11T09:00:00Z</published>
<summary type="html">&lt;p&gt;Fernhollow closed a $22 million Series B led by Balderton Capital.&lt;/p&gt;</summary>
</entry></feed>
"""


def test_an_rss_feed_is_its_items_each_with_its_day_headline_and_summary():
    text, metadata = feed_to_text(RSS)
    assert text.split("\n\n") == [
        "26 April 2027\nKestrune closes $6.5M seed\nKestrune, a Dublin start-up, announced a $6.5 million seed round "
        "led by Point Nine.",
        "28 April 2027\nZurich picks Halcyra\nZurich Insurance Group has selected Halcyra to triage claims.",
    ]
    assert (metadata.title, metadata.published_at) == ("DealDesk Daily", dt.date(2027, 4, 28))


def test_an_atom_feed_is_read_too():
    text, metadata = feed_to_text(ATOM)
    assert text == ("11 May 2027\nFernhollow raises a Series B\nFernhollow closed a $22 million Series B led by "
                    "Balderton Capital.")
    assert (metadata.title, metadata.published_at) == ("Fernhollow News", dt.date(2027, 5, 11))


def test_a_feed_saved_as_text_is_read_as_a_feed():
    assert looks_like_feed(RSS) and not looks_like_feed("Kestrune closes a seed <rss> round")
    document = document_from_bytes(RSS.encode("utf-8"), "dealdesk_feed.txt")
    assert "<p>" not in document.text and "CDATA" not in document.text
    assert "Kestrune, a Dublin start-up, announced a $6.5 million seed round" in document.text
    assert document.published_at == dt.date(2027, 4, 28)


def test_a_broken_feed_is_read_as_markup_not_lost():
    broken = RSS.replace("</channel></rss>", "")  # cut off while saving
    assert feed_to_text(broken) is None
    document = document_from_bytes(broken.encode("utf-8"), "feed.xml")
    assert not isinstance(document, Rejection)
    assert "Zurich Insurance Group has selected Halcyra" in document.text
