"""The generated fast structuring functions behave exactly like cattrs' own under the strictness
rule: same objects for the same input, the same error where cattrs raises one. Checked for every
attrs model in ``coze_async.models``, with inputs generated from each class's field types."""

from __future__ import annotations

import base64
import enum
import importlib
import itertools
import json
import pkgutil
import typing
from typing import Any

import attrs
import orjson
import pytest
from cattrs.gen import make_dict_structure_fn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coze_async.models
from coze_async._converter import StructureError, converter, reference_structure_fn
from coze_async._fastgen import (
    fast_path_refusal,
    make_fast_list_structure_fn,
    make_fast_structure_fn,
    optional_inner,
)
from coze_async.models._base import ListResponse


def all_model_classes() -> list[type]:
    """Every attrs class of the family modules: top-level, nested and reachable by field type."""
    found: dict[type, None] = {}

    def visit(obj: Any) -> None:
        if not isinstance(obj, type) or obj in found:
            return
        if not obj.__module__.startswith("coze_async.models."):
            return
        if attrs.has(obj):
            found[obj] = None
            for hint in typing.get_type_hints(obj).values():
                for part in [hint, *_type_parts(hint)]:
                    visit(part)
        for value in vars(obj).values():
            visit(value)

    for info in pkgutil.iter_modules(coze_async.models.__path__):
        module = importlib.import_module(f"coze_async.models.{info.name}")
        for value in vars(module).values():
            visit(value)
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__qualname__}")


def _type_parts(hint: Any) -> list[Any]:
    parts = []
    for arg in typing.get_args(hint):
        parts += [arg, *_type_parts(arg)]
    return parts


MODELS = all_model_classes()

# -- input strategies from field types: valid values of every accepted form, and wrong ones ----

JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**63), 2**63),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["", "text", "true", "FALSE", "yes", "7", "-3", "1.5", "1e3", "nan", "x.y"]),
    st.text(max_size=5),
)
JSON = st.recursive(
    JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=3), inner, max_size=2)
    ),
    max_leaves=4,
)

SCALAR_VALID: dict[Any, st.SearchStrategy[Any]] = {
    str: st.text(max_size=8) | st.integers() | st.floats(allow_nan=False, allow_infinity=False),
    int: st.integers(-(2**70), 2**70) | st.integers(-999, 999).map(str),
    float: (
        st.floats(allow_nan=False, allow_infinity=False)
        | st.integers(-(2**60), 2**60)
        | st.sampled_from(["0.5", "-2", "3e2", "1e400"])
    ),
    bool: st.booleans() | st.sampled_from(["true", "false", "True", "FALSE"]),
    bytes: (
        st.binary(max_size=8)
        | st.binary(max_size=8).map(lambda b: base64.b64encode(b).decode())
        | st.sampled_from(["not base64!", "YQ", "YQ=="])
    ),
}


def valid(hint: Any, depth: int) -> st.SearchStrategy[Any]:
    """Values the rule may accept for ``hint`` (some still fail: the point is to compare)."""
    inner = optional_inner(hint)
    if inner is not None:
        return st.none() | valid(inner, depth)
    if hint is Any:
        return JSON
    if hint in SCALAR_VALID:
        return SCALAR_VALID[hint]
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        known = st.sampled_from([m.value for m in hint])
        unknown = st.integers(-5, 99) if issubclass(hint, int) else st.text(max_size=6)
        return known | unknown
    if isinstance(hint, type) and attrs.has(hint):
        return model_payloads(hint, depth - 1) if depth > 0 else st.just({})
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (list, ListResponse):
        return st.lists(value_for(args[0], depth - 1), max_size=2)
    if origin is dict:
        return st.dictionaries(st.text(max_size=4), value_for(args[1], depth - 1), max_size=2)
    raise AssertionError(f"no strategy for {hint!r}: teach this test the new field type")


def value_for(hint: Any, depth: int) -> st.SearchStrategy[Any]:
    """Mostly valid values, sometimes anything JSON can carry (null included)."""
    return st.one_of(valid(hint, depth), valid(hint, depth), JSON_SCALARS, JSON)


