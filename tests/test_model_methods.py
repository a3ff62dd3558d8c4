"""pydantic's model methods on every model (through the one converter), enum coercion in the
constructors, and what ``str()``/``format()``/``repr()`` of an enum member give."""

from __future__ import annotations

import enum
import json
import typing
from typing import Any

import attrs
import orjson
import pydantic
import pytest
from attrs import define, field
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coze_async.models
from coze_async._converter import StructureError, converter, structure, unstructure
from coze_async._fastgen import optional_inner
from coze_async.models import (
    Bot,
    BotMode,
    BotModelInfo,
    BotPromptInfo,
    ChatEvent,
    ChatEventType,
    CozeModel,
    DynamicIntEnum,
    DynamicStrEnum,
    Message,
    MessageContentType,
    MessageRole,
    MessageType,
    TemplateEntityType,
    WorkflowEvent,
    WorkflowEventType,
)
from coze_async.models._base import ListResponse
from tests.test_fastgen import all_model_classes

EXPORTED = [
    value
    for name in coze_async.models.__all__
    for value in [getattr(coze_async.models, name)]
    if isinstance(value, type) and attrs.has(value)
]
#: Every attrs model: the exported ones, their nested and internal classes (page models...).
MODELS = all_model_classes()


def test_every_exported_model_is_a_coze_model_and_covered():
    assert len(EXPORTED) > 90
    assert set(EXPORTED) <= set(MODELS)
    assert all(issubclass(cls, CozeModel) for cls in MODELS)


# -- a generic builder: instances of any model, from its attrs fields ------------------------

INT64 = st.integers(-(2**63), 2**63 - 1)  # JSON numbers as orjson (and the wire) carry them
JSON_SCALARS = (
    st.none()
    | st.booleans()
    | INT64
    | st.floats(allow_nan=False, allow_infinity=False)  # JSON has neither (both dump as null)
    | st.text(max_size=6)
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=3), inner, max_size=2)
    ),
    max_leaves=4,
)


def members(hint: type[enum.Enum]) -> st.SearchStrategy[Any]:
    """Members, their plain values (the constructor coerces them) and unknown values."""
    known = list(hint)
    unknown = st.integers(-5, 99) if issubclass(hint, int) else st.text(max_size=6)
    return st.sampled_from(known) | st.sampled_from([m.value for m in known]) | unknown


def values(hint: Any, depth: int) -> st.SearchStrategy[Any]:
    """Python values a constructor takes for a field of type ``hint``."""
    inner = optional_inner(hint)
    if inner is not None:
        return st.none() | values(inner, depth)
    if hint is Any:
        return JSON_VALUES
    simple = {
        str: st.text(max_size=8),
        int: INT64,
        float: st.floats(allow_nan=False, allow_infinity=False),
        bool: st.booleans(),
    }
    if hint in simple:
        return simple[hint]
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return members(hint)
    if isinstance(hint, type) and attrs.has(hint):
        return instances(hint, depth - 1)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (list, ListResponse):
        return st.lists(values(args[0], depth - 1), max_size=2 if depth > 0 else 0)
    if origin is dict:
        return st.dictionaries(
            st.text(max_size=4), values(args[1], depth - 1), max_size=2 if depth > 0 else 0
        )
    raise AssertionError(f"no strategy for {hint!r}: teach this test the new field type")


def instances(cls: type, depth: int = 2) -> st.SearchStrategy[Any]:
    """Instances of ``cls`` built by its constructor: required fields always, others maybe."""
    hints = typing.get_type_hints(cls)
    fields = attrs.fields(cls)
    required = {a.name: values(hints[a.name], depth) for a in fields if a.default is attrs.NOTHING}
    optional = {
        a.name: values(hints[a.name], depth) for a in fields if a.default is not attrs.NOTHING
    }
    return st.fixed_dictionaries(required, optional=optional).map(lambda kw: cls(**kw))


