"""What a resource method hands the transport: one :class:`Request`, and the small rules every
method applies while building it (bodies without ``None``, positive numbers, per-call options).

Ids are checked by :mod:`._paths` (``path()`` for URL segments, ``require_id()`` for queries and
bodies).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any, TypedDict

import attrs

from ._converter import unstructure
from ._errors import CozeInvalidArgumentError, CozeInvalidArgumentTypeError
from ._timeout import TimeoutTypes

if sys.version_info >= (3, 11):
    from typing import Unpack
else:  # pragma: no cover
    from typing_extensions import Unpack

__all__ = ["Request", "RequestOptions", "Unpack", "omit_none", "positive"]

_OPTION_NAMES = frozenset({"timeout", "headers", "max_retries"})
_IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


class RequestOptions(TypedDict, total=False):
    """Per-call options every resource method accepts as keyword arguments."""

    #: Overrides the client's timeout for this call (seconds or a ``Timeout``).
    timeout: TimeoutTypes
    #: Extra headers for this call (validated; the mapping is not modified).
    headers: Mapping[str, str]
    #: Overrides the client's retry count for this call (0 disables retries).
    max_retries: int


def _check_options(_: object, __: object, options: Mapping[str, Any]) -> None:
    unknown = set(options) - _OPTION_NAMES
    if unknown:
        raise CozeInvalidArgumentTypeError(
            f"unexpected keyword argument(s): {', '.join(sorted(unknown))}"
        )


def _default_idempotent(request: Request) -> bool:
    return request.method in _IDEMPOTENT_METHODS


@attrs.frozen(slots=True)
class Request:
    """One API request as a resource method describes it.

    ``data_field`` names the part of the ``{code, msg, data}`` envelope that is the result
    (dotted paths allowed; ``None``: the whole body). ``idempotent`` says whether a failed attempt
    may be repeated (by default: for GET, PUT, DELETE, ...; a read-only POST passes ``True``).
    ``data`` is a request body or a zero-argument callable building a fresh one per attempt.
    """

    method: str
    path: str
    params: Mapping[str, Any] | None = attrs.field(default=None, kw_only=True)
    json: Any = attrs.field(default=None, kw_only=True)
    data: Any = attrs.field(default=None, kw_only=True)
    options: Mapping[str, Any] = attrs.field(factory=dict, kw_only=True, validator=_check_options)
    data_field: str | None = attrs.field(default="data", kw_only=True)
    idempotent: bool = attrs.field(
        default=attrs.Factory(_default_idempotent, takes_self=True), kw_only=True
    )

    def with_params(self, **params: Any) -> Request:
        """This request with more query parameters (a page's number or cursor)."""
        return self._with(params={**(self.params or {}), **params}, json=self.json)

    def with_json(self, **fields: Any) -> Request:
        """This request with more body fields (a page's cursor sent in the body)."""
        return self._with(params=self.params, json={**(self.json or {}), **fields})

    def _with(self, *, params: Mapping[str, Any] | None, json: Any) -> Request:
        # ``attrs.evolve`` without its generic field walk (once per page of a listing).
        return Request(
            self.method,
            self.path,
            params=params,
            json=json,
            data=self.data,
            options=self.options,
            data_field=self.data_field,
            idempotent=self.idempotent,
        )


def omit_none(**fields: Any) -> dict[str, Any]:
    """A request body or query: the arguments that are not ``None``, models and enums turned
    into JSON values (their own ``None`` fields omitted), mappings into plain dicts."""
    body = {}
    for name, value in fields.items():
        if value is None:
            continue
        if value.__class__ in _JSON_SCALARS:  # JSON already (a subclass, an enum, is not)
            body[name] = value
        elif isinstance(value, Mapping):
            body[name] = dict(value)
        else:
            body[name] = unstructure(value)
    return body


_JSON_SCALARS = frozenset((str, int, float, bool))


def positive(name: str, value: object) -> int:
    """``value`` if it is a positive ``int`` (a page number, a size, a limit), else
    ``ValueError`` naming the argument."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise CozeInvalidArgumentError(f"{name} must be a positive integer, got {value!r}")
    return value
