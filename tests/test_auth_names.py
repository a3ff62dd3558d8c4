"""cozepy's auth surface, name by name: every auth name of its ``__all__`` and of ``cozepy.auth``
exists here, and each method takes cozepy's parameters, in cozepy's order, with its defaults
(extra parameters only after them, keyword-only or defaulted)."""

from __future__ import annotations

import inspect

import cozepy
import cozepy.auth
import pytest

import coze_async
import coze_async.auth

#: Documented differences from cozepy's defaults (CHANGELOG "Changed").
IMPROVED_DEFAULTS = {
    ("PKCEOAuthApp", "get_oauth_url", "code_challenge_method"): "S256",
    ("AsyncPKCEOAuthApp", "get_oauth_url", "code_challenge_method"): "S256",
    ("AsyncJWTOAuthApp", "get_access_token", "ttl"): 900,
}


def cozepy_auth_names() -> list[str]:
    return sorted(
        name
        for name, value in vars(cozepy.auth).items()
        if not name.startswith("_")
        and getattr(value, "__module__", "") == "cozepy.auth"
        and (inspect.isclass(value) or inspect.isfunction(value))
    )


def test_every_cozepy_auth_name_exists_in_both_places():
    names = cozepy_auth_names()
    assert len(names) >= 20
    from_all = [n for n in cozepy.__all__ if getattr(cozepy, n, None) is getattr(cozepy.auth, n, 0)]
    for name in sorted({*names, *from_all, "CozePKCEAuthError", "CozePKCEAuthErrorType"}):
        assert hasattr(coze_async.auth, name), name
        assert getattr(coze_async, name) is getattr(coze_async.auth, name), name
    assert sorted(coze_async.auth.__all__) == sorted(set(coze_async.auth.__all__))


def public_methods(cls: type) -> list[str]:
    return [
        name
        for name, value in vars(cls).items()
        if (not name.startswith("_") or name == "__init__")
        and not name.startswith("model_")  # pydantic's machinery (models: the drop-in issue)
        and inspect.isfunction(value)
    ]


@pytest.mark.parametrize(
    "name", [n for n in cozepy_auth_names() if inspect.isclass(getattr(cozepy.auth, n))]
)
def test_methods_take_cozepy_parameters_and_defaults(name):
    theirs = getattr(cozepy.auth, name)
    ours = getattr(coze_async.auth, name)
    for method in public_methods(theirs):
        if theirs.__name__ in ("Auth", "SyncAuth", "AsyncAuth") and method == "__init__":
            continue
        assert hasattr(ours, method), f"{name}.{method}"
        their_params = list(inspect.signature(getattr(theirs, method)).parameters.values())
        our_params = list(inspect.signature(getattr(ours, method)).parameters.values())
        for position, param in enumerate(their_params):
            if param.kind is param.VAR_KEYWORD:
                continue
            assert position < len(our_params), f"{name}.{method} lacks {param.name}"
            mine = our_params[position]
            assert mine.name == param.name, f"{name}.{method}: {mine.name} != {param.name}"
            expected = IMPROVED_DEFAULTS.get((name, method, param.name), param.default)
            if expected is not param.empty:  # a parameter cozepy requires may have a default
                assert mine.default == expected, f"{name}.{method}({param.name})"
        for extra in our_params[len(their_params) :]:
            assert extra.kind in (extra.KEYWORD_ONLY, extra.VAR_KEYWORD) or (
                extra.default is not extra.empty
            ), f"{name}.{method}: new required parameter {extra.name}"
