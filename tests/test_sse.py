"""The SSE decoder on its own: WHATWG conformance, the recorded streams under every chunking,
UTF-8 split across chunks, round trips and garbage under Hypothesis, bounded memory and work (the linear-time ratios
are measured by benchmarks/sse_scaling.py, not here)."""

from __future__ import annotations

import itertools
import re
import string
import tracemalloc
from collections.abc import Iterable, Iterator
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coze_async import CozeError
from coze_async._sse import ServerSentEvent, SSEDecoder, SSELineTooLongError
from tests.conftest import CHAT_STREAM, WORKFLOW_STREAM, fixture_bytes

KiB = 1024
MiB = 1024 * 1024

FIXTURES = {name: fixture_bytes(name) for name in (CHAT_STREAM, WORKFLOW_STREAM)}
ENDINGS = {"lf": b"\n", "crlf": b"\r\n", "cr": b"\r"}
#: Every recorded stream, also re-encoded with CRLF and lone-CR line ends.
VARIANTS = [
    pytest.param(name, FIXTURES[name].replace(b"\n", end), id=f"{name}-{tag}")
    for name in FIXTURES
    for tag, end in ENDINGS.items()
]

CHAT_NAMES = [
    "conversation.chat.created",
    "conversation.chat.in_progress",
    "conversation.message.delta",
    "conversation.message.delta",
    "conversation.message.delta",
    "conversation.message.delta",
    "conversation.message.completed",
    "conversation.chat.completed",
    "done",
]
WORKFLOW_IDS = ["0", "1", "2", "3", "4", "5", "0", "0", "1", "6"]
WORKFLOW_NAMES = [*["Message"] * 6, "Error", "Message", "Interrupt", "Done"]


def decode(chunks: Iterable[bytes], **kwargs: int) -> list[ServerSentEvent]:
    """Feed every chunk into a fresh decoder, then flush: all the events, in order."""
    decoder = SSEDecoder(**kwargs)
    events: list[ServerSentEvent] = []
    for chunk in chunks:
        events += decoder.feed(chunk)
    return events + decoder.flush()


def split_at(data: bytes, cuts: Iterable[int]) -> list[bytes]:
    """``data`` cut at the given offsets (any order, duplicates give empty chunks)."""
    points = [0, *sorted(cuts), len(data)]
    return [data[a:b] for a, b in itertools.pairwise(points)]


def one_shot(name: str) -> list[ServerSentEvent]:
    return decode([FIXTURES[name]])


def triples(events: Iterable[ServerSentEvent]) -> list[tuple[str, str, str | None]]:
    return [(e.event, e.data, e.id) for e in events]


# --- 1. WHATWG-derived conformance table -------------------------------------------------------

