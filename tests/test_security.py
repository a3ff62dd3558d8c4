"""Security: no secret in logs, reprs or errors; TLS verified by default (a private CA via
``ssl=``); no token over plain http to a remote host; no token handed to a redirect."""

from __future__ import annotations

import logging
import pickle
import ssl
import traceback
from collections.abc import AsyncIterator

import pytest
import trustme
from aiohttp import web

from coze_async import (
    AsyncCoze,
    AuthenticationError,
    Coze,
    CozeConnectionError,
    CozeError,
    CozeInvalidResponseError,
    Message,
    TokenAuth,
)
from coze_async.emulator import ECHO_BOT_ID, Emulator

CANARY = "pat_CANARY_7f3a9c_do_not_leak"


def ask() -> list[Message]:
    return [Message.build_user_question_text("hello")]


@pytest.fixture
async def emu() -> AsyncIterator[Emulator]:
    async with Emulator(token=CANARY, strict=True) as emulator:
        yield emulator


async def test_no_secret_in_debug_logs_reprs_or_errors(emu, caplog):
    caplog.set_level(logging.DEBUG)
    async with AsyncCoze(TokenAuth(CANARY), emu.base_url) as coze:
        events = [
            e
            async for e in coze.chat.stream(
                bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask()
            )
        ]
        assert events
        emu.inject(path="/v3/chat/retrieve", status=503, times=1)
        chat = events[-1].chat
        await coze.chat.retrieve(conversation_id=chat.conversation_id, chat_id=chat.id)
        texts = [repr(coze), repr(coze.auth), str(coze.auth)]
    async with AsyncCoze(TokenAuth(CANARY + "x"), emu.base_url) as wrong:
        with pytest.raises(AuthenticationError) as info:
            await wrong.chat.create(bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask())
        texts += [
            str(info.value),
            repr(info.value),
            "".join(traceback.format_exception(info.value)),
        ]
    assert any("retry" in r.getMessage() for r in caplog.records), "the retry was logged"
    assert any(r.levelno == logging.DEBUG for r in caplog.records), "requests were logged"
    for record in caplog.records:
        assert CANARY not in record.getMessage()
    for text in texts:
        assert CANARY not in text


def test_token_auth_cannot_be_pickled_and_sync_client_hides_it():
    with pytest.raises(TypeError, match="secret"):
        pickle.dumps(TokenAuth(CANARY))
    with Coze(TokenAuth(CANARY), "https://api.test") as coze:
        assert CANARY not in repr(coze)


def test_plain_http_to_a_remote_host_is_refused_before_any_request():
    with pytest.raises(ValueError, match="allow_insecure_http") as info:
        AsyncCoze(TokenAuth(CANARY), "http://example.test")
    assert "coze-studio" in str(info.value)
    assert CANARY not in str(info.value)
    with pytest.raises(ValueError, match="allow_insecure_http"):
        Coze(TokenAuth(CANARY), "http://192.168.1.20:8888")


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8080", "http://localhost:8888", "http://[::1]:80"]
)
def test_plain_http_to_loopback_is_allowed(url: str):
    AsyncCoze(TokenAuth(CANARY), url)


def test_plain_http_to_a_lan_host_needs_an_explicit_opt_in(caplog, monkeypatch):
    with caplog.at_level(logging.WARNING, logger="coze_async"):
        AsyncCoze(TokenAuth(CANARY), "http://192.168.1.20:8888", allow_insecure_http=True)
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "plain http" in warnings[0].getMessage()
    monkeypatch.setenv("COZE_ALLOW_INSECURE_HTTP", "1")
    AsyncCoze(TokenAuth(CANARY), "http://192.168.1.20:8888")


def test_disabling_tls_verification_is_logged(caplog):
    with caplog.at_level(logging.WARNING, logger="coze_async"):
        AsyncCoze(TokenAuth(CANARY), "https://api.test", ssl=False)
    assert any("verification is disabled" in r.getMessage() for r in caplog.records)


@pytest.fixture
def tls_emulator():
    """The emulator behind TLS with a certificate from a private CA."""
    ca = trustme.CA()
    server_cert = ca.issue_cert("127.0.0.1", "localhost")
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_cert.configure_cert(server_context)
    client_context = ssl.create_default_context()
    ca.configure_trust(client_context)
    return server_context, client_context


async def test_tls_is_verified_by_default_and_a_private_ca_can_be_trusted(tls_emulator):
    server_context, client_context = tls_emulator
    emulator = Emulator(token=CANARY, strict=True)
    runner = web.AppRunner(emulator.app, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=server_context)
    await site.start()
    try:
        port = runner.addresses[0][1]
        url = f"https://127.0.0.1:{port}"
        async with AsyncCoze(TokenAuth(CANARY), url) as coze:
            with pytest.raises(CozeConnectionError, match="TLS") as info:
                await coze.chat.create(bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask())
        assert info.value.retryable is False
        assert emulator.request_counts == {}
        async with AsyncCoze(TokenAuth(CANARY), url, ssl=client_context) as coze:
            chat = await coze.chat.create(
                bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask()
            )
        assert chat.id
        assert emulator.request_counts == {"/v3/chat": 1}
    finally:
        await runner.cleanup()


async def test_a_redirect_is_not_followed_and_the_token_stays_home(loopback):
    elsewhere_hits: list[str] = []

    async def elsewhere(request: web.Request) -> web.Response:
        elsewhere_hits.append(request.headers.get("Authorization", ""))
        return web.json_response({"code": 0, "msg": "", "data": {}})

    other_app = web.Application()
    other_app.router.add_route("*", "/{tail:.*}", elsewhere)
    other = await loopback(other_app)

    async def redirect(request: web.Request) -> web.Response:
        raise web.HTTPFound(f"{other.url}/v3/chat/retrieve")

    app = web.Application()
    app.router.add_post("/v3/chat/retrieve", redirect)
    server = await loopback(app)
    async with AsyncCoze(TokenAuth(CANARY), server.url) as coze:
        with pytest.raises(CozeInvalidResponseError) as info:
            await coze.chat.retrieve(conversation_id="c", chat_id="x")
    assert info.value.status == 302
    assert elsewhere_hits == []


async def test_ids_with_path_characters_never_reach_the_server(emu):
    async with AsyncCoze(TokenAuth(CANARY), emu.base_url) as coze:
        with pytest.raises(ValueError, match="bot_id"):
            await coze.bots.versions.list(bot_id="../workspaces/1")
    assert emu.request_counts == {}


def test_every_error_class_is_a_coze_error():
    import coze_async

    errors = [
        getattr(coze_async, name)
        for name in coze_async.__all__
        if isinstance(getattr(coze_async, name), type)
        and issubclass(getattr(coze_async, name), Exception)
    ]
    assert len(errors) >= 10
    assert all(issubclass(e, CozeError) for e in errors)


@pytest.mark.parametrize(
    ("env", "trusted"), [({}, False), ({"HTTPS_PROXY": "http://127.0.0.1:3128"}, True)]
)
async def test_environment_proxies_are_honoured_when_configured(emu, monkeypatch, env, trusted):
    for name in [n for n in __import__("os").environ if n.lower().endswith("_proxy")]:
        monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    async with AsyncCoze(TokenAuth(CANARY), emu.base_url) as coze:
        await coze.chat.create(bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask())
        session = coze._transport._session
        assert session is not None
        assert session.trust_env is trusted
