"""Event decoders: one server-sent event in, one typed event out (``None`` for the terminal
event; an ``error`` event raises its typed API error). Chat streams, chatflow streams and
workflow streams each have one; :class:`~coze_async._stream.AsyncStream` calls them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import orjson

from ._converter import converter, structure
from ._errors import CozeAPIError, CozeInvalidEventError, api_error
from ._response import HTTPResponse
from ._sse import ServerSentEvent
from .models.chat import Chat, ChatEvent, ChatEventType, Message
from .models.workflows import (
    WorkflowEvent,
    WorkflowEventError,
    WorkflowEventInterrupt,
    WorkflowEventMessage,
    WorkflowEventType,
)

__all__ = [
    "chat_event_decoder",
    "decode_chat_event",
    "decode_workflow_event",
    "ends_workflow_stream",
    "workflow_event_decoder",
]

# -- chat and chatflow streams --------------------------------------------------------------

_CHAT_EVENTS = {
    e.value: e
    for e in (
        ChatEventType.CONVERSATION_CHAT_CREATED,
        ChatEventType.CONVERSATION_CHAT_IN_PROGRESS,
        ChatEventType.CONVERSATION_CHAT_COMPLETED,
        ChatEventType.CONVERSATION_CHAT_FAILED,
        ChatEventType.CONVERSATION_CHAT_REQUIRES_ACTION,
    )
}
_MESSAGE_EVENTS = {
    e.value: e
    for e in (
        ChatEventType.CONVERSATION_MESSAGE_DELTA,
        ChatEventType.CONVERSATION_MESSAGE_COMPLETED,
        ChatEventType.CONVERSATION_AUDIO_DELTA,
    )
}


def decode_chat_event(
    sse: ServerSentEvent, response: HTTPResponse, *, strict: bool
) -> ChatEvent | None:
    """Turn one server-sent event of a chat stream into a :class:`ChatEvent`; ``None`` for
    ``done``; raise the typed API error for ``error``."""
    return _decode(sse, response, strict)


_ABSENT: Any = object()


def chat_event_decoder(strict: bool) -> Callable[[ServerSentEvent, HTTPResponse], ChatEvent | None]:
    """The decoder a chat stream calls per event (positional: no keyword packing per event).
    One per stream: it interns what repeats across the stream's message events.

    Consecutive deltas differ only in ``content`` (or ``reasoning_content``). When a message
    payload without those two keys equals the previous one's (same keys, equal values of the
    same types: ``1`` and ``1.0`` or ``True`` do not count as the same) and they hold what the
    rule passes unchanged (a string; ``null`` or nothing for the optional one), the message is
    the previous one with these two fields replaced: every other field was structured from the
    same input already. Anything else takes the converter's path (and becomes the reference). A
    message holding a mutable value (``meta_data``) is never a reference, so no two messages
    share a dict. Property-tested against the converter, message by message."""
    last_rest: dict[str, Any] | None = None
    last: Any = None
    # The keys of the reference's values that are neither strings nor null, and their types.
    typed: tuple[str, ...] = ()
    types: tuple[type, ...] = ()

    def decode(sse: ServerSentEvent, response: HTTPResponse) -> ChatEvent | None:
        nonlocal last_rest, last, typed, types
        kind = _MESSAGE_EVENTS.get(sse.event)
        if kind is None:
            return _decode(sse, response, strict)
        try:
            raw = _loads(sse.data)
            message: Message
            if raw.__class__ is not dict:
                message = _structure_message(raw, Message)  # the converter raises
            else:
                content = raw.pop("content", _ABSENT)
                reasoning = raw.pop("reasoning_content", _ABSENT)
                if (
                    raw == last_rest
                    and content.__class__ is str
                    and (reasoning is _ABSENT or reasoning is None or reasoning.__class__ is str)
                    and (not typed or tuple(map(type, map(raw.__getitem__, typed))) == types)
                ):
                    # The reference with this content: every field set, slot by slot.
                    message = _new(Message)
                    message.role = last.role
                    message.type = last.type
                    message.content = content
                    message.content_type = last.content_type
                    message.meta_data = None
                    message.id = last.id
                    message.conversation_id = last.conversation_id
                    message.section_id = last.section_id
                    message.bot_id = last.bot_id
                    message.chat_id = last.chat_id
                    message.created_at = last.created_at
                    message.updated_at = last.updated_at
                    message.reasoning_content = None if reasoning is _ABSENT else reasoning
                else:
                    rest = raw.copy()
                    if content is not _ABSENT:
                        raw["content"] = content
                    if reasoning is not _ABSENT:
                        raw["reasoning_content"] = reasoning
                    message = _structure_message(raw, Message)
                    if message.meta_data is None:
                        last_rest, last = rest, message
                        typed = tuple(
                            key
                            for key, value in rest.items()
                            if value is not None and value.__class__ is not str
                        )
                        types = tuple(type(rest[key]) for key in typed)
                    else:
                        last_rest, last, typed, types = None, None, (), ()
        except Exception as exc:  # bad JSON or a payload of the wrong shape
            raise CozeInvalidEventError("data", sse.data, response.logid) from exc
        event: ChatEvent = _new(ChatEvent)
        event.event, event.chat, event.message, event.unknown = kind, None, message, None
        event._response = response  # type: ignore[misc]  # CozeModel's slot
        return event

    return decode


def _decode(sse: ServerSentEvent, response: HTTPResponse, strict: bool = False) -> ChatEvent | None:
    name = sse.event
    kind = _MESSAGE_EVENTS.get(name)
    if kind is not None:
        try:
            message = _structure_message(orjson.loads(sse.data), Message)
        except Exception as exc:  # bad JSON or a payload of the wrong shape
            raise CozeInvalidEventError("data", sse.data, response.logid) from exc
        return _chat_event(kind, None, message, None, response)
    if (kind := _CHAT_EVENTS.get(name)) is not None:
        return _chat_event(kind, _load(sse, Chat, response), None, None, response)
    if name == "done":
        return None
    if name == "error":
        raise _stream_error(sse, response)
    if strict:
        raise CozeInvalidEventError("event", name, response.logid)
    unknown = {"event": name, "data": sse.data}
    return _chat_event(ChatEventType.UNKNOWN, None, None, unknown, response)


# The hot path of every chat stream: hooks looked up once, not per event.
_structure_message = converter.get_structure_hook(Message)
_new = object.__new__
_set_attribute = object.__setattr__
# ChatEvent is built slot by slot (what its __init__ does, without the keyword handling), so
# _chat_event must set every field: fail at import, not at run time, if the model changes.
if [a.name for a in attrs.fields(ChatEvent)] != ["event", "chat", "message", "unknown"]:
    raise RuntimeError("ChatEvent's fields changed: update _chat_event")
_MESSAGE_FIELDS = [
    "role",
    "type",
    "content",
    "content_type",
    "meta_data",
    "id",
    "conversation_id",
    "section_id",
    "bot_id",
    "chat_id",
    "created_at",
    "updated_at",
    "reasoning_content",
]
if [a.name for a in attrs.fields(Message)] != _MESSAGE_FIELDS:
    raise RuntimeError("Message's fields changed: update message_decoder")
_loads = orjson.loads


def _chat_event(
    kind: ChatEventType,
    chat: Chat | None,
    message: Message | None,
    unknown: dict[str, Any] | None,
    response: HTTPResponse,
) -> ChatEvent:
    event: ChatEvent = _new(ChatEvent)
    event.event, event.chat, event.message, event.unknown = kind, chat, message, unknown
    _set_attribute(event, "_response", response)
    return event


def _load(sse: ServerSentEvent, cls: type[Any], response: HTTPResponse) -> Any:
    try:
        return structure(orjson.loads(sse.data), cls)
    except Exception as exc:  # bad JSON or a payload of the wrong shape
        raise CozeInvalidEventError("data", sse.data, response.logid) from exc


def _stream_error(sse: ServerSentEvent, response: HTTPResponse) -> CozeAPIError:
    try:
        data = orjson.loads(sse.data)
    except orjson.JSONDecodeError:
        data = None
    if not isinstance(data, dict):
        return api_error(None, f"stream error event: {sse.data[:512]}", logid=response.logid)
    code = data.get("code", data.get("error_code"))
    msg = data.get("msg", data.get("error_message"))
    return api_error(
        code if isinstance(code, int) else None,
        msg if isinstance(msg, str) and msg else f"stream error event: {sse.data[:512]}",
        logid=response.logid,
    )


# -- workflow streams -------------------------------------------------------------------------

_EVENT_PAYLOADS: dict[str, tuple[WorkflowEventType, str, type[Any]]] = {
    WorkflowEventType.MESSAGE.value: (WorkflowEventType.MESSAGE, "message", WorkflowEventMessage),
    WorkflowEventType.INTERRUPT.value: (
        WorkflowEventType.INTERRUPT,
        "interrupt",
        WorkflowEventInterrupt,
    ),
    WorkflowEventType.ERROR.value: (WorkflowEventType.ERROR, "error", WorkflowEventError),
}


def decode_workflow_event(
    sse: ServerSentEvent, response: HTTPResponse, *, strict: bool
) -> WorkflowEvent | None:
    """Turn one server-sent event of a workflow stream into a :class:`WorkflowEvent`; ``None``
    for ``Done``. ``Error`` is an event like the others (the stream ends after it). An unknown
    event without a numeric id is yielded with id 0 unless ``strict``."""
    name = sse.event
    if name == WorkflowEventType.DONE.value:
        return None
    numbered = sse.id is not None and sse.id.strip().isdigit()
    known = _EVENT_PAYLOADS.get(name)
    if not numbered and (known is not None or strict):
        raise CozeInvalidEventError("id", sse.id or "", response.logid)
    event_id = int(sse.id) if numbered and sse.id is not None else 0
    if known is not None:
        kind, attribute, cls = known
        try:
            payload = structure(orjson.loads(sse.data), cls)
        except Exception as exc:  # bad JSON or a payload of the wrong shape
            raise CozeInvalidEventError("data", sse.data, response.logid) from exc
        event = _workflow_event(event_id, kind, attribute, payload)
    elif strict:
        raise CozeInvalidEventError("event", name, response.logid)
    else:
        unknown = {"id": sse.id, "event": name, "data": sse.data}
        event = _workflow_event(event_id, WorkflowEventType.UNKNOWN, "unknown", unknown)
    _set_attribute(event, "_response", response)
    return event


# Built slot by slot, as ChatEvent is (its __init__ would only check that ``kind`` is a member).
if [a.name for a in attrs.fields(WorkflowEvent)] != [
    "id",
    "event",
    "message",
    "interrupt",
    "error",
    "unknown",
]:
    raise RuntimeError("WorkflowEvent's fields changed: update _workflow_event")


def _workflow_event(
    event_id: int, kind: WorkflowEventType, attribute: str, payload: Any
) -> WorkflowEvent:
    event: WorkflowEvent = _new(WorkflowEvent)
    event.id, event.event = event_id, kind
    event.message = event.interrupt = event.error = event.unknown = None
    _set_attribute(event, attribute, payload)
    return event


def ends_workflow_stream(event: WorkflowEvent) -> bool:
    # The service closes a workflow stream right after an Interrupt or an Error, without Done.
    return event.event in (WorkflowEventType.INTERRUPT, WorkflowEventType.ERROR)


def workflow_event_decoder(
    strict: bool,
) -> Callable[[ServerSentEvent, HTTPResponse], WorkflowEvent | None]:
    """The decoder a workflow stream calls per event."""
    return _decode_workflow_strict if strict else _decode_workflow_lenient


def _decode_workflow_strict(sse: ServerSentEvent, response: HTTPResponse) -> WorkflowEvent | None:
    return decode_workflow_event(sse, response, strict=True)


def _decode_workflow_lenient(sse: ServerSentEvent, response: HTTPResponse) -> WorkflowEvent | None:
    return decode_workflow_event(sse, response, strict=False)
