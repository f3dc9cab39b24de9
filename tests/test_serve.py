"""`pmprb serve` used as PortalRB uses it: the real server on a loopback port, fetched with httpx."""

from __future__ import annotations

import json
import os
import random
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from pmprb.api import score_layers
from tests.serve_helpers import (
    Server,
    answers_for,
    canonical,
    make_token,
    messy,
    worksheet,
    write_official,
    write_pmprb_workbook,
    write_portalrb,
)

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict[str, Any]]]:
    """Units in every format, with the answers written into each (by layer)."""
    root = tmp_path_factory.mktemp("lke")
    (root / "sub").mkdir()
    rng = random.Random(18)
    wbbm, wbk, none = answers_for("WBBM", 1), answers_for("WBK", 2), answers_for(None, 3)
    empty: dict[str, Any] = {}
    written = {
        "wbbm-excel.xlsx": (messy(wbbm, rng), wbbm),
        "sub/wbk-variant.xlsx": (wbk, messy(wbk, rng)),
        "tpi-wbk.json": (none, wbk),
        "unit-wbk.json": (messy(wbk, rng), empty),
        "none-workbook.xlsx": (none, empty),
        "wbk-workbook.xlsx": (wbk, wbk),
    }
    for name, (unit, tpi) in written.items():
        path = root / name
        if name.endswith(".json"):
            write_portalrb(path, f"UK-{path.stem}", f"Unit {path.stem}", unit, tpi)
        elif "workbook" in name:
            write_pmprb_workbook(path, unit, tpi)
        else:
            write_official(path, unit, tpi, variant="variant" in name)
    (root / "notes.txt").write_text("not an LKE file")
    (root / "~$wbbm-excel.xlsx").write_bytes(b"an Office lock file")
    return root, {name: {"unit": u, "tpi": t} for name, (u, t) in written.items()}


@pytest.fixture(scope="module")
def token(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("tokens") / "tokens"
    return path, make_token(path)


@pytest.fixture(scope="module")
def server(folder: tuple[Path, Any], token: tuple[Path, str]) -> Iterator[Server]:
    running = Server(folder[0], token_file=token[0])
    yield running
    running.stop()


def expected_proposals(root: Path, names: list[str]) -> dict[str, str | None]:
    """What `score` says of each file: the TPI layer's predicate where the TPI answered, else the unit's."""
    out = {}
    for name in names:
        results, _ = score_layers(root / name, None, ("unit", "tpi"))
        tpi_answered = any(q.status != "missing" for q in results["tpi"].questions.values())
        out[name] = results["tpi" if tpi_answered else "unit"].predicate
    return out


def unit_ids(server: Server, token: str) -> dict[str, str]:
    """file -> unit id, from the manifest-less server's lists and answers."""
    with server.client(token) as client:
        units = (
            client.get("/pengusulan/unit-wbk").json()["units"]
            + client.get("/pengusulan/unit-wbbm").json()["units"]
        )
    return {u["id"]: u for u in units}


def test_lists_propose_by_the_predicate_score_finds(
    server: Server, folder: tuple[Path, Any], token: tuple[Path, str]
) -> None:
    root, written = folder
    expected = expected_proposals(root, list(written))
    assert set(expected.values()) == {"WBBM", "WBK", None}  # the fixture covers every case
    with server.client(token[1]) as client:
        lists = {name: client.get(f"/pengusulan/unit-{name}") for name in ("wbk", "wbbm")}
    for name, response in lists.items():
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json"
        body = response.json()
        assert body["tahun"] == 2026
        for unit in body["units"]:
            assert set(unit) == {"id", "nama", "kategori", "afirmasi"}
            assert unit["kategori"] == name.upper() and unit["afirmasi"] is False
    listed = {u["id"]: u["kategori"] for r in lists.values() for u in r.json()["units"]}
    ids = {
        "wbbm-excel.xlsx": "wbbm-excel",
        "sub/wbk-variant.xlsx": "wbk-variant",
        "tpi-wbk.json": "UK-tpi-wbk",  # id and name from the file where it carries them
        "unit-wbk.json": "UK-unit-wbk",
        "none-workbook.xlsx": "none-workbook",
        "wbk-workbook.xlsx": "wbk-workbook",
    }
    assert listed == {ids[name]: p for name, p in expected.items() if p is not None}
    with server.client(token[1]) as client:
        assert client.get("/pengusulan/unit-wbk").json()["units"][0]["nama"]
        names = {u["id"]: u["nama"] for u in client.get("/pengusulan/unit-wbk").json()["units"]}
        assert names["UK-tpi-wbk"] == "Unit tpi-wbk"
        assert names["wbk-workbook"] == "Bagian wbk-workbook"  # a pmprb workbook's cover
        refused = client.get("/lke/jawaban-unit/none-workbook")  # a unit that is not proposed
        assert refused.status_code == 403 and refused.json()["code"] == "FORBIDDEN"


@pytest.fixture(scope="module")
def manifest_server(
    folder: tuple[Path, Any], token: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Server, Path]]:
    """Every file as a unit of a manifest (--units outside DIR), in a copy that tests may change."""
    root = tmp_path_factory.mktemp("manifest")
    shutil.copytree(folder[0], root, dirs_exist_ok=True)
    entries = [
        {"id": f"U{i}", "nama": f"Unit {i}", "kategori": "WBK", "afirmasi": False, "file": name}
        for i, name in enumerate(folder[1])
    ]
    entries.append(
        {
            "id": "AF",
            "nama": "Afirmasi",
            "kategori": "WBK-AFIRMASI",
            "afirmasi": True,
            "file": "unit-wbk.json",
        }
    )
    entries.append(
        {"id": "BB", "nama": "Bersih", "kategori": "WBBM", "afirmasi": False, "file": "wbbm-excel.xlsx"}
    )
    manifest = root.parent / f"{root.name}-units.yaml"
    manifest.write_text(yaml.safe_dump(entries, allow_unicode=True))
    running = Server(root, "--units", str(manifest), token_file=token[0])
    yield running, root
    running.stop()


