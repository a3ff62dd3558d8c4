"""Coze's OAuth endpoints: the consent page (approved at once), device codes, and the token
endpoint with its grants (JWT bearer, authorization code with or without PKCE, device code,
refresh token). Apps are registered from Python (``Emulator.register_oauth_app``); every other
endpoint then accepts the access tokens issued here until they expire.

None of these endpoints needs an access token, and their answers are not wrapped in
``{code, msg, data}``: a token is ``{"access_token", "expires_in" (absolute unix time),
"refresh_token", "token_type"}``; an error is HTTP 400 (401 for a bad client secret or JWT)
with ``{"error_code", "error_message"}``, a message that never repeats a secret. Expiry is
judged by :meth:`OAuthState.now`, which tests move forward with ``clock_offset``.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import hmac
import re
import secrets
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal, TypeGuard

import attrs
import orjson
from aiohttp import web
from yarl import URL

from .._state import STORE
from .._wire import Handler, new_id

__all__ = [
    "DEVICE_GRANT",
    "JWT_GRANT",
    "OAUTH_PATH_PREFIX",
    "AuthorizationCode",
    "ClientType",
    "DeviceAuthorization",
    "IssuedToken",
    "OAuthApp",
    "OAuthError",
    "OAuthState",
    "RefreshGrant",
    "add_routes",
]

#: The kinds of OAuth app Coze knows.
ClientType = Literal["jwt", "pkce", "web", "device"]
_CLIENT_TYPES = frozenset({"jwt", "pkce", "web", "device"})

#: Every OAuth endpoint lives under this path; none of them needs an access token.
OAUTH_PATH_PREFIX = "/api/permission/oauth2/"
#: The ``grant_type`` values of the JWT and device flows.
JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer"
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"

_JWT_AUDIENCES = frozenset({"api.coze.com", "api.coze.cn"})
_JWT_EXTRA = "pip install 'coze-async[jwt]'"
_IAT_LEEWAY = 60.0
_MAX_DURATION = 86399
_BASE64URL = re.compile(r"[A-Za-z0-9_-]*")
#: RFC 8628 section 6.1: consonants only, so no word and no look-alike characters.
_USER_CODE_LETTERS = "BCDFGHJKLMNPQRSTVWXZ"


# -- records ------------------------------------------------------------------------------------


@attrs.define(kw_only=True)
class OAuthApp:
    """A registered OAuth app: ``client_secret`` for web apps, ``public_key`` (PEM) and
    ``public_key_id`` for JWT apps, ``redirect_uris`` (any one when empty) for the code flow."""

    client_id: str
    client_type: ClientType
    client_secret: str | None = None
    public_key: bytes | None = None
    public_key_id: str | None = None
    redirect_uris: tuple[str, ...] = ()


@attrs.define(kw_only=True)
class AuthorizationCode:
    """An authorization code the consent page issued (single use), with its PKCE challenge."""

    client_id: str
    redirect_uri: str
    expires_at: float
    code_challenge: str | None = None
    code_challenge_method: Literal["plain", "S256"] = "plain"
    workspace_id: str | None = None


@attrs.define(kw_only=True)
class DeviceAuthorization:
    """A device code waiting for the user (``Emulator.approve_device`` / ``deny_device``)."""

    client_id: str
    user_code: str
    expires_at: float
    interval: int
    status: Literal["pending", "approved", "denied"] = "pending"
    last_poll: float | None = None
    workspace_id: str | None = None


@attrs.define(kw_only=True)
class IssuedToken:
    """An access token issued here; the emulator accepts it until ``expires_at``."""

    client_id: str
    grant_type: str
    expires_at: float
    scope: dict[str, Any] | None = None
    session_name: str | None = None
    workspace_id: str | None = None
    account_id: str | None = None
    enterprise_id: str | None = None


@attrs.define(kw_only=True)
class RefreshGrant:
    """A refresh token issued here (single use: refreshing rotates it)."""

    client_id: str
    expires_at: float
    workspace_id: str | None = None


def _user_code_key(user_code: str) -> str:
    return user_code.replace("-", "").strip().upper()


@attrs.define
class OAuthState:
    """The registered OAuth apps and every code and token issued (keyed by the secret itself),
    with the settings and the clock they expire by."""

    apps: dict[str, OAuthApp] = attrs.field(factory=dict)
    codes: dict[str, AuthorizationCode] = attrs.field(factory=dict)
    #: Device authorizations by device code, and the device code of each user code.
    devices: dict[str, DeviceAuthorization] = attrs.field(factory=dict)
    user_codes: dict[str, str] = attrs.field(factory=dict)
    tokens: dict[str, IssuedToken] = attrs.field(factory=dict)
    refresh_tokens: dict[str, RefreshGrant] = attrs.field(factory=dict)
    #: The ``jti`` of every JWT exchanged (until it expires), against replays.
    seen_jtis: dict[str, float] = attrs.field(factory=dict)
    #: Seconds added to ``time.time()`` by :meth:`now`.
    clock_offset: float = 0
    access_token_ttl: int = 900
    refresh_token_ttl: int = 30 * 86400
    code_ttl: int = 600
    device_interval: int = 5
    device_expires_in: int = 600
    #: POST requests to any token endpoint so far.
    token_requests: int = 0

    def now(self) -> float:
        """The emulator's OAuth clock: unix time plus ``clock_offset``."""
        return time.time() + self.clock_offset

    def register_app(
        self,
        client_type: ClientType,
        *,
        client_id: str | None = None,
        public_key: str | bytes | None = None,
        public_key_id: str | None = None,
        client_secret: str | None = None,
        redirect_uris: Sequence[str] = (),
    ) -> OAuthApp:
        """Register an app (see ``Emulator.register_oauth_app``) and return its record."""
        if client_type not in _CLIENT_TYPES:
            raise ValueError(f"client_type must be one of {', '.join(sorted(_CLIENT_TYPES))}")
        if client_id is None:
            client_id = f"{new_id()}.app.coze"
        if client_id in self.apps:
            raise ValueError(f"an OAuth app {client_id!r} is already registered")
        if isinstance(redirect_uris, str):
            raise TypeError("redirect_uris is a sequence of URIs, not one string")
        pem = public_key.encode() if isinstance(public_key, str) else public_key
        if client_type == "jwt":
            if pem is None or not public_key_id:
                raise ValueError("a jwt app needs public_key (PEM) and public_key_id")
            _check_rsa_public_key(pem)
        elif pem is not None or public_key_id is not None:
            raise ValueError("public_key and public_key_id are for jwt apps only")
        if client_type == "web":
            client_secret = client_secret or secrets.token_urlsafe(32)
        elif client_secret is not None:
            raise ValueError("client_secret is for web apps only")
        app = OAuthApp(
            client_id=client_id,
            client_type=client_type,
            client_secret=client_secret,
            public_key=pem,
            public_key_id=public_key_id,
            redirect_uris=tuple(redirect_uris),
        )
        self.apps[client_id] = app
        return app

    def decide_device(self, user_code: str, *, approve: bool) -> None:
        """Approve or deny the device authorization showing ``user_code`` (KeyError if none)."""
        device_code = self.user_codes.get(_user_code_key(user_code))
        if device_code is None:
            raise KeyError(f"no device authorization is waiting for user code {user_code!r}")
        self.devices[device_code].status = "approved" if approve else "denied"

    def accepts(self, token: str) -> bool:
        """Whether ``token`` is an access token issued here and not yet expired."""
        record = self.tokens.get(token)
        return record is not None and self.now() < record.expires_at

    def issue(
        self,
        client_id: str,
        grant_type: str,
        *,
        refresh: bool,
        ttl: int | None = None,
        workspace_id: str | None = None,
        **fields: Any,
    ) -> dict[str, Any]:
        """Issue an access token (and a refresh token if ``refresh``): the token answer."""
        now = self.now()
        expires_at = now + (self.access_token_ttl if ttl is None else ttl)
        access_token = "czu_" + secrets.token_urlsafe(36)
        self.tokens[access_token] = IssuedToken(
            client_id=client_id,
            grant_type=grant_type,
            expires_at=expires_at,
            workspace_id=workspace_id,
            **fields,
        )
        answer: dict[str, Any] = {"access_token": access_token, "expires_in": int(expires_at)}
        if refresh:
            refresh_token = secrets.token_urlsafe(36)
            self.refresh_tokens[refresh_token] = RefreshGrant(
                client_id=client_id,
                expires_at=now + self.refresh_token_ttl,
                workspace_id=workspace_id,
            )
            answer["refresh_token"] = refresh_token
        answer["token_type"] = "Bearer"
        return answer

    def remember_jti(self, jti: str, exp: float) -> None:
        """Record an exchanged JWT's ``jti`` (forgetting the ones whose JWT has expired)."""
        now = self.now()
        for old in [j for j, old_exp in self.seen_jtis.items() if old_exp <= now]:
            del self.seen_jtis[old]
        self.seen_jtis[jti] = exp