M = "message"
CONFORMANCE = [
    pytest.param(b"event:a\ndata:x\n\n", [("a", "x", None)], id="no-space-after-colon"),
    pytest.param(b"event: a\ndata: x\n\n", [("a", "x", None)], id="one-space-stripped"),
    pytest.param(b"event:  a\ndata:  x\n\n", [(" a", " x", None)], id="only-one-space-stripped"),
    pytest.param(b"data:\tx\n\n", [(M, "\tx", None)], id="tab-after-colon-kept"),
    pytest.param(b"data: x \n\n", [(M, "x ", None)], id="trailing-space-kept"),
    pytest.param(b"event: a\r\ndata: x\r\n\r\n", [("a", "x", None)], id="crlf"),
    pytest.param(b"event: a\rdata: x\r\r", [("a", "x", None)], id="lone-cr"),
    pytest.param(
        b"data: a\rdata: b\r\ndata: c\n\r\ndata: d\n\r",
        [(M, "a\nb\nc", None), (M, "d", None)],
        id="mixed-endings",
    ),
    pytest.param(b"data: x\r\r\ndata: y\n\n", [(M, "x", None), (M, "y", None)], id="cr-then-crlf"),
    pytest.param(b"data: a\ndata: b\ndata: c\n\n", [(M, "a\nb\nc", None)], id="multi-line-data"),
    pytest.param(b"data\n\n", [(M, "", None)], id="data-without-colon-is-empty"),
    pytest.param(b"data:\n\n", [(M, "", None)], id="empty-data"),
    pytest.param(b"data: \n\n", [(M, "", None)], id="empty-data-after-space"),
    pytest.param(b"data\ndata\n\n", [(M, "\n", None)], id="two-empty-data-lines"),
    pytest.param(b"data: a\ndata:\n\n", [(M, "a\n", None)], id="trailing-empty-data-line"),
    pytest.param(b": hello\ndata: x\n: bye\n\n", [(M, "x", None)], id="comments-ignored"),
    pytest.param(b":\n: only a comment\n\n", [], id="comment-only-block-not-dispatched"),
    pytest.param(b"foo: bar\ndata: x\nbaz\n\n", [(M, "x", None)], id="unknown-fields-ignored"),
    pytest.param(b"Data: x\nEVENT: y\n\n", [], id="field-names-case-sensitive"),
    pytest.param(b"data : x\n\n", [], id="space-before-colon-is-other-field"),
    pytest.param(b"retry: 1000\ndata: x\n\n", [(M, "x", None)], id="retry-not-data"),
    pytest.param(
        b"id: 1\ndata: a\n\ndata: b\n\n", [(M, "a", "1"), (M, "b", "1")], id="id-persists"
    ),
    pytest.param(
        b"id: 1\ndata: a\n\nid: 2\ndata: b\n\n", [(M, "a", "1"), (M, "b", "2")], id="id-changes"
    ),
    pytest.param(
        b"id: 1\ndata: a\n\nid: 2\x003\ndata: b\n\n",
        [(M, "a", "1"), (M, "b", "1")],
        id="id-with-nul-ignored",
    ),
    pytest.param(
        b"id: 1\ndata: a\n\nid\ndata: b\n\n", [(M, "a", "1"), (M, "b", "")], id="empty-id-resets"
    ),
    pytest.param(b"id: 7\n\ndata: x\n\n", [(M, "x", "7")], id="id-from-undispatched-block-kept"),
    pytest.param(b"event: ping\n\ndata: x\n\n", [(M, "x", None)], id="event-without-data-dropped"),
    pytest.param(b"event: ping\n\n", [], id="lone-event-not-dispatched"),
    pytest.param(b"event\ndata: x\n\n", [(M, "x", None)], id="event-without-colon-is-message"),
    pytest.param(b"event:\ndata: x\n\n", [(M, "x", None)], id="empty-event-is-message"),
    pytest.param(b"event: a\nevent: b\ndata: x\n\n", [("b", "x", None)], id="last-event-wins"),
    pytest.param(b"\n\n\r\n\rdata: x\n\n", [(M, "x", None)], id="leading-blank-lines"),
    pytest.param(
        b"event: a\ndata: 1\n\nevent: b\ndata: 2\n\ndata: 3\n\n",
        [("a", "1", None), ("b", "2", None), (M, "3", None)],
        id="multiple-events-one-chunk",
    ),
    pytest.param(
        b"event: a\ndata: 1\n\ndata: 2\n\n",
        [("a", "1", None), (M, "2", None)],
        id="event-name-reset-after-dispatch",
    ),
    pytest.param(b"data: a: b:c\n\n", [(M, "a: b:c", None)], id="colon-inside-value"),
    pytest.param(b"data:http://x/y\n\n", [(M, "http://x/y", None)], id="url-value-no-space"),
    pytest.param(b"data::\n\n", [(M, ":", None)], id="value-is-a-colon"),
    pytest.param(
        "id: 标识\nevent: 事件\ndata: 星期三 😀 é\n\n".encode(),
        [("事件", "星期三 😀 é", "标识")],
        id="unicode-values",
    ),
    pytest.param(b"data: a\x00b\n\n", [(M, "a\x00b", None)], id="nul-in-data-kept"),
    pytest.param(b"data: \xff\xfe\n\n", [(M, "\ufffd\ufffd", None)], id="invalid-utf8-replaced"),
    pytest.param(b"data: x\n", [(M, "x", None)], id="unterminated-event-from-flush"),
]


@pytest.mark.parametrize(("raw", "expected"), CONFORMANCE)
def test_conformance_one_chunk(raw: bytes, expected: list[tuple[str, str, str | None]]) -> None:
    assert triples(decode([raw])) == expected


@pytest.mark.parametrize(("raw", "expected"), CONFORMANCE)
def test_conformance_one_byte_chunks(
    raw: bytes, expected: list[tuple[str, str, str | None]]
) -> None:
    assert triples(decode(raw[i : i + 1] for i in range(len(raw)))) == expected


