"""What a caller can learn about the HTTP exchange behind any result: status, headers, logid;
and a binary result with its response (``FileHTTPResponse``)."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping

from ._errors import CozeInvalidArgumentError, CozeInvalidArgumentTypeError

__all__ = ["LOGID_HEADER", "FileHTTPResponse", "HTTPResponse"]

#: The response header carrying Coze's request log id.
LOGID_HEADER = "x-tt-logid"

_CHUNK_SIZE = 64 * 1024


class HTTPResponse:
    """Metadata of one HTTP response. ``logid`` identifies the request to Coze support."""

    __slots__ = ("headers", "logid", "status_code")

    #: The HTTP status code (0 on objects built locally).
    status_code: int
    #: The response headers.
    headers: Mapping[str, str]
    #: Coze's request log id (the ``x-tt-logid`` header; empty if absent).
    logid: str

    def __init__(
        self, status_code: int, headers: Mapping[str, str], logid: str | None = None
    ) -> None:
        self.status_code = status_code
        self.headers = headers
        self.logid = logid or headers.get(LOGID_HEADER) or ""

    @property
    def status(self) -> int:
        """Alias of :attr:`status_code`."""
        return self.status_code

    def __repr__(self) -> str:
        return f"HTTPResponse(status_code={self.status_code}, logid={self.logid!r})"


#: Stands in for a response on objects built locally rather than received.
NO_RESPONSE = HTTPResponse(0, {})


class FileHTTPResponse:
    """A binary answer (audio, a downloaded file), as cozepy names it: the body, read whole
    within the call's limits, and its HTTP metadata. ``write_to_file`` saves it;
    ``iter_bytes`` and ``stream_to_file`` hand it out or write it in chunks (it is already in
    memory: chunking bounds each write, not the memory used)."""

    __slots__ = ("content", "response")

    #: The body.
    content: bytes
    #: The HTTP response it came with (status, headers, logid).
    response: HTTPResponse

    def __init__(self, content: bytes, response: HTTPResponse = NO_RESPONSE) -> None:
        if not isinstance(content, bytes | bytearray | memoryview):
            raise CozeInvalidArgumentTypeError(
                f"content must be bytes, not {type(content).__name__}"
            )
        self.content = bytes(content)
        self.response = response

    @property
    def headers(self) -> Mapping[str, str]:
        """The response headers (``Content-Type`` tells the format)."""
        return self.response.headers

    @property
    def logid(self) -> str:
        """Coze's request log id."""
        return self.response.logid

    @property
    def status_code(self) -> int:
        """The HTTP status code."""
        return self.response.status_code

    def __len__(self) -> int:
        return len(self.content)

    def iter_bytes(self, chunk_size: int = _CHUNK_SIZE) -> Iterator[bytes]:
        """The body in pieces of at most ``chunk_size`` bytes (checked at once)."""
        if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size <= 0:
            raise CozeInvalidArgumentError(f"chunk_size must be a positive int, not {chunk_size!r}")
        view = memoryview(self.content)
        return (bytes(view[i : i + chunk_size]) for i in range(0, len(view), chunk_size))

    def write_to_file(self, file: str | os.PathLike[str]) -> None:
        """Write the body to ``file`` (created or truncated)."""
        with open(file, "wb") as out:
            out.write(self.content)

    def stream_to_file(self, file: str | os.PathLike[str], chunk_size: int = _CHUNK_SIZE) -> None:
        """Write the body to ``file`` (created or truncated), ``chunk_size`` bytes at a time."""
        chunks = self.iter_bytes(chunk_size)  # checks chunk_size before the file is touched
        with open(file, "wb") as out:
            for chunk in chunks:
                out.write(chunk)

    def __repr__(self) -> str:
        return f"FileHTTPResponse(bytes={len(self.content)}, logid={self.logid!r})"
