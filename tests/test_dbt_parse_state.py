"""A new build database starts from the project's parse state: dbt re-parses only what changed, not the
whole project, although the database's path differs from the one the state was made with. Every other
difference still makes dbt parse the whole project again, and so does a state saved in another folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.config import DBT_PROJECT_DIR
from pipelines.defs.transformation.parse_state import (PARTIAL_PARSE, default_path, forget_state_saved_elsewhere,
                                                       made_for_default_path, profile_hash, saved_folders)

DBT = Path(sys.executable).with_name("dbt")
REPARSED = "Unable to do partial parsing"
# a parse as a run does it: the project's state seeded into a new target folder, then dbt in this process
PARSE = """
import sys
from pathlib import Path
from dbt.cli.main import dbtRunner
from pipelines.defs.transformation.parse_state import accept_parse_state_of_another_path, seed_parse_state
project, state_from, target = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
seed_parse_state(state_from, target)
if sys.argv[4] == "accept":
    accept_parse_state_of_another_path()
result = dbtRunner().invoke(["parse", "--project-dir", str(project), "--profiles-dir", str(project),
                             "--target-path", str(target), "--log-path", str(target), "--quiet"])
sys.exit(0 if result.success else 1)
"""


def parse(tmp_path: Path, *, state_from: Path = DBT_PROJECT_DIR, accept: bool = True, **env: str) -> str:
    """dbt.log of a parse into a new target folder, for a build database under tmp_path."""
    target = tmp_path / "target"
    environment = {**os.environ, "DEALWIRE_DBT_PATH": str(tmp_path / "build" / "dealwire.duckdb"), **env}
    environment.pop("DEALWIRE_DBT_TARGET", None)
    result = subprocess.run([sys.executable, "-c", PARSE, str(DBT_PROJECT_DIR), str(state_from), str(target),
                             "accept" if accept else "as dbt does"],
                            env=environment, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return (target / "dbt.log").read_text(encoding="utf-8")


@pytest.fixture(scope="module", autouse=True)
def project_state():
    state = DBT_PROJECT_DIR / "target" / PARTIAL_PARSE
    if not state.exists():
        pytest.fail("the project has no parse state: run `make parse` (make test does)")


def test_a_new_build_database_reuses_the_projects_parse_state(tmp_path):
    assert REPARSED not in parse(tmp_path)


def test_without_the_acceptance_dbt_parses_the_whole_project_again(tmp_path):
    # what the acceptance is for: dbt alone throws the state away for the other path
    assert "profile has changed" in parse(tmp_path, accept=False)


def test_another_connection_setting_still_makes_dbt_parse_again(tmp_path):
    assert "profile has changed" in parse(tmp_path, DEALWIRE_DBT_MEMORY_LIMIT="300MB")


def test_a_state_saved_in_another_folder_is_parsed_again(tmp_path):
    # a state made from the project's folder given relatively, as `make parse` once did: dbt would find the
    # seeds' files from the run's own working folder, and fail
    relative = tmp_path / "relative"
    result = subprocess.run([str(DBT), "parse", "--project-dir", ".", "--profiles-dir", ".",
                             "--target-path", str(relative / "target"), "--log-path", str(relative), "--quiet"],
                            cwd=DBT_PROJECT_DIR, capture_output=True, text=True,
                            env={**os.environ, "DEALWIRE_DBT_PATH": "../warehouse/.dealwire.build/dealwire.duckdb"})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    log = parse(tmp_path / "run", state_from=relative)
    assert "the project's folder is not the one its state was saved in" in log
    assert REPARSED in log


def test_the_default_path_is_the_profiles_own():
    path = default_path(DBT_PROJECT_DIR, "dealwire", "dev")
    assert path and path.endswith("dealwire.duckdb") and "{{" not in path
    assert default_path(DBT_PROJECT_DIR, "dealwire", "no_such_target") is None
    assert default_path(DBT_PROJECT_DIR / "no_such_folder", "dealwire", "dev") is None


def test_only_a_difference_of_path_is_accepted():
    info = [("database", "dealwire"), ("path", "/data/a/dealwire.duckdb"), ("settings", {"memory_limit": "256MB"})]
    saved = profile_hash([("database", "dealwire"), ("path", "default.duckdb"),
                          ("settings", {"memory_limit": "256MB"})])
    assert made_for_default_path(saved, info, "default.duckdb")
    assert not made_for_default_path(saved, info, "other.duckdb")
    changed = [(k, {"memory_limit": "1GB"} if k == "settings" else v) for k, v in info]
    assert not made_for_default_path(saved, changed, "default.duckdb")


def test_a_seeded_target_is_not_overwritten(tmp_path):
    from pipelines.defs.transformation.parse_state import seed_parse_state

    target = tmp_path / "target"
    target.mkdir()
    (target / PARTIAL_PARSE).write_bytes(b"the warehouse's own state")
    seed_parse_state(DBT_PROJECT_DIR, target)
    assert (target / PARTIAL_PARSE).read_bytes() == b"the warehouse's own state"
    shutil.rmtree(target)
    seed_parse_state(DBT_PROJECT_DIR, target)
    assert (target / PARTIAL_PARSE).read_bytes() == (DBT_PROJECT_DIR / "target" / PARTIAL_PARSE).read_bytes()


def test_make_drops_a_state_saved_in_another_folder(tmp_path):
    # an older checkout's state, or a moved repository's: a partial parse would keep its folder for every file
    # it does not re-read, so `make parse` drops it (and the manifest, so that make parses again)
    target = tmp_path / "target"
    target.mkdir()
    shutil.copy(DBT_PROJECT_DIR / "target" / PARTIAL_PARSE, target / PARTIAL_PARSE)
    (target / "manifest.json").write_text("{}", encoding="utf-8")
    assert not forget_state_saved_elsewhere(DBT_PROJECT_DIR, target)
    assert (target / PARTIAL_PARSE).exists() and (target / "manifest.json").exists()
    moved = tmp_path / "moved" / "dbt_project"
    assert forget_state_saved_elsewhere(moved, target)
    assert not (target / PARTIAL_PARSE).exists() and not (target / "manifest.json").exists()


def test_the_makefiles_check_writes_nothing_on_stdout(tmp_path):
    # make reads the check's standard output as Makefile text
    project = tmp_path / "dbt_project"
    (project / "target").mkdir(parents=True)
    shutil.copy(DBT_PROJECT_DIR / "target" / PARTIAL_PARSE, project / "target" / PARTIAL_PARSE)
    result = subprocess.run([sys.executable, "-m", "pipelines.defs.transformation.parse_state", str(project)],
                            capture_output=True, text=True, cwd=DBT_PROJECT_DIR.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "saved in another folder" in result.stderr
    assert not (project / "target" / PARTIAL_PARSE).exists()


def test_an_unreadable_state_is_left_to_dbt(tmp_path):
    (tmp_path / "target").mkdir()
    (tmp_path / "target" / PARTIAL_PARSE).write_bytes(b"\x00not msgpack")
    assert saved_folders(tmp_path / "target" / PARTIAL_PARSE, "dealwire") == set()
    assert not forget_state_saved_elsewhere(tmp_path)
    assert (tmp_path / "target" / PARTIAL_PARSE).exists()
