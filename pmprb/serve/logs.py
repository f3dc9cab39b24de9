"""One JSON object a line on standard error: requests, units' problems and the server's own messages."""

from __future__ import annotations

import logging
import sys
import threading
from datetime import UTC, datetime
from typing import Any, TextIO

import orjson

_lock = threading.Lock()


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class JsonLog:
    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream

    def __call__(self, fields: dict[str, Any]) -> None:
        line = orjson.dumps({"time": now(), **fields}, default=str).decode() + "\n"
        stream = self.stream or sys.stderr
        with _lock:
            stream.write(line)
            stream.flush()


class JsonFormatter(logging.Formatter):
    """uvicorn's own messages (start, stop, protocol errors) as JSON lines too."""

    def format(self, record: logging.LogRecord) -> str:
        fields: dict[str, Any] = {
            "time": now(),
            "event": "server",
            "level": record.levelname.lower(),
            "message": record.getMessage(),
        }
        if record.exc_info and record.exc_info[0] is not None:
            fields["error"] = f"{record.exc_info[0].__name__}: {record.exc_info[1]}"
        return orjson.dumps(fields, default=str).decode()


def uvicorn_log_config() -> dict[str, Any]:
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {
            "stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
        },
        "loggers": {
            "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            "uvicorn.error": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
        },
    }
