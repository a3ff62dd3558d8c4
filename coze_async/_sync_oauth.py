"""The sync OAuth classes: each drives its async twin from ``_oauth.py`` through a portal (an
event loop in a daemon thread of its own, started on the first request), so a sync device poll
waits in that loop, never in one of yours."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from types import TracebackType
from typing import Any, Final, Generic, TypeVar

from ._auth import SyncAuth
from ._config import COZE_COM_BASE_URL
from ._errors import CozeInvalidArgumentError, CozeInvalidArgumentTypeError
from ._jwt import PrivateKey
from ._oauth import (
    AsyncDeviceOAuthApp,
    AsyncJWTOAuthApp,
    AsyncPKCEOAuthApp,
    AsyncWebOAuthApp,
    JWTAuthCore,
    OAuthApp,
    jwt_app_arguments,
)
from ._sync_layer import Portal, SyncResource, direct, forward
from .models.auth import Scope

__all__ = [
    "DeviceOAuthApp",
    "JWTAuth",
    "JWTOAuthApp",
    "PKCEOAuthApp",
    "WebOAuthApp",
    "load_oauth_app_from_config",
]

A = TypeVar("A", bound=OAuthApp)


class _SyncOAuthApp(SyncResource[A], Generic[A]):
    """A sync OAuth app: its own root, with a portal of its own. It holds no connection between
    requests; :meth:`close` (or ``with``) closes its event loop (and the loop's thread, if it has
    one), as does garbage collection."""

    def __init__(self, app: A) -> None:
        super().__init__(self, app)
        self._own_portal = Portal(app.base_url)

    @property
    def _portal(self) -> Portal:
        return self._own_portal

    @property
    def client_id(self) -> str:
        """The OAuth app's client id."""
        return self._async.client_id

    @property
    def base_url(self) -> str:
        """The API address token requests go to."""
        return self._async.base_url

    def close(self) -> None:
        """Close the app's event loop (idempotent; a later request fails)."""
        portal = self._own_portal
        if portal.in_loop_thread:
            portal.stop_soon(_nothing)
        else:
            portal.stop()

    def __enter__(self: _S) -> _S:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            if self._own_portal.running:
                self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(client_id={self.client_id!r}, base_url={self.base_url!r})"

    def __reduce__(self) -> tuple[object, ...]:
        raise CozeInvalidArgumentTypeError(
            f"{type(self).__name__} may hold a secret and cannot be pickled"
        )


_S = TypeVar("_S", bound=_SyncOAuthApp[Any])


async def _nothing() -> None:
    """Nothing to clean up before a portal stops."""


class WebOAuthApp(_SyncOAuthApp[AsyncWebOAuthApp]):
    """The sync :class:`~coze_async.AsyncWebOAuthApp` (web apps with a client secret)."""

    def __init__(
        self,
        client_id: str,
        client_secret: str,
        base_url: str = COZE_COM_BASE_URL,
        www_base_url: str = "",
        **http: Any,
    ) -> None:
        super().__init__(AsyncWebOAuthApp(client_id, client_secret, base_url, www_base_url, **http))

    get_oauth_url: Final = direct(AsyncWebOAuthApp.get_oauth_url)
    get_access_token: Final = forward(AsyncWebOAuthApp.get_access_token)
    refresh_access_token: Final = forward(AsyncWebOAuthApp.refresh_access_token)


class PKCEOAuthApp(_SyncOAuthApp[AsyncPKCEOAuthApp]):
    """The sync :class:`~coze_async.AsyncPKCEOAuthApp` (apps that cannot keep a secret)."""

    def __init__(
        self, client_id: str, base_url: str = COZE_COM_BASE_URL, www_base_url: str = "", **http: Any
    ) -> None:
        super().__init__(AsyncPKCEOAuthApp(client_id, base_url, www_base_url, **http))

    get_oauth_url: Final = direct(AsyncPKCEOAuthApp.get_oauth_url)
    get_access_token: Final = forward(AsyncPKCEOAuthApp.get_access_token)
    refresh_access_token: Final = forward(AsyncPKCEOAuthApp.refresh_access_token)


