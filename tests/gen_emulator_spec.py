"""Generate ``coze_async/emulator/_spec_data.json``: the request schemas that
``Emulator(strict=True)`` checks every request against.

    PYTHONPATH=. python tests/gen_emulator_spec.py [SPEC_DIR]

``SPEC_DIR`` (default ``../shared/spec`` next to the checkout, or ``$COZE_SPEC_DIR``) holds
``coze-openapi.yaml`` ("main") and ``api-swagger/*.yaml`` (one file per API). Only the routes the
emulator serves are taken (its OAuth endpoints aside: the spec gives most of them no body schema,
and they check their own form fields). Not imported at run time: the package ships the JSON.
``tests/test_emulator_strict.py`` regenerates it and fails if the shipped file differs.

For each operation: the query parameters and the JSON body, reduced to what the check needs
(``type``, ``properties``, ``required``, ``items``, ``additionalProperties``; ``$ref`` resolved;
descriptions, formats, enums and examples dropped), main's and the per-API file's merged:

- a field is known if either source lists it; required as main says (the per-API file when
  main lacks the operation);
- a field the two sources type differently accepts either type (19-digit ids, which the per-API
  files type int32 and main types string, so accept strings and ints);
- an object with ``properties`` and no ``additionalProperties`` is closed (an unknown field is an
  error), one with neither is free-form.

Main's request schemas are kept where the two disagree on what is required (a per-API file's
object is often the one its answer shares, with nothing required): the benefit limitation's
``benefit_info`` needs ``active_mode``, ``started_at`` and ``ended_at``, as main and the API's
reference say, though create_device_quotas.yaml requires none of it.

Then the corrections below (``QUIRKS``), each a known error of the spec (../shared/spec/QUIRKS.md)
or a field cozepy 0.20 sends and the service takes that the spec leaves out. (An upload's body is
main's multipart one, not the per-API file's JSON: main's body wins; the voiceprint uploads, which
main lacks, are made multipart in ``QUIRKS``. Strict mode leaves a multipart body's parts to the
route.) Last, what cozepy 0.20 alone sends and the service ignores (``COZEPY_BODY_EXTRAS``,
``COZEPY_EMPTY_QUERY``): accepted from cozepy's User-Agent only.
"""

from __future__ import annotations

import copy
import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "coze_async" / "emulator" / "_spec_data.json"
Schema = dict[str, Any]
Operation = dict[str, Any]
_KEPT = ("type", "properties", "required", "items", "additionalProperties")
_METHODS = ("GET", "POST", "PUT", "DELETE", "PATCH")


def default_spec_dir() -> Path:
    return Path(os.environ.get("COZE_SPEC_DIR") or ROOT.parent / "shared" / "spec")


# -- reading the sources ------------------------------------------------------------------------


def _load_yaml(path: Path) -> Any:
    import yaml

    with path.open(encoding="utf-8") as f:
        return yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _key(method: str, path: str) -> str:
    """``METHOD /path/{}`` with path parameter names dropped (the sources name them alike, but
    the per-API files write ``:name``)."""
    path = re.sub(r":\w+|\{\w+\}", "{}", path)
    return f"{method.upper()} {path}"


def _reduce(schema: Any, doc: dict[str, Any], seen: tuple[str, ...] = ()) -> Schema:
    """``schema`` with ``$ref`` resolved (within ``doc``) and only the checked keywords kept; a
    reference the document does not define (or a recursive one) becomes any value (``{}``)."""
    if not isinstance(schema, dict):
        return {}
    ref = schema.get("$ref")
    if isinstance(ref, str):
        name = ref.rsplit("/", 1)[-1]
        target = doc.get("components", {}).get("schemas", {}).get(name)
        if target is None or name in seen:
            return {}
        return _reduce(target, doc, (*seen, name))
    out: Schema = {}
    for keyword in _KEPT:
        if keyword not in schema:
            continue
        value = schema[keyword]
        if keyword == "properties":
            out[keyword] = {k: _reduce(v, doc, seen) for k, v in (value or {}).items()}
        elif keyword in ("items", "additionalProperties") and isinstance(value, dict):
            out[keyword] = _reduce(value, doc, seen)
        elif keyword == "required":
            out[keyword] = sorted(value or [])
        else:
            out[keyword] = value
    if out.get("additionalProperties") == {}:  # a map of anything
        out["additionalProperties"] = True
    return out


