"""Small helpers, as cozepy's ``cozepy.util`` names them (public through ``coze_async.util``).

Pure functions: importing this module loads no HTTP machinery.
"""

from __future__ import annotations

import base64
import hashlib
import inspect
import os
import secrets
import wave
from builtins import anext
from collections.abc import Mapping
from enum import Enum
from typing import Any, TypeVar

import attrs

from ._errors import CozeInvalidArgumentError, CozeInvalidArgumentTypeError

__all__ = [
    "anext",
    "base64_encode_string",
    "dump_exclude_none",
    "gen_s256_code_challenge",
    "get_methods",
    "get_model_default",
    "http_base_url_to_ws",
    "random_hex",
    "remove_none_values",
    "remove_url_trailing_slash",
    "write_pcm_to_wav_file",
]

#: The class of ``attrs.Factory(...)`` defaults (``attrs.Factory`` is typed as a function).
_FACTORY: type = type(attrs.Factory(list))

K = TypeVar("K")
V = TypeVar("V")


def base64_encode_string(s: str) -> str:
    """``s`` as UTF-8, in standard base64 (padded)."""
    return base64.standard_b64encode(s.encode("utf-8")).decode("ascii")


def random_hex(length: int) -> str:
    """``length`` random hexadecimal digits, from the ``secrets`` module (fit for nonces)."""
    if isinstance(length, bool) or not isinstance(length, int):
        raise CozeInvalidArgumentTypeError(f"length must be an int, not {type(length).__name__}")
    if length < 0:
        raise CozeInvalidArgumentError(f"length must not be negative, got {length}")
    return secrets.token_hex((length + 1) // 2)[:length]


def gen_s256_code_challenge(code_verifier: str) -> str:
    """The PKCE ``S256`` challenge of ``code_verifier``: BASE64URL(SHA256(verifier)), unpadded."""
    digest = hashlib.sha256(code_verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def remove_url_trailing_slash(base_url: str) -> str:
    """``base_url`` without its trailing slashes (an empty string stays empty)."""
    return base_url.rstrip("/") if base_url else base_url


def http_base_url_to_ws(base_url: str) -> str:
    """The WebSocket address of an API address: ``https://api.coze.com`` ->
    ``wss://ws.coze.com`` (``api-`` hosts become ``ws-`` hosts). Only ``https`` addresses."""
    if not base_url:
        raise CozeInvalidArgumentError("base_url cannot be empty")
    if not base_url.startswith("https://"):
        raise CozeInvalidArgumentError("base_url must start with 'https://'")
    ws_url = "wss://" + base_url[len("https://") :]
    if "api-" in ws_url:
        return ws_url.replace("api-", "ws-")
    return ws_url.replace("api.", "ws.")


def remove_none_values(d: Mapping[K, V | None]) -> dict[K, V]:
    """A copy of ``d`` without its ``None`` values."""
    return {k: v for k, v in d.items() if v is not None}


def dump_exclude_none(d: Any) -> Any:
    """``d`` as plain JSON-ready data, ``None`` left out at every level: models become dicts of
    their set fields, enums their values, dicts and lists lose their ``None`` entries."""
    from ._converter import unstructure  # cattrs: loaded only when needed
    from .models._base import CozeModel

    if d is None:
        return None
    if isinstance(d, CozeModel):
        return dump_exclude_none(unstructure(d))
    if isinstance(d, Enum):
        return d.value
    if isinstance(d, dict):
        return {k: dump_exclude_none(v) for k, v in d.items() if v is not None}
    if isinstance(d, list):
        return [dump_exclude_none(v) for v in d if v is not None]
    return d


def write_pcm_to_wav_file(
    pcm_data: bytes,
    filepath: str | os.PathLike[str],
    channels: int = 1,
    sample_width: int = 2,
    frame_rate: int = 24000,
) -> None:
    """Save raw PCM samples as a WAV file. The defaults match Coze's audio: 24 kHz, 16-bit
    (``sample_width`` 2 bytes), mono, little-endian."""
    with wave.open(os.fspath(filepath), "wb") as wav_file:
        wav_file.setnchannels(channels)
        wav_file.setsampwidth(sample_width)
        wav_file.setframerate(frame_rate)
        wav_file.writeframes(pcm_data)


def get_methods(cls: type | object, prefix: str = "on") -> list[dict[str, Any]]:
    """The methods of ``cls`` whose names start with ``prefix``, each as ``{"function",
    "parameters" (those a caller passes: never ``self`` or ``cls``), "type"}``, where ``type`` is
    ``"staticmethod"``, ``"classmethod"`` or ``"instancemethod"`` (cozepy's event-handler
    discovery)."""
    methods: list[dict[str, Any]] = []
    for name in dir(cls):
        if not name.startswith(prefix):
            continue
        attr = getattr(cls, name)
        if not (inspect.ismethod(attr) or inspect.isfunction(attr)):
            continue
        params = list(inspect.signature(attr).parameters.values())
        owner = cls if isinstance(cls, type) else type(cls)
        raw = inspect.getattr_static(owner, name, None)
        if isinstance(raw, staticmethod):
            kind = "staticmethod"
        elif isinstance(raw, classmethod):
            kind = "classmethod"
        else:
            kind = "instancemethod"
            if inspect.isfunction(attr):  # read from the class: ``self`` is still listed
                params = params[1:]
        methods.append({"function": attr, "parameters": params, "type": kind})
    return methods


def get_model_default(model: type, field_name: str) -> Any:
    """The default value of ``field_name`` on the model class ``model`` (a factory's fresh
    value), or ``None`` when the field is unknown or has no default."""
    if not (isinstance(model, type) and attrs.has(model)):
        return None
    field = attrs.fields_dict(model).get(field_name)
    if field is None or field.default is attrs.NOTHING:
        return None
    default: Any = field.default
    if isinstance(default, _FACTORY):
        factory: Any = default
        return None if factory.takes_self else factory.factory()
    return default