def test_answers_equal_what_score_reads_in_every_format(
    manifest_server: tuple[Server, Path], folder: tuple[Path, Any], token: tuple[Path, str], tmp_path: Path
) -> None:
    server, root = manifest_server
    ws = worksheet()
    with server.client(token[1]) as client:
        wbk = client.get("/pengusulan/unit-wbk").json()["units"]
        assert {u["id"]: (u["kategori"], u["afirmasi"]) for u in wbk}["AF"] == ("WBK-AFIRMASI", True)
        assert [u["id"] for u in client.get("/pengusulan/unit-wbbm").json()["units"]] == ["BB"]
        for i, (name, layers) in enumerate(folder[1].items()):
            response = client.get(f"/lke/jawaban-unit/U{i}")
            assert response.status_code == 200, response.text
            doc = response.json()
            assert (doc["unit_id"], doc["nama_unit"], doc["tahun"]) == (f"U{i}", f"Unit {i}", 2026)
            assert [a["soal_id"] for a in doc["answers"]] == sorted(
                ws.soal_index
            )  # one per question of the master
            by_soal = {a["soal_id"]: a for a in doc["answers"]}
            for soal_id, question in ws.soal_index.items():
                entry = by_soal[soal_id]
                assert set(entry) == {
                    "soal_id",
                    "jawaban_unit",
                    "jawaban_tpi",
                    "catatan_unit",
                    "bukti_dukung_unit",
                    "catatan_tpi",
                }
                assert entry["jawaban_unit"] == canonical(question.id, layers["unit"].get(question.id)), (
                    name,
                    soal_id,
                )
                assert entry["jawaban_tpi"] == canonical(question.id, layers["tpi"].get(question.id)), (
                    name,
                    soal_id,
                )
            # the document, scored as PortalRB JSON, gives what `score` gives for the file
            served = tmp_path / f"U{i}.json"
            served.write_text(response.text)
            original, _ = score_layers(root / name, None, ("unit", "tpi"))
            again, _ = score_layers(served, None, ("unit", "tpi"))
            for layer in ("unit", "tpi"):
                assert again[layer].total == original[layer].total, (name, layer)
                assert again[layer].predicate == original[layer].predicate
                assert again[layer].missing == original[layer].missing


def test_a_file_replaced_between_two_fetches_is_served_fresh(
    manifest_server: tuple[Server, Path], token: tuple[Path, str]
) -> None:
    server, root = manifest_server
    target = root / "tpi-wbk.json"
    with server.client(token[1]) as client:
        before = client.get("/lke/jawaban-unit/U2").json()
        changed = json.loads(target.read_text())
        changed["answers"][0]["jawaban_tpi"] = (
            "Tidak" if before["answers"][0]["jawaban_tpi"] != "Tidak" else "Ya"
        )
        replacement = root / ".tpi-wbk.json.new"
        replacement.write_text(json.dumps(changed))
        os.replace(replacement, target)  # as an editor saves: a new file renamed over the old
        after = client.get("/lke/jawaban-unit/U2").json()
    assert after["answers"][0]["jawaban_tpi"] == changed["answers"][0]["jawaban_tpi"]
    assert after["answers"][1:] == before["answers"][1:]


