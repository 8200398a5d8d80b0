"""The evidence report in a real browser: a deal, its marked quotes and the charts are on screen.

Opened from a file:// URL in headless Chromium with no network: any request
for something outside the file would show up in the request log.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from pipelines.report import write_report
from tests.test_report import query, report_warehouse


@pytest.fixture(scope="module")
def report_file(tmp_path_factory):
    warehouse = report_warehouse(tmp_path_factory)
    out = tmp_path_factory.mktemp("report_browser") / "evidence_report.html"
    write_report(warehouse, out)
    [(fact_id,)] = query(warehouse, "select funding_round_id from marts.fct_funding_rounds "
                                    "where company_name = 'Quillon'")
    [(quotes,)] = query(warehouse, f"select count(distinct (document_id, char_start)) from marts.fct_evidence "
                                   f"where fact_id = '{fact_id}'")
    return out, fact_id, quotes


def test_deal_quotes_and_charts_render(browser, screenshots_dir, report_file):
    out, fact_id, quotes = report_file
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests, errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(out.as_uri())

    expect(page).to_have_title("Dealwire evidence report: dealwire.duckdb")
    expect(page.locator("header h1")).to_have_text("Dealwire evidence report")

    # The conflict list links to the deal; following it brings the section on screen.
    page.locator("#conflicts").get_by_role("link", name="Quillon raised").click()
    assert page.evaluate("location.hash") == f"#{fact_id}"
    deal = page.locator(f"[id='{fact_id}']")
    expect(deal).to_be_in_viewport()
    expect(deal.locator("h3")).to_contain_text("Quillon raised")
    expect(deal.locator("h3")).to_contain_text("from Partech")
    marks = deal.locator("mark")
    expect(marks).to_have_count(quotes)
    expect(marks.filter(has_text="€12 million in a Series A round led by Partech")).to_be_visible()
    expect(deal.locator("mark strong.v-money", has_text="15 millions d'euros").first).to_be_visible()
    assert deal.locator("mark").first.evaluate("m => getComputedStyle(m).backgroundColor") != "rgba(0, 0, 0, 0)"
    sources = deal.locator("table.sources")
    expect(sources).to_be_visible()
    expect(sources.locator("td.differs", has_text="€12M").first).to_be_visible()
    expect(sources.locator("td.differs", has_text="€15M").first).to_be_visible()

    # The <script> in the article is text on the page, not a script.
    assert page.locator("script").count() == 0
    expect(page.get_by_text('<script>alert("dealwire")</script>', exact=False)).to_be_visible()

    for chart in ("#chart-funding", "#chart-suppliers"):
        svg = page.locator(chart)
        svg.scroll_into_view_if_needed()
        expect(svg).to_be_visible()
        box = svg.bounding_box()
        assert box["width"] > 400 and box["height"] > 80, (chart, box)
        areas = svg.locator("g.bar rect").evaluate_all("rs => rs.map(r => r.getBBox().width * r.getBBox().height)")
        assert areas and max(areas) > 100, (chart, areas)

    page.evaluate("window.scrollTo(0, 0)")
    shot = screenshots_dir / "evidence_report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000
    assert [url for url in requests if not url.startswith("file://")] == []
    assert errors == []
    page.close()
