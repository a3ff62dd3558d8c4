"""The OAuth flows, written once (async): the Web, PKCE, device-code and JWT apps, and the
JWT auth that fetches and renews its own access token. The sync classes in ``_sync_oauth.py``
run these in a portal.

Each token request uses a transport of its own, closed when the call ends: an app holds no
connection between its (rare) token requests, so there is nothing to close or leak, and one app
works from any event loop or thread. Secrets (client secret, private key, codes, tokens) are
never logged, shown in ``repr()`` or put in error messages.
"""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import Awaitable, Callable, Mapping
from ssl import SSLContext
from typing import Any, Literal
from urllib.parse import quote, urlencode

import aiohttp
from yarl import URL

from ._auth import AsyncAuth, Auth
from ._config import COZE_CN_BASE_URL, COZE_COM_BASE_URL
from ._errors import (
    CozeError,
    CozeInvalidArgumentError,
    CozeInvalidArgumentTypeError,
    CozePKCEAuthError,
    CozePKCEAuthErrorType,
)
from ._jwt import JWTSigner, PrivateKey
from ._log import logger as log
from ._paths import path
from ._request import Request, RequestOptions, omit_none, positive
from ._retry import DEFAULT_MAX_RETRIES
from ._timeout import TimeoutTypes
from ._transport import Transport
from ._util import gen_s256_code_challenge
from .models.auth import DeviceAuthCode, OAuthToken, Scope, expiry_time

__all__ = [
    "AsyncDeviceOAuthApp",
    "AsyncJWTAuth",
    "AsyncJWTOAuthApp",
    "AsyncPKCEOAuthApp",
    "AsyncWebOAuthApp",
    "JWTAuthCore",
    "OAuthApp",
    "TokenKeeper",
    "gen_s256_code_challenge",
]


TOKEN_PATH = "/api/permission/oauth2/token"
JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer"
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
#: How long the JWT that asks for a token is valid: it is used at once, and only once.
JWT_LIFETIME_SECONDS = 300
#: A token is renewed this long before it expires (at most half its lifetime)...
RENEW_BEFORE_SECONDS = 60.0
#: ...and, if renewing fails, still used until this long before it expires.
LAST_USE_BEFORE_SECONDS = 10.0
#: The device flow's polling gap grows by this on each ``slow_down`` (RFC 8628 §3.5), up to a cap.
SLOW_DOWN_STEP_SECONDS = 5.0
MAX_POLL_INTERVAL_SECONDS = 60.0


def _secret(name: str, value: object) -> str:
    """A secret argument: a non-empty str (the value is never quoted in the error)."""
    if not isinstance(value, str) or not value:
        raise CozeInvalidArgumentError(
            f"{name} must be a non-empty string ({type(value).__name__} given)"
        )
    return value


