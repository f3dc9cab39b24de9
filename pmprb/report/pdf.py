"""A report's PDF: one document rendered by WeasyPrint, or, for a roll-up on several cores, its parts
(the cover with the ranking, then each unit) rendered in parallel and joined with pypdf.

What a joined PDF keeps, and how:
- page numbers "Halaman X dari Y" and the document title at the foot of every page: the parts are
  rendered without them and a page of footers, laid out by WeasyPrint for the whole document, is
  stamped onto each page (a part's own page counter cannot know the pages before it);
- the running header (unit, worksheet): each part sets it from its own content, as one document does;
- links from the ranking to each unit: WeasyPrint lays them out (their rectangles) and pypdf adds them
  as links to the unit's first page of the joined document; links inside a unit stay WeasyPrint's own;
- bookmarks (the outline): each part's, in order.
What it loses: each part embeds its own subset of the fonts, so the file is larger (bench/README.md)."""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from pmprb.catalog import data_dir

PX_TO_PT = 0.75  # WeasyPrint writes CSS pixels as 3/4 of a PDF point


@dataclass(frozen=True, slots=True)
class Part:
    """One separately rendered piece of the document."""

    pdf: bytes
    pages: int
    anchors: tuple[tuple[str, int], ...]  # the ids it defines and the page (within it) of each
    # links to anchors in other parts: (page within the part, anchor, rectangle in PDF points)
    links: tuple[tuple[int, str, tuple[float, float, float, float]], ...]


def _no_network(url: str, *args: Any, **kwargs: Any) -> Any:
    from weasyprint.urls import default_url_fetcher

    if url.startswith("data:"):
        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"pmprb reports load nothing from outside: {url}")


def _document(html: str) -> Any:
    from weasyprint import HTML

    return HTML(string=html, base_url=str(data_dir("templates")), url_fetcher=_no_network).render()


def render_one(html: str) -> tuple[bytes, int]:
    """The PDF of a whole document and its page count."""
    document = _document(html)
    return bytes(document.write_pdf()), len(document.pages)


def render_part(html: str) -> Part:
    """One part: its PDF, and the links it makes to anchors it does not hold (taken out of WeasyPrint's
    hands, which would drop them with an error, and kept for the joined document)."""
    document = _document(html)
    anchors: dict[str, int] = {}
    for i, page in enumerate(document.pages):
        for name in page.anchors:
            anchors.setdefault(name, i)
    outside: list[tuple[int, str, tuple[float, float, float, float]]] = []
    for i, page in enumerate(document.pages):
        height = page.height * PX_TO_PT
        kept = []
        for link in page.links:
            kind, target, (x1, y1, x2, y2), _box = link
            if kind == "internal" and target not in anchors:
                rect = (x1 * PX_TO_PT, height - y2 * PX_TO_PT, x2 * PX_TO_PT, height - y1 * PX_TO_PT)
                outside.append((i, target, rect))
            else:
                kept.append(link)
        page.links[:] = kept
    return Part(bytes(document.write_pdf()), len(document.pages), tuple(anchors.items()), tuple(outside))


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


FOOTER_CHUNK = 80  # footer pages laid out by one task


