"""An incremental Server-Sent-Events decoder: bytes in any chunking, events out. Pure, no I/O.

Follows the WHATWG event-stream rules: ``event``/``data``/``id``/``retry`` fields with or without
one space after the colon, LF, CRLF or CR line ends, multi-line ``data`` joined with ``\\n``,
comment lines and unknown fields ignored, an event dispatched on a blank line. Lines are split on
bytes and decoded only when complete, so a UTF-8 character split across chunks decodes intact.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Generic, NamedTuple, TypeVar

from ._errors import CozeError, CozeInvalidArgumentError

__all__ = [
    "DEFAULT_MAX_LINE_BYTES",
    "SSEDecoder",
    "SSELineTooLongError",
    "ServerSentEvent",
    "check_max_line_bytes",
]

T = TypeVar("T")

#: One event as Coze frames it: an optional id line, the event name, one data line, a blank line;
#: one optional space after each colon. Anything else goes through the line parser.
_COMMON_EVENT = re.compile(rb"(?:id: ?([^\n]*)\n)?event: ?([^\n]*)\ndata: ?([^\n]*)\n\n")
#: The start of a regular event shorter than this is held whole until it completes, so the next
#: chunk can take the regex path too (holding more would re-copy a long event on every chunk).
_HOLD_INCOMPLETE = 64 * 1024

_NO_SHORTCUT: tuple[bytes, bytes, None] = (b"", b"\n\n", None)

#: Default bound on one line (and on one event's data): real audio streams send ~95 KB lines.
DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024


def check_max_line_bytes(max_line_bytes: int) -> None:
    """Refuse a line limit that is not positive."""
    if max_line_bytes <= 0:
        raise CozeInvalidArgumentError("max_line_bytes must be positive")


class ServerSentEvent(NamedTuple):
    """One dispatched event. ``event`` is ``"message"`` when the stream named none."""

    event: str
    data: str
    id: str | None = None
    retry: int | None = None


#: A stream's decoder of its regular events: ``decode(name, data, sse_decoder)``.
FastPath = Callable[[bytes, bytes, "SSEDecoder[T]"], "T | None"]


class SSELineTooLongError(CozeError):
    """A line (or one event's data) exceeded the decoder's byte limit."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"server-sent event line longer than the {limit}-byte limit")
        self.limit = limit


class SSEDecoder(Generic[T]):
    """Feed bytes with :meth:`feed`; each call returns the events completed by those bytes.

    A stream may decode its regular events itself, without a :class:`ServerSentEvent` each:
    see :meth:`set_fast_path` and :meth:`set_shortcut` (``T`` is what they return)."""

    __slots__ = (
        "_data",
        "_data_size",
        "_event",
        "_fast",
        "_held",
        "_last_id",
        "_max",
        "_names",
        "_parts",
        "_retry",
        "_shortcut",
    )

    def __init__(self, max_line_bytes: int = DEFAULT_MAX_LINE_BYTES) -> None:
        check_max_line_bytes(max_line_bytes)
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
        self._names: dict[bytes, str] = {}
        self._fast: FastPath[T] | None = None
        self._shortcut: tuple[bytes, bytes, Callable[[bytes], T | None]] | None = None

    @property
    def has_pending(self) -> bool:
        """True while bytes or fields of an undispatched event are held (a cut at EOF)."""
        partial = any(part.strip(b"\r\n") for part in self._parts)
        return partial or bool(self._data or self._event)

    @property
    def buffered_bytes(self) -> int:
        """Bytes of a partial line held until its line end arrives."""
        return self._held

    def set_fast_path(self, decode: FastPath[T]) -> None:
        """From now on, an event of the regular shape (the regex path's: ``[id]``, ``event``,
        ``data``, blank line) is ``decode(name, data, self)`` (the raw bytes of both fields,
        and this decoder, to set a shortcut on) in :meth:`feed`'s list, unless that returns
        ``None``: then it is a :class:`ServerSentEvent`, as without a fast path. It must give
        what the stream would give for that event, whatever its ``id``. :meth:`flush` never
        uses it. (This decoder is passed, not kept by ``decode``'s owner: no reference cycle
        outlives the stream.)"""
        self._fast = decode

    def set_shortcut(
        self, name: bytes, data_head: bytes, data_tail: bytes, build: Callable[[bytes], T | None]
    ) -> None:
        """From now on, an event framed ``event:{name}``, ``data:{data_head}{middle}{data_tail}``,
        blank line (no ``id``, no space after either colon, ``middle`` without line breaks) is
        ``build(middle)`` in :meth:`feed`'s list, unless that returns ``None`` (the event then
        takes the other paths). ``build`` must give what the stream would give for the event
        those bytes make. Replaces the previous shortcut; :meth:`flush` never uses it."""
        joined = name + data_head + data_tail
        if (
            name[:1] in (b"", b" ")
            or data_head[:1] in (b"", b" ")
            or b"\n" in joined
            or b"\r" in joined
        ):
            self._shortcut = None  # framing that would not read back as these parts
            return
        self._shortcut = (b"event:%s\ndata:%s" % (name, data_head), data_tail + b"\n\n", build)

    def feed(self, chunk: bytes) -> list[ServerSentEvent | T]:
        """Decode ``chunk`` and return the events it completes, in order."""
        return self._feed(chunk, hold=True)

    def _feed(self, chunk: bytes, *, hold: bool) -> list[Any]:
        if b"\n" not in chunk and b"\r" not in chunk:
            self._held += len(chunk)
            if self._held > self._max:
                self._reset()
                raise SSELineTooLongError(self._max)
            if chunk:
                self._parts.append(chunk)
            return []
        buf = b"".join(self._parts) + chunk if self._parts else chunk
        events: list[Any] = []
        if not (self._data or self._event) and b"\r" not in buf:
            buf = self._fast_events(buf, events, hooks=hold)
            if (
                hold
                and len(buf) < min(_HOLD_INCOMPLETE, self._max)
                and buf.startswith((b"event:", b"id:"))
                and b"\n\n" not in buf
            ):
                self._parts = [buf] if buf else []
                self._held = len(buf)
                return events
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
        # The hot loop: state in locals, the common fields (data, event) matched first.
        data, event, size, limit = self._data, self._event, self._data_size, self._max
        for line in lines:
            if not line:
                if data:
                    text = data[0] if len(data) == 1 else "\n".join(data)
                    fields = (event or "message", text, self._last_id, self._retry)
                    events.append(tuple.__new__(ServerSentEvent, fields))
                    data = []
                event, size = "", 0
                continue
            if len(line) > limit:
                self._reset()
                raise SSELineTooLongError(limit)
            if line.startswith(b"data:"):
                value = line[6:] if line.startswith(b" ", 5) else line[5:]
                size += len(value) + 1
                if size > limit:
                    self._reset()
                    raise SSELineTooLongError(limit)
                data.append(value.decode("utf-8", "replace"))
            elif line.startswith(b"event:"):
                value = line[7:] if line.startswith(b" ", 6) else line[6:]
                event = self._name(value)
            elif line == b"data":  # a field without a colon has an empty value
                size += 1
                if size > limit:
                    self._reset()
                    raise SSELineTooLongError(limit)
                data.append("")
            elif line == b"event":
                event = ""
            elif not line.startswith(b":"):  # not a comment
                self._other_field(line)
        self._data, self._event, self._data_size = data, event, size
        return events

    def _fast_events(self, buf: bytes, events: list[Any], *, hooks: bool) -> bytes:
        """Decode the leading run of events shaped as Coze sends them (``[id]``, ``event``,
        ``data``, blank line; no CR) with the shortcut or one regex match each; return the rest
        of ``buf``, from the first irregular line, for the line parser."""
        pos, limit, match, names = 0, self._max, _COMMON_EVENT.match, self._names
        fast = self._fast if hooks else None
        head, tail, build = (self._shortcut if hooks else None) or _NO_SHORTCUT
        skip, back = len(head), len(tail) - 2  # the tail ends with the blank line's two LFs
        while True:
            if build is not None and buf.startswith(head, pos):
                start = pos + skip
                # No LF in ``middle`` or the tail's data: the first after ``head`` ends the data.
                end = buf.find(b"\n", start) - back
                if start <= end and buf.startswith(tail, end) and end + back + 2 - pos <= limit:
                    event = build(buf[start:end])
                    if event is not None:
                        events.append(event)
                        pos = end + back + 2
                        continue
            found = match(buf, pos)
            if found is None:
                break
            raw_id, name, data = found.groups()
            if len(data) > limit or len(name) > limit:
                break  # let the line parser raise SSELineTooLongError
            if raw_id is not None and b"\0" not in raw_id:
                self._last_id = raw_id.decode("utf-8", "replace")
            pos = found.end()
            if fast is not None:
                event = fast(name, data, self)
                if event is not None:
                    events.append(event)
                    head, tail, build = self._shortcut or _NO_SHORTCUT  # it may have set one
                    skip, back = len(head), len(tail) - 2
                    continue
            fields = (
                names.get(name) or self._name(name) or "message",
                data.decode("utf-8", "replace"),
                self._last_id,
                self._retry,
            )
            events.append(tuple.__new__(ServerSentEvent, fields))
        return buf[pos:] if pos else buf

    def _name(self, raw: bytes) -> str:
        """An event name, decoded once per distinct name (streams repeat a handful)."""
        name = self._names.get(raw)
        if name is None:
            name = raw.decode("utf-8", "replace")
            if len(self._names) < 64:
                self._names[raw] = name
        return name

    def _other_field(self, line: bytes) -> None:
        """``id``, ``retry``, and unknown fields (ignored, as the spec requires)."""
        colon = line.find(b":")
        if colon < 0:
            name, value = line, b""
        else:
            name = line[:colon]
            value = line[colon + 2 :] if line.startswith(b" ", colon + 1) else line[colon + 1 :]
        if name == b"id":
            if b"\0" not in value:
                self._last_id = value.decode("utf-8", "replace")
        elif name == b"retry" and value.isdigit() and len(value) <= 10:
            self._retry = int(value)

    def flush(self) -> list[ServerSentEvent]:
        """End of input: return what :meth:`feed` still held, the last line and event completed
        as if a blank line followed. Such an event was never terminated, so the spec would drop
        it; callers decide whether to trust it (real Coze streams end ``done`` this way)."""
        events: list[ServerSentEvent] = self._feed(b"\n", hold=False) if self._parts else []
        if self._data or self._event:
            event = self._dispatch()
            if event is not None:
                events.append(event)
        return events

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
