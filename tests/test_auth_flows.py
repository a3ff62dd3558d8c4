"""Every OAuth flow end to end against the emulator over real sockets, from both APIs: JWT
(and JWT auth renewing under load), Web, PKCE, device code; config loading; the missing extra;
secrets absent from DEBUG logs, reprs and errors."""

from __future__ import annotations

import asyncio
import logging
import secrets
import sys
import time
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

import coze_async._oauth as oauth_module
from coze_async import (
    AsyncCoze,
    AsyncDeviceOAuthApp,
    AsyncJWTAuth,
    AsyncJWTOAuthApp,
    AsyncPKCEOAuthApp,
    AsyncWebOAuthApp,
    BadRequestError,
    Coze,
    CozeAPIError,
    CozePKCEAuthError,
    CozePKCEAuthErrorType,
    DeviceAuthCode,
    DeviceOAuthApp,
    JWTAuth,
    JWTOAuthApp,
    PKCEOAuthApp,
    Scope,
    TokenAuth,
    WebOAuthApp,
    load_oauth_app_from_config,
)
from coze_async.emulator import PERSONAL_WORKSPACE_ID, Emulator

TOKEN_PATH = "/api/permission/oauth2/token"
REDIRECT = "https://app.example/callback"


@pytest.fixture(scope="module")
def key_pair() -> tuple[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private, public


def jwt_app_id(emu: Emulator, key_pair: tuple[str, str]) -> str:
    return emu.register_oauth_app("jwt", public_key=key_pair[1], public_key_id="kid-1")


@pytest.fixture
def threaded_emu() -> Iterator[Emulator]:
    with Emulator.run_in_thread(strict=True) as emulator:
        yield emulator


async def consent(url: str) -> tuple[str, str]:
    """What the user's browser does: open the consent page, follow it back with the code."""
    async with aiohttp.ClientSession() as session:
        async with session.get(url, allow_redirects=False) as response:
            assert response.status == 302, await response.text()
            location = response.headers["Location"]
    assert location.startswith(REDIRECT)
    query = parse_qs(urlsplit(location).query)
    return query["code"][0], query.get("state", [""])[0]


def sync_consent(url: str) -> tuple[str, str]:
    return asyncio.run(consent(url))


async def me_with(emu: Emulator, access_token: str) -> str:
    async with AsyncCoze(TokenAuth(access_token), emu.base_url) as coze:
        return (await coze.users.me()).user_id


# -- JWT --------------------------------------------------------------------------------------


async def test_jwt_app_gets_a_token_the_service_accepts(emu, key_pair):
    app = AsyncJWTOAuthApp(jwt_app_id(emu, key_pair), key_pair[0], "kid-1", emu.base_url)
    token = await app.get_access_token(ttl=600, scope=Scope.build_bot_chat(["b1"]))
    assert token.refresh_token == ""
    assert token.expires_in > time.time() + 590
    assert await me_with(emu, token.access_token)
    for kwargs in ({"account_id": "acc-1"}, {"enterprise_id": "ent-1"}, {"session_name": "u1"}):
        assert await me_with(emu, (await app.get_access_token(**kwargs)).access_token)


async def test_jwt_with_a_key_the_service_does_not_know_is_refused(emu, key_pair):
    client_id = jwt_app_id(emu, key_pair)
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    app = AsyncJWTOAuthApp(client_id, other, "kid-1", emu.base_url)
    with pytest.raises(CozeAPIError) as info:
        await app.get_access_token()
    assert info.value.status == 401 and info.value.error_code


async def test_jwt_auth_fetches_once_for_a_thousand_concurrent_requests(emu, key_pair):
    auth = AsyncJWTAuth(jwt_app_id(emu, key_pair), key_pair[0], "kid-1", base_url=emu.base_url)
    async with AsyncCoze(auth, emu.base_url) as coze:
        users = await asyncio.gather(*(coze.users.me() for _ in range(1000)))
        assert len(users) == 1000
        assert emu.store.oauth.token_requests == 1
        # The token is about to expire: the next burst renews it once, and all use the new one.
        old = await auth.atoken
        real = time.time
        auth._keeper.clock = lambda: real() + 7200 - 30
        await asyncio.gather(*(coze.users.me() for _ in range(1000)))
        assert emu.store.oauth.token_requests == 2
        assert await auth.atoken != old


async def test_jwt_auth_renewal_failure_is_typed_for_every_waiter_then_retried(emu, key_pair):
    auth = AsyncJWTAuth(jwt_app_id(emu, key_pair), key_pair[0], "kid-1", base_url=emu.base_url)
    emu.inject(path=TOKEN_PATH, status=401, msg="bad client", times=1)
    async with AsyncCoze(auth, emu.base_url, max_retries=0) as coze:
        results = await asyncio.gather(
            *(coze.users.me() for _ in range(100)), return_exceptions=True
        )
        assert all(isinstance(r, CozeAPIError) and r.status == 401 for r in results)
        assert emu.request_counts[TOKEN_PATH] == 1
        assert (await coze.users.me()).user_id  # the next call tries again
        assert emu.request_counts[TOKEN_PATH] == 2


def test_sync_jwt_auth_with_the_sync_client(threaded_emu, key_pair):
    client_id = jwt_app_id(threaded_emu, key_pair)
    with JWTOAuthApp(client_id, key_pair[0], "kid-1", threaded_emu.base_url) as app:
        assert app.get_access_token(ttl=900).access_token
        auth = JWTAuth(oauth_app=app)
        with Coze(auth, threaded_emu.base_url) as coze:
            assert coze.users.me().user_id
            assert coze.users.me().user_id
        assert auth.token  # the sync property, in the app's thread
    assert threaded_emu.store.oauth.token_requests == 2


async def test_sync_jwt_auth_also_serves_the_async_client(emu, key_pair):
    auth = JWTAuth(jwt_app_id(emu, key_pair), key_pair[0], "kid-1", base_url=emu.base_url)
    async with AsyncCoze(auth, emu.base_url) as coze:
        assert (await coze.users.me()).user_id


# -- Web --------------------------------------------------------------------------------------


async def test_web_flow_code_exchange_and_refresh(emu):
    client_id = emu.register_oauth_app("web", redirect_uris=[REDIRECT])
    secret = emu.store.oauth.apps[client_id].client_secret
    app = AsyncWebOAuthApp(client_id, secret, emu.base_url)
    state = secrets.token_urlsafe(16)
    url = app.get_oauth_url(REDIRECT, state=state)
    assert url.startswith(f"{emu.base_url}/api/permission/oauth2/authorize?")
    code, returned_state = await consent(url)
    assert returned_state == state
    token = await app.get_access_token(REDIRECT, code)
    assert await me_with(emu, token.access_token)
    with pytest.raises(BadRequestError) as info:
        await app.get_access_token(REDIRECT, code)  # a code is single use
    assert info.value.error_code == "invalid_grant"
    renewed = await app.refresh_access_token(token.refresh_token)
    assert await me_with(emu, renewed.access_token)
    with pytest.raises(CozeAPIError, match=r"invalid_grant|refresh") as info:
        await app.refresh_access_token(token.refresh_token)  # rotated
    assert info.value.error_code == "invalid_grant"


async def test_web_flow_with_a_wrong_secret_is_refused(emu):
    client_id = emu.register_oauth_app("web", redirect_uris=[REDIRECT])
    app = AsyncWebOAuthApp(client_id, "not-the-secret", emu.base_url)
    code, _ = await consent(app.get_oauth_url(REDIRECT, workspace_id=PERSONAL_WORKSPACE_ID))
    with pytest.raises(CozeAPIError) as info:
        await app.get_access_token(REDIRECT, code)
    assert info.value.status == 401


def test_sync_web_flow(threaded_emu):
    client_id = threaded_emu.register_oauth_app("web", redirect_uris=[REDIRECT])
    secret = threaded_emu.store.oauth.apps[client_id].client_secret
    with WebOAuthApp(client_id, secret, threaded_emu.base_url) as app:
        code, _ = sync_consent(app.get_oauth_url(REDIRECT))
        token = app.get_access_token(REDIRECT, code)
        assert app.refresh_access_token(token.refresh_token).access_token


# -- PKCE -------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["S256", "plain"])
async def test_pkce_flow(emu, method):
    client_id = emu.register_oauth_app("pkce", redirect_uris=[REDIRECT])
    app = AsyncPKCEOAuthApp(client_id, emu.base_url)
    verifier = secrets.token_urlsafe(48)
    url = app.get_oauth_url(REDIRECT, verifier, code_challenge_method=method)
    assert (verifier in url) is (method == "plain")
    code, _ = await consent(url)
    token = await app.get_access_token(REDIRECT, code, verifier)
    assert await me_with(emu, token.access_token)
    assert (await app.refresh_access_token(token.refresh_token)).access_token


async def test_pkce_defaults_to_s256_and_a_wrong_verifier_is_refused(emu):
    client_id = emu.register_oauth_app("pkce", redirect_uris=[REDIRECT])
    app = AsyncPKCEOAuthApp(client_id, emu.base_url)
    verifier = secrets.token_urlsafe(48)
    url = app.get_oauth_url(REDIRECT, verifier)
    assert "code_challenge_method=S256" in url and verifier not in url
    code, _ = await consent(url)
    with pytest.raises(CozeAPIError) as info:
        await app.get_access_token(REDIRECT, code, secrets.token_urlsafe(48))
    assert info.value.error_code == "invalid_grant"


def test_sync_pkce_flow(threaded_emu):
    client_id = threaded_emu.register_oauth_app("pkce", redirect_uris=[REDIRECT])
    with PKCEOAuthApp(client_id, threaded_emu.base_url) as app:
        verifier = secrets.token_urlsafe(48)
        code, _ = sync_consent(app.get_oauth_url(REDIRECT, verifier, state="s"))
        assert app.get_access_token(REDIRECT, code, verifier).refresh_token


# -- device code ------------------------------------------------------------------------------


async def test_device_flow_polls_until_approved_without_blocking_the_loop(emu):
    emu.store.oauth.device_interval = 0
    app = AsyncDeviceOAuthApp(emu.register_oauth_app("device"), emu.base_url)
    code = await app.get_device_code()
    assert code.verification_url == f"{code.verification_uri}?user_code={code.user_code}"
    with pytest.raises(CozePKCEAuthError) as info:
        await app.get_access_token(code.device_code)
    assert info.value.error is CozePKCEAuthErrorType.AUTHORIZATION_PENDING

    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    async def approve_later() -> None:
        await asyncio.sleep(0.3)
        emu.approve_device(code.user_code)

    tick_task = asyncio.create_task(ticker())
    approver = asyncio.create_task(approve_later())
    token = await app.get_access_token(code, poll=True, interval=0.05)
    await approver
    tick_task.cancel()
    assert ticks >= 15  # the loop kept running while it polled
    assert await me_with(emu, token.access_token)
    assert (await app.refresh_access_token(token.refresh_token)).access_token


@pytest.mark.parametrize("outcome", ["deny", "expire"])
async def test_device_flow_ends_on_denial_or_expiry(emu, outcome):
    emu.store.oauth.device_interval = 0
    app = AsyncDeviceOAuthApp(emu.register_oauth_app("device"), emu.base_url)
    code = await app.get_device_code(workspace_id=PERSONAL_WORKSPACE_ID)
    if outcome == "deny":
        emu.deny_device(code.user_code)
        expected = CozePKCEAuthErrorType.ACCESS_DENIED
    else:
        emu.advance_clock(code.expires_in + 1)
        expected = CozePKCEAuthErrorType.EXPIRED_TOKEN
    with pytest.raises(CozePKCEAuthError) as info:
        await app.get_access_token(code.device_code, poll=True, interval=0.01)
    assert info.value.error is expected


async def test_device_poll_slows_down_when_told(emu, monkeypatch):
    monkeypatch.setattr(oauth_module, "SLOW_DOWN_STEP_SECONDS", 1.0)
    emu.store.oauth.device_interval = 1
    app = AsyncDeviceOAuthApp(emu.register_oauth_app("device"), emu.base_url)
    code = await app.get_device_code()
    with pytest.raises(CozePKCEAuthError):
        await app.get_access_token(code.device_code)  # pending
    emu.approve_device(code.user_code)
    started = time.monotonic()
    # Polling again at once is too soon: slow_down; the poll waits the extra step, then succeeds.
    token = await app.get_access_token(code.device_code, poll=True, interval=0)
    assert token.access_token
    assert emu.request_counts[TOKEN_PATH] == 3
    assert time.monotonic() - started >= 1.0


def test_sync_device_flow(threaded_emu):
    threaded_emu.store.oauth.device_interval = 0
    with DeviceOAuthApp(threaded_emu.register_oauth_app("device"), threaded_emu.base_url) as app:
        code = app.get_device_code()
        threaded_emu.approve_device(code.user_code)
        token = app.get_access_token(code, poll=True)
        assert token.access_token and token.refresh_token


def test_device_code_model_reads_the_interval(threaded_emu):
    threaded_emu.store.oauth.device_interval = 3
    with DeviceOAuthApp(threaded_emu.register_oauth_app("device"), threaded_emu.base_url) as app:
        code = app.get_device_code()
    assert isinstance(code, DeviceAuthCode) and code.interval == 3


# -- config, extras, errors -------------------------------------------------------------------


def test_load_oauth_app_from_config(key_pair):
    base = {"client_id": "c1", "coze_api_base": "https://api.coze.cn"}
    apps = [
        load_oauth_app_from_config({**base, "client_type": "pkce"}),
        load_oauth_app_from_config({**base, "client_type": "device"}),
        load_oauth_app_from_config({**base, "client_type": "web", "client_secret": "s"}),
        load_oauth_app_from_config(
            {**base, "client_type": "jwt", "private_key": key_pair[0], "public_key_id": "k"}
        ),
    ]
    assert [type(a) for a in apps] == [PKCEOAuthApp, DeviceOAuthApp, WebOAuthApp, JWTOAuthApp]
    assert all(a.base_url == "https://api.coze.cn" for a in apps)
    assert (
        apps[0]
        .get_oauth_url(REDIRECT, "v" * 43)
        .startswith("https://www.coze.cn/api/permission/oauth2/authorize?")
    )
    with pytest.raises(ValueError, match="client_type"):
        load_oauth_app_from_config({**base, "client_type": "magic"})


def test_jwt_without_the_extra_names_it(monkeypatch, key_pair):
    monkeypatch.setitem(sys.modules, "jwt", None)
    with pytest.raises(ImportError, match=r"coze-async\[jwt\]"):
        AsyncJWTOAuthApp("c", key_pair[0], "k")


def test_bad_arguments_are_clear_errors(key_pair):
    with pytest.raises(ValueError, match="client_id"):
        AsyncPKCEOAuthApp("")
    with pytest.raises(ValueError, match="client_secret"):
        AsyncWebOAuthApp("c", "")
    with pytest.raises(TypeError, match="oauth_app, or client_id"):
        AsyncJWTAuth(client_id="c")
    with pytest.raises(ValueError, match="code_challenge_method"):
        AsyncPKCEOAuthApp("c").get_oauth_url(REDIRECT, "v" * 43, "md5")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="refusing"):
        AsyncDeviceOAuthApp("c", "http://auth.example.com")


