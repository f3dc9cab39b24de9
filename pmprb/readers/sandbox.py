"""The sandbox for .xls / .xlsb / .ods, whose cells cannot be scanned cheaply: read in a child
process under a memory and time limit; a reader that aborts or runs away costs the child, not us."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pmprb.readers.extent import _check_size, _too_large_params, _TooLarge
from pmprb.readers.limits import GUARDED_MEMORY, GUARDED_SECONDS, MiB


def _run_guarded(path: Path) -> dict[str, Any]:
    import multiprocessing

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context: Any = multiprocessing.get_context(method)
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_guarded_child, args=(str(path), sender), daemon=True)
    child.start()
    sender.close()
    timeout = {
        "code": "file.timeout",
        "params": {"seconds": GUARDED_SECONDS, "memory": GUARDED_MEMORY // MiB},
    }
    try:
        if not receiver.poll(GUARDED_SECONDS):
            return {"error": timeout}
        result: dict[str, Any] = receiver.recv()
        return result
    except (EOFError, OSError):  # the child died: out of memory, or the reader crashed
        return {"error": timeout}
    finally:
        if child.is_alive():
            child.kill()
        child.join(5)
        receiver.close()


def _limit_memory() -> None:
    try:
        import resource

        with open("/proc/self/status", encoding="ascii") as fh:
            vm = next(int(line.split()[1]) * 1024 for line in fh if line.startswith("VmSize:"))
        limit = vm + GUARDED_MEMORY
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, OSError, StopIteration, ValueError):
        pass  # no /proc or no rlimit (not Linux): the time limit still holds


def _guarded_child(path: str, sender: Any) -> None:
    import faulthandler
    import os

    # a reader that aborts prints a Rust backtrace (and Python's fault handler its own, on any fd it
    # was given): the parent reports it in the user's words instead
    faulthandler.disable()
    os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
    _limit_memory()
    try:
        from python_calamine import CalamineWorkbook, SheetVisibleEnum

        with open(path, "rb") as fh:
            workbook = CalamineWorkbook.from_filelike(fh)
        names = list(workbook.sheet_names)
        hidden = [m.name for m in workbook.sheets_metadata if m.visible != SheetVisibleEnum.Visible]
        grids: dict[str, Any] = {}
        merged: dict[str, Any] = {}
        for name in names:
            try:
                data = workbook.get_sheet_by_name(name)
                _check_size(data.total_height, data.total_width)
                grids[name] = data.to_python(skip_empty_area=False)
                merged[name] = list(data.merged_cell_ranges or [])
            except _TooLarge as exc:
                grids[name] = {"code": "sheet.too-large", "params": _too_large_params(exc.rows, exc.columns)}
        sender.send({"names": names, "hidden": hidden, "grids": grids, "merged": merged})
    except MemoryError:
        sender.send(
            {
                "error": {
                    "code": "file.timeout",
                    "params": {"seconds": GUARDED_SECONDS, "memory": GUARDED_MEMORY // MiB},
                }
            }
        )
    except Exception as exc:  # calamine's own errors: the file's fault, reported as such
        kind = type(exc).__name__
        text = (str(exc).splitlines() or [kind])[0][:200]
        if kind == "PasswordError":
            sender.send({"error": {"code": "file.encrypted", "params": {}}})
        else:
            sender.send({"error": {"code": "file.unreadable", "params": {"reason": f"{kind}: {text}"}}})
    finally:
        sender.close()
