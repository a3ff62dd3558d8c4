"""The auth building blocks without a server: token auth, the token keeper (one renewal for many
waiters, failures, the last-use window), JWT signing and key handling, OAuth error mapping."""

from __future__ import annotations

import asyncio
import pickle

import jwt as pyjwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from coze_async import (
    AsyncTokenAuth,
    AuthenticationError,
    BadRequestError,
    CozeAPIError,
    CozePKCEAuthError,
    CozePKCEAuthErrorType,
    OAuthToken,
    TokenAuth,
)
from coze_async._envelope import decode_envelope
from coze_async._jwt import JWTSigner
from coze_async._oauth import TokenKeeper, gen_s256_code_challenge


@pytest.fixture(scope="module")
def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def pem(key: rsa.RSAPrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


# -- token auth -------------------------------------------------------------------------------


async def test_token_auth_takes_a_token_or_a_sync_or_async_function():
    assert await TokenAuth("t1").authorization() == "Bearer t1"
    tokens = iter(["a", "b"])
    auth = TokenAuth(lambda: next(tokens))
    assert await auth.authorization() == "Bearer a"
    assert auth.token == "b"

    async def current() -> str:
        return "async-token"

    assert await AsyncTokenAuth(current).authorization() == "Bearer async-token"
    assert await AsyncTokenAuth(current).atoken == "async-token"
    with pytest.raises(TypeError, match=r"await auth\.atoken"):
        _ = TokenAuth(current).token


async def test_a_token_function_returning_junk_is_a_clear_error():
    with pytest.raises(TypeError, match="must return a non-empty str"):
        await TokenAuth(lambda: "").authorization()
    with pytest.raises(ValueError, match="CR, LF or NUL"):
        await TokenAuth(lambda: "a\r\nX-Evil: 1").authorization()


def test_async_token_auth_hides_its_token():
    auth = AsyncTokenAuth("secret-abc")
    assert "secret-abc" not in repr(auth)
    with pytest.raises(TypeError, match="async"):
        _ = auth.token
    with pytest.raises(TypeError, match="secret"):
        pickle.dumps(auth)


# -- the token keeper -------------------------------------------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def keeper_with(fetch, clock: FakeClock) -> TokenKeeper:
    return TokenKeeper(fetch, clock=clock)


async def test_one_renewal_for_a_thousand_waiters():
    clock = FakeClock()
    calls = 0
    release = asyncio.Event()

    async def fetch() -> OAuthToken:
        nonlocal calls
        calls += 1
        await release.wait()
        return OAuthToken(access_token=f"tok{calls}", expires_in=int(clock.now) + 900)

    keeper = keeper_with(fetch, clock)
    waiters = [asyncio.create_task(keeper.get()) for _ in range(1000)]
    await asyncio.sleep(0)
    release.set()
    assert set(await asyncio.gather(*waiters)) == {"tok1"}
    assert calls == 1
    assert await keeper.get() == "tok1"  # cached
    assert calls == 1


async def test_renewal_happens_before_expiry_not_after():
    clock = FakeClock()
    issued = []

    async def fetch() -> OAuthToken:
        issued.append(clock.now)
        return OAuthToken(access_token=f"tok{len(issued)}", expires_in=int(clock.now) + 900)

    keeper = keeper_with(fetch, clock)
    assert await keeper.get() == "tok1"
    clock.now += 900 - 61  # more than a minute left: still the same token
    assert await keeper.get() == "tok1"
    clock.now += 2  # 59 s left: renewed, while the old one is still valid
    assert await keeper.get() == "tok2"
    assert len(issued) == 2


async def test_a_relative_expires_in_is_read_as_a_duration():
    clock = FakeClock()
    calls = 0

    async def fetch() -> OAuthToken:
        nonlocal calls
        calls += 1
        return OAuthToken(access_token="t", expires_in=7200)  # seconds, not a Unix time

    keeper = keeper_with(fetch, clock)
    await keeper.get()
    clock.now += 3600
    await keeper.get()
    assert calls == 1


async def test_a_failed_renewal_reaches_every_waiter_and_the_next_call_tries_again():
    clock = FakeClock()
    attempts = 0
    release = asyncio.Event()

    async def fetch() -> OAuthToken:
        nonlocal attempts
        attempts += 1
        if attempts == 1:
            await release.wait()
            raise AuthenticationError(None, "invalid_client", status=401)
        return OAuthToken(access_token="good", expires_in=int(clock.now) + 900)

    keeper = keeper_with(fetch, clock)
    waiters = [asyncio.create_task(keeper.get()) for _ in range(50)]
    await asyncio.sleep(0)
    release.set()
    results = await asyncio.gather(*waiters, return_exceptions=True)
    assert all(isinstance(r, AuthenticationError) for r in results)
    assert attempts == 1
    assert await keeper.get() == "good"
    assert attempts == 2


async def test_a_failed_renewal_keeps_the_current_token_while_it_is_still_good(caplog):
    clock = FakeClock()
    fail = False

    async def fetch() -> OAuthToken:
        if fail:
            raise CozeAPIError(None, "service down", status=503)
        return OAuthToken(access_token="current", expires_in=int(clock.now) + 900)

    keeper = keeper_with(fetch, clock)
    assert await keeper.get() == "current"
    fail = True
    clock.now += 900 - 30  # in the renewal window, 30 s left
    assert await keeper.get() == "current"
    assert "renewing the access token failed" in caplog.text
    clock.now += 25  # 5 s left: too late to use it
    with pytest.raises(CozeAPIError, match="service down"):
        await keeper.get()


async def test_a_cancelled_waiter_does_not_cancel_the_renewal_for_the_others():
    clock = FakeClock()
    release = asyncio.Event()

    async def fetch() -> OAuthToken:
        await release.wait()
        return OAuthToken(access_token="t", expires_in=int(clock.now) + 900)

    keeper = keeper_with(fetch, clock)
    first = asyncio.create_task(keeper.get())
    second = asyncio.create_task(keeper.get())
    await asyncio.sleep(0)
    first.cancel()
    release.set()
    assert await second == "t"
    with pytest.raises(asyncio.CancelledError):
        await first


# -- JWT signing ------------------------------------------------------------------------------


def test_the_jwt_is_rs256_with_kid_and_the_claims_coze_checks(rsa_key):
    signer = JWTSigner("client-1", pem(rsa_key), "kid-1")
    token = signer.sign("api.coze.com", ttl=300, session_name="user-42")
    header = pyjwt.get_unverified_header(token)
    assert header == {"alg": "RS256", "typ": "JWT", "kid": "kid-1"}
    claims = pyjwt.decode(
        token, rsa_key.public_key(), algorithms=["RS256"], audience="api.coze.com"
    )
    assert claims["iss"] == "client-1"
    assert claims["exp"] - claims["iat"] == 300
    assert claims["session_name"] == "user-42"
    assert len(claims["jti"]) == 32
    other = pyjwt.decode(
        signer.sign("api.coze.com"), options={"verify_signature": False}, algorithms=["RS256"]
    )
    assert other["jti"] != claims["jti"]


def test_a_private_key_may_be_bytes_a_path_or_a_key_object(rsa_key, tmp_path):
    key_file = tmp_path / "key.pem"
    key_file.write_text(pem(rsa_key))
    for key in (pem(rsa_key).encode(), key_file, rsa_key):
        token = JWTSigner("c", key, "k").sign("h")
        pyjwt.decode(token, rsa_key.public_key(), algorithms=["RS256"], audience="h")


def test_a_bad_private_key_is_refused_without_quoting_it(rsa_key):
    broken = pem(rsa_key)[:-80] + "CANARYKEYMATERIAL\n-----END PRIVATE KEY-----\n"
    with pytest.raises(ValueError, match="not a readable") as info:
        JWTSigner("c", broken, "k")
    assert "CANARY" not in str(info.value)
    assert info.value.__cause__ is None and info.value.__suppress_context__
    with pytest.raises(ValueError, match="public_key_id"):
        JWTSigner("c", pem(rsa_key), "")


def test_a_signer_never_shows_its_key(rsa_key):
    signer = JWTSigner("c", pem(rsa_key), "k")
    assert "PRIVATE" not in repr(signer)
    with pytest.raises(TypeError):
        pickle.dumps(signer)


def test_s256_challenge_agrees_with_cozepy_and_has_no_padding():
    from cozepy.util import gen_s256_code_challenge as cozepy_challenge

    for verifier in ("abc", "x" * 43, "dBjftJeZ4CVP-mJ92IZbvvKOSzkcS9AlWPB4XzY7JrA"):
        assert gen_s256_code_challenge(verifier) == cozepy_challenge(verifier)
        assert "=" not in gen_s256_code_challenge(verifier)


# -- OAuth errors -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", [member.value for member in CozePKCEAuthErrorType])
def test_device_and_pkce_errors_are_typed_api_errors(name):
    body = b'{"error_code": "%s", "error_message": "wait"}' % name.encode()
    with pytest.raises(CozePKCEAuthError) as info:
        decode_envelope(400, {"x-tt-logid": "L1"}, body, None)
    error = info.value
    assert isinstance(error, CozeAPIError)
    assert error.error is CozePKCEAuthErrorType(name)
    assert error.error_code == name and error.logid == "L1" and error.status == 400
    assert pickle.loads(pickle.dumps(error)).error is error.error


def test_other_oauth_errors_keep_their_name():
    body = b'{"error_code": "invalid_grant", "error_message": "code already used"}'
    with pytest.raises(BadRequestError) as info:
        decode_envelope(400, {}, body, None)
    assert info.value.error_code == "invalid_grant"
    assert info.value.msg == "code already used"


def test_an_oauth_token_hides_its_tokens():
    token = OAuthToken(access_token="acc-secret", expires_in=1, refresh_token="ref-secret")
    assert "secret" not in repr(token) and "secret" not in str(token)
