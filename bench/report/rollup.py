"""A roll-up of N units as one PDF, side by side in interleaved rounds:
  (a) pmprb report on all cores (units rendered in parallel, then joined),
  (b) pmprb report --jobs 1 (one document on one core),
  (c) LibreOffice converting the same N workbooks to PDF (one soffice for all, what admins do today).
Each round runs each command once, in a rotating order; wall time, CPU time (user + sys of the
command and its children), pages, file size and the largest process's peak memory are recorded.

    python bench/report/rollup.py [N=20] [ROUNDS=3]   # results: bench/report/results-rollup.md

Needs LibreOffice (soffice) and pypdf. Runs the checkout's pmprb (PYTHONPATH), not an installed one."""

from __future__ import annotations

import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
from make_units import main as make_units  # noqa: E402


def run(command: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (children), peak RSS in MB of the largest process (GNU time)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *command], env=env, capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{command[0]} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak_kb = int(re.findall(r"^(\d+)$", done.stderr, re.MULTILINE)[-1])
    return wall, cpu, peak_kb // 1024


def describe(path: Path) -> dict[str, object]:
    from pypdf import PdfReader

    reader = PdfReader(path)
    fonts = set()
    links = 0
    for page in reader.pages:
        resources = page.get("/Resources")
        for ref in (resources.get_object().get("/Font") or {}).values() if resources else []:
            fonts.add(id(ref.get_object()))
        links += sum(1 for a in page.get("/Annots", []) if a.get_object().get("/Subtype") == "/Link")

    def count(items: list[object]) -> int:
        return sum(count(i) if isinstance(i, list) else 1 for i in items)

    return {
        "pages": len(reader.pages),
        "MB": round(path.stat().st_size / 1e6, 2),
        "font objects": len(fonts),
        "links": links,
        "bookmarks": count(reader.outline),
    }


def main(count: int = 20, rounds: int = 3) -> None:
    work = Path(os.environ.get("BENCH_DIR") or tempfile.mkdtemp(prefix="pmprb-rollup-"))
    books = make_units(work / "units", count)
    env = dict(os.environ, PYTHONPATH=str(ROOT), SOURCE_DATE_EPOCH="1764028800", PMPRB_PROGRESS="0")
    soffice = shutil.which("soffice") or "soffice"
    profile = (work / "lo-profile").as_uri()  # a private profile: no clash with a running soffice
    report = [sys.executable, "-m", "pmprb", "report", *map(str, books), "--instansi", "Kementerian Contoh"]
    commands = {
        "pmprb report, all cores (parts joined)": [*report, "-o", str(work / "all.pdf")],
        "pmprb report --jobs 1 (one document)": [*report, "-o", str(work / "one.pdf"), "--jobs", "1"],
        "soffice --convert-to pdf (same workbooks)": [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work / "lo"),
            *map(str, books),
        ],
    }
    names = list(commands)
    runs: dict[str, list[tuple[float, float, int]]] = {n: [] for n in names}
    for r in range(rounds):
        for name in names[r % len(names) :] + names[: r % len(names)]:  # rotate the order each round
            runs[name].append(run(commands[name], env))
            print(f"round {r + 1}: {name}: {runs[name][-1]}", file=sys.stderr)
    cores = len(os.sched_getaffinity(0))
    load = os.getloadavg()
    lines = [
        f"# Roll-up of {count} units to PDF: {rounds} interleaved rounds",
        "",
        f"{cores} cores, shared with other jobs (load average at the end {load[0]:.1f}, {load[1]:.1f}).",
        "",
        "| command | wall, median (min–max) | CPU, median | largest process | each round's wall |",
        "|---|---:|---:|---:|---|",
    ]
    for name in names:
        walls = [w for w, _, _ in runs[name]]
        cpus = [c for _, c, _ in runs[name]]
        peak = max(m for _, _, m in runs[name])
        each = ", ".join(f"{w:.1f}" for w in walls)
        lines.append(
            f"| {name} | {statistics.median(walls):.1f} s ({min(walls):.1f}–{max(walls):.1f}) "
            f"| {statistics.median(cpus):.1f} s | {peak} MB | {each} |"
        )
    ratio = [o / a for (a, _, _), (o, _, _) in zip(runs[names[0]], runs[names[1]], strict=True)]
    lo = [lw / a for (a, _, _), (lw, _, _) in zip(runs[names[0]], runs[names[2]], strict=True)]
    lines += [
        "",
        f"One core / all cores, per round: {', '.join(f'{x:.2f}' for x in ratio)} "
        f"(median {statistics.median(ratio):.2f}).",
        f"LibreOffice / all cores, per round: {', '.join(f'{x:.2f}' for x in lo)} "
        f"(median {statistics.median(lo):.2f}).",
        "",
        "| PDF | pages | MB | font objects | links | bookmarks |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    lo_pdfs = sorted((work / "lo").glob("*.pdf"))
    for label, path in (
        ("all cores (joined)", work / "all.pdf"),
        ("one core (one document)", work / "one.pdf"),
    ):
        d = describe(path)
        lines.append(
            f"| {label} | {d['pages']} | {d['MB']} | {d['font objects']} | {d['links']} | {d['bookmarks']} |"
        )
    lo_pages = sum(int(describe(p)["pages"]) for p in lo_pdfs)  # type: ignore[call-overload]
    lo_mb = sum(p.stat().st_size for p in lo_pdfs) / 1e6
    lines.append(f"| LibreOffice ({len(lo_pdfs)} files) | {lo_pages} | {lo_mb:.2f} | – | – | – |")
    (HERE / "results-rollup.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    print(f"outputs kept in {work}", file=sys.stderr)


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