# -- cryptography (the jwt extra), imported on first use ----------------------------------------


def _check_rsa_public_key(pem: bytes) -> None:
    try:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import rsa
    except ImportError:
        raise RuntimeError(f"JWT apps need the cryptography package: {_JWT_EXTRA}") from None
    key = serialization.load_pem_public_key(pem)  # ValueError when not PEM
    if not isinstance(key, rsa.RSAPublicKey):
        raise ValueError("public_key must be an RSA public key")


def _rs256_verifier() -> Callable[[bytes, bytes, bytes], bool]:
    """``verify(pem, signed, signature)``: whether ``signature`` is the RS256 signature of
    ``signed`` by the public key ``pem``. ImportError without the cryptography package."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding, rsa

    def verify(pem: bytes, signed: bytes, signature: bytes) -> bool:
        key = serialization.load_pem_public_key(pem)
        if not isinstance(key, rsa.RSAPublicKey):
            return False
        try:
            key.verify(signature, signed, padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature:
            return False
        return True

    return verify


# -- wire ---------------------------------------------------------------------------------------


class OAuthError(Exception):
    """Raised by a handler to answer ``{"error_code", "error_message"}`` with ``status``."""

    def __init__(self, error_code: str, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.error_code = error_code
        self.message = message
        self.status = status


def _json(body: Mapping[str, Any], status: int = 200) -> web.Response:
    return web.Response(body=orjson.dumps(body), status=status, content_type="application/json")


def _answers_oauth_errors(handler: Handler) -> Handler:
    @functools.wraps(handler)
    async def wrapped(request: web.Request) -> web.StreamResponse:
        try:
            return await handler(request)
        except OAuthError as exc:
            body = {"error_code": exc.error_code, "error_message": exc.message}
            return _json(body, exc.status)

    return wrapped


def add_routes(app: web.Application) -> None:
    """Register the OAuth endpoints."""
    base = OAUTH_PATH_PREFIX.rstrip("/")
    workspace = f"{base}/workspace_id/{{workspace_id}}"
    routes: list[tuple[str, str, Handler]] = [
        ("GET", f"{base}/authorize", authorize),
        ("GET", f"{workspace}/authorize", authorize),
        ("POST", f"{base}/device/code", device_code),
        ("POST", f"{workspace}/device/code", device_code),
        ("POST", f"{base}/token", token),
        ("POST", f"{base}/account/{{account_id}}/token", token),
        ("POST", f"{base}/enterprise_id/{{enterprise_id}}/token", token),
    ]
    for method, path, handler in routes:
        app.router.add_route(method, path, _answers_oauth_errors(handler))


async def _body(request: web.Request) -> dict[str, Any]:
    raw = await request.read()
    if not raw:
        return {}
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise OAuthError("invalid_request", "the request body is not valid JSON") from None
    if not isinstance(body, dict):
        raise OAuthError("invalid_request", "the request body must be a JSON object")
    return body


def _field(params: Mapping[str, Any], name: str) -> str:
    value = params.get(name)
    if not isinstance(value, str) or not value:
        raise OAuthError("invalid_request", f"{name} is required")
    return value


def _bearer(request: web.Request) -> str | None:
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    value = value.strip()
    return value if scheme.lower() == "bearer" and value else None


def _app(state: OAuthState, client_id: str, flow: str, *types: ClientType) -> OAuthApp:
    app = state.apps.get(client_id)
    if app is None:
        raise OAuthError("invalid_client", f"client_id {client_id} is not a registered app")
    if app.client_type not in types:
        raise OAuthError("invalid_client", f"a {app.client_type} app cannot use {flow}")
    return app


def _check_secret(request: web.Request, app: OAuthApp) -> None:
    """A web app authenticates with ``Authorization: Bearer <client_secret>``."""
    given = (_bearer(request) or "").encode()
    if app.client_secret is None or not hmac.compare_digest(given, app.client_secret.encode()):
        raise OAuthError("invalid_client", "the client secret is missing or wrong", 401)


def _workspace_id(request: web.Request) -> str | None:
    workspace_id = request.match_info.get("workspace_id")
    known = {w["id"] for w in request.app[STORE].workspaces.records}
    if workspace_id is not None and workspace_id not in known:
        raise OAuthError("invalid_request", f"workspace {workspace_id} does not exist")
    return workspace_id


# -- the consent page and device codes ----------------------------------------------------------


async def authorize(request: web.Request) -> web.StreamResponse:
    """``GET /api/permission/oauth2[/workspace_id/{id}]/authorize``: the consent page, which
    the emulator's user approves at once: a redirect to ``redirect_uri`` with a code."""
    state = request.app[STORE].oauth
    query = request.query
    workspace_id = _workspace_id(request)
    if query.get("response_type") != "code":
        raise OAuthError("invalid_request", "response_type must be code")
    app = _app(state, _field(query, "client_id"), "the authorization code flow", "web", "pkce")
    redirect_uri = _field(query, "redirect_uri")
    try:
        target = URL(redirect_uri)
    except ValueError:
        target = None
    if target is None or not target.absolute:
        raise OAuthError("invalid_request", "redirect_uri must be an absolute URI")
    if app.redirect_uris and redirect_uri not in app.redirect_uris:
        raise OAuthError("invalid_request", "redirect_uri is not registered for this app")
    challenge = query.get("code_challenge") or None
    method = query.get("code_challenge_method") or "plain"
    if method not in ("plain", "S256"):
        raise OAuthError("invalid_request", "code_challenge_method must be plain or S256")
    if challenge is None and app.client_type == "pkce":
        raise OAuthError("invalid_request", "code_challenge is required for a PKCE app")
    code = secrets.token_urlsafe(32)
    state.codes[code] = AuthorizationCode(
        client_id=app.client_id,
        redirect_uri=redirect_uri,
        expires_at=state.now() + state.code_ttl,
        code_challenge=challenge,
        code_challenge_method="S256" if method == "S256" else "plain",
        workspace_id=workspace_id,
    )
    params = {"code": code}
    if "state" in query:
        params["state"] = query["state"]
    return web.Response(status=302, headers={"Location": str(target.update_query(params))})


