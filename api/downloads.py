"""File downloads, named one way for the API and the pages alike."""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import quote

from starlette.responses import Response


def attachment(content: bytes, media_type: str, filename: str) -> Response:
    """``content`` as a download called ``filename`` (Chinese names survive every browser).

    The header carries the name twice (RFC 6266): ``filename*`` in UTF-8 for browsers,
    and an ASCII ``filename`` for clients that read only that one (the name itself when it
    is ASCII, else ``download`` with the same extension).
    """
    if filename.isascii() and '"' not in filename and "\\" not in filename:
        fallback = filename
    else:
        fallback = "download" + PurePosixPath(filename).suffix.encode("ascii", "ignore").decode()
    disposition = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"
    return Response(
        content=content, media_type=media_type, headers={"Content-Disposition": disposition}
    )
