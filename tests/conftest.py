"""Fixtures that build what the code needs: a parsed dbt project, a source folder, a warehouse path."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.config import DBT_PROJECT_DIR, PROJECT_ROOT

SEEDS_DIR = PROJECT_ROOT / "seeds"
CORPUS_DIR = PROJECT_ROOT / "tests" / "corpus"


@pytest.fixture(scope="session", autouse=True)
def dbt_manifest() -> Path:
    """dbt parse once per session: the dbt assets are built from its manifest."""
    dbt = Path(sys.executable).with_name("dbt")
    subprocess.run([str(dbt), "parse", "--quiet", "--profiles-dir", ".", "--project-dir", "."],
                   cwd=DBT_PROJECT_DIR, check=True)
    return DBT_PROJECT_DIR / "target" / "manifest.json"


@pytest.fixture()
def dagster_home(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(PROJECT_ROOT / ".dagster_home" / "dagster.yaml", home / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    return home


@pytest.fixture()
def workspace(tmp_path, monkeypatch, dagster_home):
    """A private source folder and warehouse, handed to the pipeline through the documented variables."""
    source = tmp_path / "source"
    source.mkdir()
    warehouse = tmp_path / "warehouse" / "dealwire.duckdb"
    monkeypatch.setenv("DEALWIRE_SOURCE_DIR", str(source))
    monkeypatch.setenv("DEALWIRE_WAREHOUSE", str(warehouse))
    return source, warehouse


def copy_tree(src: Path, dst: Path) -> None:
    for path in src.rglob("*"):
        if path.is_file():
            target = dst / path.relative_to(src)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)


CHROMIUM = Path(os.environ.get("DEALWIRE_CHROMIUM", "/usr/bin/chromium"))
# Without the background-networking flags Chromium keeps dialling Google's hosts, which a closed network refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update"]
SCREENSHOTS_DIR = PROJECT_ROOT / "warehouse" / "screenshots"


@pytest.fixture()
def browser():
    """Headless Debian Chromium driven by Playwright; the test fails (not skips) when it is missing."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: install Debian's chromium package (.ci/run does)"
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture()
def screenshots_dir() -> Path:
    """Screenshots the browser tests save, kept under warehouse/ (ignored by git) for people to look at."""
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS_DIR
