"""dbt's manifest.json and catalog.json, read into what a data dictionary shows.

The manifest gives descriptions (doc blocks already rendered) and tests; the
catalog gives the types the database actually has, in table order.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

LAYERS = ("marts", "intermediate", "staging", "reference", "other")


@dataclass
class ColumnDoc:
    name: str
    data_type: str | None  # from the catalog; None when the table lacks a documented column
    description: str
    tests: list[str] = field(default_factory=list)


@dataclass
class ModelDoc:
    unique_id: str
    name: str
    layer: str
    schema: str
    materialized: str
    contract_enforced: bool
    description: str
    columns: list[ColumnDoc]
    tests: list[str] = field(default_factory=list)  # on the whole table, singular tests included
    unit_tests: list[tuple[str, str]] = field(default_factory=list)  # (name, description)
    row_count: int | None = None

    @property
    def relation(self) -> str:
        return f"{self.schema}.{self.name}"


@dataclass
class Artifacts:
    dbt_version: str
    generated_at: str
    models: list[ModelDoc]

    def layer(self, layer: str) -> list[ModelDoc]:
        return [m for m in self.models if m.layer == layer]


def load(target_dir: Path) -> Artifacts:
    manifest = json.loads((target_dir / "manifest.json").read_text(encoding="utf-8"))
    catalog = json.loads((target_dir / "catalog.json").read_text(encoding="utf-8"))
    models = {uid: _model(node, catalog["nodes"].get(uid))
              for uid, node in manifest["nodes"].items()
              if node["resource_type"] in ("model", "seed")}
    _attach_tests(models, manifest)
    ordered = sorted(models.values(), key=lambda m: (LAYERS.index(m.layer), m.name))
    return Artifacts(manifest["metadata"]["dbt_version"], catalog["metadata"]["generated_at"], ordered)


def _model(node: dict, catalog_node: dict | None) -> ModelDoc:
    described = node.get("columns", {})
    actual = sorted((catalog_node or {}).get("columns", {}).values(), key=lambda c: c["index"])
    names = [c["name"] for c in actual] + [n for n in described if n not in {c["name"] for c in actual}]
    types = {c["name"]: c["type"] for c in actual}
    columns = [ColumnDoc(n, types.get(n), (described.get(n) or {}).get("description", "").strip()) for n in names]
    config = node.get("config", {})
    return ModelDoc(
        unique_id=node["unique_id"],
        name=node["name"],
        layer=_layer(node),
        schema=node["schema"],
        materialized=config.get("materialized", ""),
        contract_enforced=bool((config.get("contract") or {}).get("enforced")),
        description=node.get("description", "").strip(),
        columns=columns,
        row_count=_catalog_row_count(catalog_node),
    )


def _layer(node: dict) -> str:
    if node["resource_type"] == "seed":
        return "reference"
    fqn = node["fqn"]
    return fqn[1] if len(fqn) > 2 and fqn[1] in LAYERS else "other"


def _catalog_row_count(catalog_node: dict | None) -> int | None:
    """Some adapters report table statistics; dbt-duckdb 1.11 reports none."""
    for key, stat in ((catalog_node or {}).get("stats") or {}).items():
        if key in ("row_count", "num_rows") and stat.get("include") and stat.get("value") is not None:
            return int(stat["value"])
    return None


def _attach_tests(models: dict[str, ModelDoc], manifest: dict) -> None:
    for test in manifest["nodes"].values():
        if test["resource_type"] != "test":
            continue
        metadata = test.get("test_metadata")
        if metadata:
            model = models.get(test.get("attached_node") or "")
            if model is None:
                continue
            kwargs = metadata.get("kwargs", {})
            if metadata["name"] == "row_rules":  # one test for many rules: each shows where it applies
                _attach_row_rules(model, kwargs)
                continue
            label = generic_test_label(metadata["name"], kwargs, test.get("config", {}))
            column_name = test.get("column_name")
            column = next((c for c in model.columns if c.name == column_name), None)
            if column is not None:
                column.tests.append(label)
            else:
                model.tests.append(f"`{column_name}`: {label}" if column_name else label)
        else:
            label = f"`{test['name']}`" + (f": {s}" if (s := _singular_summary(test)) else "")
            for uid in test["depends_on"]["nodes"]:
                if uid in models:
                    models[uid].tests.append(label)
    by_name = {m.name: m for m in models.values()}
    for unit in manifest.get("unit_tests", {}).values():
        if unit["model"] in by_name:
            by_name[unit["model"]].unit_tests.append((unit["name"], (unit.get("description") or "").strip()))
    for model in models.values():
        model.tests.sort()
        model.unit_tests.sort()
        for column in model.columns:
            column.tests.sort(key=_test_order)


def _attach_row_rules(model: ModelDoc, kwargs: dict) -> None:
    """The rules of a model's row_rules test, each on its column (or on the model, for an expression about
    the whole row), labelled as the one-rule test it stands for would be."""
    columns = {c.name: c for c in model.columns}

    def attach(column_name: str | None, label: str) -> None:
        if column_name in columns:
            columns[column_name].tests.append(label)
        else:
            model.tests.append(f"`{column_name}`: {label}" if column_name else label)

    for name in kwargs.get("not_null", []):
        attach(name, "not null")
    for name, values in (kwargs.get("accepted_values") or {}).items():
        attach(name, generic_test_label("accepted_values", {"values": values}, {}))
    for item in kwargs.get("expressions", []):
        expression, name = (item["expression"], item.get("column")) if isinstance(item, dict) else (item, None)
        attach(name, generic_test_label("expression_is_true", {"expression": expression}, {}))


def _test_order(label: str) -> tuple[int, str]:
    first = ("unique", "not null", "accepted values", "relationships")
    return next((i for i, p in enumerate(first) if label.startswith(p)), len(first)), label


def generic_test_label(name: str, kwargs: dict, config: dict) -> str:
    """One line an analyst reads: what the test guarantees, with its arguments."""
    if name == "not_null":
        label = "not null"
    elif name == "unique":
        label = "unique"
    elif name == "accepted_values":
        label = "accepted values: " + ", ".join(f"`{v}`" for v in kwargs.get("values", []))
    elif name == "relationships":
        label = f"relationships: every value is in `{_ref_name(str(kwargs.get('to', '')))}.{kwargs.get('field')}`"
    elif name == "expression_is_true":
        label = f"expression is true: `{kwargs.get('expression')}`"
    elif name == "unique_combination_of_columns":
        label = "unique combination of " + ", ".join(f"`{c}`" for c in kwargs.get("combination_of_columns", []))
    else:
        # only_changed_documents says how a small build runs the test, not what it guarantees
        arguments = ", ".join(f"{k}: `{_ref_name(str(v))}`" for k, v in sorted(kwargs.items())
                              if k not in ("column_name", "model", "only_changed_documents"))
        label = f"`{name}`" + (f" ({arguments})" if arguments else "")
    if config.get("where"):
        label += f" (where `{config['where']}`)"
    if str(config.get("severity", "error")).lower() == "warn":
        label += " (warning only)"
    return label


def _ref_name(text: str) -> str:
    """`ref('dim_organizations')` -> dim_organizations; `source('raw', 'documents')` -> raw.documents."""
    found = re.fullmatch(r"\s*(ref|source)\((.*)\)\s*", text)
    if not found:
        return text
    return ".".join(re.findall(r"['\"]([^'\"]+)['\"]", found.group(2)))


def _singular_summary(test: dict) -> str:
    """A singular test's description, else the comment it opens with."""
    if test.get("description"):
        return " ".join(test["description"].split())
    lines = []
    for line in (test.get("raw_code") or "").splitlines():
        if not line.startswith("--"):
            break
        lines.append(line.lstrip("- ").strip())
    return " ".join(lines)


def undocumented(models: list[ModelDoc]) -> tuple[list[str], list[str]]:
    """(`model.column` without a description, `model.column` that the database does not have)."""
    missing_description: list[str] = []
    missing_type: list[str] = []
    for model in models:
        for column in model.columns:
            if not column.description:
                missing_description.append(f"{model.name}.{column.name}")
            if not column.data_type:
                missing_type.append(f"{model.name}.{column.name}")
    return missing_description, missing_type
