"""Ratios to the floor from hyperfine JSON exports, one export per round:
python bench/score/ratios.py OUT.md TITLE ROUND1.json ROUND2.json ...

hyperfine runs each command's runs in one block, so the machine's drift between blocks lands in a
ratio. Short rounds, repeated, keep each ratio's two blocks close in time; the median over rounds is
the figure to read. The first command of each export is the floor."""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path


def main(out: Path, title: str, exports: list[Path]) -> None:
    rounds = [json.loads(p.read_text())["results"] for p in exports]
    names = [r["command"] for r in rounds[0]]
    lines = [
        f"{title}: {len(rounds)} rounds, floor and pmprb side by side in each (hyperfine).",
        "",
        "| round | " + " | ".join(f"`{n}` [ms]" for n in names) + " |",
        "|---:|" + "---:|" * len(names),
    ]
    ratios: dict[str, list[float]] = {n: [] for n in names[1:]}
    for i, results in enumerate(rounds, 1):
        floor = results[0]["mean"]
        cells = [f"{floor * 1000:.0f}"]
        for r in results[1:]:
            ratio = r["mean"] / floor
            ratios[r["command"]].append(ratio)
            cells.append(f"{r['mean'] * 1000:.0f} ({ratio:.2f} ×)")
        lines.append(f"| {i} | " + " | ".join(cells) + " |")
    pooled_floor = statistics.mean(t for results in rounds for t in results[0]["times"])
    lines.append("")
    for name, values in ratios.items():
        pooled = statistics.mean(
            t for results in rounds for r in results if r["command"] == name for t in r["times"]
        )
        lines.append(
            f"- `{name}`: median ratio **{statistics.median(values):.2f} ×** "
            f"(rounds {min(values):.2f}–{max(values):.2f}; all runs pooled {pooled / pooled_floor:.2f} ×)"
        )
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(out.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], [Path(p) for p in sys.argv[3:]])
