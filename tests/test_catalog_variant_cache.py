"""A variant's validated worksheet is cached like any other (a shipped variant, sakip-2021-aplikasi,
must not be parsed again for every file), and the entry is dropped when a base it extends changes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pmprb import catalog

BASE = """id: base
version: '1'
title: {title}
framework: f
regulation: r
year: 2024
source: s
answer_types:
  ya_tidak:
    kind: choice
    label: Ya/Tidak
    options:
    - key: Ya
      value: 1
    - key: Tidak
      value: 0
nodes:
- id: a
  title: A
  weight: 10
  questions:
  - id: a.1
    text: Q
    type: ya_tidak
"""
VARIANT = "extends: base.yaml\nid: variant\nversion: '1-v'\ntitle: Variant\n"


def test_a_variant_is_cached_until_its_base_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMPRB_CACHE_DIR", str(tmp_path / "cache"))
    base, variant = tmp_path / "base.yaml", tmp_path / "variant.yaml"
    base.write_text(BASE.format(title="Base"), encoding="utf-8")
    variant.write_text(VARIANT, encoding="utf-8")
    parsed: list[str] = []
    real = catalog.parse_worksheet

    def counting(data: object, path: str) -> object:
        parsed.append(path)
        return real(data, path)

    monkeypatch.setattr(catalog, "parse_worksheet", counting)
    first = catalog.load_worksheet_file(variant)
    again = catalog.load_worksheet_file(variant)
    assert first.id == again.id == "variant" and len(parsed) == 1  # the second came from the cache
    base.write_text(BASE.format(title="Base changed").replace("weight: 10", "weight: 20"), encoding="utf-8")
    stat = base.stat()
    os.utime(base, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # a later version, whatever the clock
    changed = catalog.load_worksheet_file(variant)
    assert len(parsed) == 2
    assert changed.node_by_id["a"].weight == 20