INSTANCES = {cls: instances(cls) for cls in MODELS}


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__qualname__)
@settings(
    max_examples=25,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_every_model_round_trips_and_dumps_as_the_converter(cls: type, data: st.DataObject):
    model = data.draw(INSTANCES[cls])
    # What the constructor took as plain values are members now.
    for name, value in attrs.asdict(model, recurse=False).items():
        hint = typing.get_type_hints(cls)[name]
        target = optional_inner(hint) or hint
        if isinstance(target, type) and issubclass(target, enum.Enum) and value is not None:
            assert type(value) is target, (name, value)

    dumped = model.model_dump()
    assert dumped == unstructure(model, keep_none=True)
    assert model.model_dump(exclude_none=True) == unstructure(model)  # a request body
    assert list(dumped) == [a.name for a in attrs.fields(cls)]  # None fields kept, in order
    assert all(
        (dumped[a.name] is None) == (getattr(model, a.name) is None) for a in attrs.fields(cls)
    )

    text = model.model_dump_json()
    assert orjson.loads(text) == dumped
    assert cls.model_validate_json(text) == model
    assert cls.model_validate_json(text.encode()) == model
    assert cls.model_validate_json(model.model_dump_json(exclude_none=True)) == model
    assert cls.model_validate(dumped) == model
    assert cls.model_validate(model) is model
    # Indented JSON is pydantic's, byte for byte.
    for indent in (None, 2, 4):
        expected = pydantic.RootModel[Any](dumped).model_dump_json(indent=indent)
        assert model.model_dump_json(indent=indent) == expected


# -- the methods themselves ------------------------------------------------------------------


def test_model_dump_keeps_none_as_cozepy_does_and_exclude_none_gives_the_wire_format():
    message = Message.build_user_question_text("hi")
    assert message.model_dump() == {
        "role": "user",
        "type": "question",
        "content": "hi",
        "content_type": "text",
        "meta_data": None,
        "id": None,
        "conversation_id": None,
        "section_id": None,
        "bot_id": None,
        "chat_id": None,
        "created_at": None,
        "updated_at": None,
        "reasoning_content": None,
    }
    wire = {"role": "user", "type": "question", "content": "hi", "content_type": "text"}
    assert message.model_dump(exclude_none=True) == wire == unstructure(message)
    # Enums come out as plain values (equal to the members, as cozepy's dump holds them).
    assert type(message.model_dump()["role"]) is str
    assert message.model_dump(mode="json") == message.model_dump(mode="python")
    assert message.model_dump(by_alias=True) == message.model_dump()


def test_model_dump_matches_cozepy_for_the_fields_both_have():
    import cozepy

    message = Message(role="assistant", type="answer", content="x", content_type="text", id="m")
    theirs = cozepy.Message.model_validate(message.model_dump()).model_dump(mode="json")
    assert message.model_dump() == theirs
    assert orjson.loads(message.model_dump_json()) == orjson.loads(
        cozepy.Message.model_validate(message.model_dump()).model_dump_json()
    )
    # The spec adds fields cozepy lacks; the ones it has come out alike.
    bot = Bot(bot_id="b", model_info=BotModelInfo(model_id="m", response_format="markdown"))
    their_bot = cozepy.Bot.model_validate(bot.model_dump()).model_dump(mode="json")
    ours = bot.model_dump()
    assert {k: ours[k] for k in their_bot if k in ours and k != "model_info"} == {
        k: v for k, v in their_bot.items() if k in ours and k != "model_info"
    }
    assert ours["model_info"]["response_format"] == their_bot["model_info"]["response_format"]


def test_model_dump_include_exclude_name_top_level_fields():
    info = BotModelInfo(model_id="m", temperature=0.5)
    assert info.model_dump(include={"model_id", "temperature"}) == {
        "model_id": "m",
        "temperature": 0.5,
    }
    assert "temperature" not in info.model_dump(exclude={"temperature"})
    assert info.model_dump(exclude_none=True, exclude=["model_id"]) == {"temperature": 0.5}
    assert orjson.loads(info.model_dump_json(include={"model_id"})) == {"model_id": "m"}
    with pytest.raises(ValueError, match="mode"):
        info.model_dump(mode="xml")  # type: ignore[arg-type]


def test_model_dump_json_nested_indent_and_non_ascii():
    bot = Bot(bot_id="b", name="名前", prompt_info=BotPromptInfo(prompt="p", prompt_mode="prefix"))
    assert bot.model_dump_json(exclude_none=True) == (
        '{"bot_id":"b","name":"名前","prompt_info":{"prompt":"p","prompt_mode":"prefix"}}'
    )
    assert bot.model_dump_json(indent=2, exclude_none=True) == (
        '{\n  "bot_id": "b",\n  "name": "名前",\n  "prompt_info": {\n'
        '    "prompt": "p",\n    "prompt_mode": "prefix"\n  }\n}'
    )
    assert bot.model_dump_json(indent=0, include={"bot_id"}) == '{\n"bot_id": "b"\n}'
    with pytest.raises(ValueError, match="indent"):
        bot.model_dump_json(indent=-1)


def test_model_validate_applies_the_converter_rule_and_names_the_field():
    message = Message.model_validate(
        {"role": "user", "content": "hi", "content_type": "text", "created_at": "17"}
    )
    assert type(message) is Message
    assert message.role is MessageRole.USER
    assert message.type is MessageType.UNKNOWN
    assert message.created_at == 17
    with pytest.raises(StructureError, match=r"^Message\.content: expected a string, got null"):
        Message.model_validate({"role": "user", "content": None, "content_type": "text"})
    with pytest.raises(StructureError, match=r"^Message\.role: required field missing"):
        Message.model_validate({"content": "hi", "content_type": "text"})
    with pytest.raises(ValueError, match="expected an object, got a list"):
        Message.model_validate([])
    with pytest.raises(ValueError, match="expected an object, got a Bot"):
        Message.model_validate(Bot(bot_id="b"))
    with pytest.raises(ValueError):  # orjson.JSONDecodeError
        Message.model_validate_json("{not json")
    # Received models carry no response; validated ones neither.
    assert message.response.status_code == 0


# -- enum coercion in constructors ------------------------------------------------------------


def test_plain_values_become_members_and_serialise():
    info = BotModelInfo(model_id="m", response_format="markdown", cache_type="prefix")
    assert info.response_format is BotModelInfo.ResponseFormat.MARKDOWN
    assert info.cache_type is BotModelInfo.CacheType.PREFIX
    assert info.api_mode is None
    assert info.model_dump(exclude_none=True) == {
        "model_id": "m",
        "response_format": "markdown",
        "cache_type": "prefix",
    }
    assert unstructure(info) == info.model_dump(exclude_none=True)  # the request body path
    event = ChatEvent(event="conversation.message.delta")
    assert event.event is ChatEventType.CONVERSATION_MESSAGE_DELTA
    message = Message(role="user", type="question", content="hi", content_type="text")
    assert message == Message.build_user_question_text("hi")
    assert Bot(bot_id="b", bot_mode=1).bot_mode is BotMode.MULTI_AGENT
    assert WorkflowEvent(id=0, event="Message").event is WorkflowEventType.MESSAGE


def test_unknown_values_become_dynamic_members_as_when_received():
    info = BotModelInfo(model_id="m", response_format="yaml-new")
    assert info.response_format.is_dynamic
    assert info.response_format == "yaml-new"
    received = structure({"model_id": "m", "response_format": "yaml-new"}, BotModelInfo)
    assert received.response_format is info.response_format
    assert info.model_dump(exclude_none=True)["response_format"] == "yaml-new"
    mode = Bot(bot_id="b", bot_mode=42).bot_mode
    assert isinstance(mode, BotMode)
    assert mode.is_dynamic
    assert mode == 42


def test_another_enums_member_is_taken_by_its_value():
    message = Message(role=MessageType.QUESTION, content="x", content_type="text")
    assert type(message.role) is MessageRole
    assert message.role.value == "question"
    assert type(message.role.value) is str


@pytest.mark.parametrize(
    ("build", "error"),
    [
        (
            lambda: BotModelInfo(model_id="m", response_format=5),
            "BotModelInfo.response_format: expected a ResponseFormat value (a string), got 5",
        ),
        (
            lambda: Bot(bot_id="b", bot_mode="1"),
            "Bot.bot_mode: expected a BotMode value (an integer), got '1'",
        ),
        (
            lambda: Bot(bot_id="b", bot_mode=True),
            "Bot.bot_mode: expected a BotMode value (an integer), got true",
        ),
        (
            lambda: Message(role=None, content="x", content_type="text"),
            "Message.role: expected a MessageRole value (a string), got null",
        ),
        (
            lambda: ChatEvent(event=object()),
            "ChatEvent.event: expected a ChatEventType value (a string), got a object",
        ),
    ],
)
def test_a_value_of_the_wrong_type_names_the_model_and_field(build: Any, error: str):
    with pytest.raises(StructureError) as caught:
        build()
    assert str(caught.value) == error
    assert isinstance(caught.value, ValueError)  # as pydantic's ValidationError


@define(kw_only=True)
class Tagged(CozeModel):
    """Shapes no model has yet: lists and dicts of members."""

    roles: list[MessageRole] = field(factory=list)
    modes: dict[str, BotMode] | None = None
    entity: TemplateEntityType | None = None
    note: str = ""


@define(kw_only=True)
class TaggedMore(Tagged):
    """A subclass: its own fields are found too."""

    extra_role: MessageRole = MessageRole.USER


def test_lists_and_dicts_of_members_and_subclasses():
    given_roles = ["user", MessageRole.ASSISTANT]
    tagged = Tagged(roles=given_roles, modes={"a": 0, "b": BotMode.MULTI_AGENT})
    assert tagged.roles == [MessageRole.USER, MessageRole.ASSISTANT]
    assert all(type(r) is MessageRole for r in tagged.roles)
    assert given_roles == ["user", MessageRole.ASSISTANT]  # the caller's list is not changed
    assert tagged.modes == {"a": BotMode.SINGLE_AGENT, "b": BotMode.MULTI_AGENT}
    assert type(tagged.modes["a"]) is BotMode
    assert Tagged.model_validate_json(tagged.model_dump_json()) == tagged
    with pytest.raises(StructureError, match=r"^Tagged\.roles: expected a MessageRole value"):
        Tagged(roles=[1])
    with pytest.raises(StructureError, match=r"^Tagged\.roles: TypeError"):
        Tagged(roles=5)
    more = TaggedMore(roles=["user"], extra_role="assistant", entity="agent")
    assert more.extra_role is MessageRole.ASSISTANT
    assert more.roles == [MessageRole.USER]
    assert more.entity is TemplateEntityType.AGENT


def test_received_models_skip_the_coercion(monkeypatch: pytest.MonkeyPatch):
    """The structuring functions set the slots without __init__ (their enums are members)."""
    hook = converter.get_structure_hook(Message)
    calls: list[object] = []
    monkeypatch.setattr(CozeModel, "__attrs_post_init__", lambda self: calls.append(self))
    payload = {"role": "user", "type": "question", "content": "hi", "content_type": "text"}
    received = hook(payload, Message)
    assert received.role is MessageRole.USER
    assert calls == []
    built = Message(role=MessageRole.USER, content="hi", content_type=MessageContentType.TEXT)
    assert calls == [built]


def test_assignment_after_construction_is_not_coerced():
    """As in pydantic without ``validate_assignment``."""
    info = BotModelInfo(model_id="m")
    info.response_format = "json"  # type: ignore[assignment]
    assert type(info.response_format) is str


# -- str(), format(), repr() of members -------------------------------------------------------


@pytest.mark.parametrize(
    ("member", "value", "text", "shown"),
    [
        (MessageRole.USER, "user", "user", "<MessageRole.USER: 'user'>"),
        (
            ChatEventType.CONVERSATION_MESSAGE_DELTA,
            "conversation.message.delta",
            "conversation.message.delta",
            "<ChatEventType.CONVERSATION_MESSAGE_DELTA: 'conversation.message.delta'>",
        ),
        (MessageRole("critic"), "critic", "critic", "<MessageRole.CRITIC: 'critic'>"),
        (BotMode.MULTI_AGENT, 1, "1", "<BotMode.MULTI_AGENT: 1>"),
        (BotMode(-3), -3, "-3", "<BotMode.VALUE_MINUS_3: -3>"),
    ],
)
def test_str_and_format_give_the_value_repr_the_member(
    member: DynamicStrEnum | DynamicIntEnum, value: object, text: str, shown: str
):
    assert str(member) == text
    assert f"{member}" == text
    assert format(member) == text
    assert f"{member:>12}" == format(value, ">12")
    assert repr(member) == shown
    assert member == value
    assert hash(member) == hash(value)
    assert {value: "found"}[member] == "found"
    assert json.dumps(member) == json.dumps(value)
    assert orjson.loads(orjson.dumps(member)) == value