class OAuthApp:
    """What every OAuth app shares: its client id, the API and web addresses, and the HTTP
    settings of its token requests (``timeout``, ``max_retries``, ``ssl``, ``http_client``: as
    for :class:`~coze_async.AsyncCoze`)."""

    def __init__(
        self,
        client_id: str,
        base_url: str = COZE_COM_BASE_URL,
        www_base_url: str = "",
        *,
        timeout: TimeoutTypes | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        ssl: SSLContext | bool = True,
        allow_insecure_http: bool = False,
        http_client: aiohttp.ClientSession | None = None,
    ) -> None:
        if not isinstance(client_id, str) or not client_id:
            raise CozeInvalidArgumentError(
                f"client_id must be a non-empty string, got {client_id!r}"
            )
        self._client_id = client_id
        self._http: dict[str, Any] = {
            "base_url": base_url,
            "timeout": timeout,
            "max_retries": max_retries,
            "ssl": ssl,
            "allow_insecure_http": allow_insecure_http,
            "http_client": http_client,
        }
        self._base_url = self._transport().base_url  # checks the URL and the settings now
        self._www_base_url = www_base_url.rstrip("/")
        url = URL(self._base_url)
        #: The JWT audience: the API host as the URL names it (``api.coze.com``).
        self._api_endpoint = url.raw_authority

    @property
    def client_id(self) -> str:
        """The OAuth app's client id."""
        return self._client_id

    @property
    def base_url(self) -> str:
        """The API address token requests go to."""
        return self._base_url

    @property
    def www_base_url(self) -> str:
        """The web address of the consent page: ``www_base_url`` if given, else the API address
        with ``api.`` made ``www.`` for coze.com and coze.cn, else the API address itself."""
        if self._www_base_url:
            return self._www_base_url
        if self._base_url in (COZE_COM_BASE_URL, COZE_CN_BASE_URL):
            return self._base_url.replace("://api.", "://www.", 1)
        return self._base_url

    def _transport(self) -> Transport:
        return Transport(auth=None, owner=f"{type(self).__name__} token request", **self._http)

    async def _post(
        self, request_path: str, body: Mapping[str, Any], cast: type[Any], bearer: str = ""
    ) -> Any:
        """POST ``body`` to an OAuth endpoint (with ``Authorization: Bearer <bearer>`` if given)
        on a transport of its own, and structure the answer (not enveloped) as ``cast``."""
        options: RequestOptions = (
            {"headers": {"Authorization": f"Bearer {bearer}"}} if bearer else {}
        )
        request = Request("POST", request_path, json=dict(body), options=options, data_field=None)
        transport = self._transport()
        try:
            return await transport.call(request, cast)
        finally:
            await transport.close()

    def _get_oauth_url(
        self,
        redirect_uri: str,
        *,
        code_challenge: str | None = None,
        code_challenge_method: str | None = None,
        state: str = "",
        workspace_id: str | None = None,
    ) -> str:
        if not isinstance(redirect_uri, str) or not redirect_uri:
            raise CozeInvalidArgumentError(
                f"redirect_uri must be a non-empty string, got {redirect_uri!r}"
            )
        query = {
            "response_type": "code",
            "client_id": self._client_id,
            "redirect_uri": redirect_uri,
            "state": state,
            **omit_none(code_challenge=code_challenge, code_challenge_method=code_challenge_method),
        }
        route = "/api/permission/oauth2/authorize"
        if workspace_id is not None:
            route = path(
                "/api/permission/oauth2/workspace_id/{workspace_id}/authorize",
                workspace_id=workspace_id,
            )
        return f"{self.www_base_url}{route}?{urlencode(query, quote_via=quote)}"

    async def _refresh_access_token(self, refresh_token: str, secret: str = "") -> OAuthToken:
        body = {
            "grant_type": "refresh_token",
            "client_id": self._client_id,
            "refresh_token": _secret("refresh_token", refresh_token),
        }
        token: OAuthToken = await self._post(TOKEN_PATH, body, OAuthToken, bearer=secret)
        return token

    def __repr__(self) -> str:
        return f"{type(self).__name__}(client_id={self._client_id!r}, base_url={self._base_url!r})"

    def __reduce__(self) -> tuple[object, ...]:
        raise CozeInvalidArgumentTypeError(
            f"{type(self).__name__} may hold a secret and cannot be pickled"
        )


class AsyncWebOAuthApp(OAuthApp):
    """The authorization-code flow of a web app with a client secret: send the user to
    :meth:`get_oauth_url`, then exchange the ``code`` your redirect URI receives."""

    def __init__(
        self,
        client_id: str,
        client_secret: str,
        base_url: str = COZE_COM_BASE_URL,
        www_base_url: str = "",
        **http: Any,
    ) -> None:
        super().__init__(client_id, base_url, www_base_url, **http)
        self._client_secret = _secret("client_secret", client_secret)

    def get_oauth_url(
        self, redirect_uri: str, state: str = "", workspace_id: str | None = None
    ) -> str:
        """The consent page to send the user to. ``state`` comes back with the code: pass a
        fresh random value (``secrets.token_urlsafe()``) and check it in your redirect handler
        against request forgery. ``workspace_id`` asks for access to one workspace."""
        return self._get_oauth_url(redirect_uri, state=state, workspace_id=workspace_id)

    async def get_access_token(self, redirect_uri: str, code: str) -> OAuthToken:
        """Exchange the ``code`` your redirect URI received (``redirect_uri`` as sent to
        :meth:`get_oauth_url`) for an access and a refresh token."""
        body = {
            "client_id": self._client_id,
            "grant_type": "authorization_code",
            "code": _secret("code", code),
            "redirect_uri": redirect_uri,
        }
        token: OAuthToken = await self._post(TOKEN_PATH, body, OAuthToken, self._client_secret)
        return token

    async def refresh_access_token(self, refresh_token: str) -> OAuthToken:
        """A new access token (and a new refresh token: the old one stops working)."""
        return await self._refresh_access_token(refresh_token, self._client_secret)


