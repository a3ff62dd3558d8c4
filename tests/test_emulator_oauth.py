"""The emulator's OAuth endpoints over real sockets: the consent page, device codes, the four
token grants with each of their errors, the issued tokens on the rest of the API, and cozepy's
OAuth apps (unmodified) against them."""

from __future__ import annotations

import base64
import hashlib
import re
import sys
import time
import uuid
import warnings
from collections.abc import AsyncIterator, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import aiohttp
import orjson
import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from yarl import URL

from coze_async.emulator import PERSONAL_WORKSPACE_ID, Emulator

TOKEN_PATH = "/api/permission/oauth2/token"
AUTHORIZE_PATH = "/api/permission/oauth2/authorize"
DEVICE_PATH = "/api/permission/oauth2/device/code"
JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer"
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
KID = "key-1"
REDIRECT = "https://app.example/callback"


@pytest.fixture(scope="module")
def key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def public_pem(key: rsa.RSAPrivateKey) -> str:
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


@pytest.fixture(scope="module")
def private_pem(key: rsa.RSAPrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


@pytest.fixture
async def http(emu: Emulator) -> AsyncIterator[aiohttp.ClientSession]:
    """A plain client with no token of its own."""
    async with aiohttp.ClientSession(base_url=emu.base_url) as session:
        yield session


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def signed_jwt(key: rsa.RSAPrivateKey, header: dict[str, Any], claims: dict[str, Any]) -> str:
    signing_input = f"{b64url(orjson.dumps(header))}.{b64url(orjson.dumps(claims))}"
    signature = key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
    return f"{signing_input}.{b64url(signature)}"


def make_jwt(
    key: rsa.RSAPrivateKey, emu: Emulator, client_id: str, *, header: Any = None, **claims: Any
) -> str:
    """A JWT as Coze wants it, with ``header`` and ``claims`` overriding (None removes)."""
    now = int(time.time())
    base_claims = {
        "iss": client_id,
        "aud": URL(emu.base_url).raw_authority,
        "iat": now,
        "exp": now + 3600,
        "jti": uuid.uuid4().hex,
    }
    base_header = {"alg": "RS256", "typ": "JWT", "kid": KID, **(header or {})}
    merged = {k: v for k, v in {**base_claims, **claims}.items() if v is not None}
    return signed_jwt(key, {k: v for k, v in base_header.items() if v is not None}, merged)


async def post(
    http: aiohttp.ClientSession, path: str, body: Any, bearer: str | None = None
) -> tuple[int, dict[str, Any], aiohttp.typedefs.LooseHeaders]:
    headers = {"Authorization": f"Bearer {bearer}"} if bearer is not None else {}
    data = body if isinstance(body, bytes) else orjson.dumps(body)
    headers["Content-Type"] = "application/json"
    async with http.post(path, data=data, headers=headers) as response:
        return response.status, await response.json(), response.headers


async def token_error(
    http: aiohttp.ClientSession,
    body: Any,
    bearer: str | None = None,
    *,
    status: int = 400,
    path: str = TOKEN_PATH,
) -> str:
    """POST to a token endpoint expecting an error: the error_code (checks the error shape)."""
    got, answer, headers = await post(http, path, body, bearer)
    assert got == status, answer
    assert set(answer) == {"error_code", "error_message"}
    assert answer["error_message"] and headers["x-tt-logid"]
    for secret in (bearer, *(v for v in body.values() if isinstance(v, str)))[:10]:
        if secret and len(secret) > 20:  # tokens, codes, verifiers, secrets, JWTs
            assert secret not in answer["error_message"]
    return str(answer["error_code"])


async def jwt_app(emu: Emulator, public_pem: str) -> str:
    return emu.register_oauth_app("jwt", public_key=public_pem, public_key_id=KID)


@dataclass
class Answer:
    status: int
    headers: Mapping[str, str]
    body: bytes


async def authorize(
    http: aiohttp.ClientSession, path: str = AUTHORIZE_PATH, **params: str
) -> Answer:
    """GET the consent page (not following its redirect)."""
    query = {"response_type": "code", "redirect_uri": REDIRECT, "state": "xyz", **params}
    async with http.get(path, params=query, allow_redirects=False) as response:
        return Answer(response.status, response.headers, await response.read())


async def code_for(http: aiohttp.ClientSession, **params: str) -> str:
    response = await authorize(http, **params)
    assert response.status == 302, response.body
    return URL(response.headers["Location"]).query["code"]


def s256(verifier: str) -> str:
    return b64url(hashlib.sha256(verifier.encode()).digest())


async def me_status(http: aiohttp.ClientSession, token: str) -> tuple[int, dict[str, Any]]:
    headers = {"Authorization": f"Bearer {token}"}
    async with http.get("/v1/users/me", headers=headers) as response:
        return response.status, await response.json()


# -- the JWT grant ------------------------------------------------------------------------------


async def test_jwt_grant_issues_a_token_the_api_accepts(emu, http, key, public_pem) -> None:
    client_id = await jwt_app(emu, public_pem)
    jwt = make_jwt(key, emu, client_id, session_name="user-42")
    scope = {"account_permission": {"permission_list": ["Connector.botChat"]}}
    body = {"grant_type": JWT_GRANT, "duration_seconds": 3600, "scope": scope}
    before = time.time()
    status, answer, headers = await post(http, TOKEN_PATH, body, jwt)
    assert status == 200 and headers["x-tt-logid"]
    assert set(answer) == {"access_token", "expires_in", "token_type"}  # no refresh token
    assert answer["access_token"].startswith("czu_") and answer["token_type"] == "Bearer"
    assert before + 3600 - 1 <= answer["expires_in"] <= time.time() + 3600
    record = emu.store.oauth.tokens[answer["access_token"]]
    assert (record.client_id, record.session_name, record.scope) == (client_id, "user-42", scope)
    assert record.account_id is None and record.enterprise_id is None
    status, me = await me_status(http, answer["access_token"])
    assert status == 200 and me["data"]["user_name"] == "emulator"
    assert emu.store.oauth.token_requests == 1


async def test_jwt_duration_defaults_to_900_seconds(emu, http, key, public_pem) -> None:
    client_id = await jwt_app(emu, public_pem)
    for body in ({"grant_type": JWT_GRANT}, {"grant_type": JWT_GRANT, "scope": None}):
        status, answer, _ = await post(http, TOKEN_PATH, body, make_jwt(key, emu, client_id))
        assert status == 200
        assert abs(answer["expires_in"] - (time.time() + 900)) <= 2


@pytest.mark.parametrize(
    ("path", "field", "value"),
    [
        ("/api/permission/oauth2/account/7001/token", "account_id", "7001"),
        ("/api/permission/oauth2/enterprise_id/ent-9/token", "enterprise_id", "ent-9"),
    ],
)
async def test_jwt_account_and_enterprise_endpoints(
    emu, http, key, public_pem, path, field, value
) -> None:
    client_id = await jwt_app(emu, public_pem)
    status, answer, _ = await post(
        http, path, {"grant_type": JWT_GRANT}, make_jwt(key, emu, client_id)
    )
    assert status == 200
    assert getattr(emu.store.oauth.tokens[answer["access_token"]], field) == value
    # Those endpoints know only the JWT grant.
    body = {"grant_type": "refresh_token", "client_id": client_id, "refresh_token": "x" * 30}
    assert await token_error(http, body, path=path) == "unsupported_grant_type"
    assert emu.store.oauth.token_requests == 2


@pytest.mark.parametrize("aud", ["api.coze.com", "api.coze.cn", None])
async def test_jwt_audience_is_the_host_or_a_coze_api_host(emu, http, key, public_pem, aud) -> None:
    client_id = await jwt_app(emu, public_pem)
    claims = {} if aud is None else {"aud": aud}
    jwt = make_jwt(key, emu, client_id, **claims)
    status, _, _ = await post(http, TOKEN_PATH, {"grant_type": JWT_GRANT}, jwt)
    assert status == 200


async def test_jwt_is_single_use(emu, http, key, public_pem) -> None:
    client_id = await jwt_app(emu, public_pem)
    jwt = make_jwt(key, emu, client_id)
    status, _, _ = await post(http, TOKEN_PATH, {"grant_type": JWT_GRANT}, jwt)
    assert status == 200
    assert await token_error(http, {"grant_type": JWT_GRANT}, jwt, status=401) == "invalid_grant"
    # Another JWT with the same jti is a replay too.
    jti = emu.store.oauth.seen_jtis.copy().popitem()[0]
    again = make_jwt(key, emu, client_id, jti=jti)
    assert await token_error(http, {"grant_type": JWT_GRANT}, again, status=401) == "invalid_grant"


def _unsigned(emu: Emulator, client_id: str) -> str:
    now = int(time.time())
    header = b64url(orjson.dumps({"alg": "none", "typ": "JWT", "kid": KID}))
    claims = {
        "iss": client_id,
        "aud": URL(emu.base_url).raw_authority,
        "iat": now,
        "exp": now + 600,
        "jti": "j",
    }
    return f"{header}.{b64url(orjson.dumps(claims))}."


@pytest.mark.parametrize(
    ("case", "error_code"),
    [
        ("wrong kid", "invalid_grant"),
        ("alg none", "invalid_grant"),
        ("alg HS256", "invalid_grant"),
        ("typ missing", "invalid_grant"),
        ("signed by another key", "invalid_grant"),
        ("tampered payload", "invalid_grant"),
        ("aud mismatch", "invalid_grant"),
        ("expired", "invalid_grant"),
        ("iat in the future", "invalid_grant"),
        ("no jti", "invalid_grant"),
        ("no exp", "invalid_grant"),
        ("two parts", "invalid_grant"),
        ("not base64url", "invalid_grant"),
        ("unknown iss", "invalid_client"),
        ("iss of a non-jwt app", "invalid_client"),
    ],
)
async def test_jwt_that_fails_verification_is_401(
    emu, http, key, public_pem, case, error_code
) -> None:
    client_id = await jwt_app(emu, public_pem)
    now = int(time.time())
    jwt = {
        "wrong kid": lambda: make_jwt(key, emu, client_id, header={"kid": "key-2"}),
        "alg none": lambda: _unsigned(emu, client_id),
        "alg HS256": lambda: make_jwt(key, emu, client_id, header={"alg": "HS256"}),
        "typ missing": lambda: make_jwt(key, emu, client_id, header={"typ": None}),
        "signed by another key": lambda: make_jwt(_other_key(), emu, client_id),
        "tampered payload": lambda: _tampered(make_jwt(key, emu, client_id)),
        "aud mismatch": lambda: make_jwt(key, emu, client_id, aud="api.example.com"),
        "expired": lambda: make_jwt(key, emu, client_id, iat=now - 120, exp=now - 1),
        "iat in the future": lambda: make_jwt(key, emu, client_id, iat=now + 300),
        "no jti": lambda: make_jwt(key, emu, client_id, jti=None),
        "no exp": lambda: make_jwt(key, emu, client_id, exp=None),
        "two parts": lambda: make_jwt(key, emu, client_id).rsplit(".", 1)[0],
        "not base64url": lambda: "a+b." + make_jwt(key, emu, client_id).split(".", 1)[1],
        "unknown iss": lambda: make_jwt(key, emu, "nobody"),
        "iss of a non-jwt app": lambda: make_jwt(key, emu, emu.register_oauth_app("pkce")),
    }[case]()
    got = await token_error(http, {"grant_type": JWT_GRANT}, jwt, status=401)
    assert got == error_code
    assert emu.store.oauth.tokens == {}


def _other_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=1024)