def _operation(op: dict[str, Any], doc: dict[str, Any]) -> Operation:
    """The query (an object schema) and body of one source's operation."""
    query: Schema = {"type": "object", "properties": {}, "required": []}
    for param in op.get("parameters") or []:
        if param.get("in") != "query":
            continue
        query["properties"][param["name"]] = _reduce(param.get("schema") or {}, doc)
        if param.get("required"):
            query["required"].append(param["name"])
    query["required"].sort()
    content = (op.get("requestBody") or {}).get("content") or {}
    body: Any = None
    if "application/json" in content:
        body = _reduce(content["application/json"].get("schema") or {}, doc)
    elif "multipart/form-data" in content:
        body = "multipart"
    return {"query": query, "body": body}


def read_sources(spec_dir: Path) -> tuple[dict[str, Operation], dict[str, Operation]]:
    """The operations of main and of the per-API files, by :func:`_key`."""
    main_doc = _load_yaml(spec_dir / "coze-openapi.yaml")
    main = {
        _key(method, path): _operation(op, main_doc)
        for path, item in main_doc["paths"].items()
        for method, op in item.items()
        if method in ("get", "post", "put", "delete", "patch")
    }
    per_api: dict[str, Operation] = {}
    for file in sorted((spec_dir / "api-swagger").glob("*.yaml")):
        doc = _load_yaml(file)
        for path, item in (doc.get("paths") or {}).items():
            for method, op in item.items():
                if method in ("get", "post", "put", "delete", "patch"):
                    per_api.setdefault(_key(method, path), _operation(op, doc))
    return main, per_api


# -- merging ------------------------------------------------------------------------------------


def _types(schema: Schema) -> list[str]:
    t = schema.get("type")
    return [] if t is None else [t] if isinstance(t, str) else list(t)


def merge(primary: Any, other: Any) -> Any:
    """One schema from main's (``primary``) and the per-API file's (see the module docstring)."""
    if not isinstance(primary, dict) or not primary:
        return copy.deepcopy(other) if isinstance(other, dict) else copy.deepcopy(primary)
    if not isinstance(other, dict) or not other:
        return copy.deepcopy(primary)
    out = copy.deepcopy(primary)
    a, b = _types(primary), _types(other)
    if a and b and set(a) != set(b):
        out["type"] = sorted(set(a) | set(b))
    if "properties" in primary or "properties" in other:
        props = dict(out.get("properties") or {})
        for name, schema in (other.get("properties") or {}).items():
            props[name] = merge(props.get(name), schema)
        out["properties"] = dict(sorted(props.items()))
    if "items" in primary or "items" in other:
        out["items"] = merge(primary.get("items"), other.get("items"))
    if "additionalProperties" not in out and "additionalProperties" in other:
        out["additionalProperties"] = copy.deepcopy(other["additionalProperties"])
    return out


def merge_operation(main: Operation | None, per_api: Operation | None) -> Operation:
    if main is None or per_api is None:
        found = main or per_api
        assert found is not None
        return copy.deepcopy(found)
    body = main["body"] if main["body"] is not None else per_api["body"]
    if isinstance(main["body"], dict) and isinstance(per_api["body"], dict):
        body = merge(main["body"], per_api["body"])
    return {"query": merge(main["query"], per_api["query"]), "body": body}


# -- the spec's known errors, and what cozepy sends ---------------------------------------------


def _prop(op: Operation, where: str, dotted: str) -> Schema:
    """The schema at ``dotted`` (``a.b[].c``) in the operation's query or body."""
    schema: Schema = op[where]
    for part in dotted.split("."):
        if part.endswith("[]"):
            schema = schema["properties"][part[:-2]]["items"]
        else:
            schema = schema["properties"][part]
    return schema


def _add(op: Operation, where: str, dotted: str, schema: Schema) -> None:
    parent, _, name = dotted.rpartition(".")
    target = _prop(op, where, parent) if parent else op[where]
    target.setdefault("properties", {})[name] = schema


def _optional(op: Operation, where: str, dotted: str) -> None:
    parent, _, name = dotted.rpartition(".")
    target = _prop(op, where, parent) if parent else op[where]
    target["required"] = [r for r in target.get("required", []) if r != name]


def _q_workflows_parameters(ops: dict[str, Operation]) -> None:
    # QUIRKS: workflow_run.yaml types `parameters` as a JSON-encoded string; it is an object,
    # as in main and every other workflow route.
    for key in ("POST /v1/workflow/run", "POST /v1/workflow/stream_run"):
        _add(ops[key], "body", "parameters", {"type": "object"})


def _q_chat_retrieve_by_post(ops: dict[str, Operation]) -> None:
    # QUIRKS: only GET /v3/chat/retrieve is documented; cozepy sends POST with the ids in the
    # query, and the service accepts both.
    ops["POST /v3/chat/retrieve"] = copy.deepcopy(ops["GET /v3/chat/retrieve"])


