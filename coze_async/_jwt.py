"""The JWT a JWT OAuth app signs to ask for an access token (RS256, PyJWT + cryptography).

PyJWT and cryptography come with the ``jwt`` extra (``pip install 'coze-async[jwt]'``); they
are imported on first use, and their absence is a clear :class:`ImportError`. The private key is
parsed once, when the app is built: only the key object is kept, never the PEM text, and a key
that does not parse fails with a message that quotes none of it.
"""

from __future__ import annotations

import os
import secrets
import time
from typing import TYPE_CHECKING, Any, Union

from ._errors import CozeInvalidArgumentError, CozeInvalidArgumentTypeError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

__all__ = ["JWTSigner", "PrivateKey"]

#: A private key: PEM text or bytes, the path of a PEM file, or a loaded RSA key object.
PrivateKey = Union[str, bytes, "os.PathLike[str]", "RSAPrivateKey"]

_EXTRA_HINT = "JWT OAuth needs PyJWT and cryptography: pip install 'coze-async[jwt]'"
#: The algorithm is fixed, never read from input (RFC 8725 §3.1).
_ALGORITHM = "RS256"


def _crypto() -> Any:
    try:
        from cryptography.hazmat.primitives import serialization
    except ImportError as exc:
        raise ImportError(_EXTRA_HINT) from exc
    return serialization


def _pyjwt() -> Any:
    try:
        import jwt
    except ImportError as exc:
        raise ImportError(_EXTRA_HINT) from exc
    return jwt


def load_private_key(key: PrivateKey) -> RSAPrivateKey:
    """An RSA private key object from PEM text/bytes, a PEM file path or a key object."""
    serialization = _crypto()
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

    if isinstance(key, RSAPrivateKey):
        return key
    if isinstance(key, os.PathLike):
        with open(key, "rb") as file:
            data = file.read()
    elif isinstance(key, str):
        data = key.encode()
    elif isinstance(key, bytes):
        data = key
    else:
        raise CozeInvalidArgumentTypeError(
            "private_key must be PEM text, bytes, a path or an RSA key object, "
            f"not {type(key).__name__}"
        )
    try:
        loaded = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError):
        # The parser's own message may quote the input: it is not chained or repeated here.
        raise CozeInvalidArgumentError(
            "private_key is not a readable unencrypted PEM private key "
            "(expected '-----BEGIN PRIVATE KEY-----' or '-----BEGIN RSA PRIVATE KEY-----')"
        ) from None
    if not isinstance(loaded, RSAPrivateKey):
        raise CozeInvalidArgumentError(
            f"private_key must be an RSA key (RS256), not {type(loaded).__name__}"
        )
    return loaded


class JWTSigner:
    """Signs the short-lived JWTs of one OAuth app: ``iss`` (client id), ``aud`` (the API
    host), ``iat``, ``exp``, a random ``jti``, and ``kid`` (the public key id) in the header."""

    __slots__ = ("_key", "client_id", "public_key_id")

    def __init__(self, client_id: str, private_key: PrivateKey, public_key_id: str) -> None:
        _pyjwt()  # fail at construction, not at the first token request
        if not isinstance(public_key_id, str) or not public_key_id:
            raise CozeInvalidArgumentError(
                "public_key_id must be a non-empty string (the key's fingerprint)"
            )
        self.client_id = client_id
        self.public_key_id = public_key_id
        self._key = load_private_key(private_key)

    def sign(self, audience: str, *, ttl: int = 3600, session_name: str | None = None) -> str:
        """A JWT valid for ``ttl`` seconds from now."""
        now = int(time.time())
        payload: dict[str, Any] = {
            "iss": self.client_id,
            "aud": audience,
            "iat": now,
            "exp": now + ttl,
            "jti": secrets.token_hex(16),
        }
        if session_name:
            payload["session_name"] = session_name
        headers = {"kid": self.public_key_id, "typ": "JWT"}
        token: str = _pyjwt().encode(payload, self._key, algorithm=_ALGORITHM, headers=headers)
        return token

    def __repr__(self) -> str:
        return f"JWTSigner(client_id={self.client_id!r}, public_key_id={self.public_key_id!r})"

    def __reduce__(self) -> tuple[object, ...]:
        raise CozeInvalidArgumentTypeError("a JWT signer holds a private key and cannot be pickled")
