"""CPU seconds of each step of a roll-up's PDF, measured in-process (time.process_time, so other jobs on a
shared machine do not count), and what they predict for an idle machine with K cores:
  one document: read + build + HTML + WeasyPrint on the whole document;
  parts: read + build + HTML of the parts (serial) + the parts scheduled longest-first on K workers
  + the footers on K workers + the join (serial).

    python bench/report/critical_path.py [N=20] [K=2]   # results: bench/report/results-critical-path.md
"""

from __future__ import annotations

import heapq
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from make_units import main as make_units  # noqa: E402


def timed(function: Any, *args: Any) -> tuple[Any, float]:
    start = time.process_time()
    out = function(*args)
    return out, time.process_time() - start


def _part(html: str) -> tuple[Any, float]:
    from pmprb.report.pdf import render_part

    return timed(render_part, html)


def _footer(html: str) -> tuple[Any, float]:
    from pmprb.report.pdf import render_one

    return timed(render_one, html)


def makespan(costs: list[float], workers: int) -> float:
    """Longest-first on `workers` processes, as pmprb.report.pdf.render_parts submits them."""
    loads = [0.0] * workers
    for cost in sorted(costs, reverse=True):
        heapq.heapreplace(loads, loads[0] + cost)
    return max(loads)


def main(count: int = 20, workers: int = 2) -> None:
    from pmprb.api import score_layers
    from pmprb.catalog import get_worksheet
    from pmprb.report import Scored, build, render_html
    from pmprb.report.format import report_date
    from pmprb.report.pdf import FOOTER_CHUNK, join, render_one
    from pmprb.report.render import render_footer, render_parts

    work = Path(os.environ.get("BENCH_DIR") or tempfile.mkdtemp(prefix="pmprb-critical-"))
    books = make_units(work / "units", count)

    def read() -> Any:
        inputs = []
        for path in books:
            result = score_layers(path, None, ("unit",))[0]["unit"]
            inputs.append(Scored(result, get_worksheet(result.worksheet), None, "Kementerian Contoh"))
        return build(inputs, lang="id", day=report_date(None))

    doc, t_read = timed(read)
    whole, t_html_one = timed(render_html, doc)
    parts_html, t_html_parts = timed(render_parts, doc, workers * 2)  # as `pmprb report` does
    (_, pages_one), t_one = timed(render_one, whole)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        parts_timed = list(pool.map(_part, parts_html))
        parts = [p for p, _ in parts_timed]
        total = sum(p.pages for p in parts)
        size = max(1, min(FOOTER_CHUNK, -(-total // workers)))
        pieces = [
            render_footer(doc, total, first, min(total, first + size - 1))
            for first in range(1, total + 1, size)
        ]
        footers_timed = list(pool.map(_footer, pieces))
    footers = [data for (data, _), _ in footers_timed]
    _, t_join = timed(join, parts, footers, doc.title)
    part_costs = [c for _, c in parts_timed]
    footer_costs = [c for _, c in footers_timed]
    one = t_read + t_html_one + t_one
    joined = t_read + t_html_parts + makespan(part_costs, workers) + makespan(footer_costs, workers) + t_join
    spent = t_read + t_html_parts + sum(part_costs) + sum(footer_costs) + t_join
    lines = [
        f"# Roll-up of {count} units: CPU seconds per step (in-process), {workers} workers",
        "",
        f"Pages: {pages_one} as one document, {total} joined.",
        "",
        "| step | one document | parts joined |",
        "|---|---:|---:|",
        f"| read {count} workbooks, build the view-model | {t_read:.1f} | {t_read:.1f} |",
        f"| HTML | {t_html_one:.1f} | {t_html_parts:.1f} ({len(parts_html)} parts) |",
        f"| WeasyPrint | {t_one:.1f} | {sum(part_costs):.1f} in all; on {workers} workers "
        f"{makespan(part_costs, workers):.1f} (largest part {max(part_costs):.1f}) |",
        f"| footers ({len(pieces)} pieces) | – | {sum(footer_costs):.1f}; on {workers} workers "
        f"{makespan(footer_costs, workers):.1f} |",
        f"| join (pypdf) | – | {t_join:.1f} |",
        f"| **critical path** | **{one:.1f}** | **{joined:.1f}** |",
        "",
        f"Predicted on an idle machine with {workers} cores: {one / joined:.2f}x faster than one document; "
        f"CPU spent in all: {one:.1f} s against {spent:.1f} s.",
    ]
    (HERE / "results-critical-path.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