def _q_message_type_optional(ops: dict[str, Operation]) -> None:
    # main requires `type` in EnterMessage, while its own description says it defaults to
    # `question` and "普通请求可以不填" (a normal request may leave it out).
    for key in ("POST /v3/chat", "POST /v1/workflows/chat"):
        _optional(ops[key], "body", "additional_messages[].type")


def _q_page_index(ops: dict[str, Operation]) -> None:
    # GET /v1/bots and GET /v1/apps document `page_num`; cozepy 0.20 pages them with
    # `page_index` (as the older published_bots_list), and the service takes it.
    for key in ("GET /v1/bots", "GET /v1/apps"):
        _add(ops[key], "query", "page_index", {"type": "integer"})


def _q_routes_in_neither_source(ops: dict[str, Operation]) -> None:
    # QUIRKS: GET /v1/users/me and POST /v1/templates/{id}/duplicate are in neither source;
    # cozepy 0.20 calls both (the duplicate with `workspace_id` and an optional `name`).
    empty: Schema = {"type": "object", "properties": {}, "required": []}
    ops["GET /v1/users/me"] = {"query": copy.deepcopy(empty), "body": None}
    # GET /v1/audio/live/{live_id} is in neither source either; cozepy 0.20 calls it
    # (`audio.live.retrieve`) with nothing but the path's id.
    ops["GET /v1/audio/live/{}"] = {"query": copy.deepcopy(empty), "body": None}
    ops["POST /v1/templates/{}/duplicate"] = {
        "query": copy.deepcopy(empty),
        "body": {
            "type": "object",
            "properties": {"name": {"type": "string"}, "workspace_id": {"type": "string"}},
            "required": ["workspace_id"],
        },
    }


def _q_multipart_uploads(ops: dict[str, Operation]) -> None:
    # The voiceprint uploads (identify_voiceprint.yaml, create/update_voiceprint*.yaml, which
    # main lacks) are written as JSON bodies holding a `file` field; they are multipart/form-data
    # with one `file` part (and text fields), as cozepy 0.20 sends them, like /v1/files/upload,
    # /v1/audio/transcriptions and /v1/audio/voices/clone (which main has as multipart).
    for key in (
        "POST /v1/audio/voiceprint_groups/{}/features",
        "PUT /v1/audio/voiceprint_groups/{}/features/{}",
        "POST /v1/audio/voiceprint_groups/{}/speaker_identify",
    ):
        ops[key]["body"] = "multipart"


def _q_room_fields(ops: dict[str, Operation]) -> None:
    # Neither source has a room's `workflow_id` (a workflow answers in the room instead of the
    # bot's model) nor `config.translate_config` (the languages of a `translate` room, a
    # room_mode both sources list); cozepy 0.20 sends both (`audio.rooms.create`).
    op = ops["POST /v1/audio/rooms"]
    _add(op, "body", "workflow_id", {"type": "string"})
    languages = {"from": {"type": "string"}, "to": {"type": "string"}}
    _add(op, "body", "config.translate_config", {"type": "object", "properties": languages})


def _q_document_create_optional(ops: dict[str, Operation]) -> None:
    # Both sources require `chunk_strategy` and `format_type` when adding documents; the
    # chunk strategy is only needed for a dataset's first upload (its own description, and
    # cozepy's: later uploads keep the first strategy), and cozepy 0.20's async create sends
    # no `format_type` at all (its sync create defaults it to 0, a text document).
    for name in ("chunk_strategy", "format_type"):
        _optional(ops["POST /open_api/knowledge/document/create"], "body", name)


def _q_websocket_handshakes(ops: dict[str, Operation]) -> None:
    # The realtime channels (GET /v1/chat, /v1/audio/speech, /v1/audio/transcriptions upgraded
    # to websockets) are documented as websocket APIs, outside both sources' REST operations; their
    # handshakes carry only a query: chat's bot_id (required), workflow_id and device_id, as
    # cozepy 0.20 and this SDK send them; speech and transcriptions take none.
    string: Schema = {"type": "string"}
    ops["GET /v1/chat"] = {
        "query": {
            "type": "object",
            "properties": {"bot_id": string, "workflow_id": string, "device_id": string},
            "required": ["bot_id"],
        },
        "body": None,
    }
    for path in ("/v1/audio/speech", "/v1/audio/transcriptions"):
        ops[f"GET {path}"] = {
            "query": {"type": "object", "properties": {}, "required": []},
            "body": None,
        }


