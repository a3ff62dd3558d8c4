"""A websocket session's decoder (``event_decoder``: message events interned across a session)
gives, message by message, what ``decode_event`` gives for the same text: the same objects, or
the same error."""

from __future__ import annotations

import enum
import typing
from typing import Any

import attrs
import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coze_async._errors import CozeInvalidEventError
from coze_async._websocket import decode_event, event_decoder
from coze_async.models.chat import Message
from coze_async.models.websockets import WebsocketsEvent
from coze_async.models.websockets_chat import CHAT_EVENTS, ConversationMessageDeltaEvent
from tests import test_fastgen as fg

LOGID = "handshake-logid"


def reference(text: str) -> WebsocketsEvent:
    """What a session decoded before interning: ``decode_event`` of the parsed text."""
    try:
        message = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise CozeInvalidEventError("", text, LOGID) from exc
    if not isinstance(message, dict):
        raise CozeInvalidEventError("", text, LOGID)
    return decode_event(message, CHAT_EVENTS, LOGID)


def outcome(decode: Any, text: str) -> tuple[str, Any]:
    try:
        return ("ok", decode(text))
    except CozeInvalidEventError as exc:
        cause = exc.__cause__
        return ("error", (str(exc), exc.field, exc.data, exc.logid, type(cause), str(cause)))


def _exact(hint: Any) -> st.SearchStrategy[Any]:
    """Values of the field's exact JSON type (what the service sends), ``null`` where allowed."""
    inner = fg.optional_inner(hint)
    if inner is not None:
        return st.none() | st.none() | _exact(inner)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return st.sampled_from([m.value for m in hint])
    if hint is str:
        return st.sampled_from(["", "a", "b"])
    if hint is int:
        return st.integers(0, 2)
    return st.none() | fg.valid(hint, 1)


def _message_fields() -> list[st.SearchStrategy[Any]]:
    """Message payloads, weighted: mostly of exact JSON types (what the service sends)."""
    hints = typing.get_type_hints(Message)
    fields = attrs.fields(Message)
    required = [a.name for a in fields if a.default is attrs.NOTHING]
    optional = [a.name for a in fields if a.default is not attrs.NOTHING]
    exact = st.fixed_dictionaries(
        {name: _exact(hints[name]) for name in required},
        optional={name: _exact(hints[name]) for name in optional},
    )
    accepted = st.fixed_dictionaries(
        {name: fg.valid(hints[name], 1) for name in required},
        optional={name: fg.valid(hints[name], 1) for name in optional},
    )
    return [exact] * 6 + [accepted, fg.STRATEGIES[Message], fg.JSON]


def pick(data: st.DataObject, options: list[st.SearchStrategy[Any]]) -> Any:
    """A value of one of ``options`` (repeated ones weigh more)."""
    return data.draw(data.draw(st.sampled_from(options)))


MESSAGES = _message_fields()
MESSAGE_EVENTS = st.sampled_from(
    ["conversation.message.delta", "conversation.message.completed", "conversation.audio.delta"]
)
EVENT_TYPES = [MESSAGE_EVENTS] * 6 + [
    st.sampled_from(["conversation.chat.created", "error", "no.such.event"]),
    fg.JSON_SCALARS,
]
ABSENT: Any = object()
IDS = [st.text(max_size=4)] * 5 + [st.none(), st.just(ABSENT), fg.JSON_SCALARS]
DETAILS = [st.just({"logid": "L"})] * 4 + [
    st.just(ABSENT),
    st.none(),
    st.fixed_dictionaries(
        {}, optional={"logid": st.sampled_from(["L", "M"]) | st.none(), "origin_message": fg.JSON}
    ),
    st.fixed_dictionaries({"logid": st.just("L"), "origin_message": st.sampled_from(["o", "p"])}),
    st.fixed_dictionaries({"logid": st.sampled_from([1, 1.0, True, "1", None])}),
    st.fixed_dictionaries({"logid": st.sampled_from([1, 1.0])}),
    fg.JSON,
]


def _event(data: st.DataObject) -> dict[str, Any]:
    event = {
        "event_type": pick(data, EVENT_TYPES),
        "id": pick(data, IDS),
        "data": pick(data, [*MESSAGES, st.just(ABSENT)]),
        "detail": pick(data, DETAILS),
    }
    return {key: value for key, value in event.items() if value is not ABSENT}


