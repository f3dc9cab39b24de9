"""`pmprb export portalrb`: the answers document `pmprb serve` would send, for one file, offline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pmprb.model import Worksheet
from pmprb.serve.answers import LAYERS, document
from pmprb.serve.units import describe


def answers_document(path: Path, worksheet: Worksheet, tahun: int) -> dict[str, Any]:
    """Raises UserError when the file cannot be read or holds invalid answers."""
    from pmprb.api import score_layers

    results, _reason = score_layers(path, worksheet, LAYERS, skip_absent=True)
    unit_id, nama = describe(next(iter(results.values())).meta, path)
    return document(worksheet, results, unit_id, nama, tahun)
