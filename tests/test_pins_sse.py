"""Pins for ``_sse.SSEDecoder`` at its edges: every byte limit exactly at the limit and one
over (held partial line, last partial line, one line, one event's data summed over lines, the
regex path's field values), the running data size reset after dispatch, flush and an error, the
whole-event hold below ``_HOLD_INCOMPLETE``, the fast path never taken with fields pending or
with CR line ends, the 64-name cache, ``retry`` digits, and multi-line data joins."""

from __future__ import annotations

import pytest

from coze_async._sse import _HOLD_INCOMPLETE, ServerSentEvent, SSEDecoder, SSELineTooLongError


def sse(data: str, event: str = "message", id: str | None = None, retry: int | None = None):
    return ServerSentEvent(event, data, id, retry)


# --- construction ------------------------------------------------------------------------------


@pytest.mark.parametrize("limit", [0, -1])
def test_a_limit_below_one_byte_is_rejected(limit: int) -> None:
    with pytest.raises(ValueError, match="max_line_bytes must be positive"):
        SSEDecoder(limit)


def test_a_one_byte_limit_works() -> None:
    decoder = SSEDecoder(1)
    assert decoder.feed(b"a") == []
    assert decoder.buffered_bytes == 1
    with pytest.raises(SSELineTooLongError):
        decoder.feed(b"b")


def test_a_new_decoder_holds_nothing() -> None:
    decoder = SSEDecoder()
    assert decoder.buffered_bytes == 0
    assert not decoder.has_pending
    assert decoder.feed(b"ab") == []
    assert decoder.buffered_bytes == 2


# --- a partial line held across feeds (no line end in the chunk) --------------------------------


def test_a_held_partial_line_may_reach_the_limit_exactly() -> None:
    decoder = SSEDecoder(10)
    assert decoder.feed(b"data:") == []
    assert decoder.feed(b"12345") == []
    assert decoder.buffered_bytes == 10
    assert decoder.feed(b"\n\n") == [sse("12345")]
    assert decoder.buffered_bytes == 0


def test_a_held_partial_line_one_byte_over_the_limit_raises_and_resets() -> None:
    decoder = SSEDecoder(10)
    decoder.feed(b"data:12345")
    with pytest.raises(SSELineTooLongError) as info:
        decoder.feed(b"6")
    assert info.value.limit == 10
    assert decoder.buffered_bytes == 0
    assert not decoder.has_pending
    assert decoder.feed(b"data:ok\n\n") == [sse("ok")]


# --- the last partial line of a chunk that has line ends ---------------------------------------


def test_the_rest_after_the_last_line_end_may_reach_the_limit_exactly() -> None:
    decoder = SSEDecoder(10)
    assert decoder.feed(b"data:1\n\ndata:12345") == [sse("1")]
    assert decoder.buffered_bytes == 10
    assert decoder.feed(b"\n\n") == [sse("12345")]


def test_the_rest_one_byte_over_the_limit_raises_and_resets() -> None:
    decoder = SSEDecoder(10)
    with pytest.raises(SSELineTooLongError):
        decoder.feed(b"data:1\n\ndata:123456")
    assert decoder.buffered_bytes == 0
    assert decoder.feed(b"data:2\n\n") == [sse("2")]


# --- one complete line -------------------------------------------------------------------------


def test_a_complete_line_at_the_limit_passes_and_one_over_raises() -> None:
    assert SSEDecoder(10).feed(b"data:12345\n\n") == [sse("12345")]
    with pytest.raises(SSELineTooLongError):
        SSEDecoder(10).feed(b"data:123456\n\n")
    with pytest.raises(SSELineTooLongError):
        SSEDecoder(10).feed(b"data:1\r\n\r\ndata:123456\r\n\r\n")


# --- one event's data, summed over its lines (value + 1 per line) -------------------------------


def test_multi_line_data_may_sum_to_the_limit_exactly() -> None:
    decoder = SSEDecoder(10)
    # 4 + 1 and 4 + 1: exactly 10.
    assert decoder.feed(b"data:1234\ndata:1234\n\n") == [sse("1234\n1234")]
    # The running size restarts at 0 for the next event of the same decoder.
    assert decoder.feed(b"data:1234\ndata:1234\n\n") == [sse("1234\n1234")]


def test_multi_line_data_one_byte_over_the_limit_raises() -> None:
    with pytest.raises(SSELineTooLongError):
        SSEDecoder(10).feed(b"data:1234\ndata:12345\n\n")


def test_a_bare_data_line_counts_one_byte() -> None:
    # 5 + 4 + 1 = 10 passes, 5 + 5 + 1 = 11 does not.
    assert SSEDecoder(10).feed(b"data:1234\ndata:123\ndata\n\n") == [sse("1234\n123\n")]
    with pytest.raises(SSELineTooLongError):
        SSEDecoder(10).feed(b"data:1234\ndata:1234\ndata\n\n")


