"""Chatflows, as cozepy's ``cozepy.workflows.chat`` names them. Every name is the object the rest of
the package uses (also exported by ``coze_async`` itself where it is a top-level name there)."""

from __future__ import annotations

from ..models.chat import ChatEvent, Message
from ..resources.workflows import AsyncWorkflowsChatClient, WorkflowsChatClient

__all__ = ["AsyncWorkflowsChatClient", "ChatEvent", "Message", "WorkflowsChatClient"]
