"""Every cozepy method of the families this SDK covers (tests/fixtures/api-checklist.tsv) exists
on ``AsyncCoze`` and ``Coze`` and, called with plausible arguments, sends the route the checklist
names. A missing method or a wrong route fails here."""

from __future__ import annotations

import enum
import inspect
import re
import typing
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import pytest
from aioresponses import aioresponses

from coze_async import AsyncCoze, AsyncStream, Coze, CozeError, TokenAuth
from coze_async._pagination import AsyncPaged

CHECKLIST = Path(__file__).parent / "fixtures" / "api-checklist.tsv"
#: The families the SDK covers so far; the others (websockets) come later.
COVERED = (
    "chat", "conversations", "bots", "files", "workflows", "workspaces",
    "users", "variables", "templates", "folders", "apps", "connectors",
    "api_apps", "enterprises", "benefits", "benefit_limitations", "bill_tasks",
    "datasets", "knowledge", "audio",
)  # fmt: skip
BASE = "https://api.test"
#: Optional arguments some methods need to have anything to send.
EXTRA: dict[str, dict[str, Any]] = {"coze.conversations.messages.update": {"content": "new text"}}


def checklist() -> list[tuple[str, str, str]]:
    rows = []
    for line in CHECKLIST.read_text().splitlines():
        if not line.startswith("coze."):
            continue
        dotted, route = line.split("\t")
        method, path = route.split(" ", 1)
        if dotted.split(".")[1] in COVERED:
            rows.append((dotted, method, path))
    return rows


ROWS = checklist()


def resolve(root: object, dotted: str) -> Any:
    obj = root
    for part in dotted.split(".")[1:]:
        obj = getattr(obj, part)
    return obj


def test_the_checklist_covers_every_family():
    families = {dotted.split(".")[1] for dotted, _, _ in ROWS}
    assert families == set(COVERED)
    assert len(ROWS) == 102


def test_every_checklist_method_exists_on_both_clients():
    missing = []
    async_coze = AsyncCoze(TokenAuth("t"), BASE)
    with Coze(TokenAuth("t"), BASE) as coze:
        for dotted, _, _ in ROWS:
            for root in (async_coze, coze):
                try:
                    assert callable(resolve(root, dotted))
                except (AttributeError, AssertionError):
                    missing.append(f"{type(root).__name__}: {dotted}")
    assert missing == []


# -- calling each method ------------------------------------------------------------------------


def synthesize(hint: Any, name: str) -> Any:
    """A plausible value of type ``hint`` for parameter ``name``."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        options = [a for a in args if a is not type(None)]
        for preferred in (bytes, str):
            if preferred in options:
                return synthesize(preferred, name)
        return synthesize(options[0], name)
    if origin is typing.Literal:
        return args[0]
    if origin in (list, Sequence, typing.Sequence) or hint in (list, Sequence):
        return [synthesize(args[0], name)] if args else []
    if origin in (dict, Mapping) or hint in (dict, Mapping):
        return {}
    if hint is str:
        return f"v_{name}"
    if hint is bool:
        return True
    if hint is int:
        return 1
    if hint is float:
        return 1.0
    if hint is bytes:
        return b"bytes"
    if hint is Any or hint is object:
        return f"v_{name}"
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return next(iter(hint))
    if isinstance(hint, type) and attrs.has(hint):
        fields_hints = typing.get_type_hints(hint)
        kwargs = {
            f.name: synthesize(fields_hints[f.name], f.name)
            for f in attrs.fields(hint)
            if f.default is attrs.NOTHING and f.init
        }
        return hint(**kwargs)
    raise TypeError(f"cannot synthesize {hint!r} for {name}")


def call_arguments(method: Any) -> dict[str, Any]:
    hints = typing.get_type_hints(method)
    kwargs = {}
    for param in inspect.signature(method).parameters.values():
        if param.kind is param.VAR_KEYWORD or param.default is not param.empty:
            continue
        kwargs[param.name] = synthesize(hints[param.name], param.name)
    return kwargs


def route_pattern(path: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\\\{id\\\}", "[^/]+", re.escape(path)) + "$")


@pytest.mark.filterwarnings("ignore:coze.knowledge.documents:DeprecationWarning")
@pytest.mark.parametrize(("dotted", "method", "path"), ROWS, ids=[r[0] for r in ROWS])
async def test_each_method_calls_its_route(mocked: aioresponses, dotted, method, path):
    for verb in ("get", "post", "put", "delete", "patch"):
        getattr(mocked, verb)(re.compile(r"https://api\.test/.*"), payload={"code": 0}, repeat=True)
    async with AsyncCoze(TokenAuth("t"), BASE, max_retries=0) as coze:
        bound = resolve(coze, dotted)
        kwargs = {**call_arguments(bound), **EXTRA.get(dotted, {})}
        try:
            result = bound(**kwargs)
            if inspect.isawaitable(result):
                result = await result
            if isinstance(result, AsyncStream):
                async for _ in result:
                    break
            if isinstance(result, AsyncPaged):
                assert result.response.status_code == 200
        except CozeError:
            pass  # the canned answer need not fit the model: the request is what counts here
    sent = [(m, str(url.path)) for (m, url), calls in mocked.requests.items() for _ in calls]
    assert len(sent) == 1, sent
    sent_method, sent_path = sent[0]
    assert sent_method == method
    assert route_pattern(path).match(sent_path), f"{dotted} sent {sent_path}, expected {path}"
