"""Upload sources: what ``files.upload`` (and any later upload) accepts, and the multipart body
built from it.

A source is a path (``str`` or ``pathlib.Path``), ``bytes``, a binary file object, or a
``(filename, content)`` pair, as cozepy accepts. Unlike cozepy it closes what it opens and leaves
the caller's file objects open, reads files in worker threads (never on the event loop), sends
only the file's base name, accepts only regular files for paths (a directory, FIFO or device
such as ``/dev/zero`` raises ``ValueError`` at once), and refuses files over Coze's upload limit
(512 MB) before sending a byte. The body is rebuilt from the start of the file for each attempt,
so a retried upload is never truncated.
"""

from __future__ import annotations

import asyncio
import io
import mimetypes
import ntpath
import os
import stat
import threading
from collections.abc import Callable, Mapping
from typing import IO, Any

import aiohttp
from aiohttp.payload import AsyncIterablePayload, Payload

from ._errors import CozeInvalidArgumentError, CozeInvalidArgumentTypeError

__all__ = [
    "DEFAULT_FILENAME",
    "MAX_UPLOAD_BYTES",
    "FileContent",
    "FileTypes",
    "UploadProgress",
    "UploadSource",
    "form_body",
    "multipart_body",
    "prepare_upload",
]

#: The largest file Coze accepts: 512 MB.
MAX_UPLOAD_BYTES = 512 * 1024 * 1024
#: The file name sent for ``bytes`` and for file objects without a name.
DEFAULT_FILENAME = "upload"

#: What an upload can read from: a path, bytes, or a binary file object.
FileContent = IO[bytes] | bytes | bytearray | memoryview | str | os.PathLike[str]
#: ``file=`` of :meth:`AsyncFilesClient.upload`: content, or ``(filename, content)``.
FileTypes = FileContent | tuple[str | None, FileContent]

#: Called as ``progress(sent, total)`` after each chunk of an upload is handed to the network
#: (``total`` is ``None`` when the size cannot be known); a retry starts again from 0.
UploadProgress = Callable[[int, "int | None"], object]

