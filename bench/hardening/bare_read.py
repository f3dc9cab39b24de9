"""Baseline: what reading the answer sheet costs without pmprb (python-calamine alone)."""

import sys

from python_calamine import CalamineWorkbook

grid = CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_name("Jawaban").to_python(skip_empty_area=False)
print(len(grid))
