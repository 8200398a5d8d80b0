"""The data dictionary as Markdown and as one self-contained HTML page, with the same content.

Descriptions are dbt Markdown (code spans, bold, paragraphs, lists). The HTML
side renders that small subset itself and escapes everything else, so a
description can never inject markup and the page needs nothing from outside.
"""

from __future__ import annotations

import html
import re

from pipelines.docs.artifacts import Artifacts, ModelDoc

TITLE = "Dealwire data dictionary"
APPENDIX_LAYERS = {
    "intermediate": "Intermediate (schema `intermediate`): names resolved, amounts converted, events deduplicated",
    "staging": "Staging (schema `staging`): the raw tables and seeds, renamed and typed",
    "reference": "Reference seeds (schema `reference`): rate table and organisation aliases shipped with the project",
    "other": "Other models",
}


def intro(artifacts: Artifacts, warehouse_name: str) -> str:
    return (
        f"Every table of the warehouse `{warehouse_name}`, from the dbt project's own documentation "
        f"(`dbt docs generate`, dbt {artifacts.dbt_version}, catalog of {artifacts.generated_at}). "
        "Analysts query the schema `marts`; the appendix describes the tables the marts are built from. "
        "Types are those of the database; tests are dbt's data tests, which every pipeline run passes "
        "before it publishes the warehouse. Row counts are those of the warehouse when this file was generated."
    )


def facts_line(model: ModelDoc) -> str:
    rows = "not counted" if model.row_count is None else f"{model.row_count:,}"
    parts = [f"**Rows:** {rows}", f"**materialised as** {model.materialized or 'unknown'}"]
    if model.contract_enforced:
        parts.append("**contract enforced** (column names and types are checked at every build)")
    return " · ".join(parts)


# ---------------------------------------------------------------- Markdown


def markdown(artifacts: Artifacts, warehouse_name: str) -> str:
    out = [f"# {TITLE}", "", intro(artifacts, warehouse_name), "", "## Contents", ""]
    for model in artifacts.models:
        out.append(f"- [{model.relation}](#{model.relation}) — {_first_sentence(model.description)}")
    out += ["", "## Marts (schema `marts`)", ""]
    for model in artifacts.layer("marts"):
        out += _markdown_model(model, "###")
    appendix = [layer for layer in APPENDIX_LAYERS if artifacts.layer(layer)]
    if appendix:
        out += ["## Appendix", ""]
    for layer in appendix:
        out += [f"### {APPENDIX_LAYERS[layer]}", ""]
        for model in artifacts.layer(layer):
            out += _markdown_model(model, "####")
    return "\n".join(out).rstrip() + "\n"


def _markdown_model(model: ModelDoc, level: str) -> list[str]:
    out = [f'<a id="{model.relation}"></a>', "", f"{level} `{model.relation}`", ""]
    out += [model.description or "*No description.*", "", facts_line(model), ""]
    out += ["| column | type | description | tests |", "|---|---|---|---|"]
    for column in model.columns:
        cells = [f"`{column.name}`", column.data_type or "**missing from the table**",
                 column.description or "**undocumented**", "<br>".join(column.tests)]
        out.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    out.append("")
    if model.tests:
        out += ["Tests on the whole table:", ""] + [f"- {_one_line(t)}" for t in model.tests] + [""]
    if model.unit_tests:
        out += ["Unit tests (fixed inputs, expected output):", ""]
        out += [f"- `{name}`" + (f": {_one_line(d)}" if d else "") for name, d in model.unit_tests] + [""]
    return out


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _cell(text: str) -> str:
    """A table cell is one line, and a pipe (even inside a code span) ends it unless escaped."""
    return _one_line(text).replace("|", "\\|")


def _first_sentence(text: str) -> str:
    flat = _one_line(text)
    found = re.match(r"(.+?[.!?])(\s|$)", flat)
    return (found.group(1) if found else flat) or "no description"


# ---------------------------------------------------------------- HTML