class AsyncPKCEOAuthApp(OAuthApp):
    """The authorization-code flow with PKCE, for apps that cannot keep a secret (mobile,
    desktop, single-page): a fresh ``code_verifier`` per sign-in proves the exchange comes from
    the app that started it."""

    def get_oauth_url(
        self,
        redirect_uri: str,
        code_verifier: str,
        code_challenge_method: Literal["plain", "S256"] = "S256",
        state: str = "",
        workspace_id: str | None = None,
    ) -> str:
        """The consent page to send the user to. ``code_verifier`` is a random string you keep
        until the exchange (43-128 characters of ``[A-Za-z0-9-._~]``). The challenge is
        ``S256`` by default (cozepy: ``plain``, which exposes the verifier in the URL)."""
        verifier = _secret("code_verifier", code_verifier)
        if code_challenge_method not in ("plain", "S256"):
            raise CozeInvalidArgumentError(
                f"code_challenge_method must be 'plain' or 'S256', got {code_challenge_method!r}"
            )
        challenge = (
            verifier if code_challenge_method == "plain" else gen_s256_code_challenge(verifier)
        )
        return self._get_oauth_url(
            redirect_uri,
            code_challenge=challenge,
            code_challenge_method=code_challenge_method,
            state=state,
            workspace_id=workspace_id,
        )

    async def get_access_token(
        self, redirect_uri: str, code: str, code_verifier: str
    ) -> OAuthToken:
        """Exchange the ``code`` your redirect URI received, with the same ``code_verifier``."""
        body = {
            "grant_type": "authorization_code",
            "code": _secret("code", code),
            "client_id": self._client_id,
            "redirect_uri": redirect_uri,
            "code_verifier": _secret("code_verifier", code_verifier),
        }
        token: OAuthToken = await self._post(TOKEN_PATH, body, OAuthToken)
        return token

    async def refresh_access_token(self, refresh_token: str) -> OAuthToken:
        """A new access token (and a new refresh token: the old one stops working)."""
        return await self._refresh_access_token(refresh_token)


class AsyncDeviceOAuthApp(OAuthApp):
    """The device-code flow, for CLIs and devices without a browser: show the user a code to
    enter on another device, then poll until they approve."""

    async def get_device_code(self, workspace_id: str | None = None) -> DeviceAuthCode:
        """A new device code; show ``verification_url`` to the user."""
        route = "/api/permission/oauth2/device/code"
        if workspace_id is not None:
            route = path(
                "/api/permission/oauth2/workspace_id/{workspace_id}/device/code",
                workspace_id=workspace_id,
            )
        code: DeviceAuthCode = await self._post(
            route, {"client_id": self._client_id}, DeviceAuthCode
        )
        code.verification_url = f"{code.verification_uri}?user_code={quote(code.user_code)}"
        return code

    async def get_access_token(
        self,
        device_code: str | DeviceAuthCode,
        poll: bool = False,
        *,
        interval: float | None = None,
    ) -> OAuthToken:
        """The token once the user approved. Without ``poll``, one request: an unapproved code
        raises :class:`CozePKCEAuthError` (``authorization_pending``). With ``poll=True``, waits
        (without blocking the event loop) every ``interval`` seconds (the device code's, else 5),
        5 s more after each ``slow_down``, until the token comes or the user refuses
        (``access_denied``) or the code expires (``expired_token``)."""
        code = device_code.device_code if isinstance(device_code, DeviceAuthCode) else device_code
        _secret("device_code", code)
        if not poll:
            return await self._device_token(code)
        if interval is None:
            interval = device_code.interval if isinstance(device_code, DeviceAuthCode) else 5
        if interval < 0:
            raise CozeInvalidArgumentError(f"interval must be >= 0, got {interval!r}")
        deadline = None
        if isinstance(device_code, DeviceAuthCode):
            expires_at = expiry_time(device_code.expires_in, time.time())
            deadline = expires_at + max(float(interval), 1.0)
        while True:
            try:
                return await self._device_token(code)
            except CozePKCEAuthError as exc:
                if exc.error is CozePKCEAuthErrorType.SLOW_DOWN:
                    interval = min(interval + SLOW_DOWN_STEP_SECONDS, MAX_POLL_INTERVAL_SECONDS)
                elif exc.error is not CozePKCEAuthErrorType.AUTHORIZATION_PENDING:
                    raise
            if deadline is not None and time.time() + interval > deadline:
                raise CozePKCEAuthError(
                    CozePKCEAuthErrorType.EXPIRED_TOKEN,
                    msg="the device code expired before the user approved it",
                )
            await asyncio.sleep(interval)

    async def _device_token(self, device_code: str) -> OAuthToken:
        body = {
            "client_id": self._client_id,
            "grant_type": DEVICE_GRANT,
            "device_code": device_code,
        }
        token: OAuthToken = await self._post(TOKEN_PATH, body, OAuthToken)
        return token

    async def refresh_access_token(self, refresh_token: str) -> OAuthToken:
        """A new access token (and a new refresh token: the old one stops working)."""
        return await self._refresh_access_token(refresh_token)


