#!/usr/bin/env bash
# pmprb compare / consensus against pmprb score on the same input, side by side in one hyperfine run:
# comparing two layers reads the file once and scores twice, so it should cost little more than
# `score` (target: within 1.2x); the xlsx action plan and the consensus workbook add openpyxl writing.
# Needs: hyperfine (Debian), pmprb installed. Results: bench/compare/results.md
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${BENCH_DIR:-$(mktemp -d)}
lke="$root/examples/lke-zi-2026-unit.xlsx"
export PMPRB_CACHE_DIR="$work/cache"
python - "$work" <<'PY'
import random, sys
from pathlib import Path
from pmprb.catalog import get_worksheet
from pmprb.writers.official_excel import write_official_zi
ws = get_worksheet("zi-2026")
rng = random.Random(5)
for name in ("a", "b", "c"):
    answers = {}
    for qid, q in ws.questions.items():
        atype = ws.answer_types[q.type]
        answers[qid] = (rng.choice(atype.options).key if atype.kind == "choice"
                        else round(rng.uniform(2, 4), 2) if atype.kind == "scale" else rng.randint(0, 9))
    write_official_zi(Path(sys.argv[1]) / f"{name}.xlsx", ws, {"unit": answers})
PY
pmprb score "$lke" >/dev/null  # warm the worksheet cache
hyperfine -N --warmup 3 --runs 20 --export-markdown "$here/results.md" \
  -n "pmprb score (one layer)" "pmprb score $lke" \
  -n "pmprb compare (two layers, table)" "pmprb compare $lke" \
  -n "pmprb compare --format json" "pmprb compare $lke --format json" \
  -n "pmprb compare two files of random answers (88 of 127 differ)" "pmprb compare $work/a.xlsx $work/b.xlsx" \
  -n "pmprb compare --format xlsx (action plan)" "pmprb compare $lke -f xlsx -o $work/plan.xlsx" \
  -n "pmprb consensus, three assessors" "pmprb consensus $work/a.xlsx $work/b.xlsx $work/c.xlsx -o $work/k.xlsx"