def _tampered(jwt: str) -> str:
    header, claims, signature = jwt.split(".")
    payload = base64.urlsafe_b64decode(claims + "=" * (-len(claims) % 4))
    return f"{header}.{b64url(payload + b' ')}.{signature}"  # same claims, other bytes


async def test_jwt_expiry_follows_the_emulator_clock(emu, http, key, public_pem) -> None:
    client_id = await jwt_app(emu, public_pem)
    jwt = make_jwt(key, emu, client_id, exp=int(time.time()) + 60)
    emu.advance_clock(61)
    assert await token_error(http, {"grant_type": JWT_GRANT}, jwt, status=401) == "invalid_grant"


@pytest.mark.parametrize("duration", [0, 86400, -5, "900", True, 1.5])
async def test_jwt_duration_must_be_1_to_86399(emu, http, key, public_pem, duration) -> None:
    client_id = await jwt_app(emu, public_pem)
    body = {"grant_type": JWT_GRANT, "duration_seconds": duration}
    assert await token_error(http, body, make_jwt(key, emu, client_id)) == "invalid_request"


async def test_jwt_limits_and_request_errors(emu, http, key, public_pem) -> None:
    client_id = await jwt_app(emu, public_pem)
    for duration in (1, 86399):
        body = {"grant_type": JWT_GRANT, "duration_seconds": duration}
        status, _, _ = await post(http, TOKEN_PATH, body, make_jwt(key, emu, client_id))
        assert status == 200
    assert await token_error(http, {"grant_type": JWT_GRANT}) == "invalid_request"  # no JWT
    body = {"grant_type": JWT_GRANT, "scope": ["not", "an", "object"]}
    assert await token_error(http, body, make_jwt(key, emu, client_id)) == "invalid_request"


