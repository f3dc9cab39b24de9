"""The engine's arithmetic (scoring/engine.py, scoring/predicate.py, scoring/normalize.py) spelled as
spreadsheet formulas that Excel and LibreOffice both evaluate.

Per layer and question three hidden helpers: `norm` (the answer trimmed and upper-cased), `prefix`
(the option key a text such as 'b.' or 'B. Jika ...' starts with, as normalize.py's _KEY_PREFIX
reads it) and `status` (0 blank, 1 valid, 2 invalid). A question's visible value is its option
value, (v - min) / (max - min) for a scale, v / 100 for a percentage; '' when blank, 0 when invalid.
Scores then follow the engine: an unanswered or invalid item counts 0 in the mean (SUM / n, never
AVERAGE, which would skip it), counts are not items, a computed item is 0 unless all its input
counts are valid."""

from __future__ import annotations

from fractions import Fraction

from pmprb.model import AnswerType, Computed, GradeItem, MeanItem, Node, RatioItem, Worksheet
from pmprb.model.worksheet import TOTAL
from pmprb.readers.workbook_meta import ANSWER_SHEET
from pmprb.scoring.engine import node_weight
from pmprb.workbook.layout import TOTAL_ROW, WEIGHT, LayerColumns, Layout

# normalize.py's _KEY_PREFIX: a key ends at whitespace or one of these
DELIMITERS = (".", ",", ")", "(", ":", ";", "-")
TRAILING = ".,):;-"  # the one punctuation mark allowed right after the key


def num(value: Fraction | int | float) -> str:
    """A constant for a formula: exact decimals stay short, thirds become the nearest double."""
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    return repr(float(value))