def test_terminated_events_come_from_feed_not_flush() -> None:
    decoder = SSEDecoder()
    events = decoder.feed(b"event: a\ndata: 1\n\nevent: b\ndata: 2\n\n")
    assert triples(events) == [("a", "1", None), ("b", "2", None)]
    assert decoder.flush() == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(b"retry: 1000\ndata: x\n\n", [1000], id="one-space"),
        pytest.param(b"retry:250\ndata: x\n\n", [250], id="no-space"),
        pytest.param(b"retry: 10a\ndata: x\n\n", [None], id="not-all-digits"),
        pytest.param(b"retry: -5\ndata: x\n\n", [None], id="negative"),
        pytest.param(b"retry:\ndata: x\n\n", [None], id="empty"),
        pytest.param(b"retry\ndata: x\n\n", [None], id="no-colon"),
        pytest.param(b"retry:  5\ndata: x\n\n", [None], id="two-spaces-not-digits"),
        pytest.param("retry: ١٢\ndata: x\n\n".encode(), [None], id="non-ascii-digits"),
        pytest.param(b"data: x\n\n", [None], id="absent"),
        pytest.param(
            b"retry: 5\ndata: a\n\nretry: x\ndata: b\n\n", [5, 5], id="invalid-keeps-previous"
        ),
        pytest.param(b"retry: 5\ndata: a\n\nretry: 7\ndata: b\n\n", [5, 7], id="updated"),
    ],
)
def test_retry_field(raw: bytes, expected: list[int | None]) -> None:
    assert [e.retry for e in decode([raw])] == expected


def test_retry_with_thousands_of_digits_does_not_raise() -> None:
    # All digits, so a valid retry field; must not trip int()'s 4300-digit conversion limit.
    raw = b"retry: " + b"9" * 5000 + b"\ndata: x\n\n"
    events = decode([raw])
    assert [(e.event, e.data) for e in events] == [("message", "x")]


def test_event_is_a_named_tuple_with_defaults() -> None:
    event = ServerSentEvent("message", "x")
    assert event == ("message", "x", None, None)
    assert (event.id, event.retry) == (None, None)


def test_non_positive_limit_rejected() -> None:
    with pytest.raises(ValueError, match="positive"):
        SSEDecoder(max_line_bytes=0)


# --- 2. the recorded streams -------------------------------------------------------------------


def test_chat_fixture_decodes_nine_events_last_from_flush() -> None:
    decoder = SSEDecoder()
    fed = decoder.feed(FIXTURES[CHAT_STREAM])
    assert len(fed) == 8
    assert decoder.has_pending
    flushed = decoder.flush()
    assert len(flushed) == 1
    assert not decoder.has_pending
    events = fed + flushed
    assert [e.event for e in events] == CHAT_NAMES
    assert all(e.id is None and e.retry is None for e in events)
    payloads = [orjson.loads(e.data) for e in events]
    assert payloads[-1] == "[DONE]"
    assert events[-1].data == '"[DONE]"'
    assert [p["status"] for p in payloads[:2]] == ["created", "in_progress"]
    deltas = "".join(p["content"] for p in payloads[2:6])
    assert deltas == "20星期三。"
    assert payloads[6]["content"] == "2024 年 10 月 1 日是星期三。"
    assert payloads[7]["usage"]["token_count"] == 633


def test_workflow_fixture_decodes_ids_names_and_json() -> None:
    decoder = SSEDecoder()
    fed = decoder.feed(FIXTURES[WORKFLOW_STREAM])
    flushed = decoder.flush()
    assert len(fed) == 9
    assert [(e.event, e.id) for e in flushed] == [("Done", "6")]
    events = fed + flushed
    assert [e.id for e in events] == WORKFLOW_IDS
    assert [e.event for e in events] == WORKFLOW_NAMES
    payloads = [orjson.loads(e.data) for e in events]
    assert payloads[0]["content"] == "msg"
    assert payloads[1]["content"] == "为"
    assert payloads[6] == {"error_code": 4000, "error_message": "Request parameter error"}
    assert payloads[8]["interrupt_data"]["event_id"] == "7404830425073352713/2769808280134765896"
    assert payloads[-1] == {}
    # The one-space form: no value keeps a leading space.
    assert not any(e.event.startswith(" ") or e.data.startswith(" ") for e in events)


# --- 3./4./5. every chunking of the recorded streams ---------------------------------------------