def model_payloads(cls: type, depth: int = 2) -> st.SearchStrategy[dict[str, Any]]:
    hints = typing.get_type_hints(cls)
    fields = attrs.fields(cls)
    required = {
        a.name: value_for(hints[a.name], depth) for a in fields if a.default is attrs.NOTHING
    }
    optional = {
        a.name: value_for(hints[a.name], depth) for a in fields if a.default is not attrs.NOTHING
    }
    optional["unknown_key"] = JSON
    # Required keys are present most of the time, so the success path is reached.
    return st.fixed_dictionaries(required, optional=optional) | st.fixed_dictionaries(
        {}, optional={**required, **optional}
    )


def outcome(function: Any, data: Any, cls: type) -> tuple[str, Any]:
    try:
        return ("ok", function(data, cls))
    except StructureError as exc:
        return ("error", str(exc))


def same_objects(a: Any, b: Any) -> bool:
    """Equal and of the same types all the way down (``1 == 1.0``, ``True == 1`` do not count)."""
    if type(a) is not type(b):
        return False
    if attrs.has(type(a)):
        return all(
            same_objects(getattr(a, f.name), getattr(b, f.name)) for f in attrs.fields(type(a))
        )
    if isinstance(a, list):
        return len(a) == len(b) and all(map(same_objects, a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_objects(a[k], b[k]) for k in a)
    return bool(a == b)


STRATEGIES = {cls: model_payloads(cls) for cls in MODELS}
#: Per class: the reference (cattrs' function under the rule) and a fast function whose fallback
#: is that reference, both built once.
FUNCTIONS = {
    cls: (
        reference_structure_fn(cls),
        make_fast_structure_fn(cls, converter, reference_structure_fn(cls)),
    )
    for cls in MODELS
}


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__qualname__)
@settings(
    max_examples=50,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_fast_structure_matches_cattrs_for_every_model(cls: type, data: st.DataObject):
    payload = data.draw(STRATEGIES[cls])
    reference, fast = FUNCTIONS[cls]
    fast_result, slow_result = outcome(fast, payload, cls), outcome(reference, payload, cls)
    assert fast_result[0] == slow_result[0], (payload, fast_result, slow_result)
    if fast_result[0] == "ok":
        assert same_objects(fast_result[1], slow_result[1]), (payload, fast_result, slow_result)
    else:
        assert fast_result[1] == slow_result[1]


def exact_payload(cls: type) -> dict[str, Any]:
    """Every field present with a value of its exact JSON type (the fast path's own case)."""
    hints = typing.get_type_hints(cls)
    return {a.name: exact_value(hints[a.name]) for a in attrs.fields(cls)}


def exact_value(hint: Any) -> Any:
    inner = optional_inner(hint)
    hint = inner if inner is not None else hint
    samples = {str: "s", int: 7, float: 0.5, bool: False, bytes: b"\x00pcm"}
    if hint in samples:
        return samples[hint]
    if hint is Any:
        return {"k": [1]}
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return next(iter(hint)).value
    if isinstance(hint, type) and attrs.has(hint):
        return exact_payload(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (list, ListResponse):
        return [exact_value(args[0])]
    if origin is dict:
        return {"key": exact_value(args[1])}
    raise AssertionError(hint)


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__qualname__)
def test_every_model_takes_the_fast_path_for_exact_types(cls: type):
    """No model silently lives on the fallback: exact-type input never leaves the fast code."""
    assert fast_path_refusal(cls) is None

    def fallback(o: Any, c: Any) -> Any:
        raise AssertionError(f"fell back for {o!r}")

    fast = make_fast_structure_fn(cls, converter, fallback)
    reference = reference_structure_fn(cls)
    payload = exact_payload(cls)
    assert same_objects(fast(payload, cls), reference(payload, cls))
    # null wherever the rule allows it (Optional, or a default) stays on the fast path too.
    nulls = {
        a.name: None if a.default is not attrs.NOTHING or optional_inner(hint) else payload[a.name]
        for a in attrs.fields(cls)
        for hint in [typing.get_type_hints(cls)[a.name]]
    }
    assert same_objects(fast(nulls, cls), reference(nulls, cls))


# -- lists of models: one generated loop, the same items and errors as cattrs' list ------------


def reference_list(cls: type) -> Any:
    """cattrs' list function (without detailed validation) over the reference of ``cls``."""
    reference = FUNCTIONS[cls][0]

    def structure_list(items: Any, _: Any = None) -> list[Any]:
        return [reference(item, cls) for item in items]

    return structure_list


def list_outcome(function: Any, data: Any, list_type: Any) -> tuple[str, Any]:
    try:
        return ("ok", function(data, list_type))
    except Exception as exc:  # a non-iterable input raises cattrs' TypeError: compared too
        return ("error", f"{type(exc).__name__}: {exc}")


LIST_FUNCTIONS = {
    cls: (
        reference_list(cls),
        make_fast_list_structure_fn(list[cls], converter, reference_list(cls)),
    )
    for cls in MODELS
}


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__qualname__)
@settings(
    max_examples=25,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_fast_list_structure_matches_cattrs_list_for_every_model(cls: type, data: st.DataObject):
    items = data.draw(
        st.lists(STRATEGIES[cls], max_size=3)
        | st.lists(STRATEGIES[cls] | JSON_SCALARS, max_size=3)
        | JSON
    )
    reference, fast = LIST_FUNCTIONS[cls]
    got, expected = list_outcome(fast, items, list[cls]), list_outcome(reference, items, list[cls])
    assert got[0] == expected[0], (items, got, expected)
    if got[0] == "ok":
        assert same_objects(got[1], expected[1]), (items, got, expected)
        assert len({id(item) for item in got[1]}) == len(got[1])  # a fresh model per item
    else:
        assert got[1] == expected[1]


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__qualname__)
def test_every_model_list_takes_the_fast_path_for_exact_types(cls: type):
    def fallback(o: Any, c: Any) -> Any:
        raise AssertionError(f"fell back for {o!r}")

    fast = make_fast_list_structure_fn(list[cls], converter, fallback)
    items = [exact_payload(cls), exact_payload(cls)]
    assert same_objects(fast(items, list[cls]), reference_list(cls)(items))
    assert fast([], list[cls]) == []


