"""The evidence report, written from a warehouse the real pipeline builds from a handful of articles.

The articles are chosen for what the report must show: two sources that state
different amounts for one round (a conflict), a contract and customer losses
for the supplier chart, an article carrying a <script> element in its text and
title, and an article with no deal at all.
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path

import duckdb
import pytest

from pipelines.report import write_report
from pipelines.report.sections import SectionStore
from tests.pipeline_runner import build_warehouse

ARTICLES = {
    "quillon_wire_en.txt": (
        "Lyon robotics startup Quillon raises €12 million\n\n"
        "Quillon, a Lyon-based maker of warehouse picking robots, said on 3 June 2025 it had raised €12 million "
        "in a Series A round led by Partech. The company employs 60 people and plans to open an office in Munich.\n"),
    "quillon_wire_en.meta.json": (
        '{"published_at": "2025-06-03", "source": "Wirepoint Europe", '
        '"title": "Lyon robotics startup Quillon raises €12 million", "language": "en"}'),
    "quillon_depeche_fr.txt": (
        "Quillon lève 15 millions d'euros\n\n"
        "La start-up lyonnaise Quillon, qui conçoit des robots de préparation de commandes, a annoncé le 3 juin "
        "2025 une levée de fonds de 15 millions d'euros en série A menée par Partech. Elle compte ouvrir un bureau "
        "à Munich.\n"),
    "quillon_depeche_fr.meta.json": (
        '{"published_at": "2025-06-04", "source": "La Lettre de l\'IA", '
        '"title": "Quillon lève 15 millions d\'euros", "language": "fr"}'),
    "brindle_navy_en.txt": (
        "Brindle AI wins Navy drone contract\n\n"
        'The page embedded <script>alert("dealwire")</script> in its body. Brindle AI, a Seattle start-up, won a '
        "$3 million contract from the U.S. Navy on 10 April 2025 to maintain inspection drones. The work will run "
        "for two years.\n"),
    "brindle_navy_en.meta.json": (
        '{"published_at": "2025-04-11", "source": "Defense Wire", '
        '"title": "Brindle AI wins <script>alert(\\"title\\")</script> Navy contract", "language": "en"}'),
    "brindle_loss_en.txt": (
        "Harrow Stores drops Brindle AI\n\n"
        "Harrow Stores said on 2 May 2025 that it had dropped Brindle AI's shelf-inspection service, ending a "
        "contract worth $2 million a year. Harrow Stores will move the work in house.\n"),
    "weather_en.txt": "A quiet week\n\nNothing much happened this week. The weather in Lyon was mild.\n",
}
NO_DEAL = {"weather_en.txt": ARTICLES["weather_en.txt"]}




def report_warehouse(tmp_path_factory) -> Path:
    """The warehouse of ARTICLES, built once per test session and shared with the browser test."""
    root = tmp_path_factory.getbasetemp() / "report_articles"
    warehouse = root / "warehouse" / "dealwire.duckdb"
    if not warehouse.exists():
        build_warehouse(root, ARTICLES)
    return warehouse


def query(warehouse: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def sections(page: str) -> dict[str, str]:
    """Each deal section's inner HTML by its id (deal sections do not nest)."""
    return dict(re.findall(r'<section class="deal" id="([^"]+)"[^>]*>(.*?)</section>', page, re.S))


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    return report_warehouse(tmp_path_factory)


@pytest.fixture(scope="module")
def report(warehouse, tmp_path_factory) -> tuple[str, dict]:
    out = tmp_path_factory.mktemp("report") / "evidence_report.html"
    counts = write_report(warehouse, out)
    return out.read_text(encoding="utf-8"), counts


@pytest.fixture(scope="module")
def quillon_id(warehouse) -> str:
    [(fact_id,)] = query(warehouse, "select funding_round_id from marts.fct_funding_rounds "
                                    "where company_name = 'Quillon'")
    return fact_id


