"""`pmprb serve`: PortalRB's pull API (docs/domain.md §6) over a folder of LKE files.

A command library above readers and scoring: it reads units' files through `pmprb.api` and never
is imported by them. `units` finds the units, `tokens` checks Bearer tokens, `store` reads and caches
each unit's answers and proposal, `answers` builds PortalRB's answers document, `app` is the ASGI
application (Starlette, served by uvicorn).
"""
