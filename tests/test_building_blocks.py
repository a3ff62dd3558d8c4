"""Shared building blocks: safe paths, pagination (async and sync), open int enums, the
terminal event of a stream."""

from __future__ import annotations

import pytest
from aiohttp import web

from coze_async import AsyncCoze, Coze, DynamicIntEnum, TokenAuth
from coze_async._events import decode_chat_event
from coze_async._paths import path
from coze_async._stream import AsyncStream
from tests.conftest import CHAT_STREAM, fixture_bytes


@pytest.mark.parametrize(
    ("value", "encoded"),
    [
        ("7379462189365198898", "7379462189365198898"),
        ("a b", "a%20b"),
        ("%20", "%2520"),
        ("星", "%E6%98%9F"),
        ("a:b@c", "a%3Ab%40c"),
    ],
)
def test_path_percent_encodes_ids(value: str, encoded: str):
    assert path("/v1/bots/{bot_id}/versions", bot_id=value) == f"/v1/bots/{encoded}/versions"


@pytest.mark.parametrize(
    "value", ["", ".", "..", "a/b", "../workspaces/1", "a?b", "a#b", "a\\b", "a\r\nb", "a\x00"]
)
def test_path_rejects_ids_that_could_retarget_the_request(value: str):
    with pytest.raises(ValueError, match="bot_id"):
        path("/v1/bots/{bot_id}", bot_id=value)


def test_path_rejects_non_strings():
    with pytest.raises(TypeError, match="bot_id"):
        path("/v1/bots/{bot_id}", bot_id=7)  # type: ignore[arg-type]


def test_open_int_enum_keeps_unknown_values():
    class Mode(DynamicIntEnum):
        SINGLE = 0
        MULTI = 1

    assert Mode(1) is Mode.MULTI
    unknown = Mode(7)
    assert unknown.value == 7
    assert unknown.is_dynamic
    assert Mode(7) is unknown
    assert not Mode.SINGLE.is_dynamic
    with pytest.raises(ValueError):
        Mode("7")


async def test_terminal_event_is_kept(loopback):
    body = fixture_bytes(CHAT_STREAM)

    async def handler(request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await resp.prepare(request)
        await resp.write(body)
        await resp.write_eof()
        return resp

    app = web.Application()
    app.router.add_post("/v3/chat", handler)
    server = await loopback(app)
    async with AsyncCoze(TokenAuth("t"), server.url) as coze:
        stream: AsyncStream = coze.chat.stream(bot_id="b", user_id="u")  # type: ignore[type-arg]
        assert stream.terminal_event is None
        events = [e async for e in stream]
    assert len(events) == 8
    assert stream.terminal_event is not None
    assert (stream.terminal_event.event, stream.terminal_event.data) == ("done", '"[DONE]"')
    assert decode_chat_event(stream.terminal_event, stream.response, strict=True) is None


def _annotated_families(cls: type) -> dict[str, str]:
    """The attribute annotations a root declares for type checkers (its TYPE_CHECKING block)."""
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(cls).lstrip())
    found: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            found[node.target.id] = ast.unparse(node.annotation)
    return found


def test_every_resource_family_is_on_both_roots():
    """One table (resources.ROOT_RESOURCES) feeds both roots; the annotations type checkers read
    name exactly its families and classes."""
    from coze_async.resources import ROOT_RESOURCES

    assert _annotated_families(AsyncCoze) == {n: a for n, (a, _, _) in ROOT_RESOURCES.items()}
    assert _annotated_families(Coze) == {n: s for n, (_, s, _) in ROOT_RESOURCES.items()}
    async_coze = AsyncCoze(TokenAuth("t"), "https://api.test")
    with Coze(TokenAuth("t"), "https://api.test") as coze:
        for name in ROOT_RESOURCES:
            async_resource = getattr(async_coze, name)
            sync_resource = getattr(coze, name)
            assert getattr(async_coze, name) is async_resource, name
            assert getattr(coze, name) is sync_resource, name
            assert type(sync_resource._async) is type(async_resource), name
            assert type(sync_resource).__name__ == type(async_resource).__name__[len("Async") :]


def test_omit_none_gives_what_the_converter_gives_for_every_kind_of_value():
    """Plain JSON scalars skip the converter; every other value (enums, subclasses of str or
    int, models, lists, mappings) still goes through it: the body is the same either way."""
    import enum
    from types import MappingProxyType

    from coze_async import Message, MessageRole
    from coze_async._converter import unstructure
    from coze_async._request import omit_none

    class Text(str):
        pass

    class Level(enum.IntEnum):
        HIGH = 2

    values = {
        "s": "x",
        "i": 3,
        "f": 1.5,
        "b": True,
        "role": MessageRole.USER,
        "level": Level.HIGH,
        "sub": Text("y"),
        "messages": [Message.build_user_question_text("hi")],
        "mapping": MappingProxyType({"k": "v"}),
        "none": None,
    }
    body = omit_none(**values)
    assert "none" not in body
    for name, value in values.items():
        if value is not None:
            expected = dict(value) if name == "mapping" else unstructure(value)
            assert body[name] == expected and type(body[name]) is type(expected), name