def render_parts(
    parts: list[str],
    footer_html: Callable[[int, int, int], str],
    jobs: int,
    watch: Callable[[], AbstractContextManager[Callable[[], None]]] | None = None,
    *,
    worker_start: Callable[[], None] | None = None,
    forking: Callable[[], AbstractContextManager[None]] | None = None,
) -> tuple[list[Part], list[bytes]]:
    """Each part's HTML rendered on `jobs` processes, in the parts' order; then the footers of all their
    pages (`footer_html(pages, first, last)`), in pieces, on the same processes. `watch()` is entered
    once the workers exist (forked before any thread of its own starts); its `step()` is called as each
    part is done. `worker_start` runs first in each worker and `forking()` is held around the forks (the
    CLI's signal handling); on any exception, an interruption included, the workers are killed at once
    rather than waited for."""
    import multiprocessing
    import sys
    from concurrent.futures import ProcessPoolExecutor, as_completed

    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    out: list[Part | None] = [None] * len(parts)
    # the longest parts first: the last one started decides when the slowest worker ends
    order = sorted(range(len(parts)), key=lambda i: -len(parts[i]))
    sys.stdout.flush()  # a worker flushes what it inherited when it ends: nothing may be pending
    sys.stderr.flush()
    pool = ProcessPoolExecutor(
        max_workers=min(jobs, len(parts)), mp_context=context, initializer=worker_start
    )
    try:
        with forking() if forking else contextlib.nullcontext():  # the fork start method forks them all now
            head = pool.submit(render_part, parts[order[0]])
        futures = {head: order[0]} | {pool.submit(render_part, parts[i]): i for i in order[1:]}
        with watch() if watch else contextlib.nullcontext(lambda: None) as step:
            for future in as_completed(futures):
                out[futures[future]] = future.result()
                step()
            done = [p for p in out if p is not None]
            total = sum(p.pages for p in done)
            size = max(1, min(FOOTER_CHUNK, -(-total // jobs)))
            pieces = [
                footer_html(total, first, min(total, first + size - 1)) for first in range(1, total + 1, size)
            ]
            footers = [data for data, _ in pool.map(render_one, pieces)]
    except BaseException:
        for process in list(getattr(pool, "_processes", {}).values()):  # no public way to stop a worker
            process.kill()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return done, footers


def join(parts: list[Part], footers: list[bytes], title: str) -> bytes:
    """The parts as one PDF, with each page's footer stamped on and the cross-part links added."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import Link
    from pypdf.generic import Fit

    footer_pages = [page for data in footers for page in PdfReader(io.BytesIO(data)).pages]
    writer = PdfWriter()
    starts: list[int] = []
    for part in parts:
        starts.append(len(writer.pages))
        writer.append(PdfReader(io.BytesIO(part.pdf)), import_outline=True)
    for written, footer in zip(writer.pages, footer_pages, strict=True):
        _stamp(writer, written, footer)
    where = {name: start + i for part, start in zip(parts, starts, strict=True) for name, i in part.anchors}
    for part, start in zip(parts, starts, strict=True):
        for i, target, rect in part.links:
            if target in where:
                link = Link(rect=rect, target_page_index=where[target], fit=Fit.fit())
                writer.add_annotation(start + i, link)
    writer.add_metadata({"/Title": title, "/Creator": "pmprb"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _stamp(writer: Any, page: Any, footer: Any) -> None:
    """Draw `footer` (a page of another PDF) over `page` as a form XObject: the page's own content
    stream is kept as WeasyPrint compressed it and a few bytes are added around it. (pypdf's
    merge_page decodes both streams and writes the merged one uncompressed: 9x the file, and slower.)"""
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
        StreamObject,
    )

    source = footer["/Contents"].get_object()
    if not isinstance(source, StreamObject):  # an array of streams: let pypdf merge them
        page.merge_page(footer)
        return
    form = source.clone(writer)  # the stream as written, filter and all
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(footer.mediabox),
            NameObject("/Resources"): footer["/Resources"].clone(writer),
        }
    )
    # pages of a part share one resource dictionary: each gets its own copy, naming its own footer
    resources: Any = DictionaryObject(page["/Resources"].get_object())
    xobjects = (
        DictionaryObject(resources["/XObject"].get_object())
        if "/XObject" in resources
        else DictionaryObject()
    )
    xobjects[NameObject("/PmprbFooter")] = writer._add_object(form)
    resources[NameObject("/XObject")] = xobjects
    page[NameObject("/Resources")] = resources

    def stream(data: bytes) -> Any:
        made = DecodedStreamObject()
        made.set_data(data)
        return writer._add_object(made)

    contents = page.raw_get("/Contents")  # the reference: a stream is never written inline
    listed = list(contents.get_object()) if isinstance(contents.get_object(), ArrayObject) else [contents]
    # the page's own drawing inside q/Q, so the footer is drawn in the page's untouched coordinates
    page[NameObject("/Contents")] = ArrayObject(
        [stream(b"q\n"), *listed, stream(b"\nQ q /PmprbFooter Do Q\n")]
    )
