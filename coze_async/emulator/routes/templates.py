"""``POST /v1/templates/{template_id}/duplicate``: copies a template (:data:`TEMPLATE_ID`, an
agent) into a workspace as a new unpublished bot, whose id it returns."""

from __future__ import annotations

from typing import Any

import attrs
from aiohttp import web

from .._state import STORE
from .._wire import ApiError, bad_request, envelope, json_body, optional_string, require
from .bots import new_draft_bot
from .workspaces import EMULATOR_USER_ID, find_workspace

__all__ = ["TEMPLATE_ID", "TemplatesState", "add_routes"]

#: The template (an agent) that can be duplicated.
TEMPLATE_ID = "7300000000000000300"

_MAX_NAME = 20


def add_routes(app: web.Application) -> None:
    """Register the templates endpoint."""
    app.router.add_post("/v1/templates/{template_id}/duplicate", duplicate_template)


def _default_templates() -> dict[str, dict[str, Any]]:
    return {
        TEMPLATE_ID: {
            "id": TEMPLATE_ID,
            "name": "Travel assistant",
            "entity_type": "agent",
            "description": "Plans trips and answers travel questions.",
            "prompt": "You are a travel assistant: plan trips and answer travel questions.",
        }
    }


@attrs.define
class TemplatesState:
    """The templates that can be duplicated, by template id."""

    records: dict[str, dict[str, Any]] = attrs.field(factory=_default_templates)


async def duplicate_template(request: web.Request) -> web.Response:
    """``POST /v1/templates/{template_id}/duplicate``: a new draft bot in the workspace."""
    store = request.app[STORE]
    template_id = request.match_info["template_id"]
    body = await json_body(request)
    workspace_id = require(body, "workspace_id")
    name = optional_string(body, "name")
    if len(name) > _MAX_NAME:
        raise bad_request(f"name is at most {_MAX_NAME} characters")
    template = store.templates.records.get(template_id)
    if template is None:
        raise ApiError(4200, f"template {template_id} does not exist")
    find_workspace(store, workspace_id)
    bot = new_draft_bot(
        store,
        workspace_id,
        name or template["name"],
        description=template["description"],
        prompt_info={"prompt": template["prompt"]},
        owner_user_id=EMULATOR_USER_ID,
    )
    return envelope(request, {"entity_id": bot["bot_id"], "entity_type": template["entity_type"]})
