"""The API's OpenAPI 3.1 document (PortalRB's "Panduan Teknis API Integrasi ZI", docs/domain.md §6)."""

from __future__ import annotations

from typing import Any

NULLABLE_TEXT = {"type": ["string", "null"]}

ERROR = {
    "type": "object",
    "required": ["error", "code", "message"],
    "properties": {"error": {"const": True}, "code": {"type": "string"}, "message": {"type": "string"}},
    "additionalProperties": False,
}
UNIT_LIST = {
    "type": "object",
    "required": ["tahun", "units"],
    "properties": {
        "tahun": {"type": "integer"},
        "units": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "nama", "kategori", "afirmasi"],
                "properties": {
                    "id": {"type": "string"},
                    "nama": {"type": "string"},
                    "kategori": {"enum": ["WBK", "WBK-AFIRMASI", "WBBM"]},
                    "afirmasi": {"type": "boolean"},
                },
                "additionalProperties": False,
            },
        },
    },
    "additionalProperties": False,
}
ANSWERS = {
    "type": "object",
    "required": ["unit_id", "nama_unit", "tahun", "answers"],
    "properties": {
        "unit_id": {"type": "string"},
        "nama_unit": {"type": "string"},
        "tahun": {"type": "integer"},
        "answers": {
            "type": "array",
            "items": {
                "type": "object",
                "required": [
                    "soal_id",
                    "jawaban_unit",
                    "jawaban_tpi",
                    "catatan_unit",
                    "bukti_dukung_unit",
                    "catatan_tpi",
                ],
                "properties": {
                    "soal_id": {"type": "integer"},
                    "jawaban_unit": NULLABLE_TEXT,
                    "jawaban_tpi": NULLABLE_TEXT,
                    "catatan_unit": NULLABLE_TEXT,
                    "bukti_dukung_unit": NULLABLE_TEXT,
                    "catatan_tpi": NULLABLE_TEXT,
                },
                "additionalProperties": False,
            },
        },
    },
    "additionalProperties": False,
}


def _error(description: str, headers: dict[str, Any] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    if headers:
        out["headers"] = headers
    return out


ERRORS = {
    "401": _error("No token, or not a token this server knows."),
    "404": _error("Not found."),
    "405": _error("Method not allowed."),
    "422": _error("`tahun` is not the year served."),
    "429": _error(
        "Too many requests for this token.",
        {"Retry-After": {"schema": {"type": "string", "pattern": "^[0-9]+$"}, "required": True}},
    ),
    "500": _error("A unit's file cannot be read or holds invalid answers."),
}


def _tahun(tahun: int) -> dict[str, Any]:
    """The year served is the only one: any other is a 422."""
    return {"name": "tahun", "in": "query", "required": False, "schema": {"type": "integer", "const": tahun}}


def _ok(schema: str) -> dict[str, Any]:
    return {
        "description": "OK",
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def _listing(kind: str, tahun: int) -> dict[str, Any]:
    return {
        "get": {
            "summary": f"Units proposed for {kind}",
            "operationId": f"units{kind}",
            "parameters": [_tahun(tahun)],
            "responses": {"200": _ok("UnitList"), **ERRORS},
        }
    }


def document(tahun: int) -> dict[str, Any]:
    from pmprb import __version__

    return {
        "openapi": "3.1.0",
        "info": {
            "title": "pmprb: PortalRB integration API (ZI)",
            "version": __version__,
            "description": f"Units proposed for WBK/WBBM and their LKE answers, tahun {tahun}.",
        },
        "security": [{"bearer": []}],
        "paths": {
            "/pengusulan/unit-wbk": _listing("WBK", tahun),
            "/pengusulan/unit-wbbm": _listing("WBBM", tahun),
            "/lke/jawaban-unit/{unit_id}": {
                "get": {
                    "summary": "A unit's LKE answers",
                    "operationId": "answers",
                    "parameters": [
                        {"name": "unit_id", "in": "path", "required": True, "schema": {"type": "string"}},
                        _tahun(tahun),
                    ],
                    "responses": {
                        "200": _ok("Answers"),
                        "403": _error("The unit is not proposed."),
                        **ERRORS,
                    },
                }
            },
            "/healthz": {
                "get": {
                    "summary": "Health check for the proxy",
                    "operationId": "health",
                    "security": [],
                    "responses": {
                        "200": {
                            "description": "OK",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "required": ["status"],
                                        "properties": {"status": {"const": "ok"}},
                                    }
                                }
                            },
                        },
                        "405": ERRORS["405"],
                    },
                }
            },
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {"Error": ERROR, "UnitList": UNIT_LIST, "Answers": ANSWERS},
        },
    }
