"""Pins for ``_envelope.decode_envelope`` at its edges: the HTTP 400 boundary on every path
(invalid JSON, a non-object body, an object body), non-integer and boolean ``code`` values, an
empty ``msg`` on an error status, and the ``data_field=None`` passthrough. Pure, no I/O."""

from __future__ import annotations

import pytest

from coze_async._envelope import decode_envelope, excerpt
from coze_async._errors import (
    BadRequestError,
    CozeAPIError,
    CozeInvalidResponseError,
    RateLimitError,
)

# --- a body that is not JSON -------------------------------------------------------------------


def test_invalid_json_below_400_is_an_invalid_response() -> None:
    with pytest.raises(CozeInvalidResponseError, match="not valid JSON") as info:
        decode_envelope(399, {}, b"Bad gateway", "data")
    assert info.value.status == 399


def test_invalid_json_at_400_is_the_status_error_with_the_body() -> None:
    with pytest.raises(CozeAPIError) as info:
        decode_envelope(400, {}, b"Bad request", "data")
    assert type(info.value) is BadRequestError
    assert info.value.status == 400
    assert info.value.code is None
    assert info.value.msg == "HTTP 400: Bad request"


def test_broken_json_object_is_invalid_even_on_an_error_status() -> None:
    with pytest.raises(CozeInvalidResponseError, match="not valid JSON"):
        decode_envelope(400, {}, b'  {"code": 4000,', "data")


# --- a JSON body that is not an object ---------------------------------------------------------


def test_non_object_body_at_400_raises_the_status_error() -> None:
    for data_field in (None, "data"):
        with pytest.raises(BadRequestError) as info:
            decode_envelope(400, {}, b"[1, 2]", data_field)
        assert info.value.status == 400
        assert info.value.msg == "HTTP 400: [1, 2]"


def test_empty_body_at_400_says_only_the_status() -> None:
    with pytest.raises(BadRequestError) as info:
        decode_envelope(400, {}, b"", None)
    assert info.value.msg == "HTTP 400"


def test_non_object_body_below_400_passes_through_without_a_data_field() -> None:
    data, meta = decode_envelope(399, {"x-tt-logid": "L"}, b"[1, 2]", None)
    assert data == [1, 2]
    assert meta.status_code == 399
    assert meta.logid == "L"
    data, _ = decode_envelope(200, {}, b"", None)
    assert data is None


def test_non_object_body_with_a_data_field_is_an_invalid_response() -> None:
    with pytest.raises(CozeInvalidResponseError, match="expected a JSON object"):
        decode_envelope(200, {}, b"[1, 2]", "data")


# --- the code field ----------------------------------------------------------------------------


@pytest.mark.parametrize("code", ['"5"', '"4000"', "1.5", "true", "false", "null", "[1]"])
def test_a_code_that_is_not_an_int_counts_as_absent(code: str) -> None:
    body = b'{"code": %s, "msg": "m", "data": {"x": 1}}' % code.encode()
    data, _ = decode_envelope(200, {}, body, "data")
    assert data == {"x": 1}


@pytest.mark.parametrize("code", ['"4000"', "true"])
def test_a_non_int_code_on_an_error_status_is_reported_as_none(code: str) -> None:
    body = b'{"code": %s, "msg": "m"}' % code.encode()
    with pytest.raises(BadRequestError) as info:
        decode_envelope(400, {}, body, "data")
    assert info.value.code is None


def test_an_int_code_is_kept() -> None:
    with pytest.raises(RateLimitError) as info:
        decode_envelope(200, {"Retry-After": "3"}, b'{"code": 4013, "msg": "slow"}', "data")
    assert info.value.code == 4013
    assert info.value.status == 200
    assert info.value.retry_after == 3.0


# --- msg on an error status --------------------------------------------------------------------


def test_empty_msg_at_400_is_replaced_by_the_status_and_body() -> None:
    body = b'{"code": 4000, "msg": ""}'
    with pytest.raises(BadRequestError) as info:
        decode_envelope(400, {}, body, "data")
    assert info.value.msg == f"HTTP 400: {excerpt(body)}"


def test_empty_msg_with_a_nonzero_code_below_400_stays_empty() -> None:
    with pytest.raises(BadRequestError) as info:
        decode_envelope(200, {}, b'{"code": 4000, "msg": ""}', "data")
    assert info.value.msg == ""


def test_an_object_at_400_with_code_zero_is_still_an_error() -> None:
    with pytest.raises(BadRequestError) as info:
        decode_envelope(400, {}, b'{"code": 0, "msg": "bad"}', "data")
    assert info.value.msg == "bad"
    data, _ = decode_envelope(399, {}, b'{"code": 0, "msg": "", "data": 5}', "data")
    assert data == 5


# --- found by mutation testing -----------------------------------------------------------------


def test_invalid_utf8_in_an_error_body_is_replaced_in_the_message() -> None:
    with pytest.raises(CozeAPIError) as info:
        decode_envelope(502, {}, b"\xffbad gateway", "data")
    assert info.value.msg == "HTTP 502: \ufffdbad gateway"
    assert excerpt(b"a\xfe") == "a\ufffd"


def test_a_broken_json_array_is_invalid_even_on_an_error_status() -> None:
    with pytest.raises(CozeInvalidResponseError, match="not valid JSON"):
        decode_envelope(500, {}, b"[oops", "data")


def test_a_non_json_429_keeps_the_retry_after_header() -> None:
    with pytest.raises(RateLimitError) as info:
        decode_envelope(429, {"Retry-After": "2"}, b"slow down", "data")
    assert info.value.retry_after == 2


def test_a_non_object_result_is_invalid_with_its_status() -> None:
    with pytest.raises(CozeInvalidResponseError, match="expected a JSON object") as info:
        decode_envelope(200, {}, b"[1]", "data")
    assert info.value.status == 200


def test_a_msg_that_is_not_a_string_is_empty() -> None:
    with pytest.raises(CozeAPIError) as info:
        decode_envelope(200, {}, b'{"code": 4000, "msg": 5}', "data")
    assert info.value.msg == ""


def test_a_debug_url_that_is_not_a_string_is_dropped() -> None:
    with pytest.raises(CozeAPIError) as info:
        decode_envelope(200, {}, b'{"code": 4000, "msg": "x", "debug_url": 5}', "data")
    assert info.value.debug_url is None