async def test_jwt_grant_without_cryptography_names_the_extra(
    emu, http, key, public_pem, monkeypatch
) -> None:
    client_id = await jwt_app(emu, public_pem)
    monkeypatch.setitem(sys.modules, "cryptography.exceptions", None)
    status, answer, _ = await post(
        http, TOKEN_PATH, {"grant_type": JWT_GRANT}, make_jwt(key, emu, client_id)
    )
    assert status == 500
    assert "pip install 'coze-async[jwt]'" in answer["error_message"]


# -- the consent page ---------------------------------------------------------------------------


async def test_authorize_redirects_with_a_code_and_the_state(emu, http) -> None:
    client_id = emu.register_oauth_app("web", redirect_uris=[REDIRECT, "https://x.example/cb"])
    response = await authorize(http, client_id=client_id, state="s p&ce")
    assert response.status == 302 and response.headers["x-tt-logid"]
    location = URL(response.headers["Location"])
    assert str(location.with_query(None)) == REDIRECT
    assert location.query["state"] == "s p&ce" and len(location.query["code"]) >= 32
    code = emu.store.oauth.codes[location.query["code"]]
    assert (code.client_id, code.redirect_uri, code.workspace_id) == (client_id, REDIRECT, None)
    # A query already on the redirect URI is kept.
    response = await authorize(http, client_id=client_id, redirect_uri="https://x.example/cb?a=1")
    assert response.status == 400  # not registered as such
    open_app = emu.register_oauth_app("web")  # no URIs registered: any URI
    response = await authorize(http, client_id=open_app, redirect_uri="https://y.example/cb?a=1")
    assert set(URL(response.headers["Location"]).query) == {"a", "code", "state"}


