"""Event decoders: one server-sent event in, one typed event out (``None`` for the terminal
event; an ``error`` event raises its typed API error). Chat streams, chatflow streams and
workflow streams each have one; :class:`~coze_async._stream.AsyncStream` calls them."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import attrs
import orjson

from ._converter import converter, structure
from ._errors import CozeAPIError, CozeInvalidEventError, api_error
from ._interning import copy_message
from ._response import NO_RESPONSE, HTTPResponse
from ._sse import ServerSentEvent, SSEDecoder
from .models.chat import Chat, ChatEvent, ChatEventType, Message
from .models.workflows import (
    WorkflowEvent,
    WorkflowEventError,
    WorkflowEventInterrupt,
    WorkflowEventMessage,
    WorkflowEventType,
)

__all__ = [
    "ChatStreamDecoder",
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


def chat_event_decoder(strict: bool) -> ChatStreamDecoder:
    """The decoder a chat stream calls per event (one per stream)."""
    return ChatStreamDecoder(strict)


class ChatStreamDecoder:
    """A chat stream's decoder (one per stream). Bound to the stream's SSE decoder, it decodes
    message events from their raw bytes there (:meth:`_fast`), and each delta sets a shortcut
    for the deltas that differ from it only in their text (:func:`_delta_shortcut`)."""

    __slots__ = ("_response", "_shortcuts_left", "_strict")

    def __init__(self, strict: bool) -> None:
        self._strict = strict
        self._response = NO_RESPONSE
        # A stream whose deltas keep missing their shortcut (a field varying in each one)
        # stops paying for new ones; real streams set one per message.
        self._shortcuts_left = 32

    def __call__(self, sse: ServerSentEvent, response: HTTPResponse) -> ChatEvent | None:
        return _decode(sse, response, self._strict)

    def bind(self, sse: SSEDecoder[ChatEvent], response: HTTPResponse) -> None:
        """Decode the message events of ``sse`` (the stream's SSE decoder, for ``response``)."""
        self._response = response
        sse.set_fast_path(self._fast)

    def _fast(self, name: bytes, data: bytes, sse: SSEDecoder[ChatEvent]) -> ChatEvent | None:
        """A message or chat event as :meth:`__call__` decodes it; ``None`` for anything else,
        and for an event it would refuse (it then raises the error, from the event's text)."""
        kind = _MESSAGE_EVENT_NAMES.get(name)
        if kind is None:
            kind = _CHAT_EVENT_NAMES.get(name)
            if kind is None:
                return None
            try:
                chat = _structure_chat(_loads(data), Chat)
            except Exception:  # refused the same way by __call__, which raises the error
                return None
            return _chat_event(kind, chat, None, None, self._response)
        try:
            raw = _loads(data)
            message: Message = _structure_message(raw, Message)
        except Exception:  # bad JSON (or bytes that are not UTF-8) or the wrong shape
            return None
        if kind is not _COMPLETED and self._shortcuts_left:
            self._shortcuts_left -= 1
            shortcut = _delta_shortcut(data, raw, message, kind, self._response)
            if shortcut is not None:
                sse.set_shortcut(name, *shortcut)
        return _chat_event(kind, None, message, None, self._response)


_MESSAGE_EVENT_NAMES = {name.encode(): kind for name, kind in _MESSAGE_EVENTS.items()}
_CHAT_EVENT_NAMES = {name.encode(): kind for name, kind in _CHAT_EVENTS.items()}
_COMPLETED = ChatEventType.CONVERSATION_MESSAGE_COMPLETED
#: What precedes a message's text in its event's data (the text's opening quote included).
_TEXT_KEYS = {"content": b'"content":"', "reasoning_content": b'"reasoning_content":"'}
#: A JSON string token: what a message's text is in its event's data.
_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)


def _delta_shortcut(
    data: bytes, raw: Any, message: Message, kind: ChatEventType, response: HTTPResponse
) -> tuple[bytes, bytes, Callable[[bytes], ChatEvent | None]] | None:
    """Consecutive deltas of a message differ only in their text (``content``, or
    ``reasoning_content`` while the model reasons). Split ``data`` (a delta, decoded as
    ``raw`` and structured as ``message``) around that text's JSON string: ``(head, tail,
    build)``, where ``build(middle)`` is the event for the data ``head + middle + tail`` when
    ``middle`` is one JSON string, and ``None`` otherwise (the converter's path decides then).

    Why ``build`` gives what the converter gives: the parser reads ``head`` the same way
    whatever string follows, so if two different strings as ``middle`` (the text itself, and a
    probe) each come out as the text, and all else as in ``raw``, any string does; the
    converter structures each field on its own, so only the text differs from ``message``. A
    message holding a mutable value (``meta_data``) is not copied, so no two messages share a
    dict."""
    field = "content"
    if message.content == "" and message.reasoning_content:
        field = "reasoning_content"
    text = raw.get(field)
    if message.meta_data is not None or text.__class__ is not str:
        return None
    key = _TEXT_KEYS[field]
    start = data.find(key)
    if start < 0:
        return None
    start += len(key) - 1  # the text's opening quote
    token = _JSON_STRING.match(data, start)
    if token is None:
        return None
    head, tail = data[:start], data[token.end() :]
    probe = "b" if text == "a" else "a"
    try:
        parsed = _loads(b'%s"%s"%s' % (head, probe.encode(), tail))
    except orjson.JSONDecodeError:
        return None
    if parsed.__class__ is not dict or parsed.get(field) != probe:
        return None
    parsed[field] = text
    if parsed != raw:
        return None
    return head, tail, _delta_builder(kind, message, field == "content", response)


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
_structure_chat = converter.get_structure_hook(Chat)
_new = object.__new__
_set_attribute = object.__setattr__
# ChatEvent is built slot by slot (what its __init__ does, without the keyword handling), so
# _chat_event must set every field: fail at import, not at run time, if the model changes.
if [a.name for a in attrs.fields(ChatEvent)] != ["event", "chat", "message", "unknown"]:
    raise RuntimeError("ChatEvent's fields changed: update _chat_event")
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


def _delta_builder(
    kind: ChatEventType, reference: Message, content: bool, response: HTTPResponse
) -> Callable[[bytes], ChatEvent | None]:
    """The event for a delta that is ``reference`` but for its text (``content``, or else
    ``reasoning_content``), given as the bytes of one JSON string; ``None`` for anything else."""

    def build(token: bytes) -> ChatEvent | None:
        try:
            text = _loads(token)
        except orjson.JSONDecodeError:
            return None
        if text.__class__ is not str:
            return None
        if content:
            message = copy_message(reference, text, reference.reasoning_content)
        else:
            message = copy_message(reference, reference.content, text)
        event: ChatEvent = _new(ChatEvent)
        event.event, event.chat, event.message, event.unknown = kind, None, message, None
        event._response = response  # type: ignore[misc]  # CozeModel's slot
        return event

    return build


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
