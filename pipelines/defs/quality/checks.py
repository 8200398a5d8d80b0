"""Python asset checks on the published warehouse, shown beside dbt's tests in the UI."""

import dagster as dg

from pipelines.config import PROJECT_ROOT
from pipelines.defs.metadata import markdown_table
from pipelines.defs.resources import DealwireSettings
from pipelines.defs.transformation.assets import PUBLISHED_KEY
from pipelines.quality import CORE_KINDS, RULES, SEEDS_GOLD, score
from pipelines.warehouse.build import connect_reader

DEFAULT_CORPUS = PROJECT_ROOT / "seeds"
# Below this micro F1 on the default corpus, the check fails.
SEEDS_F1_FLOOR = 0.95


def _rule_check(name: str, description: str, sql: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(asset=PUBLISHED_KEY, name=name, description=description, blocking=False)
    def check(dealwire: DealwireSettings) -> dg.AssetCheckResult:
        con = connect_reader(dealwire.settings().warehouse_path)
        try:
            failures = con.sql(sql).pl()
        finally:
            con.close()
        return dg.AssetCheckResult(
            passed=failures.height == 0,
            metadata={"failing_rows": failures.height, "examples": dg.MetadataValue.md(markdown_table(failures.head(10)))},
        )

    return check


@dg.asset_check(asset=PUBLISHED_KEY, name="score_on_default_seeds", blocking=False,
                description="On the default corpus (seeds/), the bundled scorer compares the warehouse with the "
                            f"annotated facts; fails below micro F1 {SEEDS_F1_FLOOR}. Not applicable elsewhere.")
def score_on_default_seeds(dealwire: DealwireSettings) -> dg.AssetCheckResult:
    settings = dealwire.settings()
    if settings.source_dir.resolve() != DEFAULT_CORPUS.resolve():
        return dg.AssetCheckResult(passed=True, metadata={
            "applicable": False, "reason": f"the corpus is {settings.source_dir}, not the default seeds/ "
                                           "whose facts are annotated"})
    report = score(settings.warehouse_path, SEEDS_GOLD)
    metadata: dict = {"applicable": True, "micro_f1": report["micro_f1_core"]}
    for kind in CORE_KINDS:
        for measure in ("precision", "recall", "f1"):
            metadata[f"{kind}_{measure}"] = report[kind][measure]
    metadata["missed"] = dg.MetadataValue.json({k: report[k].get("missed", []) for k in CORE_KINDS})
    return dg.AssetCheckResult(passed=report["micro_f1_core"] >= SEEDS_F1_FLOOR, metadata=metadata)


@dg.definitions
def quality_defs() -> dg.Definitions:
    checks = [_rule_check(name, description, sql) for name, (description, sql) in RULES.items()]
    return dg.Definitions(asset_checks=[*checks, score_on_default_seeds])
