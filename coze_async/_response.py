"""What a caller can learn about the HTTP exchange behind any result: status, headers, logid."""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["LOGID_HEADER", "HTTPResponse"]

#: The response header carrying Coze's request log id.
LOGID_HEADER = "x-tt-logid"


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
