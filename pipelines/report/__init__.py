"""The evidence report: one static HTML page that lets a reader check every deal against its sources.

    from pipelines.report import write_report
    write_report(Path("warehouse/dealwire.duckdb"), Path("warehouse/report.html"))

What it shows: totals; funding per month and contracts against customer
losses per supplier, as inline SVG; the deals whose sources disagree; then one
section per funding round, contract and customer loss (id = the fact id), with
its values, every source quote marked inside its paragraph (amounts, dates and
party names emphasised), and for conflicting deals each source's values side
by side.

Choices:
- Self-contained: inline CSS and SVG, no script, no external resource; every
  text that comes from an article is HTML-escaped.
- Deals are sorted by amount in US dollars (largest first), then by date.
- At most 2,000 deals per kind (`max_deals_per_kind`), plus up to as many
  again whose sources disagree, since those are the ones a reviewer must read;
  the page says how many were left out. The rest stay queryable in the marts.
- Conflicts come from `raw.candidate_facts` through `fct_evidence.candidate_id`;
  when a warehouse lacks them, the section falls back to `amounts_stated`.
- The warehouse is opened read-only and the file replaced in one rename.
- A deal whose section would come out the same as in the previous report
  (same row, evidence, sources and their metadata) keeps that section, kept
  in a hidden file beside the report (`pipelines/report/sections.py`); the
  page is the one a whole rendering gives.
"""

from pipelines.report.writer import write_report

__all__ = ["write_report"]
