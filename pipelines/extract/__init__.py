"""Rule-based, deterministic extraction of deal facts from cleaned text.

`EXTRACTOR_VERSION` is a digest of the extraction code, the normalisers and the
reference data: when any of them changes, every document is extracted again;
otherwise a document already extracted is never touched.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def _version() -> str:
    digest = hashlib.sha256()
    files = sorted([*(_PACKAGE / "extract").glob("*.py"), *(_PACKAGE / "normalise").glob("*.py"),
                    *(_PACKAGE / "reference").glob("*")])
    from pipelines.reference import ORGANIZATION_ALIASES_CSV

    for path in [*files, ORGANIZATION_ALIASES_CSV]:
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


EXTRACTOR_VERSION = _version()
