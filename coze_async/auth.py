"""Authentication, as cozepy's ``cozepy.auth`` names it: token auth, the OAuth apps (Web, PKCE,
device code, JWT) in both styles, the JWT auth that renews its own tokens, and their payloads.
Every name is also exported by ``coze_async`` itself."""

from __future__ import annotations

from ._auth import AsyncAuth, AsyncTokenAuth, Auth, SyncAuth, TokenAuth
from ._config import COZE_CN_BASE_URL, COZE_COM_BASE_URL
from ._errors import CozePKCEAuthError, CozePKCEAuthErrorType
from ._oauth import (
    AsyncDeviceOAuthApp,
    AsyncJWTAuth,
    AsyncJWTOAuthApp,
    AsyncPKCEOAuthApp,
    AsyncWebOAuthApp,
    OAuthApp,
    gen_s256_code_challenge,
)
from ._sync_oauth import (
    DeviceOAuthApp,
    JWTAuth,
    JWTOAuthApp,
    PKCEOAuthApp,
    WebOAuthApp,
    load_oauth_app_from_config,
)
from .models.auth import (
    DeviceAuthCode,
    OAuthToken,
    Scope,
    ScopeAccountPermission,
    ScopeAttributeConstraint,
    ScopeAttributeConstraintConnectorBotChatAttribute,
)

__all__ = [
    "COZE_CN_BASE_URL",
    "COZE_COM_BASE_URL",
    "AsyncAuth",
    "AsyncDeviceOAuthApp",
    "AsyncJWTAuth",
    "AsyncJWTOAuthApp",
    "AsyncPKCEOAuthApp",
    "AsyncTokenAuth",
    "AsyncWebOAuthApp",
    "Auth",
    "CozePKCEAuthError",
    "CozePKCEAuthErrorType",
    "DeviceAuthCode",
    "DeviceOAuthApp",
    "JWTAuth",
    "JWTOAuthApp",
    "OAuthApp",
    "OAuthToken",
    "PKCEOAuthApp",
    "Scope",
    "ScopeAccountPermission",
    "ScopeAttributeConstraint",
    "ScopeAttributeConstraintConnectorBotChatAttribute",
    "SyncAuth",
    "TokenAuth",
    "WebOAuthApp",
    "gen_s256_code_challenge",
    "load_oauth_app_from_config",
]
