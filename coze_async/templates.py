"""Templates, as cozepy's ``cozepy.templates`` names them. Every name is the object the rest of the
package uses (also exported by ``coze_async`` itself where it is a top-level name there)."""

from __future__ import annotations

from .models.templates import TemplateDuplicateResp, TemplateEntityType
from .resources.templates import AsyncTemplatesClient, TemplatesClient

__all__ = ["AsyncTemplatesClient", "TemplateDuplicateResp", "TemplateEntityType", "TemplatesClient"]