class AsyncJWTOAuthApp(OAuthApp):
    """The JWT flow, for servers: the app signs a short JWT with its private key and exchanges
    it for an access token. No user is involved and there is no refresh token: ask again (or
    use :class:`AsyncJWTAuth`, which does). Needs the ``jwt`` extra."""

    def __init__(
        self,
        client_id: str,
        private_key: PrivateKey,
        public_key_id: str,
        base_url: str = COZE_COM_BASE_URL,
        **http: Any,
    ) -> None:
        super().__init__(client_id, base_url, "", **http)
        self._signer = JWTSigner(client_id, private_key, public_key_id)

    async def get_access_token(
        self,
        ttl: int = 900,
        scope: Scope | None = None,
        session_name: str | None = None,
        *,
        account_id: str | None = None,
        enterprise_id: str | None = None,
    ) -> OAuthToken:
        """An access token valid ``ttl`` seconds (900 by default, at most 86399), optionally
        limited to ``scope``. ``session_name`` isolates the resources of one end user of your
        app. ``account_id`` (a workspace owner or organization) or ``enterprise_id`` (an
        enterprise's privileged app) asks for a token on their resources."""
        positive("ttl", ttl)
        route = TOKEN_PATH
        if account_id is not None and enterprise_id is not None:
            raise CozeInvalidArgumentError("give account_id or enterprise_id, not both")
        if account_id is not None:
            route = path("/api/permission/oauth2/account/{account_id}/token", account_id=account_id)
        elif enterprise_id is not None:
            route = path(
                "/api/permission/oauth2/enterprise_id/{enterprise_id}/token",
                enterprise_id=enterprise_id,
            )
        jwt = self._signer.sign(
            self._api_endpoint, ttl=JWT_LIFETIME_SECONDS, session_name=session_name
        )
        body = {"duration_seconds": ttl, "grant_type": JWT_GRANT, **omit_none(scope=scope)}
        token: OAuthToken = await self._post(route, body, OAuthToken, bearer=jwt)
        return token


