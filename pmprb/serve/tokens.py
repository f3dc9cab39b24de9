"""Bearer tokens: a file of `sha256:<hex>` digests (or plain tokens, accepted with a warning), compared
in constant time. A token's id in logs is the start of its digest, never the token."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from pmprb.errors import Location, Problem, UserError

PREFIX = "sha256:"
_HEX = re.compile(r"^[0-9a-f]{64}$")
MIN_PLAIN = 16  # a shorter plain token can be guessed


@dataclass(frozen=True, slots=True)
class Token:
    digest: bytes
    plain: bool  # written in the file as the token itself
    line: int

    @property
    def id(self) -> str:
        return self.digest.hex()[:12]


def digest(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8")).digest()


def parse(text: str, name: str) -> tuple[list[Token], list[Problem]]:
    """The tokens a file holds, and problems: errors for lines that are no token, warnings for
    plain tokens."""
    tokens: list[Token] = []
    problems: list[Problem] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        where = Location(name, line=number)
        if line.lower().startswith(PREFIX):
            hexdigest = line[len(PREFIX) :].strip().lower()
            if not _HEX.match(hexdigest):
                problems.append(Problem("serve.token-bad-digest", where))
                continue
            tokens.append(Token(bytes.fromhex(hexdigest), False, number))
        elif any(c.isspace() for c in line) or len(line) < MIN_PLAIN:
            problems.append(Problem("serve.token-bad-plain", where, params={"min": MIN_PLAIN}))
        else:
            tokens.append(Token(digest(line), True, number))
            problems.append(Problem("serve.token-plain", where, "warning"))
    return tokens, problems


def load(path: Path) -> tuple[list[Token], list[Problem]]:
    """Raises UserError when the file cannot be read, holds a bad line, or no token at all."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UserError(Problem("serve.token-file-missing", Location(name), params={"path": name})) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(Problem("file.unreadable", Location(name), params={"reason": str(exc)})) from None
    tokens, problems = parse(text, name)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise UserError(*errors)
    if not tokens:
        raise UserError(Problem("serve.token-none", Location(name), params={"path": name}))
    return tokens, problems


class Verifier:
    """Which configured token a presented one is, in time that does not depend on where it matches."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens

    def check(self, presented: str) -> Token | None:
        given = digest(presented)
        found = None
        for token in self.tokens:  # every entry compared: no early exit tells which one matched
            if hmac.compare_digest(given, token.digest) and found is None:
                found = token
        return found


def bearer(header: str | None) -> str | None:
    """The token of an `Authorization: Bearer <token>` header."""
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    value = value.strip()
    return value if scheme.lower() == "bearer" and value else None


def new() -> tuple[str, str]:
    """A fresh token (256 random bits) and the line that registers it."""
    token = secrets.token_urlsafe(32)
    return token, PREFIX + digest(token).hex()
