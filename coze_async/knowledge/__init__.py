"""The older knowledge client (deprecated: ``coze_async.datasets``), as cozepy's
``cozepy.knowledge`` names it (its documents: ``coze_async.knowledge.documents``)."""

from __future__ import annotations

from ..resources.knowledge import AsyncKnowledgeClient, KnowledgeClient

__all__ = ["AsyncKnowledgeClient", "KnowledgeClient"]