def test_the_converter_structures_model_lists_with_the_generated_loop():
    from coze_async._converter import structure
    from coze_async.models.workspaces import Workspace, WorkspacesPage

    assert converter.get_structure_hook(list[Workspace]).__name__ == "structure_list_Workspace"
    page = structure({"workspaces": [{"id": "w", "name": "n", "role_type": "x"}]}, WorkspacesPage)
    assert page.workspaces == [Workspace(id="w", name="n", role_type="x")]
    with pytest.raises(StructureError, match=r"^Workspace\.name: required field missing"):
        structure([{"id": "w", "name": "n"}, {"id": "v"}], list[Workspace])


def test_the_reference_is_plain_cattrs_plus_the_null_default_rule():
    """Without nulls, the reference and cattrs' plain function (same hooks) agree."""
    from coze_async.models.chat import ChatError

    plain = make_dict_structure_fn(ChatError, converter)
    reference = reference_structure_fn(ChatError)
    assert plain({"code": "5"}, ChatError) == reference({"code": "5"}, ChatError)
    assert reference({"msg": None}, ChatError).msg == ""
    with pytest.raises(StructureError):
        plain({"msg": None}, ChatError)


@attrs.define(frozen=True)
class Frozen:
    x: str


@attrs.define
class Aliased:
    _x: str


@attrs.define
class NotInit:
    x: str
    y: str = attrs.field(init=False, default="y")


@pytest.mark.parametrize(
    ("cls", "why"),
    [
        (Frozen, "frozen"),
        (Aliased, "alias"),
        (NotInit, "init=False"),
    ],
)
def test_fast_path_refuses_classes_it_cannot_build_and_falls_back(cls: type, why: str):
    reason = fast_path_refusal(cls)
    assert reason is not None
    assert why in reason
    sentinel = object()

    def fallback(o: Any, c: Any) -> Any:
        return sentinel

    assert make_fast_structure_fn(cls, converter, fallback) is fallback


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__qualname__)
def test_every_model_gets_a_working_structure_hook(cls: type):
    """Each model's hook accepts ``{}`` when nothing is required, and names what is missing."""
    hook = converter.get_structure_hook(cls)
    required = [a for a in attrs.fields(cls) if a.default is attrs.NOTHING and a.init]
    if required:
        with pytest.raises(StructureError, match=f"^{cls.__name__}\\.{required[0].name}: required"):
            hook({}, cls)
    else:
        assert isinstance(hook({}, cls), cls)


# -- a chat stream's fast paths (its message events decoded from their bytes, and the deltas
# -- that differ from the previous one only in their text built from it) change nothing -------

DELTA = b"conversation.message.delta"
#: Stands for a message's text in a payload, replaced by the bytes of a token drawn for it.
TEXT_MARK = "\x00text-mark"


