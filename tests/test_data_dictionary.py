"""The data dictionary (`make docs`): real `dbt docs generate` on a warehouse built by the real pipeline."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest

from pipelines.config import PROJECT_ROOT
from pipelines.docs import artifacts, render, write_data_dictionary
from pipelines.warehouse.build import writer_lock
from tests.conftest import SEEDS_DIR
from tests.pipeline_runner import build_warehouse

# The contract's tables and the columns each promises at least (CONTRACT.md, "The warehouse").
CONTRACT_COLUMNS = {
    "fct_funding_rounds": ["funding_round_id", "company_id", "company_name", "round_type", "amount", "currency",
                           "amount_usd", "stake_pct", "valuation", "valuation_usd", "investor_names",
                           "lead_investor_names", "event_date", "event_date_precision", "source_count",
                           "document_ids", "has_conflict"],
    "fct_funding_round_investors": ["funding_round_id", "investor_id", "investor_name", "is_lead"],
    "fct_contracts": ["contract_id", "supplier_id", "supplier_name", "customer_id", "customer_name", "amount",
                      "currency", "amount_usd", "event_date", "event_date_precision", "description", "source_count",
                      "document_ids", "has_conflict"],
    "fct_customer_losses": ["customer_loss_id", "supplier_id", "supplier_name", "customer_id", "customer_name",
                            "amount", "currency", "amount_usd", "event_date", "event_date_precision", "reason",
                            "source_count", "document_ids", "has_conflict"],
    "dim_organizations": ["organization_id", "name", "aliases"],
    "dim_documents": ["document_id", "source_path", "content_sha256", "title", "language", "published_at",
                      "n_chars", "ingested_at", "text"],
    "fct_evidence": ["fact_id", "fact_table", "document_id", "char_start", "char_end", "quote"],
    "rejected_inputs": ["source_path", "reason", "detected_at"],
}
CONTRACT_MD = PROJECT_ROOT.parent / "shared" / "CONTRACT.md"


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    return build_warehouse(tmp_path_factory.mktemp("dictionary"), SEEDS_DIR)


@pytest.fixture(scope="module")
def dictionary(warehouse, tmp_path_factory) -> dict:
    return write_data_dictionary(warehouse, tmp_path_factory.mktemp("docs") / "docs")


@pytest.fixture(scope="module")
def manifest(dictionary) -> dict:
    return json.loads(Path(dictionary["manifest"]).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def markdown_tables(dictionary) -> dict[str, dict[str, list[str]]]:
    return parse_markdown(Path(dictionary["markdown"]).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def html_sections(dictionary) -> dict[str, dict]:
    parser = SectionParser()
    parser.feed(Path(dictionary["html"]).read_text(encoding="utf-8"))
    return parser.sections


@pytest.fixture(scope="module")
def warehouse_types(warehouse) -> dict[tuple[str, str], str]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute("select table_name, column_name, data_type from information_schema.columns "
                           "where table_schema = 'marts'").fetchall()
    finally:
        con.close()
    return {(table, column): data_type for table, column, data_type in rows}


def marts_descriptions(manifest: dict) -> dict[tuple[str, str], str]:
    return {(node["name"], name): " ".join(column["description"].split())
            for node in manifest["nodes"].values()
            if node["resource_type"] == "model" and node["schema"] == "marts"
            for name, column in node["columns"].items()}


# ---------------------------------------------------------------- parsing what was written


def parse_markdown(text: str) -> dict[str, dict[str, list[str]]]:
    """{relation: {column: [type, description, tests]}} from the Markdown tables, plus the section text."""
    sections: dict[str, dict[str, list[str]]] = {}
    for chunk in re.split(r'^<a id="', text, flags=re.M)[1:]:
        relation, body = chunk.split('"></a>', 1)
        rows: dict[str, list[str]] = {"__text__": [body]}
        for line in body.splitlines():
            if line.startswith("| `"):
                cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line)[1:-1]]
                assert len(cells) == 4, line
                rows[cells[0].strip("`")] = cells[1:]
        sections[relation] = rows
    return sections


class SectionParser(HTMLParser):
    """Text of every <section id=...>, and its table rows as cell texts (list items one per line)."""

    def __init__(self):
        super().__init__()
        self.sections: dict[str, dict] = {}
        self.current: dict | None = None
        self.row: list[str] | None = None
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "section":
            self.current = {"rows": {}, "text": []}
            self.sections[dict(attrs)["id"]] = self.current
        elif tag == "tr":
            self.row = []
        elif tag == "td" and self.row is not None:
            self.cell = []
        elif tag == "li" and self.cell is not None:
            self.cell.append("\n")

    def handle_endtag(self, tag):
        if tag == "td" and self.row is not None and self.cell is not None:
            lines = "".join(self.cell).split("\n")
            self.row.append("\n".join(flat(line) for line in lines if line.strip()))
            self.cell = None
        elif tag == "tr" and self.row and self.current is not None:
            self.current["rows"][self.row[0]] = self.row[1:]
            self.row = None
        elif tag == "section":
            self.current = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data.replace("\n", " "))
        if self.current is not None:
            self.current["text"].append(data)


def flat(text: str) -> str:
    return " ".join(text.split())


def plain(markdown_text: str) -> str:
    """What a reader sees of dbt Markdown once rendered: no backticks, bold markers or list numbers."""
    unlisted = re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", markdown_text, flags=re.M)
    return flat(unlisted.replace("`", "").replace("**", ""))


# ---------------------------------------------------------------- the dictionary's content


def test_every_marts_column_has_a_description_and_a_type(dictionary, manifest, dictionary_catalog):
    assert dictionary["undocumented_columns"] == []
    assert dictionary["untyped_columns"] == []
    marts = {uid: node for uid, node in manifest["nodes"].items()
             if node["resource_type"] == "model" and node["schema"] == "marts"}
    assert set(CONTRACT_COLUMNS) <= {node["name"] for node in marts.values()}
    for uid, node in marts.items():
        table_columns = dictionary_catalog["nodes"][uid]["columns"]
        assert set(table_columns) == set(node["columns"]), node["name"]
        for name, column in table_columns.items():
            assert column["type"], f"{node['name']}.{name} has no type"
            assert node["columns"][name]["description"].strip(), f"{node['name']}.{name} has no description"


@pytest.fixture(scope="module")
def dictionary_catalog(dictionary) -> dict:
    return json.loads(Path(dictionary["catalog"]).read_text(encoding="utf-8"))


def test_markdown_gives_every_contract_column_with_its_type_and_description(markdown_tables, manifest,
                                                                           warehouse_types):
    descriptions = marts_descriptions(manifest)
    for table, columns in CONTRACT_COLUMNS.items():
        section = markdown_tables[f"marts.{table}"]
        for column in columns:
            data_type, description, _tests = section[column]
            assert data_type == warehouse_types[(table, column)], (table, column)
            assert description == descriptions[(table, column)] != "", (table, column)


def test_markdown_covers_every_marts_column_in_table_order(markdown_tables, warehouse):
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute("select table_name, column_name from information_schema.columns "
                           "where table_schema = 'marts' order by table_name, ordinal_position").fetchall()
    finally:
        con.close()
    expected: dict[str, list[str]] = {}
    for table, column in rows:
        expected.setdefault(table, []).append(column)
    for table, columns in expected.items():
        documented = [c for c in markdown_tables[f"marts.{table}"] if c != "__text__"]
        assert documented == columns, table


def test_html_gives_every_contract_column_with_its_type_and_description(html_sections, manifest, warehouse_types):
    descriptions = marts_descriptions(manifest)
    for table, columns in CONTRACT_COLUMNS.items():
        rows = html_sections[f"marts.{table}"]["rows"]
        for column in columns:
            data_type, description, _tests = rows[column]
            assert data_type == warehouse_types[(table, column)], (table, column)
            assert flat(description) == plain(descriptions[(table, column)]), (table, column)


def test_model_descriptions_and_row_counts_are_given(markdown_tables, html_sections, manifest, warehouse):
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        for table in CONTRACT_COLUMNS:
            node = manifest["nodes"][f"model.dealwire.{table}"]
            count = con.execute(f"select count(*) from marts.{table}").fetchone()[0]
            md_text = markdown_tables[f"marts.{table}"]["__text__"][0]
            assert node["description"].strip() in md_text
            assert f"**Rows:** {count:,}" in md_text, table
            html_text = flat("".join(html_sections[f"marts.{table}"]["text"]))
            assert plain(node["description"]) in html_text
            assert f"Rows: {count:,}" in html_text, table
    finally:
        con.close()


def _row_rule_columns(kwargs: dict) -> list[str]:
    return [*kwargs.get("not_null", []), *kwargs.get("accepted_values", {}),
            *(e["column"] for e in kwargs.get("expressions", []) if isinstance(e, dict))]


def test_every_generic_test_is_listed_on_its_column(markdown_tables, html_sections, manifest):
    expected: dict[tuple[str, str], int] = {}
    for node in manifest["nodes"].values():
        attached = manifest["nodes"].get(node.get("attached_node") or "", {})
        if node["resource_type"] != "test" or attached.get("schema") != "marts":
            continue
        metadata = node.get("test_metadata") or {}
        # one row_rules test per table: each of its rules about a column is listed on that column
        columns = _row_rule_columns(metadata["kwargs"]) if metadata.get("name") == "row_rules" \
            else [node["column_name"]] if node.get("column_name") else []
        for column in columns:
            key = (attached["name"], column)
            expected[key] = expected.get(key, 0) + 1
    assert len(expected) > 40
    for (table, column), count in expected.items():
        md_tests = markdown_tables[f"marts.{table}"][column][2]
        assert len(md_tests.split("<br>")) == count, (table, column, md_tests)
        html_tests = html_sections[f"marts.{table}"]["rows"][column][2]
        assert len(html_tests.split("\n")) == count, (table, column, html_tests)


@pytest.mark.parametrize(("table", "column", "label"), [
    ("fct_funding_rounds", "funding_round_id", "unique"),
    ("fct_funding_rounds", "funding_round_id", "not null"),
    ("fct_funding_rounds", "company_id", "relationships: every value is in `dim_organizations.organization_id`"),
    ("fct_funding_rounds", "event_date_precision",
     "accepted values: `day`, `month`, `quarter`, `season`, `half`, `year`"),
    ("fct_funding_rounds", "source_count",
     "expression is true: `source_count = len(document_ids) and source_count >= 1`"),
    ("fct_evidence", "fact_id", "relationships: every value is in `fct_contracts.contract_id` "
                                "(where `fact_table = 'fct_contracts'`)"),
    ("fct_evidence", "quote", "`evidence_quote_matches_text` (documents: `dim_documents`)"),
    ("dim_documents", "language", "accepted values: `fr`, `en`"),
])
def test_column_tests_are_spelled_out(markdown_tables, table, column, label):
    assert label in markdown_tables[f"marts.{table}"][column][2].split("<br>")


@pytest.mark.parametrize(("table", "label"), [
    ("fct_funding_round_investors", "- unique combination of `funding_round_id`, `investor_id`"),
    ("fct_funding_rounds", "- expression is true: `list_has_all(investor_names, lead_investor_names)`"),
    ("fct_funding_rounds", "- `assert_fact_documents_match_evidence`: "
                           "A fact's document_ids are exactly the documents of its evidence."),
])
def test_table_tests_and_singular_tests_are_listed(markdown_tables, table, label):
    assert label in markdown_tables[f"marts.{table}"]["__text__"][0].splitlines()


def test_appendix_documents_staging_intermediate_and_unit_tests(dictionary, manifest):
    text = Path(dictionary["markdown"]).read_text(encoding="utf-8")
    marts_part, appendix = text.split("\n## Appendix\n")
    for node in manifest["nodes"].values():
        if node["resource_type"] == "model" and node["schema"] in ("staging", "intermediate"):
            assert f"`{node['schema']}.{node['name']}`" in appendix
            assert f"`{node['schema']}.{node['name']}`" not in marts_part.split("## Marts")[1]
    unit_tests = [u["name"] for u in manifest["unit_tests"].values()]
    assert unit_tests
    for name in unit_tests:
        assert f"- `{name}`" in appendix


# ---------------------------------------------------------------- the HTML page


def test_html_is_self_contained(dictionary):
    page = Path(dictionary["html"]).read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"<(script|link|img|iframe|object|embed)\b", page, re.I)
    assert not re.search(r"\b(src|href)\s*=\s*\"(?!#)", page, re.I)
    assert "url(" not in page and "@import" not in page


def test_html_escapes_the_text_of_descriptions(dictionary, html_sections):
    page = Path(dictionary["html"]).read_text(encoding="utf-8")
    # stated_value_choice, in fct_funding_rounds' description, orders precisions with '>'
    assert "(day &gt; month &gt; quarter = season &gt; half &gt; year)" in page
    assert "day > month" not in page
    text = flat("".join(html_sections["marts.fct_funding_rounds"]["text"]))
    assert "(day > month > quarter = season > half > year)" in text
    assert "'fr_' || left(md5(smallest candidate id of the round), 16)" in text


def test_hostile_text_cannot_inject_markup():
    evil = "<script>alert('x')</script> & \"quoted\" </td></table> a | b"
    model = artifacts.ModelDoc(
        unique_id="model.dealwire.evil", name="evil", layer="marts", schema="marts", materialized="table",
        contract_enforced=False, description=f"Model {evil}",
        columns=[artifacts.ColumnDoc("c<1>", "VARCHAR", f"Column {evil}", [f"expression is true: `{evil}`"])],
        tests=[f"`{evil}`"], unit_tests=[("u<x>", evil)], row_count=1)
    docs = artifacts.Artifacts("1.11", "now", [model])
    page = render.html_page(docs, "w<h>.duckdb")
    assert "<script" not in page and "</table> a" not in page
    parser = SectionParser()
    parser.feed(page)
    section = parser.sections["marts.evil"]
    assert list(section["rows"]) == ["c<1>"]
    assert section["rows"]["c<1>"][1] == f"Column {evil}"
    assert section["rows"]["c<1>"][2] == f"expression is true: {evil}"
    assert f"Model {evil}" in "".join(section["text"])
    rows = parse_markdown(render.markdown(docs, "w.duckdb"))["marts.evil"]
    assert rows["c<1>"][1] == f"Column {evil}"


# ---------------------------------------------------------------- how it runs


def test_dbt_site_and_artifacts_are_written_beside_the_dictionary(dictionary, manifest):
    out_dir = Path(dictionary["markdown"]).parent
    assert {p.name for p in out_dir.iterdir()} == {"data_dictionary.md", "data_dictionary.html", "index.html",
                                                    "manifest.json", "catalog.json"}
    site = Path(dictionary["dbt_site"]).read_text(encoding="utf-8")
    # the static site embeds both artifacts, so it opens from disk without a server
    assert "schemas.getdbt.com/dbt/manifest/" in site and "schemas.getdbt.com/dbt/catalog/" in site
    assert "model.dealwire.fct_funding_rounds" in site
    assert manifest["metadata"]["dbt_version"].startswith("1.11")
    assert dictionary["marts_models"] == sorted(CONTRACT_COLUMNS)


def test_runs_beside_a_writing_run_and_an_analyst_without_touching_either(warehouse, tmp_path):
    build_db = warehouse.parent / f".{warehouse.stem}.build" / warehouse.name
    assert build_db.is_file()
    # A run holds the writer lock and the build database read-write; an analyst has the warehouse open.
    # DuckDB locks its files across processes: dbt opening either of them would fail.
    with writer_lock(build_db.parent):
        writer = duckdb.connect(str(build_db))
        analyst = duckdb.connect(str(warehouse), read_only=True)
        try:
            before = (digest(warehouse), digest(build_db))
            result = write_data_dictionary(warehouse, tmp_path / "docs")
            after = (digest(warehouse), digest(build_db))
        finally:
            analyst.close()
            writer.close()
    assert result["undocumented_columns"] == []
    assert after == before
    assert not list(tmp_path.glob("docs/.*"))


def test_a_missing_warehouse_is_reported_plainly(tmp_path):
    with pytest.raises(FileNotFoundError, match="make run"):
        write_data_dictionary(tmp_path / "nowhere.duckdb", tmp_path / "docs")
    assert not (tmp_path / "docs").exists()


def test_undocumented_and_missing_columns_are_reported(dictionary, tmp_path):
    """The report must catch a column the YAML forgot and a documented column the table lacks."""
    manifest = json.loads(Path(dictionary["manifest"]).read_text(encoding="utf-8"))
    catalog = json.loads(Path(dictionary["catalog"]).read_text(encoding="utf-8"))
    manifest["nodes"]["model.dealwire.fct_contracts"]["columns"]["amount"]["description"] = "  "
    manifest["nodes"]["model.dealwire.dim_documents"]["columns"]["ghost"] = {"name": "ghost", "description": "Gone."}
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (tmp_path / "catalog.json").write_text(json.dumps(catalog), encoding="utf-8")
    docs = artifacts.load(tmp_path)
    assert artifacts.undocumented(docs.layer("marts")) == (["fct_contracts.amount"], ["dim_documents.ghost"])
    rows = parse_markdown(render.markdown(docs, "w.duckdb"))
    assert rows["marts.fct_contracts"]["amount"][1] == "**undocumented**"
    assert rows["marts.dim_documents"]["ghost"][0] == "**missing from the table**"


@pytest.mark.skipif(not CONTRACT_MD.exists(), reason="CONTRACT.md is not beside the repository")
def test_contract_columns_here_match_the_contract():
    rows = re.findall(r"^\| `(\w+)` \| (.+) \|$", CONTRACT_MD.read_text(encoding="utf-8"), re.M)
    promised = {table: re.findall(r"`(\w+)`", columns) for table, columns in rows
                if table.startswith(("fct_", "dim_")) or table == "rejected_inputs"}
    assert promised == CONTRACT_COLUMNS


def digest(path: Path) -> str:
    """In another process: closing any descriptor of a file drops this process's POSIX locks on it,
    DuckDB's included."""
    code = "import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], 'rb').read()).hexdigest())"
    return subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True,
                          check=True).stdout.strip()
