"""Find and load worksheet definitions: the shipped ones by id, or any YAML file by path."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pmprb import __version__
from pmprb.errors import ExitCode, Location, Problem, UserError
from pmprb.model import Worksheet
from pmprb.model import worksheet as model_worksheet


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
            return yaml.load(fh, Loader=loader)  # a safe loader
    except OSError as exc:
        raise UserError(
            Problem("file.unreadable", Location(str(path)), params={"reason": exc.strerror})
        ) from None
    except yaml.YAMLError as exc:
        raise UserError(
            Problem("worksheet.invalid", Location(str(path)), params={"reason": str(exc)})
        ) from None


def base_path(ref: str, variant: Path) -> Path | None:
    """The worksheet a variant's `extends` names: a shipped id, or a file beside the variant."""
    shipped = shipped_paths()
    if ref in shipped:
        return shipped[ref]
    candidate = variant.parent / ref
    return candidate if candidate.suffix in (".yaml", ".yml") and candidate.is_file() else None


def resolve_extends(
    data: Any, path: Path, seen: tuple[Path, ...] = ()
) -> tuple[Any, dict[tuple[str | int, ...], tuple[str | int, ...]] | None]:
    """A variant's data merged over its base's (bases resolved first); and, for a variant, merged path
    -> the variant's path of what it wrote (None: not a variant)."""
    if not isinstance(data, dict) or not isinstance(data.get("extends"), str):
        return data, None
    from pmprb.model.extends import ExtendError, merge

    ref = data["extends"]
    found = base_path(ref, path)
    if found is None or found.resolve() in seen:
        reason = "extends itself" if found is not None else None
        allowed = ", ".join(shipped_paths())
        raise UserError(
            Problem(
                "worksheet.extends-unknown",
                Location(str(path), json_path="$.extends"),
                params={"value": ref, "allowed": allowed, "reason": reason or "-"},
            ),
            exit_code=ExitCode.USAGE,
        )
    base, _ = resolve_extends(read_yaml(found), found, (*seen, path.resolve()))
    try:
        return merge(base, data)
    except ExtendError as exc:
        json_path = "$." + ".".join(str(p) for p in exc.path)
        raise UserError(
            Problem(
                "worksheet.invalid", Location(str(path), json_path=json_path), params={"reason": str(exc)}
            ),
            exit_code=ExitCode.USAGE,
        ) from None


def parse_worksheet(data: Any, path: str) -> Worksheet:
    # pydantic: loaded here, on a cold cache only (a cached worksheet is unpickled, never validated)
    from pmprb.model.validation import ValidationError, validate_worksheet

    try:
        return validate_worksheet(data)
    except ValidationError as exc:
        problems = [
            Problem(
                "worksheet.invalid",
                Location(path, json_path="$." + ".".join(str(p) for p in err["loc"])),
                params={"reason": _reason(err)},
            )
            for err in exc.errors()
        ]
        raise UserError(*problems, exit_code=ExitCode.USAGE) from None


def _reason(err: Any) -> str:
    # the model is dataclasses: pydantic calls an unknown key an "unexpected keyword argument"
    if err["type"] == "unexpected_keyword_argument":
        return "Extra inputs are not permitted"
    return str(err["msg"])


def cache_dir() -> Path | None:
    """Where parsed worksheets are kept between runs; None disables the cache (PMPRB_CACHE_DIR=off)."""
    configured = os.environ.get("PMPRB_CACHE_DIR")
    if configured:
        return None if configured.lower() in ("0", "off", "no") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "pmprb"


def _cache_file(path: Path) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        stat = path.stat()
    except OSError:
        return None
    key = f"{path.resolve()}|{stat.st_mtime_ns}|{stat.st_size}|{model_fingerprint()}|{sys.version}"
    return folder / f"{path.stem}-{hashlib.sha256(key.encode()).hexdigest()[:20]}.pickle"


def fingerprint(classes: list[type], version: str) -> str:
    """A hash of the classes' fields (name, annotation, default) and the package version."""
    facts = [version]
    for cls in sorted(classes, key=lambda c: c.__qualname__):
        facts.append(cls.__qualname__)
        facts.extend(f"{f.name}: {f.type} = {_default(f)}" for f in dataclasses.fields(cls))
    return hashlib.sha256("\n".join(facts).encode()).hexdigest()[:16]


def _default(field: dataclasses.Field[Any]) -> str:
    if field.default is not dataclasses.MISSING:
        return repr(field.default)
    if field.default_factory is not dataclasses.MISSING:
        return f"{getattr(field.default_factory, '__qualname__', 'factory')}()"
    return "required"


@cache
def model_fingerprint() -> str:
    """Part of the worksheet cache's key: a pickle made by a model with other fields (a checkout whose
    version did not change) is never loaded."""
    classes = [
        c for c in vars(model_worksheet).values() if dataclasses.is_dataclass(c) and isinstance(c, type)
    ]
    return fingerprint(classes, __version__)


def load_worksheet_file(path: Path) -> Worksheet:
    """Parse and validate a worksheet YAML. A validated worksheet is cached (pickled) per file version:
    YAML parsing and building the validators cost more than the whole scoring of a workbook. A
    variant's entry also holds the identity of every base it was merged over, and is used only while
    they are unchanged."""
    import pickle

    cached = _cache_file(path)
    if cached is not None and cached.is_file():
        try:
            with cached.open("rb") as fh:
                entry = pickle.load(fh)  # our own cache, keyed by the file and the model
            if isinstance(entry, Worksheet):
                return entry
            if isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], Worksheet):
                worksheet, bases = entry
                if bases and all(_identity(Path(base)) == (base, mtime, size) for base, mtime, size in bases):
                    return worksheet
        except Exception:  # a stale or broken cache entry is rebuilt
            pass
    data, variant = resolve_extends(read_yaml(path), path)
    worksheet = parse_worksheet(data, str(path))
    if cached is not None:
        _write_cache(cached, worksheet if variant is None else (worksheet, _base_identities(path)))
    return worksheet