async def test_authorize_workspace_variant(emu, http) -> None:
    client_id = emu.register_oauth_app("pkce")
    path = f"/api/permission/oauth2/workspace_id/{PERSONAL_WORKSPACE_ID}/authorize"
    response = await authorize(http, path, client_id=client_id, code_challenge="c" * 43)
    assert response.status == 302
    code = URL(response.headers["Location"]).query["code"]
    assert emu.store.oauth.codes[code].workspace_id == PERSONAL_WORKSPACE_ID
    path = "/api/permission/oauth2/workspace_id/999/authorize"
    response = await authorize(http, path, client_id=client_id, code_challenge="c" * 43)
    assert response.status == 400


@pytest.mark.parametrize(
    ("params", "error_code"),
    [
        ({"client_id": "nobody"}, "invalid_client"),
        ({"client_id": "{web}", "redirect_uri": "https://evil.example/cb"}, "invalid_request"),
        ({"client_id": "{web}", "redirect_uri": "/relative"}, "invalid_request"),
        ({"client_id": "{web}", "response_type": "token"}, "invalid_request"),
        ({"client_id": "{pkce}"}, "invalid_request"),  # no code_challenge
        (
            {"client_id": "{pkce}", "code_challenge": "c", "code_challenge_method": "S512"},
            "invalid_request",
        ),
        ({"client_id": "{jwt}"}, "invalid_client"),
        ({"client_id": "{device}"}, "invalid_client"),
    ],
)
async def test_authorize_errors_are_400_json(emu, http, public_pem, params, error_code) -> None:
    apps = {
        "{web}": emu.register_oauth_app("web", redirect_uris=[REDIRECT]),
        "{pkce}": emu.register_oauth_app("pkce"),
        "{jwt}": emu.register_oauth_app("jwt", public_key=public_pem, public_key_id=KID),
        "{device}": emu.register_oauth_app("device"),
    }
    params = {k: apps.get(v, v) for k, v in params.items()}
    response = await authorize(http, **params)
    assert response.status == 400
    answer = orjson.loads(response.body)
    assert answer["error_code"] == error_code and answer["error_message"]
    assert emu.store.oauth.codes == {}


# -- the authorization code grant ---------------------------------------------------------------


@pytest.mark.parametrize("method", ["S256", "plain"])
async def test_pkce_exchange(emu, http, method) -> None:
    client_id = emu.register_oauth_app("pkce", redirect_uris=[REDIRECT])
    verifier = "v" * 20 + uuid.uuid4().hex
    challenge = s256(verifier) if method == "S256" else verifier
    code = await code_for(
        http, client_id=client_id, code_challenge=challenge, code_challenge_method=method
    )
    body = {
        "grant_type": "authorization_code",
        "client_id": client_id,
        "code": code,
        "redirect_uri": REDIRECT,
        "code_verifier": "w" + verifier[1:],
    }
    assert await token_error(http, body) == "invalid_grant"  # wrong verifier
    del body["code_verifier"]
    assert await token_error(http, body) == "invalid_request"  # no verifier
    body["code_verifier"] = verifier
    status, answer, _ = await post(http, TOKEN_PATH, body)
    assert status == 200
    assert set(answer) == {"access_token", "expires_in", "refresh_token", "token_type"}
    assert abs(answer["expires_in"] - (time.time() + 900)) <= 2
    assert code not in emu.store.oauth.codes
    assert await token_error(http, body) == "invalid_grant"  # the code is used
    assert (await me_status(http, answer["access_token"]))[0] == 200