def decode_chat_bytes(events: list[tuple[bytes, bytes]], cuts: list[int]) -> list[tuple[str, Any]]:
    """Send ``(name, data)`` events as one chat stream's body, cut at ``cuts``, through its SSE
    decoder with the chat decoder's fast paths bound, as a stream does. Per event: ``("ok",
    event)`` or ``("error", (data, cause))`` for the CozeInvalidEventError it raised."""
    from coze_async._errors import CozeInvalidEventError
    from coze_async._events import chat_event_decoder
    from coze_async._response import NO_RESPONSE
    from coze_async._sse import ServerSentEvent, SSEDecoder

    sse: SSEDecoder[Any] = SSEDecoder()
    decode = chat_event_decoder(True)
    decode.bind(sse, NO_RESPONSE)
    body = b"".join(b"event:%s\ndata:%s\n\n" % event for event in events)
    bounds = [0, *sorted(cut % (len(body) + 1) for cut in cuts), len(body)]
    got: list[tuple[str, Any]] = []
    for start, end in itertools.pairwise(bounds):
        for item in sse.feed(body[start:end]):
            error: CozeInvalidEventError | None = None
            if isinstance(item, ServerSentEvent):
                try:
                    item = decode(item, NO_RESPONSE)
                except CozeInvalidEventError as exc:
                    error = exc
            if error is not None:
                assert error.field == "data" and error.logid == NO_RESPONSE.logid
                got.append(("error", (error.data, error.__cause__)))
            else:
                assert item is not None and item.response is NO_RESPONSE
                got.append(("ok", item))
    assert not sse.has_pending
    return got


def expected_message(data: bytes) -> tuple[str, Any]:
    """The converter's message for a delta's data (as a stream's SSE decoder decodes it), or
    its error: ``("json", text)`` or ``("error", the converter's message)``."""
    from coze_async.models.chat import Message

    text = data.decode("utf-8", "replace")
    try:
        payload = orjson.loads(text)
    except orjson.JSONDecodeError:
        return ("json", text)
    return outcome(FUNCTIONS[Message][0], payload, Message)


def assert_same_as_the_converter(datas: list[bytes], got: list[tuple[str, Any]]) -> None:
    from coze_async.models.chat import ChatEventType

    assert len(got) == len(datas)
    messages = []
    for data, (kind, value) in zip(datas, got, strict=True):
        expected = expected_message(data)
        if kind == "ok":
            assert expected[0] == "ok", (data, value, expected)
            assert value.event is ChatEventType.CONVERSATION_MESSAGE_DELTA and value.chat is None
            assert same_objects(value.message, expected[1]), (data, value.message, expected)
            messages.append(value.message)
            continue
        text, cause = value
        assert text == data.decode("utf-8", "replace")
        if expected[0] == "json":
            assert isinstance(cause, orjson.JSONDecodeError), (data, cause)
        else:
            assert expected[0] == "error" and isinstance(cause, StructureError), (data, cause)
            assert str(cause) == expected[1]
    # No two messages share a mutable value.
    dicts = [m.meta_data for m in messages if m.meta_data is not None]
    assert len({id(d) for d in dicts}) == len(dicts)


TEXTS = st.one_of(*[st.just(TEXT_MARK)] * 3, st.text(max_size=4), JSON_SCALARS)