# -- secrets ----------------------------------------------------------------------------------


async def test_no_secret_in_debug_logs_reprs_or_errors(emu, key_pair, caplog):
    caplog.set_level(logging.DEBUG)
    seen: list[str] = []
    web_id = emu.register_oauth_app("web", redirect_uris=[REDIRECT])
    secret = emu.store.oauth.apps[web_id].client_secret
    web = AsyncWebOAuthApp(web_id, secret, emu.base_url)
    code, _ = await consent(web.get_oauth_url(REDIRECT))
    web_token = await web.get_access_token(REDIRECT, code)
    seen += [secret, code, web_token.access_token, web_token.refresh_token]
    with pytest.raises(CozeAPIError) as bad_code:
        await web.get_access_token(REDIRECT, code)
    with pytest.raises(CozeAPIError) as bad_refresh:
        await web.refresh_access_token(web_token.refresh_token + "x")

    pkce = AsyncPKCEOAuthApp(emu.register_oauth_app("pkce", redirect_uris=[REDIRECT]), emu.base_url)
    verifier = secrets.token_urlsafe(48)
    pkce_code, _ = await consent(pkce.get_oauth_url(REDIRECT, verifier))
    pkce_token = await pkce.get_access_token(REDIRECT, pkce_code, verifier)
    seen += [verifier, pkce_code, pkce_token.access_token, pkce_token.refresh_token]

    emu.store.oauth.device_interval = 0
    device = AsyncDeviceOAuthApp(emu.register_oauth_app("device"), emu.base_url)
    device_code = await device.get_device_code()
    emu.approve_device(device_code.user_code)
    device_token = await device.get_access_token(device_code, poll=True)
    seen += [device_code.device_code, device_token.access_token, device_token.refresh_token]

    auth = AsyncJWTAuth(jwt_app_id(emu, key_pair), key_pair[0], "kid-1", base_url=emu.base_url)
    async with AsyncCoze(auth, emu.base_url) as coze:
        await coze.users.me()
        seen.append(await auth.atoken)
    key_lines = [line for line in key_pair[0].splitlines() if "-----" not in line]

    shown = "\n".join(
        [
            caplog.text,
            *(repr(x) for x in (web, pkce, device, auth, web_token, device_token, device_code)),
            str(web_token),
            str(bad_code.value),
            str(bad_refresh.value),
        ]
    )
    for value in seen + key_lines[:3]:
        assert value and value not in shown