async def test_code_exchange_errors(emu, http) -> None:
    client_id = emu.register_oauth_app("pkce")
    other = emu.register_oauth_app("pkce")
    verifier = uuid.uuid4().hex * 2
    code = await code_for(
        http, client_id=client_id, code_challenge=s256(verifier), code_challenge_method="S256"
    )
    body = {
        "grant_type": "authorization_code",
        "client_id": client_id,
        "code": code,
        "redirect_uri": "https://app.example/other",
        "code_verifier": verifier,
    }
    assert await token_error(http, body) == "invalid_grant"  # redirect mismatch
    assert (
        await token_error(http, {**body, "redirect_uri": REDIRECT, "client_id": other})
        == "invalid_grant"
    )
    assert (
        await token_error(http, {**body, "redirect_uri": REDIRECT, "code": "x" * 43})
        == "invalid_grant"
    )
    assert await token_error(http, {**body, "client_id": "nobody"}) == "invalid_client"
    for missing in ("client_id", "code", "redirect_uri"):
        partial = {k: v for k, v in body.items() if k != missing}
        assert await token_error(http, partial) == "invalid_request"
    emu.advance_clock(601)  # codes live 600 s
    assert await token_error(http, {**body, "redirect_uri": REDIRECT}) == "invalid_grant"
    assert emu.store.oauth.tokens == {}


async def test_web_app_exchange_needs_the_client_secret(emu, http) -> None:
    client_id = emu.register_oauth_app("web", redirect_uris=[REDIRECT])
    secret = emu.store.oauth.apps[client_id].client_secret
    assert secret and len(secret) > 20
    code = await code_for(http, client_id=client_id)
    body = {
        "grant_type": "authorization_code",
        "client_id": client_id,
        "code": code,
        "redirect_uri": REDIRECT,
    }
    wrong = secret[:-1] + ("A" if secret[-1] != "A" else "B")
    assert await token_error(http, body, wrong, status=401) == "invalid_client"
    assert await token_error(http, body, status=401) == "invalid_client"
    status, answer, _ = await post(http, TOKEN_PATH, body, secret)
    assert status == 200 and answer["refresh_token"]


async def test_web_app_with_its_own_secret(emu, http) -> None:
    client_id = emu.register_oauth_app(
        "web", client_id="my-web", client_secret="s3cret-of-my-web-app"
    )
    assert client_id == "my-web"
    code = await code_for(http, client_id=client_id)
    body = {
        "grant_type": "authorization_code",
        "client_id": client_id,
        "code": code,
        "redirect_uri": REDIRECT,
    }
    status, _, _ = await post(http, TOKEN_PATH, body, "s3cret-of-my-web-app")
    assert status == 200


# -- the refresh token grant --------------------------------------------------------------------


async def test_refresh_rotates_the_tokens(emu, http) -> None:
    client_id = emu.register_oauth_app("web")
    secret = emu.store.oauth.apps[client_id].client_secret
    code = await code_for(http, client_id=client_id)
    body = {
        "grant_type": "authorization_code",
        "client_id": client_id,
        "code": code,
        "redirect_uri": REDIRECT,
    }
    first = (await post(http, TOKEN_PATH, body, secret))[1]
    refresh = {
        "grant_type": "refresh_token",
        "client_id": client_id,
        "refresh_token": first["refresh_token"],
    }
    assert await token_error(http, refresh, "not-the-secret", status=401) == "invalid_client"
    status, second, _ = await post(http, TOKEN_PATH, refresh, secret)
    assert status == 200
    assert second["access_token"] != first["access_token"]
    assert second["refresh_token"] != first["refresh_token"]
    assert await token_error(http, refresh, secret) == "invalid_grant"  # the old one is spent
    status, third, _ = await post(
        http, TOKEN_PATH, {**refresh, "refresh_token": second["refresh_token"]}, secret
    )
    assert status == 200
    assert (await me_status(http, third["access_token"]))[0] == 200
    assert (
        await token_error(
            http, {**refresh, "refresh_token": third["refresh_token"], "client_id": "nobody"}
        )
        == "invalid_client"
    )


async def test_refresh_token_expires_after_30_days(emu, http) -> None:
    client_id = emu.register_oauth_app("pkce")
    code = await code_for(http, client_id=client_id, code_challenge="p" * 43)
    body = {
        "grant_type": "authorization_code",
        "client_id": client_id,
        "code": code,
        "redirect_uri": REDIRECT,
        "code_verifier": "p" * 43,
    }
    tokens = (await post(http, TOKEN_PATH, body))[1]
    refresh = {
        "grant_type": "refresh_token",
        "client_id": client_id,
        "refresh_token": tokens["refresh_token"],
    }
    other = emu.register_oauth_app("pkce")
    assert await token_error(http, {**refresh, "client_id": other}) == "invalid_grant"
    emu.advance_clock(30 * 86400 + 1)
    assert await token_error(http, refresh) == "invalid_grant"