STYLE = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2330; margin: 0; }
main { max-width: 1200px; margin: 0 auto; padding: 1rem 2rem 4rem; }
h1 { margin-bottom: .2rem; } h2 { border-bottom: 2px solid #d0d7e2; padding-bottom: .2rem; margin-top: 2.5rem; }
section { margin: 2rem 0; } section h3, section h4 { margin-bottom: .3rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0; font-size: 14px; }
th, td { border: 1px solid #d0d7e2; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef2f7; } tr:nth-child(even) td { background: #f8fafc; }
td p, td ul { margin: 0; } td ul { padding-left: 1.1rem; }
code { background: #eef2f7; padding: 0 .2rem; border-radius: 3px; font-size: 90%; }
.facts { color: #4a5568; } .missing { color: #b42318; font-weight: bold; }
nav ul { columns: 2; }
"""


def html_page(artifacts: Artifacts, warehouse_name: str) -> str:
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{html.escape(TITLE)}</title>", f"<style>{STYLE}</style>", "</head>", "<body>", "<main>",
           f"<h1>{html.escape(TITLE)}</h1>", blocks(intro(artifacts, warehouse_name)),
           "<nav>", "<h2>Contents</h2>", "<ul>"]
    for model in artifacts.models:
        out.append(f'<li><a href="#{html.escape(model.relation)}"><code>{html.escape(model.relation)}</code></a>'
                   f" — {inline(_first_sentence(model.description))}</li>")
    out += ["</ul>", "</nav>", f"<h2>{inline('Marts (schema `marts`)')}</h2>"]
    out += [_html_model(m, "h3") for m in artifacts.layer("marts")]
    appendix = [layer for layer in APPENDIX_LAYERS if artifacts.layer(layer)]
    if appendix:
        out.append("<h2>Appendix</h2>")
    for layer in appendix:
        out.append(f"<h3>{inline(APPENDIX_LAYERS[layer])}</h3>")
        out += [_html_model(m, "h4") for m in artifacts.layer(layer)]
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def _html_model(model: ModelDoc, tag: str) -> str:
    out = [f'<section id="{html.escape(model.relation)}">',
           f"<{tag}><code>{html.escape(model.relation)}</code></{tag}>",
           blocks(model.description) if model.description else "<p><em>No description.</em></p>",
           f'<p class="facts">{inline(facts_line(model))}</p>',
           "<table>", "<thead><tr><th>column</th><th>type</th><th>description</th><th>tests</th></tr></thead>",
           "<tbody>"]
    for column in model.columns:
        data_type = (html.escape(column.data_type) if column.data_type
                     else '<span class="missing">missing from the table</span>')
        description = blocks(column.description) if column.description else '<span class="missing">undocumented</span>'
        tests = _list(column.tests, ordered=False) if column.tests else ""
        out.append(f"<tr><td><code>{html.escape(column.name)}</code></td><td>{data_type}</td>"
                   f"<td>{description}</td><td>{tests}</td></tr>")
    out += ["</tbody>", "</table>"]
    if model.tests:
        out += ["<p>Tests on the whole table:</p>", "<ul>"] + [f"<li>{inline(t)}</li>" for t in model.tests] + ["</ul>"]
    if model.unit_tests:
        out += ["<p>Unit tests (fixed inputs, expected output):</p>", "<ul>"]
        out += [f"<li><code>{html.escape(name)}</code>" + (f": {inline(d)}" if d else "") + "</li>"
                for name, d in model.unit_tests]
        out.append("</ul>")
    out.append("</section>")
    return "\n".join(out)


_LIST_ITEM = re.compile(r"^\s*(?:([-*])|(\d+)\.)\s+(.*)$")


def blocks(text: str) -> str:
    """Paragraphs and lists (one level, items may wrap onto indented lines) of dbt Markdown, as HTML."""
    out = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.splitlines()
        items: list[str] = []
        paragraph: list[str] = []
        ordered = None
        for line in lines:
            found = _LIST_ITEM.match(line)
            if found:
                if ordered is None:
                    out.append(_paragraph(paragraph))
                    paragraph = []
                    ordered = found.group(2) is not None
                items.append(found.group(3))
            elif items and line.startswith((" ", "\t")):
                items[-1] += " " + line.strip()
            elif items:
                out.append(_list(items, ordered))
                items, ordered = [], None
                paragraph.append(line)
            else:
                paragraph.append(line)
        out.append(_list(items, ordered) if items else "")
        out.append(_paragraph(paragraph))
    return "\n".join(part for part in out if part)


def _paragraph(lines: list[str]) -> str:
    text = " ".join(line.strip() for line in lines).strip()
    return f"<p>{inline(text)}</p>" if text else ""


def _list(items: list[str], ordered: bool | None) -> str:
    tag = "ol" if ordered else "ul"
    return f"<{tag}>\n" + "\n".join(f"<li>{inline(item)}</li>" for item in items) + f"\n</{tag}>"


def inline(text: str) -> str:
    """Code spans and bold; everything else escaped."""
    out = []
    for i, part in enumerate(re.split(r"`([^`]*)`", text)):
        if i % 2:
            out.append(f"<code>{html.escape(part)}</code>")
        else:
            out.append(re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", html.escape(part)))
    return "".join(out)
