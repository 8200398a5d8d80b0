"""The evidence report: a static HTML page beside the published warehouse, for reading deals with their quotes."""

import dagster as dg

from pipelines.defs.resources import DealwireSettings
from pipelines.defs.transformation.assets import PUBLISHED_KEY
from pipelines.report import write_report
from pipelines.warehouse import build_state

REPORT_FILE = "evidence_report.html"


@dg.asset(key=["warehouse", "evidence_report"], deps=[PUBLISHED_KEY], group_name="publication",
          kinds={"html"})
def evidence_report(dealwire: DealwireSettings) -> dg.MaterializeResult:
    """One section per deal with every source quote highlighted in its sentence, conflicting values side by
    side, funding by month and contracts and losses per supplier (`make report` writes the same page)."""
    settings = dealwire.settings()
    out = settings.warehouse_path.parent / REPORT_FILE
    made_from = build_state.published_state(settings.warehouse_path)
    counts = write_report(settings.warehouse_path, out)
    build_state.record_output(settings.build_dir, "evidence_report", made_from)
    return dg.MaterializeResult(metadata={"path": dg.MetadataValue.path(str(out)), **counts})