# -- the device flow ----------------------------------------------------------------------------


async def device_start(
    http: aiohttp.ClientSession, client_id: str, path: str = DEVICE_PATH
) -> dict[str, Any]:
    status, answer, _ = await post(http, path, {"client_id": client_id})
    assert status == 200, answer
    return answer


async def test_device_code_answer(emu, http) -> None:
    client_id = emu.register_oauth_app("device")
    answer = await device_start(http, client_id)
    assert set(answer) == {"device_code", "user_code", "verification_uri", "interval", "expires_in"}
    assert re.fullmatch(r"[A-Z]{4}-[A-Z]{4}", answer["user_code"])
    assert answer["verification_uri"] == f"{emu.base_url}/api/permission/oauth2/device/verify"
    assert (answer["interval"], answer["expires_in"]) == (5, 600)
    emu.store.oauth.device_interval, emu.store.oauth.device_expires_in = 2, 60
    answer = await device_start(
        http, client_id, f"/api/permission/oauth2/workspace_id/{PERSONAL_WORKSPACE_ID}/device/code"
    )
    assert (answer["interval"], answer["expires_in"]) == (2, 60)
    assert emu.store.oauth.devices[answer["device_code"]].workspace_id == PERSONAL_WORKSPACE_ID


@pytest.mark.parametrize("client_type", ["web", "pkce", None])
async def test_device_code_is_for_device_apps_only(emu, http, client_type) -> None:
    client_id = emu.register_oauth_app(client_type) if client_type else "nobody"
    status, answer, _ = await post(http, DEVICE_PATH, {"client_id": client_id})
    assert status == 400 and answer["error_code"] == "invalid_client"
    status, answer, _ = await post(http, DEVICE_PATH, {})
    assert status == 400 and answer["error_code"] == "invalid_request"


async def test_device_flow_pending_slow_down_then_success(emu, http) -> None:
    client_id = emu.register_oauth_app("device")
    started = await device_start(http, client_id)
    body = {
        "grant_type": DEVICE_GRANT,
        "client_id": client_id,
        "device_code": started["device_code"],
    }
    assert await token_error(http, body) == "authorization_pending"
    assert await token_error(http, body) == "slow_down"  # sooner than 5 s
    emu.advance_clock(5)
    assert await token_error(http, body) == "authorization_pending"
    emu.approve_device(started["user_code"].lower().replace("-", ""))  # any spelling
    assert await token_error(http, body) == "slow_down"
    emu.advance_clock(5)
    status, answer, _ = await post(http, TOKEN_PATH, body)
    assert status == 200 and answer["refresh_token"]
    assert emu.store.oauth.tokens[answer["access_token"]].grant_type == DEVICE_GRANT
    emu.advance_clock(5)
    assert await token_error(http, body) == "invalid_grant"  # consumed
    with pytest.raises(KeyError, match="user code"):
        emu.approve_device(started["user_code"])
    # A device app refreshes without a secret.
    refresh = {
        "grant_type": "refresh_token",
        "client_id": client_id,
        "refresh_token": answer["refresh_token"],
    }
    assert (await post(http, TOKEN_PATH, refresh))[0] == 200


async def test_device_flow_denied_and_expired(emu, http) -> None:
    emu.store.oauth.device_interval = 0  # never slow_down
    client_id = emu.register_oauth_app("device")
    denied, expiring = await device_start(http, client_id), await device_start(http, client_id)
    body = {"grant_type": DEVICE_GRANT, "client_id": client_id}
    for _ in range(3):
        assert (
            await token_error(http, {**body, "device_code": denied["device_code"]})
            == "authorization_pending"
        )
    emu.deny_device(denied["user_code"])
    assert (
        await token_error(http, {**body, "device_code": denied["device_code"]}) == "access_denied"
    )
    emu.advance_clock(600)
    assert (
        await token_error(http, {**body, "device_code": expiring["device_code"]}) == "expired_token"
    )
    emu.approve_device(expiring["user_code"])
    assert (
        await token_error(http, {**body, "device_code": expiring["device_code"]}) == "expired_token"
    )
    other = emu.register_oauth_app("device")
    fresh = await device_start(http, client_id)
    assert (
        await token_error(http, {**body, "client_id": other, "device_code": fresh["device_code"]})
        == "invalid_grant"
    )
    assert await token_error(http, {**body, "device_code": "y" * 43}) == "invalid_grant"
    with pytest.raises(KeyError):
        emu.deny_device("ZZZZ-ZZZZ")


