"""The units served: from a manifest (`DIR/units.yaml` or `--units`) or, without one, every LKE file
under DIR. A unit's file is fixed here, inside DIR; requests name units by id and are looked up in
this table, never joined to a path."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmprb.errors import Location, Problem, UserError

MANIFEST = "units.yaml"
KATEGORI = ("WBK", "WBK-AFIRMASI", "WBBM")
SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".json")
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~-]{0,127}$")
FIELDS = ("id", "nama", "kategori", "afirmasi", "file")


@dataclass(frozen=True, slots=True)
class Unit:
    id: str
    nama: str
    path: Path  # resolved, inside DIR
    file: str  # as written, relative to DIR
    kategori: str | None = None  # None: found in DIR, proposed by the predicate its file reaches
    afirmasi: bool = False


def inside(root: Path, path: Path) -> Path | None:
    """`path` resolved (symbolic links followed) when it is a regular file inside `root`, else None."""
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not resolved.is_relative_to(root) or not resolved.is_file():
        return None
    return resolved


def read_manifest(path: Path, root: Path) -> list[Unit]:
    """Raises UserError naming the entry and field of every mistake."""
    from pmprb.catalog import read_yaml

    name = str(path)
    data = read_yaml(path)
    if not isinstance(data, list):
        raise UserError(Problem("serve.manifest-shape", Location(name, json_path="$")))
    units: list[Unit] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for i, entry in enumerate(data):
        at = f"$[{i}]"
        if not isinstance(entry, dict):
            problems.append(Problem("serve.manifest-shape", Location(name, json_path=at)))
            continue
        before = len(problems)
        unknown = [k for k in entry if k not in FIELDS]
        for key in unknown:
            where = Location(name, json_path=f"{at}.{key}")
            problems.append(
                Problem("serve.manifest-field", where, params={"value": key, "allowed": ", ".join(FIELDS)})
            )
        unit_id = entry.get("id")
        if isinstance(unit_id, int) and not isinstance(unit_id, bool):
            unit_id = str(unit_id)
        if not isinstance(unit_id, str) or not ID_PATTERN.match(unit_id):
            where = Location(name, json_path=f"{at}.id")
            problems.append(Problem("serve.manifest-id", where, params={"value": unit_id}))
        elif unit_id in seen:
            where = Location(name, json_path=f"{at}.id")
            problems.append(
                Problem("serve.manifest-duplicate", where, params={"value": unit_id, "first": seen[unit_id]})
            )
        else:
            seen[unit_id] = at
        nama = entry.get("nama")
        if not isinstance(nama, str) or not nama.strip():
            problems.append(Problem("serve.manifest-required", Location(name, json_path=f"{at}.nama")))
        kategori = entry.get("kategori")
        if kategori not in KATEGORI:
            where = Location(name, json_path=f"{at}.kategori")
            problems.append(
                Problem(
                    "serve.manifest-kategori",
                    where,
                    params={"value": kategori, "allowed": ", ".join(KATEGORI)},
                )
            )
        afirmasi = entry.get("afirmasi", kategori == "WBK-AFIRMASI")
        if not isinstance(afirmasi, bool):
            where = Location(name, json_path=f"{at}.afirmasi")
            problems.append(Problem("serve.manifest-bool", where, params={"value": afirmasi}))
        file = entry.get("file")
        resolved = None
        if not isinstance(file, str) or not file.strip():
            problems.append(Problem("serve.manifest-required", Location(name, json_path=f"{at}.file")))
        elif os.path.isabs(file):
            where = Location(name, json_path=f"{at}.file")
            problems.append(
                Problem("serve.manifest-outside", where, params={"value": file, "root": str(root)})
            )
        else:
            resolved = inside(root, root / file)
            if resolved is None:
                where = Location(name, json_path=f"{at}.file")
                problems.append(
                    Problem("serve.manifest-file", where, params={"value": file, "root": str(root)})
                )
        if len(problems) == before:
            assert isinstance(unit_id, str) and isinstance(nama, str) and isinstance(file, str)
            assert resolved is not None and isinstance(kategori, str) and isinstance(afirmasi, bool)
            units.append(Unit(unit_id, nama.strip(), resolved, file, kategori, afirmasi))
    if problems:
        raise UserError(*problems)
    if not units:
        raise UserError(Problem("serve.no-units", Location(name), params={"path": name}))
    return units


def lke_files(root: Path) -> list[Path]:
    """Files under `root` that can be LKE files, in name order: hidden files and folders, Office's lock
    files (`~$…`) and links that lead outside `root` are left out."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for filename in sorted(files):
            if filename.startswith((".", "~$")) or not filename.lower().endswith(SUFFIXES):
                continue
            resolved = inside(root, Path(folder) / filename)
            if resolved is not None:
                found.append(Path(folder) / filename)
    return found


def id_from_name(stem: str) -> str:
    """A file name as a unit id: letters, digits, '.', '_', '-' and '~' kept, other runs become '-'."""
    slug = re.sub(r"[^A-Za-z0-9._~-]+", "-", stem).strip("-._~")
    return slug[:128] or "unit"


def describe(meta: dict[str, Any], path: Path) -> tuple[str, str]:
    """A discovered unit's id and name: from the file where it carries them, else its file name."""
    raw_id = meta.get("unit_id")
    unit_id = str(raw_id).strip() if isinstance(raw_id, str | int) and not isinstance(raw_id, bool) else ""
    if not ID_PATTERN.match(unit_id):
        unit_id = id_from_name(path.stem)
    nama = meta.get("nama_unit")
    return unit_id, nama.strip() if isinstance(nama, str) and nama.strip() else path.stem
