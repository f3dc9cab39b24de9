#!/bin/sh
# pmprb template: writing the zi-2026 workbook (empty, and prefilled from the official example) and
# scoring it back, side by side with the baseline `pmprb score` of the official example and with
# LibreOffice recalculating the generated workbook (what an assessor's spreadsheet does on opening).
# Ratios between rows of this one run are what to compare; see bench/README.md.
set -eu
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
example=examples/lke-zi-2026-unit.xlsx
pmprb template zi-2026 -o "$out/lke.xlsx" --force --prefill "$example" >/dev/null
hyperfine --warmup 1 --runs 5 --export-markdown bench/template/results.md \
  -n "pmprb score $example (baseline)" "pmprb score $example" \
  -n "pmprb template zi-2026" "pmprb template zi-2026 -o $out/a.xlsx --force" \
  -n "pmprb template zi-2026 --prefill $example" "pmprb template zi-2026 -o $out/b.xlsx --force --prefill $example" \
  -n "pmprb score (generated, prefilled workbook)" "pmprb score $out/lke.xlsx" \
  -n "soffice recalculates the generated workbook" \
  "soffice -env:UserInstallation=file://$out/lo --headless --convert-to xlsx --outdir $out/lo-out $out/lke.xlsx"
/usr/bin/time -v pmprb template zi-2026 -o "$out/c.xlsx" --force 2>&1 >/dev/null \
  | grep -E "Maximum resident|Elapsed|User time|System time" > bench/template/results-memory.txt