def test_an_event_of_only_bare_data_lines_is_bounded_too() -> None:
    # Found by these pins: bare ``data`` lines counted towards the size but never checked it,
    # so an event of nothing but them grew without bound.
    assert SSEDecoder(10).feed(b"data\n" * 10 + b"\n") == [sse("\n" * 9)]
    with pytest.raises(SSELineTooLongError):
        SSEDecoder(10).feed(b"data\n" * 11 + b"\n")
    decoder = SSEDecoder(1024)
    with pytest.raises(SSELineTooLongError):
        for _ in range(1000):
            decoder.feed(b"data\n" * 100)


def test_the_data_size_restarts_after_an_event_dispatched_by_flush() -> None:
    decoder = SSEDecoder(10)
    assert decoder.feed(b"data:1234\ndata:1234") == []
    assert decoder.flush() == [sse("1234\n1234")]
    assert decoder.feed(b"data:1234\ndata:1234\n\n") == [sse("1234\n1234")]


def test_the_data_size_restarts_after_a_name_only_event_is_flushed() -> None:
    decoder = SSEDecoder(10)
    assert decoder.feed(b"data:12345\n") == []
    assert decoder.flush() == [sse("12345")]
    assert decoder.feed(b"data:1234\ndata:1234\n\n") == [sse("1234\n1234")]


def test_the_data_size_restarts_after_a_limit_error() -> None:
    decoder = SSEDecoder(10)
    with pytest.raises(SSELineTooLongError):
        decoder.feed(b"data:1234\ndata:1234\ndata:1\n")
    assert not decoder.has_pending
    assert decoder.feed(b"data:1234\ndata:1234\n\n") == [sse("1234\n1234")]


def test_an_event_name_does_not_survive_a_limit_error() -> None:
    decoder = SSEDecoder(10)
    with pytest.raises(SSELineTooLongError):
        decoder.feed(b"event:x\ndata:1\r\ndata:123456\r\n")
    assert decoder.feed(b"data:y\n\n") == [sse("y")]


# --- the regex path's value bounds -------------------------------------------------------------


def test_regular_event_values_are_bounded_on_the_fast_path() -> None:
    # The regex path bounds each field value (not the whole line): exactly the limit passes.
    assert SSEDecoder(10).feed(b"event:x\ndata:0123456789\n\n") == [sse("0123456789", "x")]
    assert SSEDecoder(10).feed(b"event:0123456789\ndata:y\n\n") == [sse("y", "0123456789")]


@pytest.mark.parametrize(
    "chunk",
    [b"event:x\ndata:0123456789A\n\n", b"event:0123456789A\ndata:y\n\n"],
    ids=["data-over", "name-over"],
)
def test_regular_event_value_one_over_the_limit_raises(chunk: bytes) -> None:
    with pytest.raises(SSELineTooLongError):
        SSEDecoder(10).feed(chunk)


# --- holding an incomplete regular event whole -------------------------------------------------


def test_an_incomplete_regular_event_is_held_whole_below_the_limit() -> None:
    decoder = SSEDecoder(20)
    start = b"event:x\ndata:abcdef"  # 19 bytes
    assert decoder.feed(start) == []
    assert decoder.buffered_bytes == 19
    assert decoder.feed(b"\n\n") == [sse("abcdef", "x")]


def test_an_incomplete_regular_event_at_the_limit_keeps_only_its_last_line() -> None:
    decoder = SSEDecoder(20)
    assert decoder.feed(b"event:x\ndata:abcdefg") == []  # 20 bytes: not held whole
    assert decoder.buffered_bytes == len(b"data:abcdefg")
    assert decoder.feed(b"\n\n") == [sse("abcdefg", "x")]


def test_the_whole_event_hold_stops_at_hold_incomplete() -> None:
    assert _HOLD_INCOMPLETE == 64 * 1024
    head = b"event:x\ndata:"
    below = head + b"a" * (_HOLD_INCOMPLETE - 1 - len(head))
    decoder = SSEDecoder()
    assert decoder.feed(below) == []
    assert decoder.buffered_bytes == _HOLD_INCOMPLETE - 1
    at = head + b"a" * (_HOLD_INCOMPLETE - len(head))
    decoder = SSEDecoder()
    assert decoder.feed(at) == []
    assert decoder.buffered_bytes == _HOLD_INCOMPLETE - len(b"event:x\n")
    assert decoder.feed(b"\n\n") == [sse("a" * (_HOLD_INCOMPLETE - len(head)), "x")]


def test_an_incomplete_id_line_start_is_held_whole_too() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"id:7\nevent:x\ndata:ab") == []
    assert decoder.buffered_bytes == len(b"id:7\nevent:x\ndata:ab")
    assert decoder.feed(b"\n\n") == [sse("ab", "x", "7")]


def test_flush_does_not_hold_an_incomplete_event() -> None:
    decoder = SSEDecoder()
    decoder.feed(b"event:x\ndata:ab")
    assert decoder.flush() == [sse("ab", "x")]
    assert decoder.buffered_bytes == 0


# --- the fast path is skipped when fields are pending or CR is present -------------------------


