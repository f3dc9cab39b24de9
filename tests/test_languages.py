"""One language at a time: every message of every catalog, every command's help and the usual usage
errors, in Indonesian and in English, with no word of the other language and no placeholder left."""

from __future__ import annotations

import re
import string
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmprb.i18n import CATALOGS, LANGS, Figure, Msg, messages, render, t
from pmprb.i18n.check import Term
from pmprb.i18n.numbers import number, percent
from pmprb.model.weight import display
from tests.cli_runner import run

# words that give a language away: common function words and the tool's own vocabulary (not domain
# terms both languages keep, such as LKE, Pengungkit, sheet or workbook)
WORDS = {
    "id": {
        "dan",
        "atau",
        "yang",
        "tidak",
        "berkas",
        "pertanyaan",
        "lembar",
        "belum",
        "untuk",
        "dengan",
        "ini",
        "dari",
        "bukan",
        "sudah",
        "bawaan",
        "galat",
        "peringatan",
        "kesalahan",
        "ditulis",
        "dibaca",
        "lihat",
        "pilih",
        "opsi",
        "perintah",
        "argumen",
        "bantuan",
        "tampilkan",
        "keluar",
        "cara",
        "pakai",
        "wajib",
        "jawaban",
        "bila",
        "harus",
        "berikan",
        "tanpa",
        "sebagai",
        "dikenal",
    },
    "en": {
        "the",
        "and",
        "or",
        "is",
        "are",
        "not",
        "file",
        "files",
        "of",
        "with",
        "for",
        "this",
        "from",
        "question",
        "questions",
        "answer",
        "answers",
        "worksheet",
        "worksheets",
        "written",
        "read",
        "see",
        "choose",
        "error",
        "errors",
        "warning",
        "warnings",
        "default",
        "usage",
        "options",
        "show",
        "exit",
        "missing",
        "invalid",
        "unknown",
        "commands",
        "arguments",
        "message",
        "required",
        "try",
        "help",
        "such",
        "did",
        "you",
        "mean",
        "none",
        "unanswered",
        "should",
        "must",
        "given",
    },
}
OTHER = {"id": "en", "en": "id"}
WORD = re.compile(r"[A-Za-z]+")
# not words of a language: commands, options, identifiers, URL paths, JSON shapes, metavars (FILE), texts
# quoted as a file has them ("Jawaban") and the options of the Ya/Tidak answer type
CODE_SPANS = re.compile(
    r"`[^`\n]*`|`\w+|\"[^\"]*\"|--[\w-]+|pmprb \w+(?: \w+)?|\w+_\w+|/\S+|\{[^}]*\}|\b[A-Z]{2,}\b"
    r"|\b(?:Ya|Tidak)\b"
)


EXAMPLE_LINES = re.compile(r"^\s+(?:pmprb|find) .*$", re.M)  # the examples under a help page


def other_language_words(text: str, lang: str) -> set[str]:
    words = {w.lower() for w in WORD.findall(CODE_SPANS.sub(" ", EXAMPLE_LINES.sub(" ", text)))}
    return words & WORDS[OTHER[lang]]


def _fields(text: str) -> list[tuple[str, str, str | None]]:
    return [(name, spec or "", conv) for _, name, spec, conv in string.Formatter().parse(text) if name]


def _texts(entry: dict[str, Any], lang: str) -> list[str]:
    text = entry.get(lang)
    return list(text.values()) if isinstance(text, dict) else [text]


def _samples(entry: dict[str, Any], count: int) -> dict[str, Any]:
    """Parameters for every placeholder of both languages: language-neutral values (ids, numbers)."""
    params: dict[str, Any] = {}
    for lang in LANGS:
        for text in _texts(entry, lang):
            for name, spec, _ in _fields(text):
                if spec in LANGS:
                    params[name] = Term("Q7", "Q7")
                elif spec:
                    params[name] = Fraction(12345, 10)
                else:
                    params.setdefault(name, "Q7")
    params[entry.get("plural", "count")] = count
    return params


ENTRIES = [(name, code) for name in CATALOGS for code in messages(name)]


