"""Strict mode (``Emulator(strict=True)``): each request's query and JSON body checked against its
operation's request schema from the Coze OpenAPI, before the handler sees it.

The schemas ship with the package in ``_spec_data.json``, reduced to what the check needs and
corrected for the spec's known errors (``tests/gen_emulator_spec.py`` generates the file from
``../shared/spec``). An unknown field, a missing required one or a value of the wrong type is
refused with the service's 4000 (``Request parameter error: ...``, naming the field). The OAuth
endpoints are not checked (the spec gives most of them no body schema), nor the parts of a
multipart upload (``"body": "multipart"``: the route checks its own form).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Mapping
from importlib import resources
from typing import TYPE_CHECKING, Any

import orjson
from aiohttp import web

from ._wire import ApiError, bad_request

if TYPE_CHECKING:
    from multidict import MultiMapping

__all__ = ["check_request", "operations"]

Schema = Mapping[str, Any]

_INTEGER = re.compile(r"-?\d+")
_BOOLEANS = frozenset({"true", "false", "1", "0"})
#: How cozepy's User-Agent starts: the few fields it sends that the API does not define (and
#: the service ignores) are accepted from it alone (an operation's ``cozepy_body``), as are
#: the query parameters it sends empty for "not given" (``cozepy_empty_query``).
_COZEPY = "cozepy/"
_ARTICLES = {"integer": "an integer", "object": "an object", "array": "an array"}


@functools.cache
def operations() -> dict[str, Any]:
    """The request schemas, by ``"METHOD /canonical/{path}"`` (loaded once)."""
    data = resources.files(__package__).joinpath("_spec_data.json").read_bytes()
    result: dict[str, Any] = orjson.loads(data)["operations"]
    return result


async def check_request(request: web.Request) -> None:
    """Refuse (:class:`ApiError` 4000) a request that its operation's schema does not allow,
    or whose method the API does not define for its path (a route the emulator serves for any
    method, such as ``/v3/chat/message/list``)."""
    resource = request.match_info.route.resource
    if resource is None or request.method == "HEAD":
        return  # an unknown path: the router's 404
    op = operations().get(f"{request.method} {resource.canonical}")
    if op is None:
        raise ApiError(4000, f"{request.method} {resource.canonical} is not an API operation")
    cozepy = request.headers.get("User-Agent", "").startswith(_COZEPY)
    _check_query(request.query, op["query"], op.get("cozepy_empty_query", ()) if cozepy else ())
    body_schema = op["body"]
    if body_schema == "multipart":
        return  # an upload: its parts (a ``file`` and text fields) are the handler's to check
    raw = await request.read()
    if body_schema is None:
        if raw.strip() not in (b"", b"{}", b"null"):
            raise bad_request(f"{request.method} {resource.canonical} takes no request body")
        return
    try:
        body = orjson.loads(raw) if raw.strip() else {}
    except orjson.JSONDecodeError:
        raise ApiError(4000, "request body is not valid JSON") from None
    if not isinstance(body, dict):
        raise ApiError(4000, "request body must be a JSON object")
    if cozepy and "cozepy_body" in op:
        body_schema = op["cozepy_body"]
    _check_value(body, body_schema, "")


def _types(schema: Schema) -> list[str]:
    kind = schema.get("type")
    if kind is None:
        return []
    return [kind] if isinstance(kind, str) else list(kind)


def _describe(types: list[str]) -> str:
    return " or ".join(_ARTICLES.get(t, f"a {t}") for t in types)


def _check_query(query: MultiMapping[str], schema: Schema, may_be_empty: Collection[str]) -> None:
    """Check the query (``may_be_empty``: the parameters whose empty value counts as none)."""
    known: Mapping[str, Schema] = schema.get("properties") or {}
    missing = [name for name in schema.get("required") or () if name not in query]
    if missing:
        parameters = "parameter" if len(missing) == 1 else "parameters"
        raise bad_request(f"missing required query {parameters} {', '.join(missing)}")
    for name in query:
        if name not in known:
            raise bad_request(f"unknown query parameter {name}")
        field = known[name]
        types = _types(field)
        if "array" in types:
            types = _types(field.get("items") or {})
        for value in query.getall(name):
            if value == "" and name in may_be_empty:
                continue
            if types and not any(_query_value_is(value, t) for t in types):
                raise bad_request(f"query parameter {name} must be {_describe(types)}: {value!r}")


def _query_value_is(value: str, kind: str) -> bool:
    if kind == "integer":
        return _INTEGER.fullmatch(value) is not None
    if kind == "number":
        try:
            float(value)
        except ValueError:
            return False
        return True
    if kind == "boolean":
        return value.lower() in _BOOLEANS
    return kind == "string"


def _is(value: Any, kind: str) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "object":
        return isinstance(value, dict)
    if kind == "array":
        return isinstance(value, list)
    return True


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _join(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name


def _check_value(value: Any, schema: Schema, where: str) -> None:
    """Check one JSON value (``null`` counts as absent: the service takes it for any optional
    field). ``where`` names it in the error (``additional_messages[0].content``)."""
    types = _types(schema)
    if types and not any(_is(value, t) for t in types):
        raise bad_request(f"field {where} must be {_describe(types)}, not {_kind(value)}")
    if isinstance(value, dict):
        properties: Mapping[str, Schema] | None = schema.get("properties")
        extra = schema.get("additionalProperties")
        missing = [_join(where, n) for n in schema.get("required") or () if value.get(n) is None]
        if missing:
            fields = "field" if len(missing) == 1 else "fields"
            raise bad_request(f"missing required {fields} {', '.join(missing)}")
        for name, item in value.items():
            if item is None:
                continue
            if properties is not None and name in properties:
                _check_value(item, properties[name], _join(where, name))
            elif isinstance(extra, Mapping):
                _check_value(item, extra, _join(where, name))
            elif extra is not True and properties is not None:
                raise bad_request(f"unknown field {_join(where, name)}")
    elif isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            if item is not None:
                _check_value(item, schema["items"], f"{where}[{i}]")
