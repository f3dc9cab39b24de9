"""What people type becomes a canonical answer; anything else is refused with what is allowed."""

from __future__ import annotations

from fractions import Fraction

import pytest

from pmprb.model.validation import validate_answer_type
from pmprb.scoring.normalize import Invalid, normalize

ABCD = validate_answer_type(
    {
        "kind": "choice",
        "label": "A/B/C/D",
        "options": [
            {"key": "A", "value": 1},
            {"key": "B", "value": 0.67},
            {"key": "C", "value": 0.33},
            {"key": "D", "value": 0},
        ],
    }
)
YA = validate_answer_type(
    {
        "kind": "choice",
        "label": "Ya/Tidak",
        "options": [{"key": "Ya", "value": 1, "aliases": ["Y"]}, {"key": "Tidak", "value": 0}],
    }
)
COUNT = validate_answer_type({"kind": "count", "label": "Jumlah"})
SCALE = validate_answer_type({"kind": "scale", "label": "0-4", "min": 0, "max": 4})
PERCENT = validate_answer_type({"kind": "percent", "label": "%"})


@pytest.mark.parametrize(
    ("raw", "key", "value"),
    [
        ("b", "B", Fraction(67, 100)),
        (" B ", "B", Fraction(67, 100)),
        ("b.", "B", Fraction(67, 100)),
        ("c. Jika sebagian", "C", Fraction(33, 100)),
        ("(a)", "A", Fraction(1)),
        ("d)", "D", Fraction(0)),
    ],
)
def test_choice_spellings(raw: str, key: str, value: Fraction) -> None:
    got = normalize(ABCD, raw)
    assert (got.shown, got.value) == (key, value)


@pytest.mark.parametrize(
    ("raw", "key"),
    [("ya", "Ya"), ("YA ", "Ya"), ("Y", "Ya"), ("tidak", "Tidak"), ("Ya, jika tim dibentuk", "Ya")],
)
def test_ya_tidak(raw: str, key: str) -> None:
    assert normalize(YA, raw).shown == key


@pytest.mark.parametrize("raw", ["E", "AB", "1", 1.0, "", "Mungkin", True])
def test_choice_refused(raw: object) -> None:
    with pytest.raises(Invalid) as exc:
        normalize(ABCD, raw)  # type: ignore[arg-type]
    assert exc.value.allowed == "A, B, C, D"


@pytest.mark.parametrize(
    ("raw", "count"),
    [(3, 3), (3.0, 3), ("12", 12), (" 7 ", 7), ("1.000", 1000), ("2.500.000", 2500000), ("4,0", 4)],
)
def test_counts(raw: object, count: int) -> None:
    assert normalize(COUNT, raw).value == count  # type: ignore[arg-type]


@pytest.mark.parametrize("raw", [-1, 2.5, "2,5", "abc", float("nan"), float("inf"), "1e3x"])
def test_counts_refused(raw: object) -> None:
    with pytest.raises(Invalid):
        normalize(COUNT, raw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("3,6", Fraction(9, 10)),
        (3.6, Fraction(9, 10)),
        ("4", Fraction(1)),
        (0, Fraction(0)),
        ("3.2", Fraction(4, 5)),
    ],
)
def test_scale(raw: object, value: Fraction) -> None:
    assert normalize(SCALE, raw).value == value  # type: ignore[arg-type]


@pytest.mark.parametrize("raw", [4.01, -0.1, float("nan"), float("inf"), "3,6,1", "3.6,1"])
def test_scale_refused(raw: object) -> None:
    with pytest.raises(Invalid) as exc:
        normalize(SCALE, raw)  # type: ignore[arg-type]
    assert exc.value.allowed == "0–4"


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("75%", Fraction(3, 4)),
        ("75 %", Fraction(3, 4)),
        (75, Fraction(3, 4)),
        ("12,5%", Fraction(1, 8)),
        ("100", Fraction(1)),
    ],
)
def test_percent(raw: object, value: Fraction) -> None:
    assert normalize(PERCENT, raw).value == value  # type: ignore[arg-type]


def test_percent_refused() -> None:
    with pytest.raises(Invalid):
        normalize(PERCENT, "120%")
