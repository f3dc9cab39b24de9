"""Cross-check: compare the figures an official form computed itself with the engine, and explain why
they differ (pmprb.crosscheck.check)."""

from pmprb.crosscheck.check import crosscheck

__all__ = ["crosscheck"]