def test_every_deal_has_one_section_and_an_index_link(warehouse, report):
    page, _ = report
    ids = [row[0] for row in query(warehouse, """
        select funding_round_id from marts.fct_funding_rounds union all
        select contract_id from marts.fct_contracts union all
        select customer_loss_id from marts.fct_customer_losses""")]
    assert len(ids) >= 3
    assert sorted(sections(page)) == sorted(ids)
    for fact_id in ids:
        assert page.count(f'id="{fact_id}"') == 1
        assert f'href="#{fact_id}"' in page


def test_every_quote_is_marked_in_its_deal_section(warehouse, report):
    page, _ = report
    expected: dict[str, list[str]] = {}
    for fact_id, quote in query(warehouse, "select distinct fact_id, quote from marts.fct_evidence"):
        expected.setdefault(fact_id, []).append(quote)
    assert expected
    found = sections(page)
    for fact_id, quotes in expected.items():
        marks = [text_of(m) for m in re.findall(r"<mark>(.*?)</mark>", found[fact_id], re.S)]
        assert sorted(marks) == sorted(quotes), fact_id


def test_quote_is_shown_with_its_neighbouring_text_and_source(report, quillon_id):
    section = sections(report[0])[quillon_id]
    english = next(item for item in re.findall(r"<li>(.*?)</li>", section, re.S)
                   if "€12 million in a" in text_of(item))
    after = re.findall(r'<span class="ctx">(.*?)</span>', english)[-1]
    assert "The company employs 60 people" in text_of(after)
    cite = text_of(re.search(r'<p class="cite">(.*?)</p>', english).group(1))
    assert "Lyon robotics startup Quillon raises €12 million" in cite
    assert "quillon_wire_en.txt" in cite and "published 2025-06-03" in cite


def test_key_values_are_emphasised_inside_the_quote(report, quillon_id):
    section = sections(report[0])[quillon_id]
    assert '<strong class="v-money">€12 million</strong>' in section
    assert '<strong class="v-party">Partech</strong>' in section
    assert '<strong class="v-party">Quillon</strong>' in section


def test_title_says_who_raised_how_much_from_whom_and_when(report, quillon_id):
    title = text_of(re.search(r"<h3>(.*?)</h3>", sections(report[0])[quillon_id], re.S).group(1))
    assert re.match(r"Quillon raised €1[25]M in a Series A from Partech \(3 June 2025\)", title), title


def test_conflicting_sources_are_side_by_side(report, quillon_id):
    section = sections(report[0])[quillon_id]
    assert "sources disagree" in section
    table = re.search(r'<table class="sources">(.*?)</table>', section, re.S).group(1)
    head = [text_of(c) for c in re.findall(r"<th[^>]*>(.*?)</th>", re.search(r"<thead>(.*?)</thead>", table).group(1))]
    assert head[:2] == ["Sources", "Amount stated"]
    rows = re.findall(r"<tr>(.*?)</tr>", re.search(r"<tbody>(.*?)</tbody>", table, re.S).group(1), re.S)
    stated = {text_of(re.findall(r"<td[^>]*>(.*?)</td>", row)[0]) for row in rows}
    assert stated == {"€12M", "€15M"}
    sources = text_of(table)
    assert "Lyon robotics startup Quillon raises €12 million" in sources
    assert "Quillon lève 15 millions d'euros" in sources
    assert re.search(r'<th class="differs">Amount stated</th>', table)
    listed = re.search(r'<section id="conflicts">(.*?)</section>', report[0], re.S).group(1)
    assert f'<a href="#{quillon_id}">' in listed


def test_article_script_is_escaped_not_run(report):
    page, _ = report
    assert "<script" not in page.lower()
    assert 'alert("dealwire")' not in page  # the quotes are escaped too
    visible = text_of(page)
    assert '<script>alert("dealwire")</script>' in visible
    assert 'Brindle AI wins <script>alert("title")</script> Navy contract' in visible


def test_report_has_no_external_reference(report):
    page, _ = report
    assert not re.search(r'<(?:link|img|iframe|script)\b|\bsrc=|url\(|@import', page, re.I)