@pytest.mark.parametrize(("name", "raw"), VARIANTS)
def test_every_two_chunk_split_matches_one_shot(name: str, raw: bytes) -> None:
    expected = one_shot(name)
    for cut in range(len(raw) + 1):
        assert decode([raw[:cut], raw[cut:]]) == expected, f"split at byte {cut}"


@pytest.mark.parametrize(("name", "raw"), VARIANTS)
def test_one_byte_chunks_match_one_shot(name: str, raw: bytes) -> None:
    assert decode(raw[i : i + 1] for i in range(len(raw))) == one_shot(name)


@pytest.mark.parametrize(("name", "raw"), VARIANTS)
def test_line_ending_variant_matches_lf_original(name: str, raw: bytes) -> None:
    assert decode([raw]) == one_shot(name)


@pytest.mark.parametrize(("name", "raw"), VARIANTS)
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_random_chunkings_match_one_shot(name: str, raw: bytes, data: st.DataObject) -> None:
    cuts = data.draw(st.lists(st.integers(0, len(raw)), max_size=60), label="cuts")
    assert decode(split_at(raw, cuts)) == one_shot(name)


# --- 6. UTF-8 characters split across feeds ------------------------------------------------------

SPLIT_CHARS = ["é", "ß", "€", "星", "😀", "𝄞"]
UTF8_SPLITS = [
    pytest.param(char, at, id=f"{len(char.encode())}B-U+{ord(char):04X}-at-{at}")
    for char in SPLIT_CHARS
    for at in range(1, len(char.encode()))
]


@pytest.mark.parametrize(("char", "at"), UTF8_SPLITS)
def test_utf8_character_split_across_feeds(char: str, at: int) -> None:
    text = f"a{char}b{char}"
    for field in ("data", "event", "id"):
        line = f"{field}: {text}\n".encode()
        raw = line if field == "data" else line + b"data: x\n"
        raw += b"\n"
        # Cut inside the first occurrence of the character.
        cut = raw.index(char.encode()) + at
        decoder = SSEDecoder()
        first = decoder.feed(raw[:cut])
        assert first == []
        events = decoder.feed(raw[cut:])
        assert len(events) == 1
        value = getattr(events[0], field)
        assert value == text
        assert "\ufffd" not in value
        assert decoder.flush() == []


@pytest.mark.parametrize("char", SPLIT_CHARS)
def test_utf8_character_one_byte_at_a_time(char: str) -> None:
    text = char * 3
    raw = f"data: {text}\n\n".encode()
    (event,) = decode(raw[i : i + 1] for i in range(len(raw)))
    assert event.data == text


# --- 7. Hypothesis round trip ------------------------------------------------------------------

NAME_ALPHABET = string.ascii_letters + string.digits + "._-"
LINE_TEXT = st.text(st.characters(exclude_characters="\r\n\x00", exclude_categories=("Cs",)))
LINE_BREAK = re.compile("\r\n|\r|\n")


@st.composite
def event_specs(draw: st.DrawFn) -> tuple[str | None, str, str | None, str | None, bool]:
    """(event name or None, data, id or None, comment or None, space after colon)."""
    name = draw(st.none() | st.text(NAME_ALPHABET, max_size=20))
    data = draw(st.text(st.characters(exclude_categories=("Cs",))))
    ident = draw(st.none() | LINE_TEXT.filter(lambda s: len(s) < 30))
    comment = draw(st.none() | LINE_TEXT.filter(lambda s: len(s) < 30))
    return name, data, ident, comment, draw(st.booleans())


def encode_events(
    specs: list[tuple[str | None, str, str | None, str | None, bool]], end: str, terminate: bool
) -> tuple[bytes, list[ServerSentEvent]]:
    """Encode events as an SSE stream and give the events a decoder must return."""
    out: list[str] = []
    expected: list[ServerSentEvent] = []
    last_id: str | None = None
    for name, data, ident, comment, spaced in specs:
        sep = ": " if spaced else ":"
        if comment is not None:
            out.append(f":{comment}{end}")
        if ident is not None:
            out.append(f"id: {ident}{end}")  # always one space: an id may start with a space
            last_id = ident
        if name is not None:
            out.append(f"event{sep}{name}{end}")
        lines = LINE_BREAK.split(data)
        for line in lines:
            out.append(f"data{': ' if spaced or line.startswith(' ') else ':'}{line}{end}")
        out.append(end)
        expected.append(ServerSentEvent(name or "message", "\n".join(lines), last_id))
    raw = "".join(out).encode()
    if not terminate:
        raw = raw[: -len(end.encode())]  # the last event only comes out of flush()
    return raw, expected