async def device_code(request: web.Request) -> web.Response:
    """``POST /api/permission/oauth2[/workspace_id/{id}]/device/code``: a device code and the
    user code to approve it with (device apps only)."""
    state = request.app[STORE].oauth
    workspace_id = _workspace_id(request)
    body = await _body(request)
    app = _app(state, _field(body, "client_id"), "the device code flow", "device")
    while True:
        letters = "".join(secrets.choice(_USER_CODE_LETTERS) for _ in range(8))
        if letters not in state.user_codes:
            break
    user_code = f"{letters[:4]}-{letters[4:]}"
    code = secrets.token_urlsafe(32)
    state.devices[code] = DeviceAuthorization(
        client_id=app.client_id,
        user_code=user_code,
        expires_at=state.now() + state.device_expires_in,
        interval=state.device_interval,
        workspace_id=workspace_id,
    )
    state.user_codes[letters] = code
    answer = {
        "device_code": code,
        "user_code": user_code,
        "verification_uri": f"{request.scheme}://{request.host}{OAUTH_PATH_PREFIX}device/verify",
        "interval": state.device_interval,
        "expires_in": state.device_expires_in,
    }
    return _json(answer)


# -- the token endpoint -------------------------------------------------------------------------


async def token(request: web.Request) -> web.Response:
    """``POST /api/permission/oauth2/token`` (and the JWT-only ``account/{id}/token`` and
    ``enterprise_id/{id}/token``): a token for one of the grants."""
    state = request.app[STORE].oauth
    state.token_requests += 1
    body = await _body(request)
    grant_type = _field(body, "grant_type")
    jwt_only = "account_id" in request.match_info or "enterprise_id" in request.match_info
    if grant_type == JWT_GRANT:
        return _json(_jwt_grant(request, state, body))
    grants = {
        "authorization_code": _code_grant,
        DEVICE_GRANT: _device_grant,
        "refresh_token": _refresh_grant,
    }
    grant = None if jwt_only else grants.get(grant_type)
    if grant is None:
        where = "on this endpoint" if jwt_only else "by Coze"
        message = f"grant_type {grant_type} is not supported {where}"
        raise OAuthError("unsupported_grant_type", message)
    return _json(grant(request, state, body))