def _variant(previous: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    """Mostly ``previous`` with a new text (what a stream's deltas vary; ``TEXT_MARK``: a token
    drawn later), else with one more change: a text dropped, a value swapped for one of the same
    size, for an equal one of another type (``1`` -> ``1.0``/``True``) or for anything else."""
    payload = dict(previous)
    field = data.draw(st.sampled_from(["content", "content", "reasoning_content"]))
    payload[field] = data.draw(TEXTS)
    change = data.draw(st.sampled_from(["text"] * 6 + ["drop", "other", "same-size", "retype"]))
    if change == "drop":
        payload.pop(data.draw(st.sampled_from(["content", "reasoning_content"])), None)
    elif change == "other" and payload:
        payload[data.draw(st.sampled_from(sorted(payload)))] = data.draw(JSON)
    elif change == "same-size":
        texts = sorted(k for k, v in payload.items() if type(v) is str and v and v.isascii())
        if texts:
            key = data.draw(st.sampled_from(texts))
            size, old = len(payload[key]), payload[key]
            other = st.text("xyz0", min_size=size, max_size=size).filter(lambda t: t != old)
            payload[key] = data.draw(other)
    elif change == "retype":
        numbers = [key for key, value in payload.items() if type(value) in (int, float, bool)]
        if numbers:
            key = data.draw(st.sampled_from(numbers))
            payload[key] = data.draw(
                st.sampled_from([float(payload[key]), int(payload[key]), bool(payload[key])])
            )
    return payload


#: The bytes a text may come as: any JSON string's spellings, and what is not one.
VALID_TEXT_TOKENS = st.one_of(
    st.text(max_size=4).map(orjson.dumps),
    st.text(max_size=4).map(lambda t: json.dumps(t).encode()),  # \u escapes
    st.text(max_size=3).map(lambda t: b" %s\t" % orjson.dumps(t)),
)
TEXT_TOKENS = st.one_of(
    VALID_TEXT_TOKENS,
    VALID_TEXT_TOKENS,
    VALID_TEXT_TOKENS,
    st.sampled_from([b'"\xff"', b'"a\x01"', b'"\\"', b'"a', b'a"', b'"a""b"', b'"a","x":"b"']),
    st.sampled_from([b'"\xe6\x98\x9f"', b'"\\n"', b'"\\ud83d\\ude00"', b'"\\ud800"', b'"\\\'"']),
    JSON_SCALARS.map(orjson.dumps),
)


def payload_bytes(payload: dict[str, Any], data: st.DataObject) -> bytes | None:
    """``payload`` as JSON, ``TEXT_MARK`` spelled as a drawn token; ``None`` if JSON cannot
    carry it (an integer too large)."""
    try:
        text = orjson.dumps(payload)
    except TypeError:
        return None
    return text.replace(orjson.dumps(TEXT_MARK), data.draw(TEXT_TOKENS))


def _known(enum_class: type[enum.Enum]) -> st.SearchStrategy[Any]:
    return st.sampled_from([member.value for member in enum_class])


def _realistic() -> st.SearchStrategy[dict[str, Any]]:
    """Messages as the service sends them (valid; the text mostly a token drawn later)."""
    from coze_async.models.chat import MessageContentType, MessageRole, MessageType

    texts = st.text(max_size=6)
    return st.fixed_dictionaries(
        {
            "role": _known(MessageRole),
            "type": _known(MessageType),
            "content": TEXTS,
            "content_type": _known(MessageContentType),
        },
        optional={
            "id": texts,
            "conversation_id": texts,
            "bot_id": texts,
            "chat_id": texts,
            "section_id": texts | st.none(),
            "created_at": st.integers(0, 2**40) | st.none(),
            "reasoning_content": TEXTS | st.none(),
            "meta_data": st.dictionaries(texts, texts, max_size=2) | st.none(),
        },
    )


REALISTIC = _realistic()


@settings(
    max_examples=200,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_a_chat_streams_messages_match_cattrs_message_by_message(data: st.DataObject):
    from coze_async.models.chat import Message

    hints = typing.get_type_hints(Message)
    fields = attrs.fields(Message)
    # Mostly payloads the rule accepts, so that deltas repeat what a reference holds.
    accepted = st.fixed_dictionaries(
        {a.name: valid(hints[a.name], 1) for a in fields if a.default is attrs.NOTHING},
        optional={
            a.name: valid(hints[a.name], 1) for a in fields if a.default is not attrs.NOTHING
        },
    )
    payloads = st.one_of(REALISTIC, REALISTIC, REALISTIC, accepted, STRATEGIES[Message])
    payload = data.draw(payloads)
    datas: list[bytes] = []
    for _ in range(data.draw(st.integers(1, 12))):
        encoded = payload_bytes(payload, data)
        if encoded is not None:
            datas.append(encoded)
        fresh = data.draw(st.integers(0, 6)) == 0
        payload = data.draw(payloads) if fresh else _variant(payload, data)
    cuts = data.draw(st.lists(st.integers(0, 10_000), max_size=4))
    got = decode_chat_bytes([(DELTA, d) for d in datas], cuts)
    assert_same_as_the_converter(datas, got)


BASE = {"id": "m", "role": "assistant", "type": "answer", "content_type": "text"}


def test_a_chat_streams_deltas_that_differ_only_in_their_text_reuse_the_first():
    datas = [orjson.dumps({**BASE, "content": t, "created_at": 1}) for t in ("a", "b", "c")]
    size = len(b"event:%s\ndata:%s\n\n" % (DELTA, datas[0]))
    # One read, and one event a read: the fast paths apply within a read and across reads.
    for cuts in ([], [size, 2 * size]):
        got = decode_chat_bytes([(DELTA, d) for d in datas], cuts)
        assert_same_as_the_converter(datas, got)
        first, second, third = (event.message for _, event in got)
        assert second.id is first.id and third.role is first.role  # built from the first


@pytest.mark.parametrize(
    "datas",
    [
        # A second "content" key: the last one counts, whatever the first says.
        [
            b'{"content":"%s","role":"assistant","content_type":"text","content":"z"}' % t
            for t in (b"a", b"b")
        ],
        # ... and one whose last value is the text of the probe that checks a shortcut.
        [
            b'{"content":"%s","role":"assistant","content_type":"text","content":"a"}' % t
            for t in (b"x", b"y", b"a", b"b")
        ],
        # A "content" key inside another value, before the message's own.
        [
            b'{"x":{"content":"q"},"content":"%s","role":"assistant","content_type":"text"}' % t
            for t in (b"a", b"b")
        ],
        [
            b'{"content_type":"text","role":"assistant","content":"%s"}' % t
            for t in (b"a", b'"', b"\\u00e9", b"\\", b"\xe9")
        ],
        # A value after the text changed, to one of the same size.
        [
            b'{"role":"assistant","content_type":"text","content":"%s","chat_id":"%s"}' % pair
            for pair in ((b"a", b"1"), (b"b", b"2"))
        ],
        # Deltas that each vary another field too: none fits the one before (a stream stops
        # setting shortcuts after a while).
        [orjson.dumps({**BASE, "content": "t", "seq": i}) for i in range(40)],
        # While the model reasons, reasoning_content is the text that varies.
        [orjson.dumps({**BASE, "content": "", "reasoning_content": t}) for t in ("a", "b", "")],
    ],
    ids=[
        "duplicate-key",
        "duplicate-key-probe",
        "nested-key",
        "odd-texts",
        "same-size-change",
        "seq",
        "reasoning",
    ],
)
def test_a_chat_streams_edge_cases_match_cattrs(datas: list[bytes]):
    for cuts in ([], [1_000_000]):
        assert_same_as_the_converter(datas, decode_chat_bytes([(DELTA, d) for d in datas], cuts))


#: The chat events of a chat stream (their data is a Chat), by name.
CHAT_EVENT_NAMES = [
    b"conversation.chat.created",
    b"conversation.chat.in_progress",
    b"conversation.chat.completed",
    b"conversation.chat.failed",
    b"conversation.chat.requires_action",
]


@settings(
    max_examples=300,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_a_chat_streams_chat_events_match_the_converter(data: st.DataObject):
    """A chat event decoded from its bytes (the stream's fast path) is the event the general
    path gives for the same bytes, and data that path refuses raises the same error."""
    from coze_async._errors import CozeInvalidEventError
    from coze_async._events import decode_chat_event
    from coze_async._response import NO_RESPONSE
    from coze_async._sse import ServerSentEvent
    from coze_async.models.chat import Chat

    events = []
    for _ in range(data.draw(st.integers(1, 4))):
        name = data.draw(st.sampled_from(CHAT_EVENT_NAMES))
        payload = data.draw(STRATEGIES[Chat] | st.one_of(JSON_SCALARS, st.just([])))
        # The standard library writes what orjson will not (integers past 64 bits).
        raw = json.dumps(payload).encode() if data.draw(st.integers(0, 9)) else b'{"id":"\xff'
        events.append((name, raw))
    got = decode_chat_bytes(events, data.draw(st.lists(st.integers(0, 10_000), max_size=3)))
    assert len(got) == len(events)
    for (name, raw), (kind, value) in zip(events, got, strict=True):
        sse = ServerSentEvent(name.decode(), raw.decode("utf-8", "replace"))
        refusal: BaseException | None = None
        try:
            expected = decode_chat_event(sse, NO_RESPONSE, strict=True)
        except CozeInvalidEventError as exc:
            refusal = exc.__cause__
        if refusal is not None:
            assert kind == "error" and value[0] == sse.data, (raw, value)
            assert type(value[1]) is type(refusal) and str(value[1]) == str(refusal)
            continue
        assert kind == "ok" and expected is not None, (raw, value)
        assert value.event is expected.event and value.message is None
        assert same_objects(value.chat, expected.chat), (raw, value.chat, expected.chat)