def test_every_catalog_entry_has_both_languages() -> None:
    for name, code in ENTRIES:
        entry = messages(name)[code]
        assert set(LANGS) <= set(entry), (name, code)
        for lang in LANGS:
            plural = entry[lang]
            if isinstance(plural, dict):
                assert "other" in plural and set(plural) <= {"zero", "one", "two", "few", "many", "other"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("count", [1, 2])
def test_every_message_renders_filled_and_in_one_language(lang: str, count: int) -> None:
    wrong = []
    for name, code in ENTRIES:
        entry = messages(name)[code]
        params = _samples(entry, count)
        text = t(code, lang, **params)
        for template in _texts(entry, lang):
            render(template, lang, params)  # raises on a placeholder it cannot fill
        leftover = [f for f, *_ in _fields(text)]  # what a filled text still holds in braces
        if leftover and "{{" not in str(entry[lang]):
            wrong.append((code, "unfilled", leftover))
        found = other_language_words(text, lang)
        if found:
            wrong.append((code, text, sorted(found)))
    assert not wrong, wrong


def test_plural_forms_follow_the_count_in_english_only() -> None:
    assert t("label.missing-count", "en", count=1, ids="21") == "1 unanswered question: 21"
    assert t("label.missing-count", "en", count=2, ids="21, 57") == "2 unanswered questions: 21, 57"
    assert t("label.missing-count", "id", count=1, ids="21") == "1 pertanyaan belum dijawab: 21"


# --- one number formatter ------------------------------------------------------------------------


def test_numbers_in_each_language() -> None:
    assert number(1234.5, "id") == "1.234,50" and number(1234.5, "en") == "1,234.50"
    assert percent(93.7, "id") == "93,70 %" and percent(93.7, "en") == "93.70 %"
    assert number(Fraction(1, 3), "id", 4, trim=True) == "0,3333" and number(2, "en", 4, trim=True) == "2"
    assert number(0.5, "en", signed=True) == "+0.50" and number(0, "en", signed=True) == "0.00"
    assert number(None, "id") == "-"


@given(st.fractions(min_value=-(10**6), max_value=10**6))
def test_shown_figures_round_as_the_rules_do(value: Fraction) -> None:
    """The formatter's half-up rounding is the model's (the figure a predicate was decided on)."""
    rounded = display(value)
    assert number(value, "en").replace(",", "") == f"{rounded:.2f}" or abs(rounded) >= 10**15


def test_figures_and_messages_put_into_words_later() -> None:
    assert t("label.short-by", "id", gap=Figure("3.50")) == "kurang 3,50"
    assert t("label.short-by", "en", gap=Figure("1234.5")) == "short by 1,234.5"
    assert t("label.short-by", "id", gap=Figure("#")) == "kurang #"
    reason = Msg("reason.portalrb-year", year=2026)
    assert reason == "tahun 2026" and reason.text("en") == "year 2026"
    assert t("label.chosen-worksheet", "en", file="f", worksheet="w", reason=reason).endswith("(year 2026)")


# --- the command line ----------------------------------------------------------------------------


def _command_paths() -> list[tuple[str, ...]]:
    import importlib

    import typer.main

    from pmprb.cli.app import COMMANDS
    from pmprb.cli.base import app

    for module in dict.fromkeys(COMMANDS.values()):
        importlib.import_module(module)
    paths: list[tuple[str, ...]] = []

    def walk(command: Any, path: tuple[str, ...]) -> None:
        paths.append(path)
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, (*path, name))

    walk(typer.main.get_command(app), ())
    return paths


PATHS = _command_paths()
COMMAND_NAMES = re.compile(
    r"\b(?:" + "|".join(sorted({p[-1] for p in PATHS if p}, key=len, reverse=True)) + r")\b"
)
USAGE = {"id": "Cara pakai:", "en": "Usage:"}


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "pmprb")
@pytest.mark.parametrize("how", ["id", "--lang en", "PMPRB_LANG=en"])
def test_every_help_page_is_in_one_language(
    path: tuple[str, ...], how: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lang = "id" if how == "id" else "en"
    args = [*path, "--help"]
    if how == "--lang en":
        args += ["--lang", "en"]
    if how.startswith("PMPRB_LANG"):
        monkeypatch.setenv("PMPRB_LANG", "en")
    r = run(capsys, *args)
    assert r.code == 0, r.err
    assert r.out.startswith(USAGE[lang]), r.out
    text = COMMAND_NAMES.sub(
        " ", CODE_SPANS.sub(" ", EXAMPLE_LINES.sub(" ", r.out))
    )  # command names are no language's words
    assert not other_language_words(text, lang), (other_language_words(text, lang), r.out)


def test_the_language_can_be_chosen_before_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    r = run(capsys, "--lang", "en", "worksheets")
    assert r.code == 0 and "Title" in r.out and "Judul" not in r.out


@pytest.mark.parametrize(
    "args",
    [["scor"], ["score", "--layr", "x"], ["score", "x", "--layer"], ["worksheets", "extra"], ["show"]],
    ids=" ".join,
)
@pytest.mark.parametrize("lang", LANGS)
def test_usage_errors_are_in_one_language(
    args: list[str], lang: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PMPRB_LANG", lang)
    r = run(capsys, *args)
    assert r.code == 2
    assert f"{ {'id': 'Galat', 'en': 'Error'}[lang] }: " in r.err
    text = COMMAND_NAMES.sub(" ", CODE_SPANS.sub(" ", r.err))
    assert not other_language_words(text, lang), (other_language_words(text, lang), r.err)


def test_did_you_mean_in_indonesian(capsys: pytest.CaptureFixture[str]) -> None:
    r = run(capsys, "scor")
    assert "Perintah 'scor' tidak dikenal; maksud Anda 'score'?" in r.err


def test_every_help_text_is_in_the_catalog_as_the_code_has_it() -> None:
    """The help in the code is the catalog's text in one of the languages (Indonesian for pmprb's own,
    English for click's), so an edited help without its translation fails here."""
    import typer.main

    from pmprb.cli.base import app

    missing = []

    def walk(command: Any, path: tuple[str, ...]) -> None:
        key = ".".join(path)
        texts = [(f"help.{key}", command.help)]  # epilogs: commands to copy, under a heading
        for param in command.params:
            if getattr(param, "help", None):
                shared = f"help.{param.name}"
                code = shared if shared in messages("help") else f"help.{key}.{param.name}"
                texts.append((code, param.help))
        for code, text in texts:
            entry = messages("help").get(code)
            if entry is None or text not in (entry["id"], entry["en"]):
                missing.append((code, text))
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, (*path, name))

    _command_paths()  # every command registered
    walk(typer.main.get_command(app), ("pmprb",))
    assert not missing, missing
