"""dbt's parse state (target/partial_parse.msgpack), shared by every build database.

dbt re-reads only the files changed since its saved parse state when that state was made with the same
settings. Among the settings it compares are all the profile's connection settings, the database's path
included. Each warehouse's build database has a path of its own, and `make parse` parses with the path that
profiles.yml gives by default. So a new warehouse's first build threw the project's state away and parsed
the whole project again: about 2 s of every first run, in 39 of the 51 dbt builds of the test suite.

Nothing this project parses depends on that path. Models see `target.database`, which follows the file's
name and is still compared, never `target.path`. A state made for the profile's default path is therefore
accepted for any other path when every other connection setting is the same. Whatever else differs (the
file's name, the memory limit, the attached target) still makes dbt parse again, as it would have anyway.

A saved state also holds the project's folder as it was given to dbt, and dbt finds the seeds' files from
it without checking that it is still the project's folder. `make parse` therefore names the folder in full,
as a run does, and a state made in another folder (a relative one, or the repository's before it moved) is
parsed again rather than trusted. Such a state is also dropped before `make` decides whether to parse
(`python -m pipelines.defs.transformation.parse_state DIR`, called by the Makefile): a partial parse keeps
the folder of the files it does not re-read, so the state would otherwise stay wrong until every file of
the project changed, and every new warehouse would parse the whole project.
"""

from __future__ import annotations

import pprint
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

PARTIAL_PARSE = "partial_parse.msgpack"
MANIFEST = "manifest.json"


def seed_parse_state(project_dir: Path, target_path: Path) -> None:
    """Start a new target folder from the project's parse state (`make parse` writes it): dbt then
    re-parses only the files changed since, not the whole project."""
    seeded = target_path / PARTIAL_PARSE
    project_state = project_dir / "target" / PARTIAL_PARSE
    if not seeded.exists() and project_state.exists():
        target_path.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(project_state, seeded)


def profile_hash(connection_info: Iterable[tuple[str, Any]]) -> str:
    """The checksum dbt keeps of a profile's connection settings (its ManifestStateCheck.profile_hash)."""
    from dbt.contracts.files import FileHash

    return FileHash.from_contents(pprint.pformat(sorted(connection_info))).checksum


def default_path(profiles_dir: Path, profile: str, target: str) -> str | None:
    """The database path `target` of `profile` gives when no variable overrides it: the path `make parse`
    parses with. None when the profile cannot say (no such target, no path)."""
    import jinja2
    import yaml

    try:
        outputs = yaml.safe_load((profiles_dir / "profiles.yml").read_text(encoding="utf-8"))[profile]["outputs"]
        template = outputs[target]["path"]
    except (OSError, KeyError, TypeError, yaml.YAMLError):
        return None
    if not isinstance(template, str):
        return None

    def env_var(name: str, default: str | None = None) -> str | None:
        return default

    try:
        return jinja2.Environment().from_string(template).render(env_var=env_var)
    except jinja2.TemplateError:
        return None


def made_for_default_path(saved_checksum: str, connection_info: Iterable[tuple[str, Any]], default: str) -> bool:
    """Whether a saved profile checksum is the one of these connection settings with the default path."""
    return saved_checksum == profile_hash((key, default if key == "path" else value) for key, value in connection_info)


def saved_in_another_folder(manifest: Any, project_name: str, project_root: str) -> bool:
    """Whether a saved parse state names the project's files from another folder than `project_root`."""
    return any(file.project_name == project_name and file.path.project_root != project_root
               for file in manifest.files.values())


def saved_folders(state: Path, project_name: str) -> set[str]:
    """The folders a saved parse state names the project's own files from, read as plain msgpack (8 ms,
    where loading it through dbt means importing dbt first). An unreadable state names none, and so does
    every state in an environment made before msgpack was a dependency: dbt then decides, as before."""
    try:
        import msgpack
    except ImportError:
        return set()
    try:
        saved = msgpack.unpackb(state.read_bytes(), strict_map_key=False)
        return {file["path"]["project_root"] for file in saved["files"].values()
                if file.get("project_name") == project_name}
    except (OSError, ValueError, KeyError, TypeError, AttributeError, msgpack.UnpackException):
        return set()


def forget_state_saved_elsewhere(project_dir: Path, target: Path | None = None,
                                 project_name: str = "dealwire") -> bool:
    """Remove the parse state and manifest of `target` (the project's target folder by default) when the state
    names the project's files from another folder than `project_dir`, so that `make` parses the whole project
    once again; whether it did."""
    target = target or project_dir / "target"
    folders = saved_folders(target / PARTIAL_PARSE, project_name)
    if not folders or folders == {str(project_dir)}:
        return False
    for name in (PARTIAL_PARSE, MANIFEST):
        (target / name).unlink(missing_ok=True)
    return True


def accept_parse_state_of_another_path() -> None:
    """Let dbt reuse a parse state made for the profile's default database path (see the module's
    docstring). Installed once per process; dbt's own checks of everything else are left as they are."""
    from dbt.events.types import UnableToPartialParse
    from dbt.flags import get_flags
    from dbt.parser.manifest import ManifestLoader, ReparseReason
    from dbt_common.events.functions import fire_event

    check = ManifestLoader.is_partial_parsable
    if getattr(check, "accepts_another_path", False):
        return

    def is_partial_parsable(self, manifest):
        config = self.root_project
        if saved_in_another_folder(manifest, config.project_name, config.project_root):
            fire_event(UnableToPartialParse(reason="the project's folder is not the one its state was saved in"))
            return False, ReparseReason.project_config_changed
        saved, current = manifest.state_check, self.manifest.state_check
        if saved.profile_hash != current.profile_hash:
            profiles_dir = getattr(get_flags(), "PROFILES_DIR", None)
            default = (default_path(Path(profiles_dir), config.profile_name, config.target_name)
                       if profiles_dir else None)
            if default is not None and made_for_default_path(saved.profile_hash.checksum,
                                                             list(config.credentials.connection_info()), default):
                saved.profile_hash = current.profile_hash
        return check(self, manifest)

    is_partial_parsable.accepts_another_path = True  # type: ignore[attr-defined]
    ManifestLoader.is_partial_parsable = is_partial_parsable


if __name__ == "__main__":
    # the Makefile's check, before it decides whether to parse; it says on stderr what it did, since make reads
    # the standard output of a check as part of the Makefile
    folder = Path(sys.argv[1])
    if forget_state_saved_elsewhere(folder):
        print(f"dbt's parse state was saved in another folder than {folder}: parsing the whole project again",
              file=sys.stderr)
