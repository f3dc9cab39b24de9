"""`pmprb serve` under test: the real server in a subprocess on a free loopback port, and unit files
in every format units hold (official Excel and an instansi's variant of it, PortalRB JSON, pmprb
workbook), filled with answer sets whose predicate the engine decides."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import threading
import time
from fractions import Fraction
from pathlib import Path
from typing import Any

import httpx

from pmprb.catalog import get_worksheet
from pmprb.model import Worksheet
from pmprb.scoring.engine import score
from tests.answer_sets import extreme_answers, sheet

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 90.0  # seconds: a loaded machine imports slowly; the loop ends on the start line


def worksheet() -> Worksheet:
    return get_worksheet("zi-2026")


def answers_for(predicate: str | None, seed: int = 0) -> dict[str, Any]:
    """An answer set the engine scores to `predicate` (WBBM, WBK or None): the best answers, with
    options lowered one by one in a seeded order until the predicate is reached (bounded)."""
    ws = worksheet()
    answers = extreme_answers(ws, best=True)
    rng = random.Random(seed)
    choices = [q for q in ws.questions if ws.answer_types[ws.questions[q].type].kind == "choice"]
    rng.shuffle(choices)
    for qid in [None, *choices]:
        if qid is not None:
            answers[qid] = ws.answer_types[ws.questions[qid].type].options[-1].key
        if score(ws, sheet(answers)).predicate == predicate:
            return answers
    raise AssertionError(f"no answer set reaches {predicate}")


def messy(answers: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """What people type: lower case, stray spaces, punctuation, decimal commas."""
    out: dict[str, Any] = {}
    for qid, value in answers.items():
        if isinstance(value, str):
            out[qid] = rng.choice([value, f" {value.lower()} ", f"{value}.", f"({value.lower()})"])
        elif isinstance(value, float):
            out[qid] = str(value).replace(".", ",")
        else:
            out[qid] = value
    return out


def write_official(path: Path, unit: dict[str, Any], tpi: dict[str, Any], variant: bool = False) -> Path:
    from pmprb.writers.official_excel import write_official_zi

    notes = {"unit": {"1": "SK Tim ZI"}, "tpi": {"1": "Sesuai"}}
    evidence = {"unit": {"1": "https://drive.example.go.id/sk.pdf"}}
    write_official_zi(path, worksheet(), {"unit": unit, "tpi": tpi}, notes, evidence)
    if variant:  # as instansi distribute it: a column "Tautan Bukti Dukung Baru" before the TPI's answer
        from openpyxl import load_workbook

        book = load_workbook(path)
        sheet_ = book["Jawaban"]
        sheet_.insert_cols(14)
        sheet_["N3"] = "Tautan Bukti Dukung Baru"
        book.save(path)
    return path


def write_portalrb(path: Path, unit_id: str, nama: str, unit: dict[str, Any], tpi: dict[str, Any]) -> Path:
    ws = worksheet()
    answers = []
    for q in ws.questions.values():
        assert q.source is not None
        answers.append(
            {
                "soal_id": q.source.soal_id,
                "jawaban_unit": None if unit.get(q.id) is None else str(unit[q.id]),
                "jawaban_tpi": None if tpi.get(q.id) is None else str(tpi[q.id]),
                "catatan_unit": "catatan" if q.id == "1" else None,
                "bukti_dukung_unit": None,
                "catatan_tpi": None,
            }
        )
    doc = {"unit_id": unit_id, "nama_unit": nama, "tahun": 2026, "answers": answers}
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def write_pmprb_workbook(path: Path, unit: dict[str, Any], tpi: dict[str, Any]) -> Path:
    from pmprb.workbook.writer import write_workbook

    meta = {"nama_unit": f"Bagian {path.stem}", "tahun": 2026}  # the cover sheet's fields
    write_workbook(path, worksheet(), answers_by_layer={"unit": unit, "tpi": tpi}, meta=meta)
    return path


def canonical(qid: str, value: Any) -> str | None:
    """What PortalRB should receive for a typed answer, worked out from the answer type here."""
    ws = worksheet()
    atype = ws.answer_types[ws.questions[qid].type]
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if atype.kind == "choice":
        text = str(value).strip().strip("().").casefold()
        return next(o.key for o in atype.options if o.key.casefold() == text)
    number = Fraction(str(value).replace(",", "."))
    return str(number.numerator) if number.denominator == 1 else str(float(number))


class Server:
    """`python -m pmprb serve DIR --port 0`, its standard error collected line by line."""

    def __init__(self, folder: Path, *args: str, token_file: Path | None = None) -> None:
        command = [sys.executable, "-m", "pmprb", "serve", str(folder), "--host", "127.0.0.1", "--port", "0"]
        if token_file is not None:
            command += ["--token-file", str(token_file)]
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PMPRB_LANG": "id"}
        env.pop("PMPRB_TOKEN_FILE", None)
        self.process = subprocess.Popen(
            [*command, *args], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.url = self._wait_for_start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line.rstrip("\n"))

    def _wait_for_start(self) -> str:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            for line in list(self.lines):
                if line.startswith("{") and json.loads(line).get("event") == "start":
                    url: str = json.loads(line)["url"]
                    assert url.startswith("http://127.0.0.1:")
                    return url
            if self.process.poll() is not None:
                self._reader.join(5)
                raise RuntimeError("server exited: " + "\n".join(self.lines))
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("server did not start: " + "\n".join(self.lines))

    def events(self, kind: str | None = None) -> list[dict[str, Any]]:
        out = [json.loads(x) for x in list(self.lines) if x.startswith("{")]
        return [e for e in out if kind is None or e.get("event") == kind]

    def client(self, token: str | None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=60)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(15)
        self._reader.join(5)


def run_pmprb(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    full_env.pop("PMPRB_TOKEN_FILE", None)
    return subprocess.run(
        [sys.executable, "-m", "pmprb", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def make_token(path: Path) -> str:
    done = run_pmprb("token", "new", "--token-file", str(path))
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()