def _jwt_grant(request: web.Request, state: OAuthState, body: Mapping[str, Any]) -> dict[str, Any]:
    duration = body.get("duration_seconds")
    if duration is None:
        duration = 900
    if isinstance(duration, bool) or not isinstance(duration, int):
        raise OAuthError("invalid_request", "duration_seconds must be an integer")
    if not 1 <= duration <= _MAX_DURATION:
        raise OAuthError("invalid_request", f"duration_seconds must be from 1 to {_MAX_DURATION}")
    scope = body.get("scope")
    if scope is not None and not isinstance(scope, dict):
        raise OAuthError("invalid_request", "scope must be a JSON object")
    jwt = _bearer(request)
    if jwt is None:
        raise OAuthError("invalid_request", "send the JWT as Authorization: Bearer <JWT>")
    try:
        verify = _rs256_verifier()
    except ImportError:
        message = f"verifying JWTs needs the cryptography package: {_JWT_EXTRA}"
        raise OAuthError("server_error", message, 500) from None
    app, claims = _verify_jwt(jwt, state, request.host, verify)
    state.remember_jti(claims["jti"], claims["exp"])
    session_name = claims.get("session_name")
    return state.issue(
        app.client_id,
        JWT_GRANT,
        refresh=False,
        ttl=duration,
        scope=scope,
        session_name=session_name if isinstance(session_name, str) else None,
        account_id=request.match_info.get("account_id"),
        enterprise_id=request.match_info.get("enterprise_id"),
    )


