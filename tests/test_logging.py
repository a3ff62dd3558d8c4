"""Logging (the drop-in issue, item 4): the ``coze_async`` logger, cozepy's ``setup_logging``,
one DEBUG line per request and per answer (metadata only: a token or a body never shows), and
an INFO line per retry saying why and how long it waits."""

from __future__ import annotations

import asyncio
import logging
import re
import socket
from collections.abc import Iterator

import pytest

import coze_async
from coze_async import AsyncCoze, CozeConnectionError, Message, TokenAuth, setup_logging
from coze_async._log import _StderrHandler, logger
from coze_async.emulator import ECHO_BOT_ID, Emulator
from tests.conftest import run_python
from tests.sleeps import record_client_sleeps

CANARY_TOKEN = "pat_canary_7f3e9a1b2c4d"
CANARY_BODY = "body-canary-5c1d"


@pytest.fixture
def restore_logger() -> Iterator[None]:
    """Put the logger back as the test found it (level and handlers)."""
    level, handlers = logger.level, list(logger.handlers)
    yield
    logger.setLevel(level)
    for handler in list(logger.handlers):
        if handler not in handlers:
            logger.removeHandler(handler)


def test_importing_configures_nothing() -> None:
    script = (
        "import logging, coze_async, coze_async.log\n"
        "log = logging.getLogger('coze_async')\n"
        "print(log is coze_async.log.logger, log.handlers, log.level, log.propagate)\n"
        "coze_async.AsyncCoze\n"  # the client modules loaded: still nothing configured
        "print(log.handlers, log.level, log.propagate, logging.getLogger().handlers)\n"
    )
    result = run_python(script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["True [] 0 True", "[] 0 True []"]


def test_the_sdk_writes_to_one_logger() -> None:
    import coze_async.log
    from coze_async import _oauth, _transport

    assert logger is logging.getLogger("coze_async")
    assert _transport.log is logger
    assert _oauth.log is logger
    assert coze_async.log.logger is logger


@pytest.mark.usefixtures("restore_logger")
@pytest.mark.parametrize(
    "level", [logging.CRITICAL, logging.ERROR, logging.WARNING, logging.INFO, logging.DEBUG, 0]
)
def test_setup_logging_sets_the_level(level: int) -> None:
    setup_logging(level)
    assert logger.level == level
    assert logger.propagate is True


@pytest.mark.usefixtures("restore_logger")
def test_setup_logging_defaults_to_warning_and_refuses_other_values() -> None:
    setup_logging()
    assert logger.level == logging.WARNING
    for bad in (5, 25, True, "DEBUG", None):
        with pytest.raises(ValueError, match="invalid log level"):
            setup_logging(bad)  # type: ignore[arg-type]
    assert logger.level == logging.WARNING


@pytest.mark.usefixtures("restore_logger")
def test_setup_logging_adds_no_handler_when_logging_is_configured() -> None:
    assert logging.getLogger().handlers  # pytest's capture handlers: logging is configured
    setup_logging(logging.DEBUG)
    assert not [h for h in logger.handlers if isinstance(h, _StderrHandler)]


@pytest.mark.usefixtures("restore_logger")
def test_setup_logging_makes_the_lines_visible_in_an_unconfigured_script(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(logging.getLogger(), "handlers", [])
    setup_logging(logging.DEBUG)
    setup_logging(logging.INFO)  # a second call adds no second handler
    ours = [h for h in logger.handlers if isinstance(h, _StderrHandler)]
    assert len(ours) == 1
    assert logger.propagate is True
    assert logger.level == logging.INFO


def test_setup_logging_in_a_script_prints_debug_lines() -> None:
    # cozepy's examples: setup_logging(logging.DEBUG) in a script shows the SDK's DEBUG lines.
    script = (
        "import logging\n"
        "from coze_async import setup_logging\n"
        "from coze_async.log import log_debug\n"
        "setup_logging(logging.DEBUG)\n"
        "log_debug('hello %s', 'there')\n"
        "logging.getLogger('coze_async').propagate or print('propagation off')\n"
    )
    result = run_python(script)
    assert result.returncode == 0, result.stderr
    assert "[coze_async][DEBUG]" in result.stderr
    assert "hello there" in result.stderr
    assert result.stdout == ""


async def test_each_request_and_answer_has_a_debug_line(
    emu: Emulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="coze_async")
    async with AsyncCoze(TokenAuth(emu.token), emu.base_url) as coze:
        user = await coze.users.me()
    lines = [r.getMessage() for r in caplog.records if r.name == "coze_async"]
    assert lines[0] == "GET /v1/users/me: sending"
    assert lines[1].startswith("GET /v1/users/me -> 200 in ")
    assert lines[1].endswith(f" ms, logid={user.response.logid}")
    assert user.response.logid
    assert all(r.levelno == logging.DEBUG for r in caplog.records if r.name == "coze_async")


async def test_a_failed_connection_has_a_debug_line(caplog: pytest.LogCaptureFixture) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed when the block ends: nothing listens there
    caplog.set_level(logging.DEBUG, logger="coze_async")
    async with AsyncCoze(TokenAuth("t"), f"http://127.0.0.1:{port}", max_retries=0) as coze:
        with pytest.raises(CozeConnectionError):
            await coze.users.me()
    lines = [r.getMessage() for r in caplog.records if r.name == "coze_async"]
    assert lines[0] == "GET /v1/users/me: sending"
    assert lines[1].startswith("GET /v1/users/me: CozeConnectionError after ")
    assert lines[1].endswith(" ms")


async def test_a_retry_says_why_and_how_long_it_waits(
    emu: Emulator, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    waits = record_client_sleeps(monkeypatch)
    emu.inject(path="/v1/users/me", status=503, code=5000, times=1)
    caplog.set_level(logging.INFO, logger="coze_async")
    async with AsyncCoze(TokenAuth(emu.token), emu.base_url) as coze:
        await coze.users.me()
    [retry] = [r for r in caplog.records if r.name == "coze_async"]
    assert retry.levelno == logging.INFO
    message = retry.getMessage()
    assert message.startswith("GET /v1/users/me failed (InternalServerError, status=503, code=5000")
    assert re.search(r", logid=\w+\), retry 1 of 2 in (\d\.\d\d) s$", message)
    assert message.endswith(f"retry 1 of 2 in {waits[0]:.2f} s")


async def test_a_token_or_a_body_never_reaches_the_logs(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    record_client_sleeps(monkeypatch)
    caplog.set_level(logging.DEBUG)  # every logger, aiohttp's included
    async with Emulator(token=CANARY_TOKEN, strict=True) as emu:
        emu.inject(path="/v1/conversation/create", status=503, times=1)
        async with AsyncCoze(TokenAuth(CANARY_TOKEN), emu.base_url) as coze:
            conversation = await coze.conversations.create()
            await coze.conversations.messages.create(
                conversation_id=conversation.id,
                role="user",
                content=CANARY_BODY,
                content_type="text",
            )
            ask = [Message.build_user_question_text(CANARY_BODY)]
            async for _ in coze.chat.stream(
                bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask
            ):
                pass
        async with AsyncCoze(TokenAuth(CANARY_TOKEN + "-wrong"), emu.base_url) as coze:
            with pytest.raises(coze_async.AuthenticationError):
                await coze.users.me()
        await asyncio.sleep(0)
    ours = [r for r in caplog.records if r.name == "coze_async"]
    assert len(ours) >= 10  # requests, answers, the retry: the lines were there to leak into
    everything = caplog.text + "".join(repr(r.args) + r.getMessage() for r in caplog.records)
    assert CANARY_TOKEN not in everything
    assert CANARY_BODY not in everything