def _identity(path: Path) -> tuple[str, int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return str(path), stat.st_mtime_ns, stat.st_size


def _base_identities(path: Path) -> tuple[tuple[str, int, int], ...] | None:
    """(path, mtime, size) of each base a variant extends, nearest first; None when one is unreadable."""
    out: list[tuple[str, int, int]] = []
    seen: set[Path] = {path.resolve()}
    current = path
    while True:
        try:
            data = read_yaml(current)
        except UserError:
            return None
        ref = data.get("extends") if isinstance(data, dict) else None
        if not isinstance(ref, str):
            return tuple(out)
        found = base_path(ref, current)
        if found is None or found.resolve() in seen:
            return None
        seen.add(found.resolve())
        identity = _identity(found.resolve())
        if identity is None:
            return None
        out.append(identity)
        current = found


def _write_cache(cached: Path, worksheet: Worksheet | tuple[Worksheet, object]) -> None:
    import pickle

    _write_atomically(cached, pickle.dumps(worksheet, protocol=pickle.HIGHEST_PROTOCOL))


def _write_atomically(target: Path, data: bytes) -> None:
    import tempfile

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except OSError:
        pass  # a read-only home is fine: we just parse again next time


@cache
def get_worksheet(ref: str) -> Worksheet:
    """A shipped worksheet by id, or a worksheet file by path."""
    paths = shipped_paths()
    if ref in paths:
        return load_worksheet_file(paths[ref])
    candidate = Path(ref)
    if candidate.suffix in (".yaml", ".yml") and candidate.is_file():
        return load_worksheet_file(candidate)
    allowed = ", ".join(paths)
    suggestion = did_you_mean(ref, list(paths))
    if suggestion is not None:
        params = {"value": ref, "suggestion": suggestion, "allowed": allowed}
        raise UserError(Problem("worksheet.did-you-mean", params=params))
    raise UserError(Problem("worksheet.unknown", params={"value": ref, "allowed": allowed}))


def did_you_mean(value: str, known: list[str]) -> str | None:
    """The known id a typo most likely meant: the same letters and digits ("zi2026", "ZI_2026"), else
    the closest by difflib's ratio."""
    import difflib

    def bare(text: str) -> str:
        return "".join(c for c in text.lower() if c.isalnum())

    same = [k for k in known if bare(k) == bare(value)]
    if same:
        return same[0]
    close = difflib.get_close_matches(value.lower(), known, n=1, cutoff=0.75)
    return close[0] if close else None


def shipped_worksheets() -> list[Worksheet]:
    return [get_worksheet(ref) for ref in shipped_paths()]


@dataclass(frozen=True)
class Summary:
    """What choosing a shipped worksheet for a file needs, kept beside its cached pickle: a command
    reading one file loads the one worksheet that fits, not every shipped one."""

    id: str
    sheet: str | None  # its official Excel answer sheet
    year: int
    years: tuple[int, ...]
    framework: str
    portal: bool  # its questions carry PortalRB soal ids

    @classmethod
    def of(cls, ws: Worksheet) -> Summary:
        portal = any(q.source and q.source.soal_id for q in ws.questions.values())
        return cls(
            ws.id, ws.excel.sheet if ws.excel else None, ws.year, tuple(ws.years), ws.framework, portal
        )


@cache
def shipped_summaries() -> dict[str, Summary]:
    out: dict[str, Summary] = {}
    for ref, path in shipped_paths().items():
        cached = _cache_file(path)
        side = cached.with_suffix(".summary.json") if cached is not None else None
        try:
            if side is not None and cached is not None and cached.is_file():
                data = json.loads(side.read_text(encoding="utf-8"))
                out[ref] = Summary(**{**data, "years": tuple(data["years"])})
                continue
        except (OSError, ValueError, TypeError, KeyError):
            pass  # no summary yet, or a broken one: made from the worksheet
        out[ref] = Summary.of(get_worksheet(ref))
        if side is not None:
            _write_atomically(side, json.dumps(asdict(out[ref])).encode())
    return out


def shipped_by_sheet(sheet_names: list[str]) -> list[Worksheet]:
    """Shipped worksheets laid out on one of these sheets, newest evaluation year first."""
    found = [ref for ref, s in shipped_summaries().items() if s.sheet is not None and s.sheet in sheet_names]
    return [
        get_worksheet(ref) for ref in sorted(found, key=lambda r: shipped_summaries()[r].year, reverse=True)
    ]


def shipped_for_year(year: int | None) -> Worksheet | None:
    """The PortalRB worksheet for an evaluation year (PortalRB is the ZI platform), else the newest one."""
    portal = [s for s in shipped_summaries().values() if s.portal]
    if not portal:
        return None
    same_year = [s for s in portal if year in (s.year, *s.years)]
    pool = same_year or portal
    chosen = max(pool, key=lambda s: (s.framework == "zona-integritas", s.year))
    return get_worksheet(next(ref for ref, s in shipped_summaries().items() if s is chosen))
