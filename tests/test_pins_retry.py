"""Pins for ``_retry.py`` at its edges: the ``max_retries`` type check, the cap on a
server-requested wait, and how ``retry-after-ms`` / ``Retry-After`` are read (fractions, zero,
negative, non-finite, HTTP dates in the past and the future). Pure functions, no I/O."""

from __future__ import annotations

import time
from datetime import datetime, timezone
from email.utils import format_datetime

import pytest

from coze_async._errors import CozeAPIError, RateLimitError
from coze_async._retry import RetryPolicy, retry_after_seconds

# --- max_retries -------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [True, False, 1.0, 2.5, "2", None])
def test_max_retries_that_is_not_a_plain_int_is_rejected(value: object) -> None:
    with pytest.raises(TypeError, match="max_retries must be an int"):
        RetryPolicy(max_retries=value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [0, 1, 7])
def test_max_retries_plain_int_is_accepted(value: int) -> None:
    assert RetryPolicy(max_retries=value).max_retries == value


def test_negative_max_retries_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="must not be negative, got -1"):
        RetryPolicy(max_retries=-1)


# --- delay_for and the max_retry_after cap -----------------------------------------------------


def _limited(retry_after: float | None) -> RateLimitError:
    error = RateLimitError(4013, "slow down", status=429)
    error.retry_after = retry_after
    return error


def test_a_requested_wait_exactly_at_the_cap_is_honoured() -> None:
    policy = RetryPolicy(max_retry_after=60.0)
    assert policy.delay_for(_limited(60.0), 0, idempotent=True) == 60.0


def test_a_requested_wait_just_over_the_cap_raises_instead() -> None:
    policy = RetryPolicy(max_retry_after=60.0)
    assert policy.delay_for(_limited(60.001), 0, idempotent=True) is None


def test_a_requested_wait_is_returned_as_a_float() -> None:
    delay = RetryPolicy().delay_for(_limited(3), 1, idempotent=False)  # type: ignore[arg-type]
    assert delay == 3.0
    assert type(delay) is float


def test_no_delay_once_the_attempts_are_used_up() -> None:
    policy = RetryPolicy(max_retries=2)
    assert policy.delay_for(_limited(1.0), 1, idempotent=True) == 1.0
    assert policy.delay_for(_limited(1.0), 2, idempotent=True) is None


def test_without_a_hint_the_backoff_doubles_and_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("coze_async._retry.random.random", lambda: 0.0)
    policy = RetryPolicy(base_delay=0.5, max_delay=8.0)
    assert [policy.backoff(n) for n in range(6)] == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]
    monkeypatch.setattr("coze_async._retry.random.random", lambda: 1.0)
    assert [policy.backoff(n) for n in range(3)] == [0.375, 0.75, 1.5]
    error = CozeAPIError(None, "busy", status=503)
    assert policy.delay_for(error, 1, idempotent=False) == 0.75


# --- retry-after-ms ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("millis", "seconds"),
    [("1500", 1.5), ("500", 0.5), ("0", 0.0), ("0.5", 0.0005), ("250.5", 0.2505)],
)
def test_retry_after_ms_is_milliseconds(millis: str, seconds: float) -> None:
    assert retry_after_seconds({"retry-after-ms": millis}) == pytest.approx(seconds)
    # It wins over Retry-After, even when it asks for no wait at all.
    assert retry_after_seconds({"retry-after-ms": millis, "Retry-After": "7"}) == pytest.approx(
        seconds
    )


@pytest.mark.parametrize("millis", ["-1", "-0.5", "-1500", "inf", "-inf", "nan", "1e400", "x", ""])
def test_unusable_retry_after_ms_falls_back_to_retry_after(millis: str) -> None:
    assert retry_after_seconds({"retry-after-ms": millis, "Retry-After": "7"}) == 7.0
    assert retry_after_seconds({"retry-after-ms": millis}) is None


# --- Retry-After as seconds --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"), [("0", 0.0), ("0.5", 0.5), ("1", 1.0), ("2.25", 2.25), ("121", 121.0)]
)
def test_retry_after_seconds_including_zero_and_fractions(text: str, seconds: float) -> None:
    assert retry_after_seconds({"Retry-After": text}) == seconds


@pytest.mark.parametrize("text", ["-1", "-0.5", "inf", "-inf", "nan", "1e400"])
def test_negative_or_non_finite_retry_after_is_ignored(text: str) -> None:
    assert retry_after_seconds({"Retry-After": text}) is None


def test_no_header_no_hint() -> None:
    assert retry_after_seconds({}) is None
    assert retry_after_seconds({"Retry-After": "soon"}) is None


# --- Retry-After as an HTTP date ---------------------------------------------------------------


def _http_date(offset: float) -> str:
    return format_datetime(datetime.fromtimestamp(time.time() + offset, timezone.utc), usegmt=True)


def test_retry_after_http_date_in_the_future_is_the_time_until_it() -> None:
    wait = retry_after_seconds({"Retry-After": _http_date(30)})
    assert wait is not None
    # The date has one-second resolution: 30 s ahead, less up to 1 s of truncation and run time.
    assert 28.0 <= wait <= 30.0


def test_retry_after_http_date_in_the_past_is_no_wait() -> None:
    assert retry_after_seconds({"Retry-After": _http_date(-3600)}) == 0.0
    assert retry_after_seconds({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}) == 0.0


def test_retry_after_http_date_far_ahead_is_over_the_cap() -> None:
    wait = retry_after_seconds({"Retry-After": _http_date(3600)})
    assert wait is not None and wait > RetryPolicy().max_retry_after
    assert RetryPolicy().delay_for(_limited(wait), 0, idempotent=True) is None


def test_max_retries_type_error_names_the_type_given() -> None:
    with pytest.raises(TypeError, match=r"^max_retries must be an int, not str$"):
        RetryPolicy(max_retries="2")  # type: ignore[arg-type]