@settings(max_examples=300, deadline=None)
@given(
    specs=st.lists(event_specs(), max_size=8),
    end=st.sampled_from(["\n", "\r\n", "\r"]),
    terminate=st.booleans(),
    data=st.data(),
)
def test_round_trip_random_events(
    specs: list[tuple[str | None, str, str | None, str | None, bool]],
    end: str,
    terminate: bool,
    data: st.DataObject,
) -> None:
    raw, expected = encode_events(specs, end, terminate)
    cuts = data.draw(st.lists(st.integers(0, len(raw)), max_size=30), label="cuts")
    assert decode(split_at(raw, cuts)) == expected


# --- 8. Hypothesis garbage ---------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    raw=st.binary(max_size=2048),
    limit=st.sampled_from([8, 64, 16 * MiB]),
    data=st.data(),
)
def test_garbage_only_yields_events_or_line_too_long(
    raw: bytes, limit: int, data: st.DataObject
) -> None:
    cuts = data.draw(st.lists(st.integers(0, len(raw)), max_size=20), label="cuts")
    decoder = SSEDecoder(max_line_bytes=limit)
    results: list[object] = []
    limits: list[int] = []
    for chunk in [*split_at(raw, cuts), None]:
        try:
            # A too-long line resets the decoder; it must keep working afterwards.
            results += decoder.feed(chunk) if chunk is not None else decoder.flush()
        except SSELineTooLongError as exc:
            limits.append(exc.limit)
    assert all(seen == limit for seen in limits)
    for event in results:
        assert isinstance(event, ServerSentEvent)
        assert isinstance(event.event, str)
        assert isinstance(event.data, str)
        assert event.id is None or isinstance(event.id, str)
        assert event.retry is None or isinstance(event.retry, int)
    assert not decoder.has_pending


# --- 9. bounded memory -------------------------------------------------------------------------


def test_long_line_without_newline_raises_before_fully_fed() -> None:
    decoder = SSEDecoder(max_line_bytes=1024)
    line = b"data: " + b"x" * (10 * KiB)
    fed = 0
    with pytest.raises(SSELineTooLongError) as info:
        for i in range(0, len(line), 100):
            decoder.feed(line[i : i + 100])
            fed += 100
    assert fed < len(line)
    assert fed <= 1024 + 100
    assert info.value.limit == 1024
    assert isinstance(info.value, CozeError)
    # The decoder dropped what it held and decodes fresh input.
    assert not decoder.has_pending
    assert decoder.feed(b"\ndata: ok\n\n") == [ServerSentEvent("message", "ok")]


def test_complete_line_over_limit_in_one_chunk_raises() -> None:
    decoder = SSEDecoder(max_line_bytes=1024)
    with pytest.raises(SSELineTooLongError):
        decoder.feed(b"data: " + b"x" * 2000 + b"\n\n")
    assert not decoder.has_pending


def test_line_of_exactly_the_limit_is_accepted() -> None:
    value = b"y" * 1019
    raw = b"data:" + value + b"\n\n"  # the line is 1024 bytes
    assert decode([raw], max_line_bytes=1024) == [ServerSentEvent("message", value.decode())]


def test_sixty_four_mib_line_raises_quickly_with_small_peak_memory() -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(64):
            yield b"a" * MiB

    decoder = SSEDecoder(max_line_bytes=MiB)
    fed = 0
    tracemalloc.start()
    try:
        with pytest.raises(SSELineTooLongError):
            for chunk in chunks():
                fed += 1
                decoder.feed(chunk)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert fed <= 2
    assert peak < 8 * MiB


def test_audio_sized_data_line_decodes_with_default_limit() -> None:
    payload = '{"content":"' + "A" * 95_000 + '"}'
    raw = f"event:conversation.audio.delta\ndata:{payload}\n\n".encode()
    assert len(raw) > 95_000
    expected = [ServerSentEvent("conversation.audio.delta", payload)]
    assert decode([raw]) == expected
    assert decode(raw[i : i + 4096] for i in range(0, len(raw), 4096)) == expected


