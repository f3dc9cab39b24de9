"""Worksheets are found by id or path, validated, and cached per file version."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import make_dataclass
from pathlib import Path

import pytest

from pmprb import catalog
from pmprb.catalog import fingerprint, load_worksheet_file, shipped_paths
from pmprb.errors import UserError


def test_cache_is_used_and_invalidated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("PMPRB_CACHE_DIR", str(cache))
    source = tmp_path / "zi.yaml"
    shutil.copy(shipped_paths()["zi-2026"], source)
    first = load_worksheet_file(source)
    entries = list(cache.glob("zi-*.pickle"))
    assert len(entries) == 1
    assert load_worksheet_file(source) == first
    source.write_text(
        source.read_text(encoding="utf-8").replace("title: PENGUNGKIT", "title: PENGUNGKIT BARU", 1),
        encoding="utf-8",
    )
    changed = load_worksheet_file(source)
    assert changed.nodes[0].title == "PENGUNGKIT BARU"
    assert len(list(cache.glob("zi-*.pickle"))) == 2


def test_the_cache_key_follows_the_model_fields() -> None:
    # a renamed, retyped or re-defaulted field, or another version, is another model: another key
    shapes = [
        [("weight", "int", 0)],
        [("weights", "int", 0)],
        [("weight", "str", 0)],
        [("weight", "int", 1)],
        [("weight", "int", 0), ("code", "str | None", None)],
    ]
    keys = {fingerprint([make_dataclass("Node", shape)], "0.1.0") for shape in shapes}
    assert len(keys) == len(shapes)
    same = make_dataclass("Node", shapes[0])
    assert fingerprint([same], "0.1.0") == fingerprint([make_dataclass("Node", shapes[0])], "0.1.0")
    assert fingerprint([same], "0.1.1") != fingerprint([same], "0.1.0")


def test_the_model_fingerprint_is_the_same_in_every_process() -> None:
    code = "from pmprb.catalog import model_fingerprint; print(model_fingerprint())"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert other.stdout.strip() == catalog.model_fingerprint()


def test_a_pickle_of_another_model_is_not_loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMPRB_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "zi.yaml"
    shutil.copy(shipped_paths()["zi-2026"], source)
    load_worksheet_file(source)
    monkeypatch.setattr(catalog, "model_fingerprint", lambda: "another model")
    load_worksheet_file(source)  # parsed again, cached beside the first
    assert len(list((tmp_path / "cache").glob("zi-*.pickle"))) == 2


def test_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMPRB_CACHE_DIR", "off")
    monkeypatch.setenv("HOME", str(tmp_path))
    load_worksheet_file(shipped_paths()["zi-2026"])
    assert not any(tmp_path.iterdir())


def test_invalid_worksheet_is_a_user_error_with_path(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "id: x\nversion: '1'\ntitle: t\nframework: f\nregulation: r\nyear: 2020\nsource: s\n"
        "answer_types: {}\nnodes: []\nunknown_key: 1\n",
        encoding="utf-8",
    )
    with pytest.raises(UserError) as exc:
        load_worksheet_file(bad)
    paths = {p.location.json_path for p in exc.value.problems}
    assert "$.nodes" in paths and "$.unknown_key" in paths


def test_one_official_file_loads_only_the_worksheet_laid_out_on_its_sheet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pmprb import catalog
    from pmprb.api import score_file
    from pmprb.memo import clear_memos

    monkeypatch.setenv("PMPRB_CACHE_DIR", str(tmp_path / "cache"))
    example = Path(__file__).resolve().parent.parent / "examples" / "lke-zi-2026-unit.xlsx"
    try:
        for run in ("cold", "warm"):
            catalog.get_worksheet.cache_clear()
            catalog.shipped_summaries.cache_clear()
            clear_memos()  # the layout remembered from the run before
            assert score_file(example).worksheet == "zi-2026"
            loaded = catalog.get_worksheet.cache_info().currsize
            # cold: every worksheet is parsed once to learn its sheet; warm: the summaries say it
            assert loaded == (len(shipped_paths()) if run == "cold" else 1), run
        assert len(list((tmp_path / "cache").glob("*.summary.json"))) == len(shipped_paths())
    finally:
        catalog.get_worksheet.cache_clear()
        catalog.shipped_summaries.cache_clear()
