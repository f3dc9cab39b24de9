"""Terms of `pmprb check` and `pmprb schema` findings (its messages are in catalogs/check.yaml).

Parameters marked as terms (`{expected:id}`) are `Term`s: one value that formats in either language.
"""

from __future__ import annotations

from pmprb.i18n import load_catalog_file


class Term(str):
    """A short phrase in both languages; `format(term, 'id')` gives the Indonesian one."""

    id_text: str

    def __new__(cls, id_text: str, en_text: str) -> Term:
        term = super().__new__(cls, en_text)
        term.id_text = id_text
        return term

    def __format__(self, spec: str) -> str:
        return self.id_text if spec == "id" else str(self)


def _terms() -> dict[str, Term]:
    data = load_catalog_file("check-terms")["terms"]
    return {key: Term(texts["id"], texts["en"]) for key, texts in data.items()}


TERMS: dict[str, Term] = _terms()