def test_charts_are_inline_svg_with_the_warehouse_figures(warehouse, report):
    page, _ = report
    funding = re.search(r'<svg class="chart" id="chart-funding".*?</svg>', page, re.S).group(0)
    [(rounds, usd)] = query(warehouse, "select count(*), sum(amount_usd) from marts.fct_funding_rounds "
                                       "where event_date >= '2025-06-01' and event_date < '2025-07-01'")
    assert rounds == 1
    [shown] = re.findall(r"June 2025: \$([\d.]+)M from 1 round", funding)
    assert float(shown) == pytest.approx(usd / 1e6, abs=0.01)
    assert "US dollars raised" in funding and "month of the round" in funding
    suppliers = re.search(r'<svg class="chart" id="chart-suppliers".*?</svg>', page, re.S).group(0)
    [(contracts,)] = query(warehouse, "select count(*) from marts.fct_contracts where supplier_name = 'Brindle AI'")
    [(losses,)] = query(warehouse, "select count(*) from marts.fct_customer_losses where supplier_name = 'Brindle AI'")
    assert contracts >= 1 and losses >= 1
    assert f"Brindle AI: {contracts} contract{'s' if contracts > 1 else ''} won" in suppliers
    assert f"Brindle AI: {losses} customer{'s' if losses > 1 else ''} lost" in suppliers