def _jwt_part(part: str, what: str) -> bytes:
    if _BASE64URL.fullmatch(part) is None:
        raise _bad_jwt(f"the JWT's {what} is not base64url")
    try:
        return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    except (binascii.Error, ValueError):
        raise _bad_jwt(f"the JWT's {what} is not base64url") from None


def _jwt_object(part: str, what: str) -> dict[str, Any]:
    try:
        value = orjson.loads(_jwt_part(part, what))
    except orjson.JSONDecodeError:
        value = None
    if not isinstance(value, dict):
        raise _bad_jwt(f"the JWT's {what} is not a JSON object")
    return value


def _bad_jwt(message: str) -> OAuthError:
    return OAuthError("invalid_grant", message, 401)


def _is_number(value: object) -> TypeGuard[float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _verify_jwt(
    jwt: str, state: OAuthState, host: str, verify: Callable[[bytes, bytes, bytes], bool]
) -> tuple[OAuthApp, dict[str, Any]]:
    """The app that signed ``jwt`` and its claims, or a 401 error."""
    parts = jwt.split(".")
    if len(parts) != 3:
        raise _bad_jwt("a JWT has three base64url parts separated by dots")
    header = _jwt_object(parts[0], "header")
    claims = _jwt_object(parts[1], "payload")
    signature = _jwt_part(parts[2], "signature")
    if header.get("alg") != "RS256":
        raise _bad_jwt("the JWT's alg must be RS256")
    if header.get("typ") != "JWT":
        raise _bad_jwt("the JWT's typ must be JWT")
    iss = claims.get("iss")
    app = state.apps.get(iss) if isinstance(iss, str) else None
    if app is None or app.client_type != "jwt" or app.public_key is None:
        raise OAuthError("invalid_client", "the JWT's iss is not the client_id of a JWT app", 401)
    if header.get("kid") != app.public_key_id:
        raise _bad_jwt("the JWT's kid is not the app's public key id")
    if not verify(app.public_key, f"{parts[0]}.{parts[1]}".encode("ascii"), signature):
        raise _bad_jwt("the JWT's signature does not verify with the app's public key")
    aud = claims.get("aud")
    audiences = [aud] if isinstance(aud, str) else aud if isinstance(aud, list) else []
    if not any(a == host or a in _JWT_AUDIENCES for a in audiences if isinstance(a, str)):
        raise _bad_jwt(f"the JWT's aud must be the API host ({host})")
    now = state.now()
    exp, iat, jti = claims.get("exp"), claims.get("iat"), claims.get("jti")
    if not _is_number(exp):
        raise _bad_jwt("the JWT needs a numeric exp")
    if not _is_number(iat):
        raise _bad_jwt("the JWT needs a numeric iat")
    if exp <= now:
        raise _bad_jwt("the JWT has expired")
    if iat > now + _IAT_LEEWAY:
        raise _bad_jwt("the JWT's iat is in the future")
    if not isinstance(jti, str) or not jti:
        raise _bad_jwt("the JWT needs a jti")
    if jti in state.seen_jtis:
        raise _bad_jwt("the JWT was already used (each jti once)")
    return app, claims


def _code_grant(request: web.Request, state: OAuthState, body: Mapping[str, Any]) -> dict[str, Any]:
    flow = "the authorization code grant"
    app = _app(state, _field(body, "client_id"), flow, "web", "pkce")
    if app.client_type == "web":
        _check_secret(request, app)
    code = _field(body, "code")
    redirect_uri = _field(body, "redirect_uri")
    verifier = body.get("code_verifier")
    if verifier is not None and not isinstance(verifier, str):
        raise OAuthError("invalid_request", "code_verifier must be a string")
    if app.client_type == "pkce" and not verifier:
        raise OAuthError("invalid_request", "code_verifier is required")
    record = state.codes.get(code)
    if record is None or record.client_id != app.client_id:
        raise OAuthError("invalid_grant", "the code is unknown, used or issued to another app")
    if record.expires_at <= state.now():
        del state.codes[code]
        raise OAuthError("invalid_grant", "the code has expired")
    if record.redirect_uri != redirect_uri:
        raise OAuthError("invalid_grant", "redirect_uri is not the one the code was issued for")
    if record.code_challenge is not None:
        if not verifier:
            raise OAuthError("invalid_request", "code_verifier is required")
        if not _verifier_matches(verifier, record):
            raise OAuthError("invalid_grant", "code_verifier does not match the code_challenge")
    del state.codes[code]
    return state.issue(
        app.client_id, "authorization_code", refresh=True, workspace_id=record.workspace_id
    )


def _verifier_matches(verifier: str, record: AuthorizationCode) -> bool:
    expected = (record.code_challenge or "").encode()
    given = verifier.encode()
    if record.code_challenge_method == "S256":
        given = base64.urlsafe_b64encode(hashlib.sha256(given).digest()).rstrip(b"=")
    return hmac.compare_digest(given, expected)


def _device_grant(
    request: web.Request, state: OAuthState, body: Mapping[str, Any]
) -> dict[str, Any]:
    app = _app(state, _field(body, "client_id"), "the device code grant", "device")
    code = _field(body, "device_code")
    record = state.devices.get(code)
    if record is None or record.client_id != app.client_id:
        raise OAuthError("invalid_grant", "the device code is unknown, used or not this app's")
    now = state.now()
    if now >= record.expires_at:
        raise OAuthError("expired_token", "the device code has expired: ask for a new one")
    last, record.last_poll = record.last_poll, now
    if last is not None and now - last < record.interval:
        raise OAuthError("slow_down", f"poll at most once every {record.interval} seconds")
    if record.status == "denied":
        raise OAuthError("access_denied", "the user denied the authorization")
    if record.status == "pending":
        raise OAuthError("authorization_pending", "the user has not approved the device yet")
    del state.devices[code]
    del state.user_codes[_user_code_key(record.user_code)]
    return state.issue(app.client_id, DEVICE_GRANT, refresh=True, workspace_id=record.workspace_id)


def _refresh_grant(
    request: web.Request, state: OAuthState, body: Mapping[str, Any]
) -> dict[str, Any]:
    flow = "the refresh token grant"
    app = _app(state, _field(body, "client_id"), flow, "web", "pkce", "device")
    if app.client_type == "web":
        _check_secret(request, app)
    refresh_token = _field(body, "refresh_token")
    record = state.refresh_tokens.get(refresh_token)
    if record is None or record.client_id != app.client_id:
        message = "the refresh token is unknown, used or issued to another app"
        raise OAuthError("invalid_grant", message)
    del state.refresh_tokens[refresh_token]
    if record.expires_at <= state.now():
        raise OAuthError("invalid_grant", "the refresh token has expired")
    workspace_id = record.workspace_id
    return state.issue(app.client_id, "refresh_token", refresh=True, workspace_id=workspace_id)
