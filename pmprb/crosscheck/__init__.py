"""Cross-check: compare the figures an official form computed itself with the engine, and explain why."""
