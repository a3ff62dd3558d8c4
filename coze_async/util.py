"""Helpers, as cozepy's ``cozepy.util`` names them (PCM to WAV, base64, random hex, PKCE challenge,
URL helpers, ...)."""

from __future__ import annotations

from ._util import (
    anext,
    base64_encode_string,
    dump_exclude_none,
    gen_s256_code_challenge,
    get_methods,
    get_model_default,
    http_base_url_to_ws,
    random_hex,
    remove_none_values,
    remove_url_trailing_slash,
    write_pcm_to_wav_file,
)

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