# -- the token endpoint as a whole, and the issued tokens on the API ----------------------------


async def test_token_endpoint_request_errors(emu, http) -> None:
    assert await token_error(http, {"grant_type": "password"}) == "unsupported_grant_type"
    assert await token_error(http, {"grant_type": "client_credentials"}) == "unsupported_grant_type"
    assert await token_error(http, {}) == "invalid_request"
    status, answer, _ = await post(http, TOKEN_PATH, b"{not json")
    assert status == 400 and answer["error_code"] == "invalid_request"
    status, answer, _ = await post(http, TOKEN_PATH, b"[1]")
    assert status == 400 and answer["error_code"] == "invalid_request"
    assert emu.store.oauth.token_requests == 5
    assert emu.request_counts[TOKEN_PATH] == 5


async def test_issued_token_expires_on_the_emulator_clock(emu, http) -> None:
    client_id = emu.register_oauth_app("pkce")
    code = await code_for(http, client_id=client_id, code_challenge="p" * 43)
    body = {
        "grant_type": "authorization_code",
        "client_id": client_id,
        "code": code,
        "redirect_uri": REDIRECT,
        "code_verifier": "p" * 43,
    }
    answer = (await post(http, TOKEN_PATH, body))[1]
    assert (await me_status(http, answer["access_token"]))[0] == 200
    emu.advance_clock(899)
    assert (await me_status(http, answer["access_token"]))[0] == 200
    emu.advance_clock(2)
    status, error = await me_status(http, answer["access_token"])
    assert (status, error["code"]) == (401, 4100)
    assert (await me_status(http, emu.token))[0] == 200  # the configured token still works
    assert (await me_status(http, "czu_made-up"))[0] == 401
    with pytest.raises(ValueError):
        emu.advance_clock(-1)


async def test_access_token_ttl_is_a_setting(emu, http, key, public_pem) -> None:
    emu.store.oauth.access_token_ttl = 60
    client_id = emu.register_oauth_app("device")
    started = await device_start(http, client_id)
    emu.approve_device(started["user_code"])
    body = {
        "grant_type": DEVICE_GRANT,
        "client_id": client_id,
        "device_code": started["device_code"],
    }
    answer = (await post(http, TOKEN_PATH, body))[1]
    assert abs(answer["expires_in"] - (time.time() + 60)) <= 2


async def test_any_token_emulator_still_accepts_any_token() -> None:
    async with (
        Emulator(token=None, strict=True) as emu,
        aiohttp.ClientSession(base_url=emu.base_url) as http,
    ):
        assert (await me_status(http, "whatever"))[0] == 200
        async with http.get("/v1/users/me") as response:
            assert response.status == 401


def test_register_oauth_app_checks_its_arguments(public_pem) -> None:
    emu = Emulator(strict=True)
    with pytest.raises(ValueError, match="public_key"):
        emu.register_oauth_app("jwt", public_key_id=KID)
    with pytest.raises(ValueError, match="public_key"):
        emu.register_oauth_app("jwt", public_key=public_pem)
    with pytest.raises(ValueError):
        emu.register_oauth_app("jwt", public_key="not a pem", public_key_id=KID)
    with pytest.raises(ValueError, match="client_secret"):
        emu.register_oauth_app("pkce", client_secret="x")
    with pytest.raises(ValueError, match="jwt apps only"):
        emu.register_oauth_app("device", public_key=public_pem, public_key_id=KID)
    with pytest.raises(ValueError, match="client_type"):
        emu.register_oauth_app("password")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        emu.register_oauth_app("web", redirect_uris=REDIRECT)
    client_id = emu.register_oauth_app("jwt", public_key=public_pem.encode(), public_key_id=KID)
    assert client_id.endswith(".app.coze")
    with pytest.raises(ValueError, match="already registered"):
        emu.register_oauth_app("pkce", client_id=client_id)
    assert emu.store.oauth.apps[client_id].client_secret is None


# -- cozepy, unmodified -------------------------------------------------------------------------


@pytest.fixture
def threaded() -> Iterator[Emulator]:
    with Emulator.run_in_thread(strict=True) as emulator:
        yield emulator


def _cozepy() -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # authlib.jose, at cozepy's import
        import cozepy
    return cozepy


def _close(*apps: Any) -> None:
    for app in apps:  # cozepy makes an HTTP client per app and never closes it
        app._requester.sync_client.close()


