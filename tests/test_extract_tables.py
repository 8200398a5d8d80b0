"""Deal tables: a header names the columns, each row is one round (pipelines/extract/tables.py)."""

from __future__ import annotations

import datetime as dt

from pipelines.extract.tables import cells_of
from pipelines.ingest.boilerplate import remove_boilerplate
from pipelines.ingest.html_to_text import html_to_text
from pipelines.ingest.markdown_to_text import markdown_to_text
from tests.test_extract_facts import facts_of

BAROMETER = """Observatoire des levées — premier semestre 2027

Les jeunes pousses du logiciel ont levé 640 M€ au semestre, contre 512 M€ au second semestre 2026.

Entreprise     | Siège      | Secteur                    | Montant  | Série       | Investisseurs                        | Mois
---------------|------------|----------------------------|----------|-------------|--------------------------------------|--------
Tramontis      | Nantes     | Logistique portuaire       | 31 M€    | Série B     | Eurazeo*, Bpifrance                  | mars
Quarzel        | Lyon       | Santé numérique            | 6,5 M€   | Amorçage    | Kima Ventures, Side Capital          | février
Bellerive Labs | Paris      | Agents pour la finance     | 12 M€    | Série A     | Alven (lead), Frst                   | avril
Ostréa         | Vannes     | Aquaculture                | 3 M€     | Prêt        | Banque des Territoires               | mai
Vireo          | Lille      | Vision industrielle        | n.c.     | Stratégique | Schneider Electric Ventures          | juin

Source : communiqués des entreprises.
"""


def _rounds(text: str, published_at: dt.date | None = None) -> dict[str, dict]:
    return {f["subject_name"]: f for f in facts_of(text, published_at) if f["fact_kind"] == "funding_round"}


def test_each_row_of_a_deal_table_is_a_round_with_its_cells():
    rounds = _rounds(remove_boilerplate(BAROMETER))
    assert set(rounds) == {"Tramontis", "Quarzel", "Bellerive Labs", "Vireo"}  # a loan is no equity round
    tramontis = rounds["Tramontis"]
    assert (tramontis["amount"], tramontis["currency"], tramontis["round_type"]) == (31e6, "EUR", "Series B")
    assert dict(zip(tramontis["investor_name"], tramontis["is_lead"])) == {"Bpifrance": False, "Eurazeo": True}
    assert dict(zip(rounds["Bellerive Labs"]["investor_name"], rounds["Bellerive Labs"]["is_lead"])) == {
        "Alven": True, "Frst": False}
    assert rounds["Quarzel"]["round_type"] == "Seed"
    assert (rounds["Vireo"]["amount"], rounds["Vireo"]["round_type"]) == (None, "strategic")
    # a month alone takes the year of the document's first date (its heading), not of the comparison before
    assert (tramontis["event_date"], tramontis["event_date_precision"]) == (dt.date(2027, 3, 1), "month")
    assert tramontis["quote"].startswith("Tramontis") and "Eurazeo*" in tramontis["quote"]


def test_a_table_header_is_kept_by_the_boilerplate_filter_and_a_menu_is_not():
    kept = remove_boilerplate(BAROMETER)
    assert "Entreprise     | Siège" in kept
    menu = "Accueil\n\nActualités | Start-up | Financement | Événements\n\nQuarzel a levé 6,5 M€ auprès de Kima Ventures.\n"
    assert "Financement" not in remove_boilerplate(menu)


def test_html_and_markdown_tables_give_the_same_rounds():
    html = ("<html><body><p>Weekly deals, 12 May 2027.</p><table><tr><th>Company</th><th>Round</th>"
            "<th>Amount</th><th>Lead investor</th></tr><tr><td>Kestrel Grid</td><td>Series A</td><td>$18M</td>"
            "<td>Index Ventures</td></tr><tr><td>Plumtree AI</td><td>Seed</td><td>$4.2M</td>"
            "<td>Seedcamp</td></tr></table></body></html>")
    markdown = ("Weekly deals, 12 May 2027.\n\n| Company | Round | Amount | Lead investor |\n|---|---|---|---|\n"
                "| Kestrel Grid | Series A | $18M | Index Ventures |\n| Plumtree AI | Seed | $4.2M | Seedcamp |\n")
    for text in (html_to_text(html).text, markdown_to_text(markdown).text):
        rounds = _rounds(remove_boilerplate(text))
        assert {name: (f["amount"], f["round_type"], f["investor_name"]) for name, f in rounds.items()} == {
            "Kestrel Grid": (18e6, "Series A", ["Index Ventures"]), "Plumtree AI": (4.2e6, "Seed", ["Seedcamp"])}


def test_rows_without_a_header_that_names_a_company_column_are_read_as_text():
    # a table of market figures: no company column, no rounds
    text = ("Trimestre | Montant total | Opérations\nT1 2027 | 1,1 Md€ | 84\nT2 2027 | 1,3 Md€ | 91\n")
    assert _rounds(text) == {}


def test_cells_of_leaves_out_the_pipes_that_open_and_close_a_row():
    row = "| Kestrel Grid | Series A | $18M |"
    assert [row[a:b] for a, b in cells_of(row)] == ["Kestrel Grid", "Series A", "$18M"]
    assert ["a\tb\t\tc"[a:b] for a, b in cells_of("a\tb\t\tc")] == ["a", "b", "", "c"]  # an empty HTML cell