def test_header_totals_and_returned_counts_match_the_warehouse(warehouse, report, tmp_path):
    page, counts = report
    [(rounds, contracts, losses, quotes, conflicts, documents)] = query(warehouse, """
        select (select count(*) from marts.fct_funding_rounds), (select count(*) from marts.fct_contracts),
               (select count(*) from marts.fct_customer_losses),
               (select count(*) from (select distinct fact_id, document_id, char_start, char_end
                                      from marts.fct_evidence)),
               (select count(*) filter (where has_conflict) from marts.fct_funding_rounds)
                 + (select count(*) filter (where has_conflict) from marts.fct_contracts)
                 + (select count(*) filter (where has_conflict) from marts.fct_customer_losses),
               (select count(*) from marts.dim_documents)""")
    totals = dict((text_of(k), text_of(v)) for k, v in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", page))
    assert totals["documents"] == str(documents) == str(len(ARTICLES) - 3)
    assert totals["funding rounds"] == str(rounds)
    assert totals["contracts"] == str(contracts)
    assert totals["customer losses"] == str(losses)
    assert totals["quotes"] == str(quotes)
    assert totals["deals whose sources disagree"] == str(conflicts) != "0"
    assert counts["deals"] == rounds + contracts + losses
    assert counts["quotes"] == quotes and counts["conflicts"] == conflicts and counts["deals_left_out"] == 0
    out = tmp_path / "again.html"
    assert write_report(warehouse, out)["bytes"] == out.stat().st_size == len(page.encode("utf-8"))


def test_a_per_kind_limit_keeps_the_largest_and_says_how_many_are_left_out(warehouse, tmp_path):
    out = tmp_path / "capped.html"
    counts = write_report(warehouse, out, max_deals_per_kind=1)
    page = out.read_text(encoding="utf-8")
    [(losses,)] = query(warehouse, "select count(*) from marts.fct_customer_losses")
    [(largest,)] = query(warehouse, "select customer_loss_id from marts.fct_customer_losses "
                                    "order by amount_usd desc nulls last, event_date desc nulls last, "
                                    "customer_loss_id limit 1")
    shown = [i for i in sections(page) if i.startswith("cl_")]
    assert shown == [largest]
    if losses > 1:
        assert f"{losses - 1} {'is' if losses == 2 else 'are'} left out" in page
    assert counts["deals"] == len(sections(page)) and counts["deals_left_out"] >= losses - 1


def test_a_failed_write_leaves_the_previous_report_and_no_temporary_file(warehouse, tmp_path):
    out = tmp_path / "site" / "evidence_report.html"
    write_report(warehouse, out)
    before = out.read_bytes()
    not_a_warehouse = tmp_path / "empty.duckdb"
    duckdb.connect(str(not_a_warehouse)).close()
    with pytest.raises(duckdb.CatalogException):
        write_report(not_a_warehouse, out)
    assert out.read_bytes() == before
    assert sorted(p.name for p in out.parent.iterdir()) == [".evidence_report.html.sections.json",
                                                            "evidence_report.html"]
    with pytest.raises(FileNotFoundError, match="no warehouse"):
        write_report(tmp_path / "missing.duckdb", out)


def test_the_warehouse_is_opened_read_only(warehouse, tmp_path):
    """Another reader holds the file read-only; the report opens beside it and never writes it."""
    before = warehouse.stat().st_mtime_ns
    reader = duckdb.connect(str(warehouse), read_only=True)
    try:
        write_report(warehouse, tmp_path / "report.html")
    finally:
        reader.close()
    assert warehouse.stat().st_mtime_ns == before


def test_a_warehouse_without_deals_gives_a_page_that_says_so(tmp_path):
    warehouse = build_warehouse(tmp_path / "no_deals", NO_DEAL)
    out = tmp_path / "report.html"
    counts = write_report(warehouse, out)
    page = out.read_text(encoding="utf-8")
    assert counts == {"deals": 0, "quotes": 0, "conflicts": 0, "deals_left_out": 0, "sections_reused": 0,
                      "bytes": len(page.encode())}
    for what in ("funding round", "contract", "customer loss"):
        assert f"No {what} in this warehouse." in page
    assert "No dated funding round." in page and "<svg" not in page
    assert page.rstrip().endswith("</html>")


def test_a_deal_reported_more_often_than_shown_says_where_the_rest_is(warehouse, quillon_id, tmp_path,
                                                                       monkeypatch):
    from pipelines.report import queries

    monkeypatch.setattr(queries, "MAX_QUOTES_PER_DEAL", 1)
    out = tmp_path / "report.html"
    write_report(warehouse, out)
    section = sections(out.read_text(encoding="utf-8"))[quillon_id]
    total = query(warehouse, f"select count(distinct (document_id, char_start, char_end)) from marts.fct_evidence "
                             f"where fact_id = '{quillon_id}'")[0][0]
    assert total >= 2
    assert len(re.findall(r"<mark>", section)) == 1
    assert f"Evidence (1 of {total} quotes)" in text_of(section)
    assert f"fact_id = '{quillon_id}'" in text_of(section)


def test_a_statement_many_sources_make_is_one_row_naming_the_oldest():
    """Two hundred articles stating one amount and one stating another: two rows, each value still shown."""
    import datetime as dt

    from pipelines.report.deals import SOURCES_NAMED, conflict_table
    from pipelines.report.kinds import CONTRACTS

    def candidate(i: int, amount: float) -> dict:
        return {"document_id": f"doc_{i:04d}", "title": f"Article {i}", "source_path": f"a/{i}.txt",
                "published_at": dt.date(2025, 1, 1) + dt.timedelta(days=i), "amount": amount, "currency": "EUR",
                "subject_name": "Acme", "counterparty_name": "SNCF", "event_date": None}

    candidates = [candidate(i, 5e6) for i in range(200)] + [candidate(200, 7e6)]
    table = conflict_table(CONTRACTS, {"has_conflict": True, "conflicting_fields": ["amount"]}, candidates)
    rows = re.findall(r"<tr>(.*?)</tr>", re.search(r"<tbody>(.*?)</tbody>", table, re.S).group(1), re.S)
    assert len(rows) == 2
    assert [text_of(re.findall(r"<td[^>]*>(.*?)</td>", row)[2]) for row in rows] == ["€5M", "€7M"]
    first = text_of(re.search(r"<th>(.*?)</th>", rows[0], re.S).group(1))
    named = re.findall(r"Article (\d+)", first)
    assert named == [str(i) for i in range(SOURCES_NAMED)], first
    assert f"and {200 - SOURCES_NAMED} more sources" in first
    assert "Article 200" in text_of(rows[1])


def test_a_report_reuses_the_sections_of_unchanged_deals_and_equals_one_rendered_whole(warehouse, tmp_path,
                                                                                      quillon_id):
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(warehouse.read_bytes())
    out = tmp_path / "evidence_report.html"
    first = write_report(copy, out)
    assert first["sections_reused"] == 0
    again = write_report(copy, out)
    assert again["sections_reused"] == again["deals"] > 2 and again["quotes"] == first["quotes"]
    # one deal's row changes, and one source of another deal gets a new title
    [(contract_id, document_id)] = query(copy, "select contract_id, document_ids[1] from marts.fct_contracts "
                                               "order by contract_id limit 1")
    con = duckdb.connect(str(copy))
    try:
        con.execute("update marts.fct_funding_rounds set amount = amount + 1 where funding_round_id = ?",
                    [quillon_id])
        con.execute("update marts.dim_documents set title = 'Retitled' where document_id = ?", [document_id])
    finally:
        con.close()
    [(touched,)] = query(copy, f"select count(distinct fact_id) from marts.fct_evidence "
                               f"where document_id = '{document_id}' or fact_id = '{quillon_id}'")
    after = write_report(copy, out)
    assert after["sections_reused"] == after["deals"] - touched
    whole = tmp_path / "whole.html"
    assert write_report(copy, whole, reuse_sections=False)["sections_reused"] == 0
    assert out.read_bytes() == whole.read_bytes()
    assert "Retitled" in sections(out.read_text(encoding="utf-8"))[contract_id]


def test_sections_are_rendered_again_when_the_report_code_changes(warehouse, tmp_path, monkeypatch):
    from pipelines.report import writer

    out = tmp_path / "evidence_report.html"
    write_report(warehouse, out)
    monkeypatch.setattr(writer, "code_digest", lambda: "another version of the report")
    assert write_report(warehouse, out)["sections_reused"] == 0


def test_the_kept_sections_are_byte_ranges_of_the_report_not_a_copy_of_it(warehouse, tmp_path):
    out = tmp_path / "evidence_report.html"
    counts = write_report(warehouse, out)
    index = json.loads(SectionStore.path_for(out).read_text(encoding="utf-8"))
    page = out.read_bytes()
    assert len(index["sections"]) == counts["deals"]
    for offset, length, _quotes in index["sections"].values():
        assert page[offset:offset + 8] == b"<section" and page[offset + length - 10:offset + length] == b"</section>"
    assert SectionStore.path_for(out).stat().st_size < len(page) / 10


def test_a_report_edited_or_replaced_by_hand_is_rendered_whole(warehouse, tmp_path):
    out = tmp_path / "evidence_report.html"
    write_report(warehouse, out)
    whole = out.read_bytes()
    # the same size, another content: a section copied from it would be wrong
    edited = out.stat()
    out.write_bytes(whole.replace(b"<section", b"<SECTION"))
    os.utime(out, ns=(edited.st_atime_ns, edited.st_mtime_ns + 1_000_000_000))  # edited a second later
    again = write_report(warehouse, out)
    assert again["sections_reused"] == 0 and out.read_bytes() == whole
    # an index whose ranges fall outside the report, or are not ranges
    index_path = SectionStore.path_for(out)
    index = json.loads(index_path.read_text(encoding="utf-8"))
    bad = {fp: ([len(whole), 10, 0] if i % 2 else "not a range") for i, fp in enumerate(index["sections"])}
    index_path.write_text(json.dumps({**index, "sections": bad}), encoding="utf-8")
    assert write_report(warehouse, out)["sections_reused"] == 0
    assert out.read_bytes() == whole
    out.unlink()  # the index without its report
    assert write_report(warehouse, out)["sections_reused"] == 0
    assert out.read_bytes() == whole


def test_quoted_documents_looked_up_one_by_one_or_joined_give_the_same_report(warehouse, tmp_path, monkeypatch):
    """A chunk that quotes few documents reads them by lookups (pipelines.warehouse.ids), a larger one by a
    join with the documents table: the page must not tell which."""
    from pipelines.report import queries

    pages = {}
    for lookup_ids in (0, 10_000):
        monkeypatch.setattr(queries, "LOOKUP_IDS", lookup_ids)
        out = tmp_path / f"report_{lookup_ids}.html"
        write_report(warehouse, out, reuse_sections=False)
        pages[lookup_ids] = out.read_text(encoding="utf-8")
    assert pages[0] == pages[10_000] and "Quillon" in pages[0]