def test_cozepy_jwt_app(threaded: Emulator, private_pem: str, public_pem: str) -> None:
    cozepy = _cozepy()
    client_id = threaded.register_oauth_app("jwt", public_key=public_pem, public_key_id=KID)
    app = cozepy.JWTOAuthApp(client_id, private_pem, KID, base_url=threaded.base_url)
    try:
        token = app.get_access_token(ttl=900)
        assert token.access_token.startswith("czu_") and token.refresh_token == ""
        assert abs(token.expires_in - (time.time() + 900)) <= 2
        scoped = app.get_access_token(
            ttl=60, scope=cozepy.Scope.build_bot_chat(["7001"]), session_name="s1"
        )
        record = threaded.store.oauth.tokens[scoped.access_token]
        assert record.session_name == "s1"
        assert record.scope["attribute_constraint"]["connector_bot_chat_attribute"] == {
            "bot_id_list": ["7001"]
        }
        with cozepy.SyncHTTPClient() as http:
            coze = cozepy.Coze(
                auth=cozepy.TokenAuth(token.access_token),
                base_url=threaded.base_url,
                http_client=http,
            )
            assert coze.users.me().user_name == "emulator"
        wrong = cozepy.JWTOAuthApp(client_id, private_pem, "other-kid", base_url=threaded.base_url)
        with pytest.raises(cozepy.CozeAPIError):
            wrong.get_access_token(ttl=900)
        _close(wrong)
    finally:
        _close(app)


def test_cozepy_pkce_and_web_apps(threaded: Emulator) -> None:
    import httpx

    cozepy = _cozepy()
    pkce_id = threaded.register_oauth_app("pkce", redirect_uris=[REDIRECT])
    web_id = threaded.register_oauth_app("web", redirect_uris=[REDIRECT])
    secret = threaded.store.oauth.apps[web_id].client_secret
    pkce = cozepy.PKCEOAuthApp(pkce_id, base_url=threaded.base_url)
    web = cozepy.WebOAuthApp(web_id, secret, base_url=threaded.base_url)
    try:
        with httpx.Client() as browser:
            verifier = "cozepy-verifier-" + uuid.uuid4().hex
            url = pkce.get_oauth_url(REDIRECT, verifier, code_challenge_method="S256", state="st")
            location = URL(browser.get(url).headers["Location"])
            assert location.query["state"] == "st"
            token = pkce.get_access_token(REDIRECT, location.query["code"], verifier)
            assert token.refresh_token and token.token_type == "Bearer"
            refreshed = pkce.refresh_access_token(token.refresh_token)
            assert refreshed.refresh_token != token.refresh_token
            location = URL(browser.get(web.get_oauth_url(REDIRECT, state="w")).headers["Location"])
            web_token = web.get_access_token(REDIRECT, location.query["code"])
            assert web.refresh_access_token(web_token.refresh_token).access_token
            with pytest.raises(cozepy.CozeAPIError):
                pkce.refresh_access_token(token.refresh_token)  # rotated away
    finally:
        _close(pkce, web)


def test_cozepy_device_app(threaded: Emulator) -> None:
    cozepy = _cozepy()
    client_id = threaded.register_oauth_app("device")
    app = cozepy.DeviceOAuthApp(client_id, base_url=threaded.base_url)
    try:
        code = app.get_device_code(workspace_id=PERSONAL_WORKSPACE_ID)
        assert code.verification_url == f"{code.verification_uri}?user_code={code.user_code}"
        with pytest.raises(cozepy.CozePKCEAuthError) as excinfo:
            app.get_access_token(code.device_code)
        assert excinfo.value.error == cozepy.CozePKCEAuthErrorType.AUTHORIZATION_PENDING
        with pytest.raises(cozepy.CozePKCEAuthError) as excinfo:
            app.get_access_token(code.device_code)
        assert excinfo.value.error == cozepy.CozePKCEAuthErrorType.SLOW_DOWN
        threaded.deny_device(code.user_code)
        threaded.advance_clock(code.interval)
        with pytest.raises(cozepy.CozePKCEAuthError) as excinfo:
            app.get_access_token(code.device_code)
        assert excinfo.value.error == cozepy.CozePKCEAuthErrorType.ACCESS_DENIED
        second = app.get_device_code()
        threaded.approve_device(second.user_code)
        token = app.get_access_token(second.device_code, poll=True)
        assert token.access_token and token.refresh_token
        third = app.get_device_code()
        threaded.advance_clock(third.expires_in)
        with pytest.raises(cozepy.CozePKCEAuthError) as excinfo:
            app.get_access_token(third.device_code)
        assert excinfo.value.error == cozepy.CozePKCEAuthErrorType.EXPIRED_TOKEN
    finally:
        _close(app)
