"""`pmprb serve` under load on loopback, beside its floor (the same server answering from a dict).

    python bench/serve/run.py [--units 50] [--clients 20] [--requests 2000] [--rounds 3]

Makes UNITS official ZI workbooks with varied answers and a manifest, starts `pmprb serve` and the
floor (bench/serve/floor.py) as subprocesses on 127.0.0.1, and in alternating rounds sends REQUESTS
requests from CLIENTS concurrent clients to each (nine in ten a unit's answers, one in ten a list),
each round bounded by its request count and a timeout. Writes bench/serve/results.md and results.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
ROUND_TIMEOUT = 600.0  # seconds: a round that takes longer is stopped and reported


def make_units(folder: Path, count: int) -> Path:
    from pmprb.catalog import get_worksheet
    from pmprb.writers.official_excel import write_official_zi

    ws = get_worksheet("zi-2026")
    rng = random.Random(2026)
    entries = []
    for i in range(count):
        answers: dict[str, Any] = {}
        for qid, q in ws.questions.items():
            atype = ws.answer_types[q.type]
            if atype.kind == "choice":
                answers[qid] = rng.choice(atype.options[:2]).key
            elif atype.kind == "scale":
                answers[qid] = round(rng.uniform(3.0, 4.0), 2)
            else:
                answers[qid] = rng.randint(0, 20)
        name = f"unit-{i:03d}.xlsx"
        write_official_zi(folder / name, ws, {"unit": answers, "tpi": answers})
        entries.append({"id": f"U{i:03d}", "nama": f"Unit {i}", "kategori": "WBK", "file": name})
    manifest = folder.parent / "units.yaml"
    manifest.write_text(yaml.safe_dump(entries))
    return manifest


class Started:
    def __init__(self, command: list[str], log: Path) -> None:
        self.log = log
        self.handle = log.open("w")
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=self.handle
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            for line in log.read_text().splitlines():
                if line.startswith("{") and json.loads(line).get("event") == "start":
                    self.url = json.loads(line)["url"]
                    return
            if self.process.poll() is not None:
                raise RuntimeError(log.read_text())
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("did not start")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(15)
        self.handle.close()


async def load(
    url: str, token: str, unit_ids: list[str], clients: int, requests: int, seed: int
) -> dict[str, Any]:
    rng = random.Random(seed)
    paths = [
        f"/lke/jawaban-unit/{rng.choice(unit_ids)}" if rng.random() < 0.9 else "/pengusulan/unit-wbk"
        for _ in range(requests)
    ]
    latencies: list[float] = []
    errors: dict[str, int] = {}
    queue = iter(paths)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    headers = {"Authorization": f"Bearer {token}"}

    async def client(http: httpx.AsyncClient) -> None:
        for path in queue:  # shared iterator: the requests are split among the clients
            start = time.perf_counter()
            try:
                response = await http.get(path)
                ok = response.status_code == 200 and response.content[:1] == b"{"
                key = None if ok else str(response.status_code)
            except httpx.HTTPError as exc:
                key = type(exc).__name__
            latencies.append(time.perf_counter() - start)
            if key is not None:
                errors[key] = errors.get(key, 0) + 1

    async with httpx.AsyncClient(base_url=url, headers=headers, limits=limits, timeout=60) as http:
        await http.get("/healthz")
        began = time.perf_counter()
        await asyncio.wait_for(asyncio.gather(*(client(http) for _ in range(clients))), ROUND_TIMEOUT)
        wall = time.perf_counter() - began
    latencies.sort()
    return {
        "requests": len(latencies),
        "seconds": round(wall, 3),
        "throughput": round(len(latencies) / wall, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 2),
        "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 2),
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=50)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    from pmprb.serve import tokens

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folder = work / "lke"
        folder.mkdir()
        manifest = make_units(folder, args.units)
        token, line = tokens.new()
        token_file = work / "tokens"
        token_file.write_text(line + "\n")
        unit_ids = [e["id"] for e in yaml.safe_load(manifest.read_text())]
        python = sys.executable
        servers = {
            "pmprb serve": Started(
                [
                    python,
                    "-m",
                    "pmprb",
                    "serve",
                    str(folder),
                    "--units",
                    str(manifest),
                    "--port",
                    "0",
                    "--token-file",
                    str(token_file),
                    "--rate-limit",
                    "1000000000",
                ],
                work / "serve.log",
            ),
            "floor (dict)": Started(
                [python, str(HERE / "floor.py"), str(folder), str(manifest), str(token_file)],
                work / "floor.log",
            ),
        }
        runs: dict[str, list[dict[str, Any]]] = {name: [] for name in servers}
        try:
            for round_ in range(args.rounds):
                order = list(servers) if round_ % 2 == 0 else list(reversed(servers))
                for name in order:
                    result = asyncio.run(
                        load(servers[name].url, token, unit_ids, args.clients, args.requests, round_)
                    )
                    runs[name].append(result)
                    print(name, result, flush=True)
            fresh = fresh_reads(servers["pmprb serve"].url, token, folder, unit_ids)
            print("fresh", fresh, flush=True)
        finally:
            for server in servers.values():
                server.stop()
    write(args, runs, fresh)


def fresh_reads(url: str, token: str, folder: Path, unit_ids: list[str]) -> dict[str, Any]:
    """Each unit fetched once right after its file changed (its modification time moved), one at a
    time: the cost of reading and scoring a new version, which the rounds above never pay."""
    latencies = []
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=60) as http:
        for i, unit_id in enumerate(unit_ids):
            path = folder / f"unit-{i:03d}.xlsx"
            stamp = time.time_ns()
            os.utime(path, ns=(stamp, stamp))
            start = time.perf_counter()
            response = http.get(f"/lke/jawaban-unit/{unit_id}")
            latencies.append(time.perf_counter() - start)
            assert response.status_code == 200, response.text
    latencies.sort()
    return {
        "requests": len(latencies),
        "p50_ms": round(statistics.median(latencies) * 1000, 2),
        "p99_ms": round(latencies[max(0, int(len(latencies) * 0.99) - 1)] * 1000, 2),
    }


def write(args: argparse.Namespace, runs: dict[str, list[dict[str, Any]]], fresh: dict[str, Any]) -> None:
    serve, floor = runs["pmprb serve"], runs["floor (dict)"]
    ratios = [round(f["throughput"] / s["throughput"], 2) for s, f in zip(serve, floor, strict=True)]
    lines = [
        "# `pmprb serve` under load, beside its floor",
        "",
        f"{args.units} units (official ZI workbooks), {args.clients} concurrent clients, "
        f"{args.requests} requests a round (nine in ten a unit's answers, one in ten the WBK list), "
        f"{args.rounds} rounds alternating the order; client and servers on 127.0.0.1, sharing "
        f"{os.cpu_count()} cores (Python "
        f"{platform.python_version()}, load average {os.getloadavg()[0]:.1f} at the end).",
        "",
        "| round | server | throughput (req/s) | p50 (ms) | p99 (ms) | errors |",
        "|---:|---|---:|---:|---:|---|",
    ]
    for i in range(args.rounds):
        for name, results in runs.items():
            r = results[i]
            figures = f"{r['throughput']} | {r['p50_ms']} | {r['p99_ms']} | {r['errors'] or 0}"
            lines.append(f"| {i + 1} | {name} | {figures} |")
    lines += [
        "",
        f"Floor throughput / pmprb serve throughput per round: {ratios} "
        f"(median {statistics.median(ratios)}).",
        "",
        f"A unit fetched right after its file changed (read and scored again), one at a time, "
        f"{fresh['requests']} units: p50 {fresh['p50_ms']} ms, p99 {fresh['p99_ms']} ms.",
        "",
    ]
    (HERE / "results.md").write_text("\n".join(lines))
    (HERE / "results.json").write_text(
        json.dumps({"args": vars(args), "runs": runs, "ratios": ratios, "fresh": fresh}, indent=2) + "\n"
    )
    print("\n".join(lines))


if __name__ == "__main__":
    main()
