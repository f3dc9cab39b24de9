"""Find and load worksheet definitions: the shipped ones by id, or any YAML file by path."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from pmprb.errors import ExitCode, Location, Problem, UserError
from pmprb.model import Worksheet


def data_dir(name: str) -> Path:
    """worksheets/ or templates/: inside the installed wheel, or beside the package in a checkout."""
    packaged = Path(__file__).parent / name
    if packaged.is_dir():
        return packaged
    return Path(__file__).parent.parent / name


def worksheets_dir() -> Path:
    return data_dir("worksheets")


def shipped_paths() -> dict[str, Path]:
    return {p.stem: p for p in sorted(worksheets_dir().glob("*.yaml"))}


def read_yaml(path: Path) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        with path.open("rb") as fh:
            return yaml.load(fh, Loader=loader)  # noqa: S506 - a safe loader
    except OSError as exc:
        raise UserError(Problem("file.unreadable", Location(str(path)), params={"reason": exc.strerror})) from None
    except yaml.YAMLError as exc:
        raise UserError(Problem("worksheet.invalid", Location(str(path)), params={"reason": str(exc)})) from None


def parse_worksheet(data: Any, path: str) -> Worksheet:
    from pydantic import ValidationError

    try:
        return Worksheet.model_validate(data)
    except ValidationError as exc:
        problems = [
            Problem(
                "worksheet.invalid",
                Location(path, json_path="$." + ".".join(str(p) for p in err["loc"])),
                params={"reason": err["msg"]},
            )
            for err in exc.errors()
        ]
        raise UserError(*problems, exit_code=ExitCode.USAGE) from None


def load_worksheet_file(path: Path) -> Worksheet:
    return parse_worksheet(read_yaml(path), str(path))


@cache
def get_worksheet(ref: str) -> Worksheet:
    """A shipped worksheet by id, or a worksheet file by path."""
    paths = shipped_paths()
    if ref in paths:
        return load_worksheet_file(paths[ref])
    candidate = Path(ref)
    if candidate.suffix in (".yaml", ".yml") and candidate.is_file():
        return load_worksheet_file(candidate)
    raise UserError(Problem("worksheet.unknown", params={"value": ref, "allowed": ", ".join(paths)}))


def shipped_worksheets() -> list[Worksheet]:
    return [get_worksheet(ref) for ref in shipped_paths()]


def shipped_by_sheet(sheet_names: list[str]) -> list[Worksheet]:
    """Shipped worksheets laid out on one of these sheets, newest evaluation year first."""
    found = [w for w in shipped_worksheets() if w.excel is not None and w.excel.sheet in sheet_names]
    return sorted(found, key=lambda w: w.year, reverse=True)


def shipped_for_year(year: int | None) -> Worksheet | None:
    """The PortalRB worksheet for an evaluation year (PortalRB is the ZI platform), else the newest one."""
    portal = [w for w in shipped_worksheets() if any(q.source and q.source.soal_id for q in w.questions.values())]
    if not portal:
        return None
    same_year = [w for w in portal if year in (w.year, *w.years)]
    pool = same_year or portal
    return max(pool, key=lambda w: (w.framework == "zona-integritas", w.year))
