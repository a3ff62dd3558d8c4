"""Interning what repeats across a stream's messages: the one home of the rule.

Consecutive deltas of a reply differ only in ``content`` (or ``reasoning_content``). A message
payload is structured from the previous one (the reference) when, without those two keys, it
equals the reference's (same keys, equal values of the same types: ``1`` and ``1.0`` or ``True``
do not count as the same) and they hold what the converter passes unchanged (a string; ``null``
or nothing for the optional one): the message is then the reference with these two fields
replaced, as every other field was structured from the same input already. Anything else takes
the converter's path (and becomes the reference). A message holding a mutable value
(``meta_data``) is never a reference, so no two messages share a dict.

Used by websocket sessions (the ``data`` of message events; property-tested against the
converter, message by message); :func:`copy_message` also builds a chat stream's deltas from
their bytes (``_events``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from ._converter import converter
from .models.chat import Message

__all__ = ["copy_message", "message_interner"]

_ABSENT: Any = object()
_new = object.__new__
_structure_message = converter.get_structure_hook(Message)

# The copy below sets every field of Message: fail at import, not at run time, if it changes.
if [a.name for a in attrs.fields(Message)] != [
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
]:
    raise RuntimeError("Message's fields changed: update copy_message")


def copy_message(reference: Message, content: str, reasoning_content: str | None) -> Message:
    """``reference`` with ``content`` and ``reasoning_content`` replaced: what the converter
    gives for the reference's payload with those two strings (every field set slot by slot,
    without ``__init__``). The reference holds no mutable value (no ``meta_data``)."""
    message: Message = _new(Message)
    message.role = reference.role
    message.type = reference.type
    message.content = content
    message.content_type = reference.content_type
    message.meta_data = None
    message.id = reference.id
    message.conversation_id = reference.conversation_id
    message.section_id = reference.section_id
    message.bot_id = reference.bot_id
    message.chat_id = reference.chat_id
    message.created_at = reference.created_at
    message.updated_at = reference.updated_at
    message.reasoning_content = reasoning_content
    return message


def message_interner() -> Callable[[Any], Message]:
    """A function of one decoded message payload to its :class:`Message`, interning by the rule
    above (one per stream: it holds the reference). It consumes the payload (a dict may lose
    its ``content`` keys) and raises what the converter raises for one that does not fit."""
    last_rest: dict[str, Any] | None = None
    last: Any = None
    # The keys of the reference's values that are neither strings nor null, and their types.
    typed: tuple[str, ...] = ()
    types: tuple[type, ...] = ()

    def structure(raw: Any) -> Message:
        nonlocal last_rest, last, typed, types
        if raw.__class__ is not dict:
            return _structure_message(raw, Message)  # type: ignore[no-any-return]
        content = raw.pop("content", _ABSENT)
        reasoning = raw.pop("reasoning_content", _ABSENT)
        if (
            raw == last_rest
            and content.__class__ is str
            and (reasoning is _ABSENT or reasoning is None or reasoning.__class__ is str)
            and (not typed or tuple(map(type, map(raw.__getitem__, typed))) == types)
        ):
            return copy_message(last, content, None if reasoning is _ABSENT else reasoning)
        rest = raw.copy()
        if content is not _ABSENT:
            raw["content"] = content
        if reasoning is not _ABSENT:
            raw["reasoning_content"] = reasoning
        message: Message = _structure_message(raw, Message)
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
        return message

    return structure
