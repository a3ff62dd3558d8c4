"""An incremental Server-Sent-Events decoder: bytes in any chunking, events out. Pure, no I/O.

Follows the WHATWG event-stream rules: ``event``/``data``/``id``/``retry`` fields with or without
one space after the colon, LF, CRLF or CR line ends, multi-line ``data`` joined with ``\\n``,
comment lines and unknown fields ignored, an event dispatched on a blank line. Lines are split on
bytes and decoded only when complete, so a UTF-8 character split across chunks decodes intact.
"""

from __future__ import annotations

from typing import NamedTuple

from ._errors import CozeError

__all__ = ["DEFAULT_MAX_LINE_BYTES", "SSEDecoder", "SSELineTooLongError", "ServerSentEvent"]

#: Default bound on one line (and on one event's data): real audio streams send ~95 KB lines.
DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024


class ServerSentEvent(NamedTuple):
    """One dispatched event. ``event`` is ``"message"`` when the stream named none."""

    event: str
    data: str
    id: str | None = None
    retry: int | None = None


class SSELineTooLongError(CozeError):
    """A line (or one event's data) exceeded the decoder's byte limit."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"server-sent event line longer than the {limit}-byte limit")
        self.limit = limit


class SSEDecoder:
    """Feed bytes with :meth:`feed`; each call returns the events completed by those bytes."""

    __slots__ = ("_data", "_data_size", "_event", "_held", "_last_id", "_max", "_parts", "_retry")

    def __init__(self, max_line_bytes: int = DEFAULT_MAX_LINE_BYTES) -> None:
        if max_line_bytes <= 0:
            raise ValueError("max_line_bytes must be positive")
        self._max = max_line_bytes
        # The partial line held between feeds, as chunks joined only once a line end arrives
        # (joining on every feed would make a long line in small chunks quadratic).
        self._parts: list[bytes] = []
        self._held = 0
        self._event = ""
        self._data: list[str] = []
        self._data_size = 0
        self._last_id: str | None = None
        self._retry: int | None = None

    @property
    def has_pending(self) -> bool:
        """True while bytes or fields of an undispatched event are held (a cut at EOF)."""
        partial = any(part.strip(b"\r\n") for part in self._parts)
        return partial or bool(self._data or self._event)

    @property
    def buffered_bytes(self) -> int:
        """Bytes of a partial line held until its line end arrives."""
        return self._held

    def feed(self, chunk: bytes) -> list[ServerSentEvent]:
        """Decode ``chunk`` and return the events it completes, in order."""
        if b"\n" not in chunk and b"\r" not in chunk:
            self._held += len(chunk)
            if self._held > self._max:
                self._reset()
                raise SSELineTooLongError(self._max)
            if chunk:
                self._parts.append(chunk)
            return []
        buf = b"".join(self._parts) + chunk if self._parts else chunk
        if b"\r" in buf:
            # A CR at the very end may be the first half of CRLF: hold it for the next chunk.
            held = buf.endswith(b"\r")
            if held:
                buf = buf[:-1]
            buf = buf.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
            if held:
                buf += b"\r"
        lines = buf.split(b"\n")
        rest = lines.pop()
        if len(rest) > self._max:
            self._reset()
            raise SSELineTooLongError(self._max)
        self._parts = [rest] if rest else []
        self._held = len(rest)
        events: list[ServerSentEvent] = []
        for line in lines:
            if line:
                self._field(line)
            elif self._data or self._event:
                event = self._dispatch()
                if event is not None:
                    events.append(event)
        return events

    def flush(self) -> list[ServerSentEvent]:
        """End of input: return what :meth:`feed` still held, the last line and event completed
        as if a blank line followed. Such an event was never terminated, so the spec would drop
        it; callers decide whether to trust it (real Coze streams end ``done`` this way)."""
        events = self.feed(b"\n") if self._parts else []
        if self._data or self._event:
            event = self._dispatch()
            if event is not None:
                events.append(event)
        return events

    def _field(self, line: bytes) -> None:
        if len(line) > self._max:
            self._reset()
            raise SSELineTooLongError(self._max)
        colon = line.find(b":")
        if colon == 0:
            return  # comment
        if colon < 0:
            name, value = line, b""
        else:
            name = line[:colon]
            value = line[colon + 2 :] if line[colon + 1 : colon + 2] == b" " else line[colon + 1 :]
        if name == b"data":
            self._data_size += len(value) + 1
            if self._data_size > self._max:
                self._reset()
                raise SSELineTooLongError(self._max)
            self._data.append(value.decode("utf-8", "replace"))
        elif name == b"event":
            self._event = value.decode("utf-8", "replace")
        elif name == b"id":
            if b"\0" not in value:
                self._last_id = value.decode("utf-8", "replace")
        elif name == b"retry" and value.isdigit() and len(value) <= 10:
            self._retry = int(value)
        # Any other field name is ignored, as the spec requires.

    def _dispatch(self) -> ServerSentEvent | None:
        data, event = self._data, self._event
        self._data, self._event, self._data_size = [], "", 0
        if not data:
            return None  # an event name without data is dropped, as the spec requires
        text = data[0] if len(data) == 1 else "\n".join(data)
        return ServerSentEvent(event or "message", text, self._last_id, self._retry)

    def _reset(self) -> None:
        self._parts, self._held = [], 0
        self._data, self._event, self._data_size = [], "", 0
