"""How emulated bots answer: the responder hook, its context, and the default bots.

A responder is any callable taking a :class:`ChatContext` and returning (or returning an
awaitable of) a ``str``, an iterable or async iterable of text chunks (each becomes one
``conversation.message.delta``), or a :class:`ToolCall` to make the chat ``requires_action``.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable, Iterable, Mapping
from typing import Any

import attrs
import orjson

__all__ = [
    "ECHO_BOT_ID",
    "TOOL_BOT_ID",
    "ChatContext",
    "Reply",
    "Responder",
    "ToolCall",
    "echo_responder",
    "reply_chunks",
    "tool_responder",
]

#: A bot that streams the user's words back in small deltas.
ECHO_BOT_ID = "7000000000000000001"
#: A bot that asks the caller to run the ``get_weather`` tool, then reports its output.
TOOL_BOT_ID = "7000000000000000002"


@attrs.frozen
class ToolCall:
    """Returned by a responder to ask the caller to run a tool (the chat ``requires_action``)."""

    name: str
    arguments: Mapping[str, Any] | str = attrs.field(factory=dict)

    def arguments_json(self) -> str:
        """The arguments as a JSON object string (as the API sends them)."""
        args = self.arguments
        return args if isinstance(args, str) else orjson.dumps(dict(args)).decode()


@attrs.define
class ChatContext:
    """What a responder knows about the chat it answers."""

    bot_id: str
    user_id: str
    conversation_id: str
    chat_id: str
    #: The text of the last user message (the question).
    question: str
    #: The conversation so far, this chat's messages included, oldest first (API dicts).
    messages: list[dict[str, Any]]
    custom_variables: dict[str, str] = attrs.field(factory=dict)
    parameters: dict[str, Any] = attrs.field(factory=dict)
    #: The submitted tool outputs (``tool_call_id``, ``output``) when the chat resumes.
    tool_outputs: list[dict[str, Any]] | None = None


Reply = str | ToolCall | Iterable[str] | AsyncIterable[str]
Responder = Callable[[ChatContext], Reply | Awaitable[Reply]]


def split_words(text: str) -> list[str]:
    """Small deltas: a word with its trailing space, or two characters of unspaced text."""
    pieces: list[str] = []
    for word in re.findall(r"\S+\s*|\s+", text):
        if len(word) > 8 and " " not in word:
            pieces.extend(word[i : i + 2] for i in range(0, len(word), 2))
        else:
            pieces.append(word)
    return pieces or [text]


def echo_responder(context: ChatContext) -> str:
    """The echo bot: answers with the question itself."""
    return context.question


def tool_responder(context: ChatContext) -> Reply:
    """The tool bot: asks for ``get_weather``; once the output arrives, reports it."""
    if context.tool_outputs:
        outputs = "; ".join(str(o.get("output", "")) for o in context.tool_outputs)
        return f"The tool says: {outputs}"
    return ToolCall("get_weather", {"location": context.question})


async def reply_chunks(responder: Responder, context: ChatContext) -> ToolCall | AsyncIterator[str]:
    """Call a responder and normalise its reply: a tool call, or an async iterator of chunks."""
    reply: Any = responder(context)
    if inspect.isawaitable(reply):
        reply = await reply
    if isinstance(reply, ToolCall):
        return reply
    if isinstance(reply, str):
        return _aiter(split_words(reply))
    if isinstance(reply, AsyncIterable):
        return _aiter_async(reply)
    if isinstance(reply, Iterable):
        return _aiter(list(reply))
    raise TypeError(f"a responder must return text, chunks or a ToolCall, not {type(reply)!r}")


async def _aiter(chunks: list[str]) -> AsyncIterator[str]:
    for chunk in chunks:
        yield str(chunk)


async def _aiter_async(chunks: AsyncIterable[str]) -> AsyncIterator[str]:
    async for chunk in chunks:
        yield str(chunk)
