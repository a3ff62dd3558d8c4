"""Template payloads: the result of copying a template into a workspace."""

from __future__ import annotations

from attrs import define

from ._base import CozeModel, DynamicStrEnum

__all__ = ["TemplateDuplicateResp", "TemplateEntityType"]


class TemplateEntityType(DynamicStrEnum):
    """The kind of entity a template copy created."""

    AGENT = "agent"


@define(kw_only=True)
class TemplateDuplicateResp(CozeModel):
    """The entity created from a template."""

    entity_id: str
    entity_type: TemplateEntityType