def test_accumulated_multi_line_data_over_limit_raises() -> None:
    decoder = SSEDecoder(max_line_bytes=1024)
    line = b"data: " + b"z" * 100 + b"\n"  # each line well under the limit
    with pytest.raises(SSELineTooLongError):
        for _ in range(20):
            decoder.feed(line)
    assert not decoder.has_pending
    assert decoder.feed(b"data: ok\n\n") == [ServerSentEvent("message", "ok")]


def test_multi_line_data_just_under_limit_is_accepted() -> None:
    lines = [b"data: " + b"z" * 99 + b"\n"] * 10  # 10 x (99 bytes + joining newline) = 1000
    (event,) = decode([*lines, b"\n"], max_line_bytes=1024)
    assert event.data == "\n".join(["z" * 99] * 10)


# --- 10. keep-alive comments do not accumulate ---------------------------------------------------


def test_ten_thousand_comment_lines_keep_buffer_small() -> None:
    decoder = SSEDecoder()
    for i in range(10_000):
        assert decoder.feed(f": keep-alive {i}\n".encode()) == []
        assert decoder.buffered_bytes < KiB
        assert not decoder.has_pending
    assert decoder.feed(b"event: ping\ndata: 1\n\n") == [ServerSentEvent("ping", "1")]


def test_comment_lines_in_large_chunks_keep_buffer_small() -> None:
    stream = b"".join(f": keep-alive {i}\n".encode() for i in range(10_000))
    decoder = SSEDecoder()
    for i in range(0, len(stream), 4096):
        assert decoder.feed(stream[i : i + 4096]) == []
        assert decoder.buffered_bytes < KiB
    assert decoder.feed(b"data: last\n\n") == [ServerSentEvent("message", "last")]


# --- 12. has_pending and flush -----------------------------------------------------------------


def test_flush_on_empty_decoder_returns_nothing() -> None:
    decoder = SSEDecoder()
    assert not decoder.has_pending
    assert decoder.flush() == []
    assert decoder.flush() == []


@pytest.mark.parametrize(
    "partial",
    [
        pytest.param(b"da", id="partial-line"),
        pytest.param(b"data: x\n", id="data-field-held"),
        pytest.param(b"event: a\n", id="event-field-held"),
        pytest.param(b"data: x\r", id="line-ending-in-cr"),
    ],
)
def test_has_pending_while_event_undispatched(partial: bytes) -> None:
    decoder = SSEDecoder()
    assert decoder.feed(partial) == []
    assert decoder.has_pending


def test_has_pending_false_after_dispatch_and_after_flush() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"data: x\n") == []
    assert decoder.has_pending
    assert decoder.feed(b"\n") == [ServerSentEvent("message", "x")]
    assert not decoder.has_pending
    assert decoder.feed(b": comment\n\n") == []
    assert not decoder.has_pending
    decoder.feed(b"data: y")
    assert decoder.has_pending
    assert decoder.flush() == [ServerSentEvent("message", "y")]
    assert not decoder.has_pending
    assert decoder.flush() == []


def test_bare_field_names_after_an_event_in_the_same_chunk() -> None:
    """A ``data`` line without a colon (an empty data line) after an event dispatched from the
    same chunk belongs to the next event."""
    decoder = SSEDecoder()
    events = decoder.feed(b"data:a\n\ndata\ndata:b\n\nevent\ndata:c\n\n")
    assert events == [
        ServerSentEvent("message", "a"),
        ServerSentEvent("message", "\nb"),
        ServerSentEvent("message", "c"),
    ]


# --- 13. fast paths: what a stream decodes itself comes out in order, as the event would -------

FAST_NAMES = ["a", "b", "delta"]
SHORTCUT = (b"delta", b'{"k":', b"}")
MIDDLE = st.text(st.characters(exclude_characters="\r\n", exclude_categories=("Cs",)), max_size=6)


def fast(name: bytes, data: bytes, _: SSEDecoder[Any]) -> tuple[str, bytes, bytes] | None:
    """Decodes events named a or b (declining some), as a stream's fast path does."""
    return ("fast", name, data) if name in (b"a", b"b") and len(data) % 3 else None


def build(middle: bytes) -> tuple[str, bytes] | None:
    return ("built", middle) if b"x" not in middle else None


