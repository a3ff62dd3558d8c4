"""Arguments refused before anything is sent raise ``CozeInvalidArgumentError``: a ``CozeError``
(one ``except CozeError`` catches everything the SDK raises) and still a ``ValueError``
(``CozeInvalidArgumentTypeError`` also a ``TypeError``), so older ``except`` clauses keep working."""

from __future__ import annotations

import pytest

from coze_async import (
    AsyncCoze,
    CozeError,
    CozeInvalidArgumentError,
    CozeInvalidArgumentTypeError,
    MessageObjectString,
    RateLimitError,
    TokenAuth,
)


async def test_bad_ids_and_values_are_coze_errors_and_value_errors(coze):
    calls = [
        lambda: coze.bots.retrieve(bot_id=""),
        lambda: coze.workflows.runs.run_histories.retrieve(workflow_id="../x", execute_id="e"),
        lambda: coze.bots.retrieve(bot_id="b", timeout=-1),
        lambda: coze.chat.create(bot_id="b", user_id="u", max_retries=-1),
    ]
    for call in calls:
        with pytest.raises(CozeInvalidArgumentError) as info:
            await call()
        assert isinstance(info.value, CozeError) and isinstance(info.value, ValueError)


async def test_wrong_types_are_coze_errors_and_type_errors(coze):
    with pytest.raises(CozeInvalidArgumentTypeError) as info:
        await coze.conversations.messages.create(
            conversation_id="c",
            role="user",
            content=5,  # type: ignore[arg-type]
            content_type="text",
        )
    assert isinstance(info.value, CozeError) and isinstance(info.value, TypeError)
    with pytest.raises(CozeError):
        AsyncCoze(auth="pat")  # type: ignore[arg-type]
    with pytest.raises(CozeError):
        TokenAuth("")
    with pytest.raises(CozeError):
        await coze.bots.retrieve(bot_id="b", no_such_option=1)  # type: ignore[call-arg]


def test_message_builders_refuse_bad_input_as_coze_errors():
    with pytest.raises(CozeError):
        MessageObjectString.build_audio()


def test_rate_limit_message_says_when_to_retry():
    error = RateLimitError(4013, "too many requests", "L1", status=429, retry_after=1.5)
    assert "retry_after: 1.5" in str(error)
    assert "retry_after" not in str(RateLimitError(4013, "too many requests", "L1", status=429))


def test_the_sdk_raises_no_bare_value_or_type_error():
    # Every refusal is a CozeInvalidArgumentError (or its TypeError twin); the emulator (a server,
    # independent of the SDK) is not concerned.
    from pathlib import Path

    import coze_async

    root = Path(coze_async.__file__).parent
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for path in root.rglob("*.py")
        if "emulator" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if "raise ValueError(" in line or "raise TypeError(" in line
    ]
    assert offenders == []