def test_a_file_half_written_in_place_is_served_from_its_last_good_version(
    manifest_server: tuple[Server, Path], token: tuple[Path, str]
) -> None:
    server, root = manifest_server
    target = root / "unit-wbk.json"
    with server.client(token[1]) as client:
        good = client.get("/lke/jawaban-unit/U3")
        assert good.status_code == 200
        whole = target.read_bytes()
        target.write_bytes(whole[: len(whole) // 2])  # a writer halfway through the same file
        during = client.get("/lke/jawaban-unit/U3")
        assert during.status_code == 200 and during.json() == good.json()
        stale = [e for e in server.events("unit.stale") if e["unit"] == "U3"]
        assert stale and stale[0]["file"] == "unit-wbk.json" and stale[0]["where"].startswith(str(target))
        old = time.time() - 3600  # the writer stopped long ago: the file is what it is, and broken
        os.utime(target, (old, old))
        broken = client.get("/lke/jawaban-unit/U3")
        assert broken.status_code == 500 and "U3" in broken.json()["message"]
        target.write_bytes(whole)
        assert client.get("/lke/jawaban-unit/U3").json() == good.json()


def test_a_corrupt_unit_beside_good_ones_fails_alone_then_recovers_on_portalrbs_retry(
    folder: tuple[Path, Any], token: tuple[Path, str], tmp_path: Path
) -> None:
    """PortalRB retries a failed unit now, +60 s and +120 s: the unit is fixed between two attempts."""
    root = tmp_path / "lke"
    root.mkdir()
    shutil.copy(folder[0] / "wbbm-excel.xlsx", root / "good.xlsx")
    shutil.copy(folder[0] / "wbk-workbook.xlsx", root / "fixed-later.xlsx")
    (root / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    invalid = json.loads((folder[0] / "tpi-wbk.json").read_text())
    invalid["answers"][1]["jawaban_unit"] = "F"  # soal 2 is A/B/C
    (root / "invalid.json").write_text(json.dumps(invalid))
    old = time.time() - 3600
    for path in root.iterdir():
        os.utime(path, (old, old))
    entries = [
        {"id": stem, "nama": stem, "kategori": "WBK", "file": f"{stem}{suffix}"}
        for stem, suffix in (
            ("good", ".xlsx"),
            ("broken", ".xlsx"),
            ("invalid", ".json"),
            ("fixed-later", ".xlsx"),
        )
    ]
    fixed = (root / "fixed-later.xlsx").read_bytes()
    (root / "fixed-later.xlsx").write_bytes(b"{ half")
    os.utime(root / "fixed-later.xlsx", (old, old))
    (root / "units.yaml").write_text(yaml.safe_dump(entries))
    server = Server(root, token_file=token[0])
    try:
        with server.client(token[1]) as client:
            assert client.get("/lke/jawaban-unit/good").status_code == 200
            for unit in ("broken", "invalid", "fixed-later"):
                response = client.get(f"/lke/jawaban-unit/{unit}")
                assert response.status_code == 500
                assert response.json() == {
                    "error": True,
                    "code": "INTERNAL_ERROR",
                    "message": response.json()["message"],
                }
                assert unit in response.json()["message"]
            # the log names the cell or JSON path of what is wrong
            failed = {e["unit"]: e for e in server.events("unit.failed")}
            assert failed["invalid"]["where"].endswith("$.answers[1].jawaban_unit")
            assert failed["invalid"]["code"] == "answer.invalid"
            # the lists still answer; the good unit keeps being served
            assert len(client.get("/pengusulan/unit-wbk").json()["units"]) == 4
            replacement = root / ".fixed.tmp"
            replacement.write_bytes(fixed)
            os.replace(replacement, root / "fixed-later.xlsx")
            assert client.get("/lke/jawaban-unit/fixed-later").status_code == 200  # PortalRB's next attempt
            assert client.get("/lke/jawaban-unit/good").status_code == 200
    finally:
        server.stop()


TRAVERSALS = [
    "..",
    "%2e%2e",
    "..%2F..%2Fetc%2Fpasswd",
    "%2E%2E%2F%2E%2E%2Fsecret.json",
    "..%5C..%5Csecret.json",
    "%252e%252e%252fsecret.json",
    "/etc/passwd",
    "%2Fetc%2Fpasswd",
    "secret.json",
    "secret",
    "sub%2Fwbk-variant.xlsx",
    "wbbm-excel.xlsx",
    "x" * 5000,
    "%C3%BCn%C3%AFt",
    "%00",
    "wbbm-excel%00",
    "%E2%80%AEwbbm",
    "~",
]


@pytest.mark.parametrize("unit_id", TRAVERSALS)
def test_no_id_reads_a_path(
    server: Server, token: tuple[Path, str], folder: tuple[Path, Any], unit_id: str
) -> None:
    """Ids are looked up in the units table: no file, inside DIR or out, is reached by its name."""
    secret = folder[0].parent / "secret.json"
    if not secret.exists():  # a valid LKE file beside DIR
        shutil.copy(folder[0] / "tpi-wbk.json", secret)
    with server.client(token[1]) as client:
        response = client.get(f"/lke/jawaban-unit/{unit_id}")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert response.json()["error"] is True and response.json()["code"] == "NOT_FOUND"


def test_a_link_out_of_dir_is_no_unit(
    token: tuple[Path, str], folder: tuple[Path, Any], tmp_path: Path
) -> None:
    root = tmp_path / "lke"
    root.mkdir()
    shutil.copy(folder[0] / "wbbm-excel.xlsx", root / "inside.xlsx")
    outside = tmp_path / "outside.json"
    shutil.copy(folder[0] / "tpi-wbk.json", outside)
    (root / "link.json").symlink_to(outside)
    (root / "units.yaml").write_text(
        yaml.safe_dump([{"id": "x", "nama": "x", "kategori": "WBK", "file": "link.json"}])
    )
    from tests.serve_helpers import run_pmprb

    done = run_pmprb("serve", str(root), "--check")  # a manifest naming it: refused at start, located
    assert done.returncode == 2 and "units.yaml:$[0].file" in done.stderr and "Traceback" not in done.stderr
    (root / "units.yaml").unlink()
    server = Server(root, token_file=token[0])
    try:
        with server.client(token[1]) as client:
            listed = client.get("/pengusulan/unit-wbbm").json()["units"]
            assert [u["id"] for u in listed] == ["inside"]
            assert client.get("/lke/jawaban-unit/UK-tpi-wbk").status_code == 404
            assert client.get("/lke/jawaban-unit/link").status_code == 404
    finally:
        server.stop()


def test_every_error_is_json_with_its_code(server: Server, token: tuple[Path, str]) -> None:
    with server.client(token[1]) as client, server.client(None) as anonymous:
        cases = {
            401: anonymous.get("/pengusulan/unit-wbk"),
            404: client.get("/lke/jawaban-unit/nobody"),
            405: client.post("/pengusulan/unit-wbk"),
            422: client.get("/pengusulan/unit-wbbm", params={"tahun": "dua ribu"}),
        }
        other_year = client.get("/lke/jawaban-unit/wbbm-excel", params={"tahun": "2025"})
        right_year = client.get("/lke/jawaban-unit/wbbm-excel", params={"tahun": "2026"})
        unknown_path = client.get("/admin")
        trailing = client.get("/pengusulan/unit-wbk/")
        delete = client.delete("/lke/jawaban-unit/wbbm-excel")
        health = anonymous.get("/healthz")
    names = {401: "UNAUTHORIZED", 404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED", 422: "VALIDATION_ERROR"}
    for status, response in cases.items():
        assert response.status_code == status
        assert response.headers["content-type"] == "application/json"
        body = response.json()
        assert body["error"] is True and body["code"] == names[status] and body["message"]
    assert cases[401].headers["www-authenticate"].startswith("Bearer")
    assert "GET" in cases[405].headers["allow"]
    assert other_year.status_code == 422 and right_year.status_code == 200
    assert unknown_path.status_code == 404 and trailing.status_code == 404 and delete.status_code == 405
    assert health.status_code == 200 and health.json() == {"status": "ok"}
    for response in (unknown_path, trailing, delete):
        assert response.json()["error"] is True
        assert "<" not in response.text


def test_tokens_wrong_missing_plain_hashed(folder: tuple[Path, Any], tmp_path: Path) -> None:
    tokens = tmp_path / "tokens"
    hashed = make_token(tokens)
    plain = "a-plain-token-written-as-itself"
    with tokens.open("a") as fh:
        fh.write(f"# the old way\n{plain}\n")
    server = Server(folder[0], token_file=tokens)
    try:
        warnings = [line for line in server.lines if not line.startswith("{")]
        assert any(f"{tokens}:" in line and "sha256" in line for line in warnings)  # plain: warned at start
        for token in (hashed, plain):
            with server.client(token) as client:
                assert client.get("/pengusulan/unit-wbk").status_code == 200
        with server.client(None) as anonymous:
            for header in (
                {},
                {"Authorization": "Bearer"},
                {"Authorization": f"Basic {hashed}"},
                {"Authorization": f"Bearer {hashed}x"},
                {"Authorization": f"Bearer {hashed[:-1]}"},
                {"Authorization": "Bearer sha256:" + "0" * 64},
                {"Authorization": f"Bearer {tokens.read_text().splitlines()[1]}"},  # the digest is no token
            ):
                response = anonymous.get("/pengusulan/unit-wbk", headers=header)
                assert response.status_code == 401, header
                assert response.json()["code"] == "UNAUTHORIZED"
            assert (
                anonymous.get(
                    "/pengusulan/unit-wbk", headers={"Authorization": f"bearer {plain}"}
                ).status_code
                == 200
            )
        lines = server.events("request")
        assert lines and all(
            set(e) >= {"time", "method", "path", "status", "duration_ms", "token"} for e in lines
        )
        assert {e["token"] for e in lines if e["status"] == 200} == {
            __import__("hashlib").sha256(t.encode()).hexdigest()[:12] for t in (hashed, plain)
        }
        everything = "\n".join(server.lines)
        assert hashed not in everything and plain not in everything
    finally:
        server.stop()


def test_no_token_no_server(folder: tuple[Path, Any], tmp_path: Path) -> None:
    from tests.serve_helpers import run_pmprb

    for args, expected in (
        ((), "--token-file"),
        (("--token-file", str(tmp_path / "absent")), "pmprb token new"),
    ):
        done = run_pmprb("serve", str(folder[0]), "--port", "0", *args)
        assert done.returncode == 2 and expected in done.stderr and "Traceback" not in done.stderr
    empty = tmp_path / "empty"
    empty.write_text("# no token yet\n\n")
    done = run_pmprb("serve", str(folder[0]), "--port", "0", "--token-file", str(empty), "--lang", "en")
    assert done.returncode == 2 and "does not start" in done.stderr
    short = tmp_path / "short"
    short.write_text("secret\n")
    done = run_pmprb("serve", str(folder[0]), "--port", "0", "--token-file", str(short))
    assert done.returncode == 2 and f"{short}:1" in done.stderr


def test_rate_limit_per_token(folder: tuple[Path, Any], tmp_path: Path) -> None:
    tokens = tmp_path / "tokens"
    first, second = make_token(tokens), make_token(tokens)
    server = Server(folder[0], "--rate-limit", "3", "--lang", "en", token_file=tokens)
    try:
        with server.client(first) as client, server.client(second) as other:
            statuses = [
                client.get("/healthz").status_code for _ in range(5)
            ]  # the proxy's checks: not counted
            statuses += [client.get("/pengusulan/unit-wbk").status_code for _ in range(3)]
            limited = client.get("/lke/jawaban-unit/wbbm-excel")
            assert other.get("/pengusulan/unit-wbk").status_code == 200  # another token has its own allowance
    finally:
        server.stop()
    assert statuses == [200] * 8
    assert limited.status_code == 429 and limited.json()["code"] == "RATE_LIMITED"
    assert limited.json()["message"].startswith("Too many requests")  # the server's --lang
    assert 1 <= int(limited.headers["retry-after"]) <= 60


@pytest.mark.parametrize(
    "request_bytes",
    [
        b"GET /healthz HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n",
        b"GARBAGE\r\n\r\n",
        b"GET /healthz HTTP/1.1\r\n\r\n",  # HTTP/1.1 without Host
    ],
)
def test_a_request_that_cannot_be_parsed_is_answered_in_json(server: Server, request_bytes: bytes) -> None:
    import socket
    from urllib.parse import urlsplit

    where = urlsplit(server.url)
    with socket.create_connection((where.hostname, where.port), timeout=30) as sock:
        sock.sendall(request_bytes)
        received = b""
        while chunk := sock.recv(65536):  # the server closes the connection after its answer
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400")
    assert b"content-type: application/json" in head.lower()
    assert json.loads(body)["error"] is True and json.loads(body)["code"] == "BAD_REQUEST"