_READ_CHUNK = 1 << 16
#: What one read from a file asks for (one worker-thread hop); handed on in ``_READ_CHUNK``s.
_READ_AHEAD = 1 << 20
_OPEN_FLAGS = (
    os.O_RDONLY
    # A FIFO swapped in after the type check must not block the open.
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


# -- checks ------------------------------------------------------------------------------------


def _too_large(size: str, limit: int) -> str:
    return f"the file is {size}; Coze accepts at most {limit} bytes per upload"


def _check_size(size: int, what: str) -> None:
    limit = MAX_UPLOAD_BYTES
    if size > limit:
        raise CozeInvalidArgumentError(f"{what}: " + _too_large(f"{size} bytes", limit))


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _check_regular(st: os.stat_result, name: str) -> None:
    if not stat.S_ISREG(st.st_mode):
        raise CozeInvalidArgumentError(
            f"cannot upload {name!r}: it is {_kind(st.st_mode)}, not a regular file"
        )


def _checked_filename(name: str) -> str:
    """The base name of ``name``, refused if it could break the multipart headers."""
    if not isinstance(name, str):
        raise CozeInvalidArgumentTypeError(
            f"the file name must be a str, not {type(name).__name__}"
        )
    base = ntpath.basename(name) if os.name == "nt" else os.path.basename(name)
    if not base:
        raise CozeInvalidArgumentError(f"file name {name!r} has no base name")
    if '"' in base or any(ord(c) < 0x20 or ord(c) == 0x7F for c in base):
        raise CozeInvalidArgumentError(
            f"file name {base!r} contains a double quote or a control character (CR, LF, ...); "
            "pass file=(name, content) to send another name"
        )
    return base


# -- what an upload reads ----------------------------------------------------------------------


class UploadSource:
    """The content of one upload, checked and opened (in a worker thread), and how to read it
    again from the start for each attempt."""

    __slots__ = (
        "attempt",
        "content_type",
        "data",
        "error",
        "file",
        "filename",
        "lock",
        "owned",
        "progress",
        "size",
        "start",
    )

    def __init__(
        self,
        filename: str,
        *,
        data: bytes | None = None,
        file: Any = None,
        start: int | None = None,
        size: int | None = None,
        owned: bool = False,
    ) -> None:
        self.filename = filename
        self.progress: UploadProgress | None = None
        self.content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        #: In-memory content (``bytes`` given).
        self.data = data
        #: A binary file object to read: opened by the upload (``owned``) or the caller's.
        self.file = file
        self.owned = owned
        #: Where reading (re)starts; ``None`` when the file cannot be rewound.
        self.start = start
        #: Bytes to send; ``None`` when unknown (read to the end, within the limit).
        self.size = size if data is None else len(data)
        #: Why sending stopped early (too large, the file changed), once it did.
        self.error: Exception | None = None
        #: The attempt now reading the file. A read of an abandoned attempt may still be
        #: running in its thread when the next attempt starts: it must not move the file.
        self.attempt = 0
        self.lock = threading.Lock()

    @property
    def rewindable(self) -> bool:
        return self.data is not None or self.start is not None

    def rewind(self) -> int:
        """Start a new attempt: back to the start of the file (in a worker thread)."""
        with self.lock:
            self.attempt += 1
            if self.start is not None:
                self.file.seek(self.start)
            return self.attempt

    def read(self, attempt: int, size: int) -> Any:
        """The next chunk for ``attempt`` (in a worker thread); ``None`` once it was abandoned."""
        with self.lock:
            if attempt != self.attempt:
                return None
            return self.file.read(size)

    def close(self) -> None:
        """After the request: late reads leave the file alone; close it if the upload opened
        it."""
        self.attempt += 1
        if self.owned:
            self.file.close()


def _open_regular_file(name: str) -> tuple[IO[bytes], int]:
    """Open a path for reading, if it is a regular file within the upload limit; return the
    file and its size."""
    try:
        st = os.stat(name)
    except FileNotFoundError as exc:
        raise CozeInvalidArgumentError(f"file not found: {name!r}") from exc
    except OSError as exc:
        raise CozeInvalidArgumentError(f"cannot upload {name!r}: {exc.strerror or exc}") from exc
    _check_regular(st, name)
    _check_size(st.st_size, name)
    try:
        fd = os.open(name, _OPEN_FLAGS)
    except OSError as exc:
        raise CozeInvalidArgumentError(f"cannot upload {name!r}: {exc.strerror or exc}") from exc
    try:
        file = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    try:
        # Check again what was opened: the path may have changed since the stat.
        st = os.fstat(file.fileno())
        _check_regular(st, name)
        _check_size(st.st_size, name)
        if hasattr(os, "set_blocking"):
            os.set_blocking(file.fileno(), True)
    except BaseException:
        file.close()
        raise
    return file, st.st_size


def _position_and_size(file: Any) -> tuple[int | None, int | None]:
    """Where a caller's file object stands and how many bytes are left in it; ``None`` for what
    cannot be known (a pipe, a socket). Refuses directories and devices."""
    try:
        fd = file.fileno()
    except (AttributeError, OSError, ValueError):
        fd = None
    if isinstance(fd, int):
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            if stat.S_ISFIFO(st.st_mode) or stat.S_ISSOCK(st.st_mode):
                return None, None
            raise CozeInvalidArgumentError(
                f"cannot upload from a file object that is {_kind(st.st_mode)}"
            )
    try:
        if not file.seekable():
            return None, None
        position = int(file.tell())
        end = int(file.seek(0, os.SEEK_END))
        file.seek(position)
    except (AttributeError, OSError, ValueError):
        return None, None
    return position, max(end - position, 0)


def _name_of(file: Any) -> str | None:
    name = getattr(file, "name", None)
    if isinstance(name, os.PathLike):
        name = os.fspath(name)
    if isinstance(name, bytes):
        name = os.fsdecode(name)
    return name if isinstance(name, str) and name else None


def _prepare(file: FileTypes) -> UploadSource:
    """Check what to upload and open it (runs in a worker thread: it may touch the disk)."""
    filename: str | None = None
    content: Any = file
    if isinstance(file, tuple):
        if len(file) != 2:
            raise CozeInvalidArgumentTypeError("file=(filename, content) takes exactly two items")
        filename, content = file
        if filename is not None and not isinstance(filename, str):
            raise CozeInvalidArgumentTypeError(
                f"the file name must be a str, not {type(filename).__name__}"
            )
        filename = filename or None
    if isinstance(content, str | os.PathLike):
        path = os.fspath(content)
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        if not path:
            raise CozeInvalidArgumentError("the file path is empty")
        name = _checked_filename(filename or path)
        opened, file_size = _open_regular_file(path)
        return UploadSource(name, file=opened, start=0, size=file_size, owned=True)
    if isinstance(content, bytes | bytearray | memoryview):
        data = bytes(content)
        _check_size(len(data), "bytes")
        return UploadSource(_checked_filename(filename or DEFAULT_FILENAME), data=data)
    if isinstance(content, io.TextIOBase):
        raise CozeInvalidArgumentTypeError("open the file in binary mode ('rb') to upload it")
    if not callable(getattr(content, "read", None)):
        raise CozeInvalidArgumentTypeError(
            "file must be a path (str or pathlib.Path), bytes, a binary file object, or a "
            f"(filename, content) pair, not {type(content).__name__}"
        )
    if getattr(content, "closed", False) is True:
        raise CozeInvalidArgumentError("cannot upload from a closed file")
    name = _checked_filename(filename or _name_of(content) or DEFAULT_FILENAME)
    start, size = _position_and_size(content)
    if size is not None:
        _check_size(size, name)
    return UploadSource(name, file=content, start=start, size=size)


def _release(future: asyncio.Future[UploadSource]) -> None:
    """Close the file a preparation opened after its caller was cancelled."""
    if not future.cancelled() and future.exception() is None:
        future.result().close()


async def prepare_upload(file: FileTypes, progress: UploadProgress | None = None) -> UploadSource:
    """Check and open ``file`` in a worker thread (cancel-safe: nothing opened is lost)."""
    future = asyncio.get_running_loop().run_in_executor(None, _prepare, file)
    try:
        # Shielded: a cancelled caller must not lose the file the thread is opening.
        source = await asyncio.shield(future)
    except asyncio.CancelledError:
        future.add_done_callback(_release)
        raise
    source.progress = progress
    return source


# -- the request body --------------------------------------------------------------------------


class _Chunks:
    """The bytes of one attempt, in chunks: file reads run in worker threads."""

    def __init__(self, source: UploadSource) -> None:
        self._source = source
        self._sent = 0
        self._attempt: int | None = None
        #: The rest of the last read, not yet handed on.
        self._held: memoryview | None = None

    def __aiter__(self) -> _Chunks:
        return self

    def _fail(self, error: Exception) -> Exception:
        self._source.error = error
        return error

    async def __anext__(self) -> bytes:
        source = self._source
        size = source.size
        want = _READ_CHUNK if size is None else min(_READ_CHUNK, size - self._sent)
        if want <= 0:
            raise StopAsyncIteration
        held = self._held
        if source.data is not None:
            chunk: Any = source.data[self._sent : self._sent + want]
        elif held is not None:
            chunk, rest = held[:want], held[want:]
            self._held = rest if rest else None
        else:
            loop = asyncio.get_running_loop()
            if self._attempt is None:
                self._attempt = await loop.run_in_executor(None, source.rewind)
            ahead = _READ_AHEAD if size is None else min(_READ_AHEAD, size - self._sent)
            chunk = await loop.run_in_executor(None, source.read, self._attempt, ahead)
            if chunk is None and self._attempt != source.attempt:
                raise StopAsyncIteration  # this attempt was abandoned
            if isinstance(chunk, bytes | bytearray | memoryview) and len(chunk) > _READ_CHUNK:
                whole = memoryview(chunk)
                chunk, self._held = whole[:_READ_CHUNK], whole[_READ_CHUNK:]
        if chunk is None:  # a non-blocking file with nothing to read now
            raise self._fail(
                CozeInvalidArgumentError("the file object returned None: use a blocking file")
            )
        if not isinstance(chunk, bytes | bytearray | memoryview):
            raise self._fail(
                CozeInvalidArgumentTypeError("open the file in binary mode ('rb') to upload it")
            )
        if not chunk:
            if size is not None:
                raise self._fail(
                    CozeInvalidArgumentError(
                        f"the file ended after {self._sent} of {size} bytes: "
                        "it changed during the upload"
                    )
                )
            raise StopAsyncIteration
        self._sent += len(chunk)
        if size is None and self._sent > MAX_UPLOAD_BYTES:
            limit = MAX_UPLOAD_BYTES
            raise self._fail(
                CozeInvalidArgumentError(_too_large(f"more than {limit} bytes", limit))
            )
        if source.progress is not None:
            source.progress(self._sent, size)
        return bytes(chunk)


class _FilePart(AsyncIterablePayload):
    """A multipart part streamed from :class:`_Chunks`, with its length when known (so the
    request carries a Content-Length)."""

    def __init__(self, source: UploadSource) -> None:
        super().__init__(_Chunks(source), content_type=source.content_type)
        if source.size is not None:
            self._size = source.size


def multipart_body(
    source: UploadSource, *, field: str = "file", form: Mapping[str, str] | None = None
) -> aiohttp.MultipartWriter:
    """A fresh request body for one attempt: the ``form`` fields, then the file as ``field``,
    read again from its start."""
    if source.error is not None:
        raise source.error
    body = aiohttp.MultipartWriter("form-data")
    for name, value in (form or {}).items():
        body.append(value).set_content_disposition("form-data", name=name)
    part: Payload = _FilePart(source)
    part.set_content_disposition(
        "form-data", quote_fields=False, name=field, filename=source.filename
    )
    body.append_payload(part)
    return body


def form_body(form: Mapping[str, str]) -> aiohttp.MultipartWriter:
    """A fresh ``multipart/form-data`` body of text fields only (an update that sends no
    file to an endpoint that takes one)."""
    body = aiohttp.MultipartWriter("form-data")
    for name, value in form.items():
        body.append(value).set_content_disposition("form-data", name=name)
    return body
