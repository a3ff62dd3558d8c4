"""HTTP options (the drop-in issue, item 5): ``http_client=`` on both clients, with cozepy's
``SyncHTTPClient`` / ``AsyncHTTPClient`` carrying a timeout (ours, a number, or an
``httpx.Timeout`` read by its attributes) and the pool's ``Limits``, mapped onto the aiohttp
session; an ``aiohttp.ClientSession`` on the async client only."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import aiohttp
import httpx
import pytest

from coze_async import (
    DEFAULT_CONNECTION_LIMITS,
    DEFAULT_TIMEOUT,
    AsyncCoze,
    AsyncHTTPClient,
    Coze,
    CozeTimeoutError,
    Limits,
    SyncHTTPClient,
    Timeout,
    TokenAuth,
)
from coze_async._http_client import HTTPClientOptions
from coze_async._transport import Transport
from coze_async.emulator import Emulator


@pytest.fixture
def threaded_emu() -> Iterator[Emulator]:
    with Emulator.run_in_thread(strict=True) as emulator:
        yield emulator


def transport_of(client: AsyncCoze | Coze) -> Transport:
    async_client = client._client if isinstance(client, Coze) else client
    return async_client._transport


# -- the settings ------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", [SyncHTTPClient, AsyncHTTPClient])
def test_the_defaults_are_cozepys(cls: type[HTTPClientOptions]) -> None:
    options = cls()
    assert options.timeout == DEFAULT_TIMEOUT == Timeout(600.0, connect=5.0)
    assert options.timeout_given is False
    assert options.limits == DEFAULT_CONNECTION_LIMITS
    assert (
        Limits(max_connections=1000, max_keepalive_connections=100, keepalive_expiry=15.0)
        == DEFAULT_CONNECTION_LIMITS
    )
    assert repr(options).startswith(f"{cls.__name__}(timeout=Timeout(")


def test_an_httpx_timeout_is_read_by_its_attributes() -> None:
    options = SyncHTTPClient(timeout=httpx.Timeout(timeout=600.0, connect=5.0))
    assert options.timeout == Timeout(600.0, connect=5.0)
    assert options.timeout_given is True
    assert SyncHTTPClient(timeout=httpx.Timeout(None)).timeout == Timeout(None)
    detailed = httpx.Timeout(connect=1.0, read=2.0, write=3.0, pool=4.0)
    assert AsyncHTTPClient(timeout=detailed).timeout == Timeout(
        None, connect=1.0, read=2.0, write=3.0, pool=4.0
    )
    assert SyncHTTPClient(timeout=7).timeout == Timeout(7.0)
    assert SyncHTTPClient(timeout=Timeout(3, total=9)).timeout.total == 9.0


def test_an_httpx_limits_is_read_by_its_attributes() -> None:
    limits = httpx.Limits(max_connections=10, max_keepalive_connections=2, keepalive_expiry=1.5)
    assert SyncHTTPClient(limits=limits).limits == Limits(
        max_connections=10, max_keepalive_connections=2, keepalive_expiry=1.5
    )
    assert AsyncHTTPClient(limits=httpx.Limits()).limits == Limits(
        max_connections=None, max_keepalive_connections=None, keepalive_expiry=5.0
    )


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"max_connections": 0}, ValueError, "max_connections must be at least 1"),
        ({"max_connections": 1.5}, TypeError, "max_connections must be an int"),
        ({"max_connections": True}, TypeError, "max_connections must be an int"),
        ({"max_keepalive_connections": -1}, ValueError, "at least 0"),
        ({"keepalive_expiry": 0}, ValueError, "keepalive_expiry must be a positive"),
        ({"keepalive_expiry": float("inf")}, ValueError, "keepalive_expiry must be a positive"),
        ({"keepalive_expiry": "5"}, TypeError, "keepalive_expiry must be seconds"),
    ],
)
def test_limits_are_checked(kwargs: dict[str, object], error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        Limits(**kwargs)  # type: ignore[arg-type]


def test_bad_settings_are_refused() -> None:
    with pytest.raises(TypeError, match="limits must be a coze_async Limits"):
        SyncHTTPClient(limits=100)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="timeout must be a positive"):
        SyncHTTPClient(timeout=-1)
    with pytest.raises(TypeError, match="proxy"):
        SyncHTTPClient(proxy="http://proxy")  # type: ignore[call-arg]


# -- on the clients ----------------------------------------------------------------------------


async def test_the_async_client_builds_its_pool_from_the_limits(emu: Emulator) -> None:
    http = AsyncHTTPClient(limits=Limits(max_connections=3, keepalive_expiry=2.0))
    async with AsyncCoze(TokenAuth(emu.token), emu.base_url, http_client=http) as coze:
        await coze.users.me()
        session = transport_of(coze)._session
        assert session is not None
        connector = session.connector
        assert connector is not None
        assert connector.limit == 3
        assert connector._keepalive_timeout == 2.0  # type: ignore[attr-defined]
        assert not connector.force_close
        assert transport_of(coze).timeout == DEFAULT_TIMEOUT


async def test_no_keepalive_connections_means_one_connection_per_request(emu: Emulator) -> None:
    http = AsyncHTTPClient(limits=Limits(max_connections=None, max_keepalive_connections=0))
    async with AsyncCoze(TokenAuth(emu.token), emu.base_url, http_client=http) as coze:
        await coze.users.me()
        await coze.users.me()
        connector = transport_of(coze)._session.connector  # type: ignore[union-attr]
        assert connector is not None
        assert connector.force_close
        assert connector.limit == 0  # no limit


async def test_the_timeout_of_the_http_client_applies(emu: Emulator) -> None:
    emu.inject(path="/v1/users/me", latency=2.0)
    http = AsyncHTTPClient(timeout=httpx.Timeout(0.2))
    async with AsyncCoze(TokenAuth(emu.token), emu.base_url, http_client=http) as coze:
        started = asyncio.get_running_loop().time()
        with pytest.raises(CozeTimeoutError):
            await coze.users.me(max_retries=0)
        assert asyncio.get_running_loop().time() - started < 1.5


def test_a_given_timeout_also_rules_streams_and_the_default_keeps_theirs() -> None:
    given = AsyncCoze(TokenAuth("t"), http_client=AsyncHTTPClient(timeout=30))
    default = AsyncCoze(TokenAuth("t"), http_client=AsyncHTTPClient())
    assert transport_of(given)._stream_client_timeout.sock_read == 30
    assert transport_of(default)._stream_client_timeout.sock_read == 120


def test_the_timeout_is_given_once() -> None:
    with pytest.raises(ValueError, match="pass the timeout once"):
        AsyncCoze(TokenAuth("t"), timeout=5, http_client=AsyncHTTPClient(timeout=6))
    with pytest.raises(ValueError, match="pass the timeout once"):
        Coze(TokenAuth("t"), timeout=5, http_client=SyncHTTPClient(timeout=6))
    # One of the two is fine.
    coze = AsyncCoze(TokenAuth("t"), timeout=5, http_client=AsyncHTTPClient())
    assert transport_of(coze).timeout == Timeout(5)


def test_the_sync_client_uses_the_http_client(threaded_emu: Emulator) -> None:
    assert threaded_emu.token is not None
    http = SyncHTTPClient(timeout=12, limits=Limits(max_connections=4))
    with Coze(TokenAuth(threaded_emu.token), threaded_emu.base_url, http_client=http) as coze:
        assert coze.users.me().response.logid
        transport = transport_of(coze)
        assert transport.timeout == Timeout(12)
        assert transport._session is not None
        assert transport._session.connector is not None
        assert transport._session.connector.limit == 4


def test_either_settings_class_serves_either_client() -> None:
    # Both carry the same two settings; cozepy's pairing is the usual one, not a requirement.
    assert transport_of(Coze(TokenAuth("t"), http_client=AsyncHTTPClient(timeout=3))).timeout == (
        Timeout(3)
    )
    assert transport_of(
        AsyncCoze(TokenAuth("t"), http_client=SyncHTTPClient(timeout=4))
    ).timeout == (Timeout(4))


async def test_the_sync_client_refuses_a_session_and_says_why() -> None:
    async with aiohttp.ClientSession() as session:
        with pytest.raises(TypeError, match="belongs to the event loop that created it") as info:
            Coze(TokenAuth("t"), http_client=session)  # type: ignore[arg-type]
        assert "SyncHTTPClient(timeout=..., limits=...)" in str(info.value)
        assert "AsyncCoze(http_client=session)" in str(info.value)


async def test_the_async_client_still_takes_a_session_of_its_own(emu: Emulator) -> None:
    async with aiohttp.ClientSession() as session:
        async with AsyncCoze(TokenAuth(emu.token), emu.base_url, http_client=session) as coze:
            await coze.users.me()
            assert transport_of(coze)._session is session
        assert not session.closed  # the caller's to close


async def test_an_httpx_client_is_refused_with_the_way_out() -> None:
    async with httpx.AsyncClient() as async_http:
        with pytest.raises(TypeError, match=r"not httpx\.AsyncClient.*does not use httpx"):
            AsyncCoze(TokenAuth("t"), http_client=async_http)  # type: ignore[arg-type]
    with httpx.Client() as sync_http, pytest.raises(TypeError, match="does not use httpx"):
        Coze(TokenAuth("t"), http_client=sync_http)  # type: ignore[arg-type]


async def test_a_per_call_timeout_may_be_an_httpx_timeout(emu: Emulator) -> None:
    emu.inject(path="/v1/users/me", latency=2.0)
    async with AsyncCoze(TokenAuth(emu.token), emu.base_url) as coze:
        with pytest.raises(CozeTimeoutError):
            await coze.users.me(timeout=httpx.Timeout(0.2), max_retries=0)


# -- cozepy's examples/timeout.py, with only the import changed -------------------------------


def test_cozepys_timeout_example(threaded_emu: Emulator) -> None:
    from coze_async import COZE_COM_BASE_URL  # noqa: F401  (the example imports it)

    coze_api_token = threaded_emu.token
    coze_api_base = threaded_emu.base_url
    http_client = SyncHTTPClient(
        timeout=httpx.Timeout(
            # 600s timeout on elsewhere
            timeout=600.0,
            # 5s timeout on connect
            connect=5.0,
        )
    )
    coze = Coze(
        auth=TokenAuth(token=coze_api_token), base_url=coze_api_base, http_client=http_client
    )
    try:
        assert coze.users.me().response.logid
        assert transport_of(coze).timeout == Timeout(600.0, connect=5.0)
    finally:
        coze.close()

    async def use_async() -> None:
        async_coze = AsyncCoze(
            auth=TokenAuth(token=coze_api_token),
            base_url=coze_api_base,
            http_client=AsyncHTTPClient(
                timeout=httpx.Timeout(
                    # 600s timeout on elsewhere
                    timeout=600.0,
                    # 5s timeout on connect
                    connect=5.0,
                )
            ),
        )
        async with async_coze:
            assert (await async_coze.users.me()).response.logid
            assert transport_of(async_coze).timeout == Timeout(600.0, connect=5.0)

    asyncio.run(use_async())


@pytest.mark.parametrize("name", ["Coze", "AsyncCoze"])
def test_the_clients_take_cozepys_parameters_in_cozepys_order(name: str) -> None:
    import inspect

    import cozepy

    import coze_async

    theirs = list(inspect.signature(getattr(cozepy, name)).parameters.values())
    ours = list(inspect.signature(getattr(coze_async, name)).parameters.values())
    assert [(p.name, p.kind) for p in ours[: len(theirs)]] == [(p.name, p.kind) for p in theirs]
    assert [p.default for p in ours[1 : len(theirs)]] == [p.default for p in theirs[1:]]
    assert all(p.kind is p.KEYWORD_ONLY for p in ours[len(theirs) :])


def test_the_http_client_may_be_passed_by_position(threaded_emu: Emulator) -> None:
    assert threaded_emu.token is not None
    http = SyncHTTPClient(timeout=9)
    with Coze(TokenAuth(threaded_emu.token), threaded_emu.base_url, http) as coze:
        assert coze.users.me().response.logid
        assert transport_of(coze).timeout == Timeout(9)