class DeviceOAuthApp(_SyncOAuthApp[AsyncDeviceOAuthApp]):
    """The sync :class:`~coze_async.AsyncDeviceOAuthApp` (CLIs and devices)."""

    def __init__(
        self, client_id: str, base_url: str = COZE_COM_BASE_URL, www_base_url: str = "", **http: Any
    ) -> None:
        super().__init__(AsyncDeviceOAuthApp(client_id, base_url, www_base_url, **http))

    get_device_code: Final = forward(AsyncDeviceOAuthApp.get_device_code)
    get_access_token: Final = forward(AsyncDeviceOAuthApp.get_access_token)
    refresh_access_token: Final = forward(AsyncDeviceOAuthApp.refresh_access_token)


class JWTOAuthApp(_SyncOAuthApp[AsyncJWTOAuthApp]):
    """The sync :class:`~coze_async.AsyncJWTOAuthApp` (servers; needs the ``jwt`` extra)."""

    def __init__(
        self,
        client_id: str,
        private_key: PrivateKey,
        public_key_id: str,
        base_url: str = COZE_COM_BASE_URL,
        **http: Any,
    ) -> None:
        super().__init__(AsyncJWTOAuthApp(client_id, private_key, public_key_id, base_url, **http))

    get_access_token: Final = forward(AsyncJWTOAuthApp.get_access_token)


class JWTAuth(JWTAuthCore, SyncAuth):
    """The sync :class:`~coze_async.AsyncJWTAuth`: the same arguments, with a sync
    :class:`JWTOAuthApp` as ``oauth_app``. Works with ``Coze`` and ``AsyncCoze`` alike."""

    def __init__(
        self,
        client_id: str | None = None,
        private_key: PrivateKey | None = None,
        public_key_id: str | None = None,
        ttl: int = 7200,
        base_url: str = COZE_COM_BASE_URL,
        oauth_app: JWTOAuthApp | None = None,
        *,
        scope: Scope | None = None,
        session_name: str | None = None,
        account_id: str | None = None,
        enterprise_id: str | None = None,
    ) -> None:
        if oauth_app is None:
            oauth_app = JWTOAuthApp(
                *jwt_app_arguments(client_id, private_key, public_key_id), base_url
            )
        self._sync_app = oauth_app
        self._setup(oauth_app._async, ttl, scope, session_name, account_id, enterprise_id)

    @property
    def token(self) -> str:
        """The current access token (fetched or renewed when needed, in the app's thread)."""
        return self._sync_app._portal.call(self._keeper.get)


def load_oauth_app_from_config(
    config: Mapping[str, Any],
) -> PKCEOAuthApp | JWTOAuthApp | DeviceOAuthApp | WebOAuthApp:
    """The OAuth app a config describes (the JSON the Coze console offers for download):
    ``client_type`` (``pkce``, ``jwt``, ``device`` or ``web``), ``client_id``,
    ``coze_api_base``, ``coze_www_base``, and ``private_key`` + ``public_key_id`` (jwt) or
    ``client_secret`` (web)."""
    client_type = config.get("client_type", "")
    client_id = config.get("client_id", "")
    api_base = config.get("coze_api_base") or COZE_COM_BASE_URL
    www_base = config.get("coze_www_base", "")
    if client_type == "pkce":
        return PKCEOAuthApp(client_id, api_base, www_base)
    if client_type == "device":
        return DeviceOAuthApp(client_id, api_base, www_base)
    if client_type == "web":
        return WebOAuthApp(client_id, config.get("client_secret", ""), api_base, www_base)
    if client_type == "jwt":
        return JWTOAuthApp(
            client_id, config.get("private_key", ""), config.get("public_key_id", ""), api_base
        )
    raise CozeInvalidArgumentError(
        f"invalid OAuth client_type {client_type!r}: expected 'pkce', 'jwt', 'device' or 'web'"
    )