def test_data_pending_from_an_earlier_chunk_joins_a_regular_event() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"data: a\n") == []
    assert decoder.feed(b"event: x\ndata: b\n\n") == [sse("a\nb", "x")]


def test_an_event_name_pending_from_an_earlier_chunk_is_replaced() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"event: first\n") == []
    assert decoder.feed(b"event: x\ndata: b\n\n") == [sse("b", "x")]
    assert decoder.feed(b"event: first\n") == []
    assert decoder.feed(b"data: b\n\n") == [sse("b", "first")]


def test_a_crlf_data_line_before_an_lf_blank_line_loses_its_cr() -> None:
    assert SSEDecoder().feed(b"event: x\ndata: y\r\n\n") == [sse("y", "x")]
    assert SSEDecoder().feed(b"event: x\rdata: y\r\r\r") == [sse("y", "x")]


# --- other fields ------------------------------------------------------------------------------


def test_retry_with_ten_digits_is_kept_and_eleven_ignored() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"retry: 9999999999\ndata: a\n\n") == [sse("a", retry=9999999999)]
    assert decoder.feed(b"retry: 12345678901\ndata: b\n\n") == [sse("b", retry=9999999999)]
    assert decoder.feed(b"retry:5\ndata: c\n\n") == [sse("c", retry=5)]


def test_a_field_without_a_colon_has_an_empty_value() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"id: 7\ndata: a\n\n") == [sse("a", id="7")]
    assert decoder.feed(b"id\ndata: b\n\n") == [sse("b", id="")]
    assert decoder.feed(b"retry\ndata: c\n\n") == [sse("c", id="")]


def test_the_name_cache_keeps_at_most_64_names() -> None:
    decoder = SSEDecoder()
    names = [f"e{i}" for i in range(100)]
    chunk = b"".join(b"event: %s\ndata: d\n\n" % n.encode() for n in names)
    assert [e.event for e in decoder.feed(chunk)] == names
    assert len(decoder._names) == 64
    # Names beyond the cache still decode, on both paths.
    assert decoder.feed(b"event: e99\r\ndata: d\r\n\r\n") == [sse("d", "e99")]


# --- multi-line data joins ---------------------------------------------------------------------


def test_two_data_lines_join_with_a_newline() -> None:
    assert SSEDecoder().feed(b"data: a\ndata: b\n\n") == [sse("a\nb")]
    assert SSEDecoder().feed(b"data: a\n\n") == [sse("a")]


def test_two_data_lines_completed_by_flush_join_with_a_newline() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"data: a\ndata: b\n") == []
    assert decoder.flush() == [sse("a\nb")]
    decoder.feed(b"data: c\n")
    assert decoder.flush() == [sse("c")]


# --- messages, invalid UTF-8, field edge cases ---------------------------------------------------


def test_the_limit_error_names_the_limit_at_every_check() -> None:
    message = r"^server-sent event line longer than the 8-byte limit$"
    cases = [
        [b"abcd", b"efghi"],  # a held partial line
        [b"abcdefghi\nx"],  # a complete line
        [b"data:abc\r\ndata:abc\r\ndata:a\r\n"],  # one event's data summed over lines
        [b"data:abc\r\ndata:ab\r\ndata\r\ndata\r\n"],  # a bare data line adds its byte
    ]
    for chunks in cases:
        decoder = SSEDecoder(8)
        with pytest.raises(SSELineTooLongError, match=message):
            for chunk in chunks:
                decoder.feed(chunk)


def test_the_limit_below_one_byte_message_is_exact() -> None:
    with pytest.raises(ValueError, match=r"^max_line_bytes must be positive$"):
        SSEDecoder(0)


def test_invalid_utf8_is_replaced_in_every_field_on_the_fast_path() -> None:
    events = SSEDecoder().feed(b"id: i\xff\nevent: e\xff\ndata: d\xff\n\n")
    assert events == [sse("d\ufffd", event="e\ufffd", id="i\ufffd")]


def test_invalid_utf8_is_replaced_in_an_id_on_the_line_parser() -> None:
    events = SSEDecoder().feed(b"id: i\xff\r\ndata: d\r\n\r\n")
    assert events == [sse("d", id="i\ufffd")]


def test_an_id_with_a_nul_is_ignored_on_both_paths() -> None:
    assert SSEDecoder().feed(b"id: a\x00b\nevent: e\ndata: x\n\n") == [sse("x", event="e")]
    assert SSEDecoder().feed(b"id: a\x00b\r\ndata: x\r\n\r\n") == [sse("x")]


def test_an_id_value_may_contain_a_colon() -> None:
    assert SSEDecoder().feed(b"id: a:b\r\ndata: x\r\n\r\n") == [sse("x", id="a:b")]


def test_a_bare_event_line_resets_the_event_name() -> None:
    assert SSEDecoder().feed(b"event: a\nevent\ndata: x\n\n") == [sse("x")]


def test_an_event_completed_by_flush_keeps_retry_and_id() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"retry: 7\r\nid: 3\r\ndata: x\r\n") == []
    assert decoder.flush() == [sse("x", id="3", retry=7)]