def _next_event(previous: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    """What a session's next event looks like: mostly the next delta (a new id and content),
    sometimes with more changed."""
    event = dict(previous)
    event["id"] = pick(data, IDS)
    if isinstance(previous.get("data"), dict):
        event["data"] = fg._variant(previous["data"], data)
    change = data.draw(
        st.sampled_from(["none"] * 5 + ["detail", "retype", "retype", "type", "data"])
    )
    detail = event.get("detail")
    if change == "retype" and isinstance(detail, dict):  # an equal value of another type
        event["detail"] = {
            key: data.draw(st.sampled_from([int(value), float(value), bool(value)]))
            if type(value) in (int, float, bool)
            else value
            for key, value in detail.items()
        }
    elif change == "detail":
        event["detail"] = pick(data, DETAILS)
    elif change == "type":
        event["event_type"] = pick(data, EVENT_TYPES)
    elif change == "data":
        event["data"] = pick(data, MESSAGES)
    return {key: value for key, value in event.items() if value is not ABSENT}


@settings(
    max_examples=200,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_a_sessions_events_match_decode_event_message_by_message(data: st.DataObject):
    decoder = event_decoder(CHAT_EVENTS)

    def decode(text: str) -> WebsocketsEvent:
        return decoder(text, LOGID)

    event = _event(data)
    decoded: list[WebsocketsEvent] = []
    for _ in range(data.draw(st.integers(1, 6))):
        try:
            text = orjson.dumps(event).decode()
        except TypeError:  # an integer JSON cannot carry
            return
        expected, got = outcome(reference, text), outcome(decode, text)
        assert got[0] == expected[0], (event, got, expected)
        if got[0] == "ok":
            assert fg.same_objects(got[1], expected[1]), (event, got, expected)
            decoded.append(got[1])
        else:
            assert got[1] == expected[1], (event, got, expected)
        fresh = data.draw(st.integers(0, 4)) == 0
        event = _event(data) if fresh else _next_event(event, data)
    # No two events share a mutable object (a detail, a message or what it holds).
    for name in ("detail", "data"):
        values = [getattr(e, name, None) for e in decoded]
        held = [v for v in values if v is not None and not isinstance(v, str | int | float)]
        assert len({id(v) for v in held}) == len(held)
    metas = [e.data.meta_data for e in decoded if isinstance(getattr(e, "data", None), Message)]
    metas = [m for m in metas if m is not None]
    assert len({id(m) for m in metas}) == len(metas)


def test_bad_text_raises_as_before():
    decoder = event_decoder(CHAT_EVENTS)
    for text in ("not json", "[1]", '"x"', "{}", '{"event_type": ""}'):
        assert outcome(lambda t: decoder(t, LOGID), text) == outcome(reference, text)


def test_deltas_reuse_what_repeats():
    decoder = event_decoder(CHAT_EVENTS)
    message = {"id": "m", "role": "assistant", "type": "answer", "content_type": "text"}
    first, second = (
        decoder(
            orjson.dumps(
                {
                    "id": f"e{n}",
                    "event_type": "conversation.message.delta",
                    "data": {**message, "content": content},
                    "detail": {"logid": "L"},
                }
            ).decode(),
            LOGID,
        )
        for n, content in enumerate("ab")
    )
    assert isinstance(first, ConversationMessageDeltaEvent)
    assert isinstance(second, ConversationMessageDeltaEvent)
    assert (first.data.content, second.data.content) == ("a", "b")
    assert second.data.id is first.data.id  # interned
    assert second.data is not first.data and second.detail is not first.detail  # never shared
    assert second.detail == first.detail == WebsocketsEvent.Detail(logid="L")


def test_an_equal_detail_of_other_types_is_structured_anew():
    decoder = event_decoder(CHAT_EVENTS)
    message = {"role": "assistant", "content": "a", "content_type": "text"}
    for logid in (1, 1.0, True):
        text = orjson.dumps(
            {
                "event_type": "conversation.message.delta",
                "data": message,
                "detail": {"logid": logid},
            }
        ).decode()
        assert outcome(lambda t: decoder(t, LOGID), text) == outcome(reference, text)