class TokenKeeper:
    """Holds an access token and fetches the next one shortly before it expires.

    However many requests need a token at once, one fetch runs (per event loop) and they all
    wait for it; if it fails, each of them gets the error and the next request tries again,
    except while the current token is still good for a while, which is then used instead.
    """

    def __init__(
        self, fetch: Callable[[], Awaitable[OAuthToken]], *, clock: Callable[[], float] = time.time
    ) -> None:
        self._fetch = fetch
        self.clock = clock
        self._token: str | None = None
        self._expires_at = 0.0
        self._renew_at = 0.0
        self._running: dict[asyncio.AbstractEventLoop, asyncio.Task[str]] = {}

    async def get(self) -> str:
        """The current access token, fetched first if there is none or it expires soon."""
        token = self._token
        if token is not None and self.clock() < self._renew_at:
            return token
        loop = asyncio.get_running_loop()
        task = self._running.get(loop)
        if task is None:
            task = loop.create_task(self._renew())
            self._running[loop] = task
            task.add_done_callback(functools.partial(self._finished, loop))
        try:
            # Shielded: a waiter that is cancelled does not cancel the others' fetch.
            return await asyncio.shield(task)
        except CozeError as exc:
            token = self._token
            if token is not None and self.clock() < self._expires_at - LAST_USE_BEFORE_SECONDS:
                log.warning(
                    "renewing the access token failed (%s); the current one is used until it "
                    "expires",
                    type(exc).__name__,
                )
                return token
            raise

    async def _renew(self) -> str:
        received = self.clock()
        result = await self._fetch()
        expires_at = expiry_time(result.expires_in, received)
        lifetime = max(expires_at - received, 0.0)
        self._token = result.access_token
        self._expires_at = expires_at
        self._renew_at = expires_at - min(RENEW_BEFORE_SECONDS, lifetime / 2)
        return result.access_token

    def _finished(self, loop: asyncio.AbstractEventLoop, task: asyncio.Task[str]) -> None:
        if self._running.get(loop) is task:
            del self._running[loop]
        if not task.cancelled():
            task.exception()  # every waiter was handed it: not an "unretrieved" exception


class JWTAuthCore(Auth):
    """What :class:`AsyncJWTAuth` and ``JWTAuth`` share: a JWT app and the keeper of the
    tokens it issues."""

    _keeper: TokenKeeper
    _app: AsyncJWTOAuthApp

    def _setup(
        self,
        app: AsyncJWTOAuthApp,
        ttl: int,
        scope: Scope | None,
        session_name: str | None,
        account_id: str | None,
        enterprise_id: str | None,
    ) -> None:
        positive("ttl", ttl)
        self._app = app
        fetch = functools.partial(
            app.get_access_token,
            ttl,
            scope,
            session_name,
            account_id=account_id,
            enterprise_id=enterprise_id,
        )
        self._keeper = TokenKeeper(fetch)

    @property
    def token_type(self) -> str:
        return "Bearer"

    @property
    async def atoken(self) -> str:
        """The current access token, fetched or renewed when needed."""
        return await self._keeper.get()

    async def authorization(self) -> str:
        """``Bearer <token>``, fetching or renewing the token when needed."""
        return f"Bearer {await self._keeper.get()}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(client_id={self._app.client_id!r})"

    def __reduce__(self) -> tuple[object, ...]:
        raise CozeInvalidArgumentTypeError(
            f"{type(self).__name__} holds a private key and cannot be pickled"
        )


def jwt_app_arguments(
    client_id: str | None, private_key: PrivateKey | None, public_key_id: str | None
) -> tuple[str, PrivateKey, str]:
    """The arguments of a JWT auth built without an ``oauth_app``: all three are needed."""
    if client_id is None or private_key is None or public_key_id is None:
        raise CozeInvalidArgumentTypeError(
            "give oauth_app, or client_id, private_key and public_key_id"
        )
    return client_id, private_key, public_key_id


class AsyncJWTAuth(JWTAuthCore, AsyncAuth):
    """Authentication for servers: JWT-flow access tokens, fetched on first use and renewed
    shortly before they expire, once however many requests wait. Pass ``oauth_app``, or
    ``client_id``, ``private_key`` and ``public_key_id`` (and ``base_url``). ``ttl`` is the
    lifetime of each token asked for; ``scope``, ``session_name``, ``account_id`` and
    ``enterprise_id`` as for :meth:`AsyncJWTOAuthApp.get_access_token`."""

    def __init__(
        self,
        client_id: str | None = None,
        private_key: PrivateKey | None = None,
        public_key_id: str | None = None,
        ttl: int = 7200,
        base_url: str = COZE_COM_BASE_URL,
        oauth_app: AsyncJWTOAuthApp | None = None,
        *,
        scope: Scope | None = None,
        session_name: str | None = None,
        account_id: str | None = None,
        enterprise_id: str | None = None,
    ) -> None:
        if oauth_app is None:
            oauth_app = AsyncJWTOAuthApp(
                *jwt_app_arguments(client_id, private_key, public_key_id), base_url
            )
        self._setup(oauth_app, ttl, scope, session_name, account_id, enterprise_id)