#: The corrections, applied in this order after the merge.
QUIRKS: list[Callable[[dict[str, Operation]], None]] = [
    _q_routes_in_neither_source,
    _q_chat_retrieve_by_post,
    _q_workflows_parameters,
    _q_message_type_optional,
    _q_page_index,
    _q_multipart_uploads,
    _q_room_fields,
    _q_document_create_optional,
    _q_websocket_handshakes,
]


#: Fields cozepy 0.20 sends that the API does not define and the service ignores, by
#: operation and dotted name (``a.b[].c``): strict mode accepts them from requests whose
#: User-Agent is cozepy's (and from no other client, so this SDK cannot hide behind them). The
#: operation's ``cozepy_body`` is its body with them added.
COZEPY_BODY_EXTRAS: dict[str, dict[str, Schema]] = {
    # cozepy repeats the path's bot_id in the body.
    "POST /v1/bots/{bot_id}/unpublish": {"bot_id": {"type": "string"}},
    # cozepy dumps its TranslateConfig by field name, so the source language goes out as
    # `from_` (the API's `from` is a Python keyword); the service ignores it.
    "POST /v1/audio/rooms": {"config.translate_config.from_": {"type": "string"}},
}


#: Query parameters cozepy 0.20 sends with an empty value when the caller leaves them out (httpx
#: writes a ``None`` parameter as ``name=``; the service reads an empty value as no value), by
#: operation: accepted empty from cozepy's User-Agent only.
COZEPY_EMPTY_QUERY: dict[str, list[str]] = {
    # datasets.list sends `name` and `format_type` unfiltered (`format_type=` is no integer).
    "GET /v1/datasets": ["format_type", "name"],
}


# -- the routes the emulator serves -------------------------------------------------------------


def served_routes() -> list[tuple[str, str]]:
    """``(method, canonical path)`` of each route the emulator serves outside OAuth; a route
    served for any method (``*``) is listed as ``*``."""
    from coze_async.emulator import Emulator
    from coze_async.emulator.routes.oauth import OAUTH_PATH_PREFIX

    routes: set[tuple[str, str]] = set()
    for route in Emulator().app.router.routes():
        path = route.resource.canonical if route.resource is not None else ""
        if not path.startswith(OAUTH_PATH_PREFIX) and route.method != "HEAD":
            routes.add((route.method, path))
    return sorted(routes, key=lambda r: (r[1], r[0]))


def build(spec_dir: Path) -> dict[str, Any]:
    main, per_api = read_sources(spec_dir)
    ops: dict[str, Operation] = {}
    for key in {*main, *per_api}:
        ops[key] = merge_operation(main.get(key), per_api.get(key))
    for quirk in QUIRKS:
        quirk(ops)
    operations: dict[str, Operation] = {}
    for method, path in served_routes():
        # A route served for any method takes the methods the API has for it (strict mode
        # refuses the others); any other route must be an operation of the API.
        methods = [m for m in _METHODS if _key(m, path) in ops] if method == "*" else [method]
        if not methods or _key(methods[0], path) not in ops:
            raise SystemExit(f"no schema for {method} {path}: add it to QUIRKS")
        for m in methods:
            operations[f"{m} {path}"] = ops[_key(m, path)]
    for key, extras in COZEPY_BODY_EXTRAS.items():
        with_extras: Operation = {"body": copy.deepcopy(operations[key]["body"])}
        for dotted, schema in extras.items():
            _add(with_extras, "body", dotted, schema)
        operations[key] = {**operations[key], "cozepy_body": with_extras["body"]}
    for key, names in COZEPY_EMPTY_QUERY.items():
        operations[key]["cozepy_empty_query"] = sorted(names)
    return {
        "source": "coze-openapi.yaml and api-swagger/*.yaml (coze-dev/coze-sdk-gen 5db2f95bca9e),"
        " reduced by tests/gen_emulator_spec.py: do not edit",
        "operations": operations,
    }


def render(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    """Write the schemas; with ``--check``, only say whether the shipped file is up to date."""
    check = "--check" in argv
    args = [arg for arg in argv if arg != "--check"]
    spec_dir = Path(args[0]) if args else default_spec_dir()
    expected = render(build(spec_dir))
    if check:
        if OUTPUT.read_text(encoding="utf-8") != expected:
            print(f"{OUTPUT.relative_to(ROOT)} is stale: run python tests/gen_emulator_spec.py")
            return 1
        print(f"{OUTPUT.relative_to(ROOT)} matches the spec")
        return 0
    OUTPUT.write_text(expected, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