def trace(decoder: SSEDecoder[Any], chunks: Iterable[bytes]) -> list[tuple[Any, ...]]:
    """Every event fed and flushed, as (event, data, id, retry), or (event, data, how) for one
    a fast path gave; a too-long line as ("too long",)."""
    out: list[tuple[Any, ...]] = []
    for chunk in [*chunks, None]:
        try:
            items = decoder.feed(chunk) if chunk is not None else decoder.flush()
        except SSELineTooLongError:
            out.append(("too long",))
            continue
        for item in items:
            if isinstance(item, ServerSentEvent):
                out.append(tuple(item))
            elif item[0] == "fast":
                name, data = item[1].decode("utf-8", "replace"), item[2].decode("utf-8", "replace")
                out.append((name or "message", data, "fast"))
            else:
                middle = item[1].decode("utf-8", "replace")
                head, tail = SHORTCUT[1].decode(), SHORTCUT[2].decode()
                out.append((SHORTCUT[0].decode(), head + middle + tail, "built"))
    return out


def assert_same_events(plain: list[tuple[Any, ...]], hooked: list[tuple[Any, ...]]) -> None:
    assert len(plain) == len(hooked), (plain, hooked)
    for want, got in zip(plain, hooked, strict=True):
        if got[-1] in ("fast", "built"):
            assert want[:2] == got[:2], (want, got)  # ids are for the stream to ignore
        else:
            assert want == got


@st.composite
def fast_path_streams(draw: st.DrawFn) -> tuple[bytes, list[int]]:
    specs = []
    for _ in range(draw(st.integers(0, 8))):
        if draw(st.booleans()):
            middle = draw(MIDDLE)
            framed = draw(st.sampled_from(["plain", "plain", "plain", "id", "spaced"]))
            specs.append(
                (
                    "delta",
                    f'{{"k":{middle}}}',
                    "7" if framed == "id" else None,
                    None,
                    framed == "spaced",
                )
            )
        else:
            spec = draw(event_specs())
            specs.append((draw(st.sampled_from([*FAST_NAMES, spec[0]])), *spec[1:]))
    raw, _ = encode_events(specs, draw(st.sampled_from(["\n", "\n", "\r\n"])), draw(st.booleans()))
    cuts = draw(st.lists(st.integers(0, len(raw)), max_size=8))
    return raw, cuts


@settings(max_examples=300, deadline=None)
@given(stream=fast_path_streams(), limit=st.sampled_from([12, 40, 16 * MiB]))
def test_fast_paths_give_what_the_events_are(stream: tuple[bytes, list[int]], limit: int) -> None:
    raw, cuts = stream
    hooked: SSEDecoder[Any] = SSEDecoder(limit)
    hooked.set_fast_path(fast)
    hooked.set_shortcut(*SHORTCUT, build)
    plain = trace(SSEDecoder(limit), split_at(raw, cuts))
    assert_same_events(plain, trace(hooked, split_at(raw, cuts)))


def test_the_shortcut_builds_events_and_fast_paths_are_not_used_by_flush() -> None:
    decoder: SSEDecoder[Any] = SSEDecoder()
    decoder.set_fast_path(fast)
    decoder.set_shortcut(*SHORTCUT, build)
    raw = b'event:delta\ndata:{"k":1}\n\nevent:a\ndata:xy\n\nevent:delta\ndata:{"k":"x"}\n\n'
    assert decoder.feed(raw) == [
        ("built", b"1"),
        ("fast", b"a", b"xy"),
        ServerSentEvent("delta", '{"k":"x"}'),  # declined by build and by the fast path
    ]
    assert decoder.feed(b'event:delta\ndata:{"k":2}\n\nevent:a\ndata:xy\n') == [("built", b"2")]
    assert decoder.flush() == [ServerSentEvent("a", "xy")]  # the last event: no fast path


@pytest.mark.parametrize(
    ("name", "head", "tail"),
    [
        (b"", b"{", b"}"),
        (b" delta", b"{", b"}"),
        (b"delta", b"", b"}"),
        (b"delta", b" {", b"}"),
        (b"del\nta", b"{", b"}"),
        (b"delta", b"{\r", b"}"),
        (b"delta", b"{", b"}\n"),
    ],
)
def test_a_shortcut_the_framing_could_confuse_is_not_set(name: bytes, head: bytes, tail: bytes):
    decoder: SSEDecoder[Any] = SSEDecoder()
    decoder.set_shortcut(name, head, tail, build)
    raw = b"event:%s\ndata:%s1%s\n\n" % (name, head, tail)
    assert all(isinstance(item, ServerSentEvent) for item in decoder.feed(raw))