def text_literal(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def norm(answer: str) -> str:
    """Trimmed, upper-cased, line breaks and tabs as spaces."""
    inner = answer
    for code in (10, 13, 9):
        inner = f'SUBSTITUTE({inner},CHAR({code})," ")'
    return f"=UPPER(TRIM({inner}))"


def prefix(norm_cell: str) -> str:
    """The key a text starts with ('B' from 'B. Jika ...', '(b)', 'b -'), or '' when the text has none."""
    u = f'IF(LEFT({norm_cell},1)="(",MID({norm_cell},2,1000),{norm_cell})'
    spaced = u
    for mark in DELIMITERS:
        spaced = f'SUBSTITUTE({spaced},"{mark}"," ")'
    pos = f'FIND(" ",{spaced}&" ")'
    rest = f"MID({u},{pos},1000)"
    rest_ok = (
        f'OR({rest}="",LEFT({rest},1)=" ",AND(ISNUMBER(FIND(LEFT({rest},1),"{TRAILING}")),'
        f'OR(LEN({rest})=1,MID({rest},2,1)=" ")))'
    )
    return f'=IF(AND({pos}>1,{rest_ok}),LEFT({u},{pos}-1),"")'


def _spellings(atype: AnswerType) -> list[tuple[list[str], Fraction]]:
    return [([o.key.upper(), *(a.upper() for a in o.aliases)], o.value) for o in atype.options]


def _matches(cell: str, spellings: list[str]) -> str:
    tests = [f"{cell}={text_literal(s)}" for s in spellings]
    return tests[0] if len(tests) == 1 else f"OR({','.join(tests)})"


def status(atype: AnswerType, answer: str, cols: LayerColumns, row: int) -> str:
    """0 blank, 1 valid, 2 invalid: the engine's 'missing', 'answered' and 'invalid'."""
    n, p = f"{cols.norm}{row}", f"{cols.prefix}{row}"
    if atype.kind == "choice":
        every = [s for spellings, _ in _spellings(atype) for s in spellings]
        return f'=IF({n}="",0,IF(OR({_matches(n, every)},{_matches(p, every)}),1,2))'
    if atype.kind == "count":
        valid = f"AND({answer}>=0,INT({answer})={answer})"
    elif atype.kind == "scale":
        valid = f"AND({answer}>={num(atype.min or 0)},{answer}<={num(atype.max or 0)})"
    else:
        valid = f"AND({answer}>=0,{answer}<=100)"
    return f'=IF(TRIM({answer})="",0,IF(ISNUMBER({answer}),IF(ISLOGICAL({answer}),2,IF({valid},1,2)),2))'


def value(atype: AnswerType, answer: str, cols: LayerColumns, row: int) -> str | None:
    """The question's value 0..1 ('' blank, 0 invalid); None for counts, which are not items."""
    s, n, p = f"{cols.status}{row}", f"{cols.norm}{row}", f"{cols.prefix}{row}"
    if atype.kind == "count":
        return None
    if atype.kind == "choice":
        # the whole text first, then its key prefix: normalize.py tries the candidates in that order
        chain = "0"
        for cell in (p, n):
            for spellings, option_value in reversed(_spellings(atype)):
                chain = f"IF({_matches(cell, spellings)},{num(option_value)},{chain})"
        inner = chain
    elif atype.kind == "scale":
        low, high = atype.min or Fraction(0), atype.max or Fraction(1)
        inner = f"({answer}-{num(low)})/{num(high - low)}"
    else:
        inner = f"{answer}/100"
    return f'=IF({s}=1,{inner},IF({s}=0,"",0))'


def _input_ref(worksheet: Worksheet, layout: Layout, cols: LayerColumns, qid: str) -> str:
    row = layout.question_row[qid]
    if worksheet.answer_types[worksheet.questions[qid].type].kind == "count":
        return f"{cols.answer}{row}"
    return f"N({cols.value}{row})"


def _item_ref(layout: Layout, cols: LayerColumns, ref: str) -> str:
    """A scored question's or a computed item's value cell ('' when blank: SUM skips it, N makes it 0)."""
    row = layout.question_row.get(ref) or layout.computed_row[ref]
    return f"{cols.value}{row}"


def share_ties(expression: str) -> str:
    """The share met rounded to 10 places: sums of 0.66 and 0.33 in doubles miss the exact thresholds
    (0.75, 1) that the engine's fractions meet."""
    return f"ROUND({expression},10)"


def grade(worksheet: Worksheet, layout: Layout, cols: LayerColumns, item: GradeItem) -> str:
    """The engine's grades.grade_value: the share met (mean of the criteria's values), the ladder's first
    rung that holds, its value / scale; a valid direct grade instead when given."""
    ladder = worksheet.ladders[item.ladder]
    share = share_ties(
        f"SUM({','.join(_item_ref(layout, cols, c) for c in item.criteria)})/{len(item.criteria)}"
    )
    flag_ok = {
        flag.key: "AND("
        + ",".join(f"N({_item_ref(layout, cols, c + flag.suffix)})=1" for c in item.criteria)
        + ")"
        for flag in ladder.flags
    }
    chain = "0"
    for step in reversed(ladder.steps):
        tests = [f"{share}{step.op}{num(step.share)}", *(flag_ok[f] for f in step.flags)]
        test = tests[0] if len(tests) == 1 else f"AND({','.join(tests)})"
        chain = f"IF({test},{num(step.value / ladder.scale)},{chain})"
    if item.override is None:
        return "=" + chain
    row = layout.question_row[item.override]
    return f"=IF({cols.status}{row}=1,{cols.value}{row},{chain})"


def mean(layout: Layout, cols: LayerColumns, item: MeanItem) -> str:
    return f"=SUM({','.join(_item_ref(layout, cols, i) for i in item.of)})/{len(item.of)}"


def computed(worksheet: Worksheet, layout: Layout, cols: LayerColumns, item: Computed) -> str:
    if isinstance(item, GradeItem):
        return grade(worksheet, layout, cols, item)
    if isinstance(item, MeanItem):
        return mean(layout, cols, item)
    valid = ",".join(f"{cols.status}{layout.question_row[i]}=1" for i in item.inputs)
    ref = lambda qid: _input_ref(worksheet, layout, cols, qid)  # noqa: E731
    if isinstance(item, RatioItem):
        top = f"SUM({','.join(ref(i) for i in item.numerator)})"
        bottom = f"SUM({','.join(ref(i) for i in item.denominator)})"
        inner = f"IF({bottom}=0,{num(item.zero_denominator)},MIN({num(item.cap)},{top}/{bottom}))"
    else:
        prev, cur = ref(item.previous), ref(item.current)
        inner = (
            f"IF({prev}=0,IF({cur}=0,{num(item.unchanged)},{num(item.increased)}),"
            f"MIN(1,MAX(0,({prev}-{cur})/{prev})))"
        )
    return f"=IF(AND({valid}),{inner},0)"


def node_score(worksheet: Worksheet, layout: Layout, cols: LayerColumns, node: Node) -> str:
    row = layout.node_row[node.id]
    if node.children:
        return f"=SUM({','.join(f'{cols.value}{layout.node_row[c.id]}' for c in node.children)})"
    kinds = {q.id: worksheet.answer_types[q.type].kind for q in node.questions}
    inputs = {
        i for c in node.computed for i in worksheet.item_inputs(c)
    }  # they feed an item, as in the engine
    scored = [q for q in node.questions if kinds[q.id] != "count" and q.id not in inputs]
    if any(q.weight is not None for q in scored):
        terms = [
            f"{WEIGHT}{layout.question_row[q.id]}*N({cols.value}{layout.question_row[q.id]})"
            for q in scored
            if q.weight is not None
        ]
        return "=" + "+".join(terms)
    items = [f"{cols.value}{layout.question_row[q.id]}" for q in scored]
    items += [f"{cols.value}{layout.computed_row[c.id]}" for c in node.computed if c.id not in inputs]
    if not items:
        return "=0"
    # blank values are '' and SUM skips them, so they count 0 while n stays the number of items
    return f"={WEIGHT}{row}*SUM({','.join(items)})/{len(items)}"


def percent(cols: LayerColumns, row: int) -> str:
    return f"=IF({WEIGHT}{row}=0,0,{cols.value}{row}/{WEIGHT}{row})"


def total(layout: Layout, cols: LayerColumns) -> str:
    return f"=SUM({','.join(f'{cols.value}{layout.node_row[n.id]}' for n in layout.worksheet.nodes)})"


def total_weight(worksheet: Worksheet) -> Fraction:
    return sum((node_weight(n) for n in worksheet.nodes), Fraction(0))


def sheet_ref(sheet: str, cell: str) -> str:
    return f"'{sheet}'!{cell}"


def condition_score(layout: Layout, cols: LayerColumns, node_id: str) -> str:
    """The score a predicate condition looks at, as a reference from the summary sheet."""
    if node_id == TOTAL:
        return sheet_ref(ANSWER_SHEET, f"{cols.value}{TOTAL_ROW}")
    if node_id in layout.node_row:
        return sheet_ref(ANSWER_SHEET, f"{cols.value}{layout.node_row[node_id]}")
    if node_id in layout.summary.combined_rows:
        score_col = layout.summary.layer_columns[cols.layer][0]
        return f"{score_col}{layout.summary.combined_rows[node_id]}"
    row = layout.question_row[node_id]  # a question with its own weight, e.g. the IPAK survey
    return f"{sheet_ref(ANSWER_SHEET, f'{WEIGHT}{row}')}*N({sheet_ref(ANSWER_SHEET, f'{cols.value}{row}')})"


def condition_weight(worksheet: Worksheet, node_id: str) -> Fraction:
    if node_id == TOTAL:
        return total_weight(worksheet)
    if node_id in worksheet.node_by_id:
        return node_weight(worksheet.node_by_id[node_id])
    for combo in worksheet.combined:
        if combo.id == node_id:
            return sum((node_weight(worksheet.node_by_id[i]) for i in combo.sum), Fraction(0))
    return worksheet.questions[node_id].weight or Fraction(0)


def required(
    worksheet: Worksheet, node_id: str, min_value: Fraction | None, min_percent: Fraction | None
) -> Fraction:
    if min_value is not None:
        return min_value
    return condition_weight(worksheet, node_id) * (min_percent or 0) / 100


def achieved(score_ref: str) -> str:
    """Decisions use the 2-decimal half-up figure the user sees (spreadsheet ROUND is half-up)."""
    return f"=ROUND({score_ref},2)"


def holds(achieved_cell: str, op: str, required_value: Fraction, yes: str, no: str) -> str:
    return f"=IF({achieved_cell}{op}{num(required_value)},{text_literal(yes)},{text_literal(no)})"


def rule_holds(cells: list[str], yes: str, no: str) -> str:
    tests = ",".join(f"{c}={text_literal(yes)}" for c in cells)
    return f"=IF(AND({tests}),{text_literal(yes)},{text_literal(no)})"


def predicate(rule_cells: list[tuple[str, str]], yes: str, none: str) -> str:
    chain = text_literal(none)
    for label, cell in reversed(rule_cells):
        chain = f"IF({cell}={text_literal(yes)},{text_literal(label)},{chain})"
    return "=" + chain
