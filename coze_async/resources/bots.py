"""The bots resource (``coze.bots``): create, configure, publish, inspect and list bots, their
versions, collaborators and collaboration mode."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any, TypeVar

from .._converter import unstructure
from .._pagination import AsyncPaged, forward_paged
from .._paths import path, require_id
from .._portal import SyncResource, forward
from .._response import HTTPResponse
from .._transport import RequestOptions, Transport, Unpack
from ..models._base import CozeModel, attach_response
from ..models.bots import (
    AddBotCollaboratorResp,
    Bot,
    BotCollaborationMode,
    BotCollaborator,
    BotKnowledge,
    BotModelInfo,
    BotOnboardingInfo,
    BotPromptInfo,
    BotSuggestReplyInfo,
    BotVersionInfo,
    DeleteBotCollaboratorResp,
    PluginIDList,
    PublishStatus,
    SimpleBot,
    UnpublishBotResp,
    UpdateBotCollaborationModeResp,
    UpdateBotResp,
    WorkflowIDList,
)

__all__ = [
    "AsyncBotsClient",
    "AsyncBotsCollaborationModesClient",
    "AsyncBotsCollaboratorsClient",
    "AsyncBotsVersionsClient",
    "BotsClient",
    "BotsCollaborationModesClient",
    "BotsCollaboratorsClient",
    "BotsVersionsClient",
]

E = TypeVar("E", bound=CozeModel)
T = TypeVar("T")

#: The API connector: ``bots.publish`` publishes there when no connector is named.
_API_CONNECTOR = "1024"


def _check_page(page_num: int, page_size: int) -> None:
    for name, value in (("page_num", page_num), ("page_size", page_size)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be a positive integer, got {value!r}")


def _check_api_version(use_api_version: int) -> None:
    if use_api_version not in (1, 2) or isinstance(use_api_version, bool):
        raise ValueError(f"use_api_version must be 1 or 2, got {use_api_version!r}")


def _config_body(**fields: Any) -> dict[str, Any]:
    """A create/update body: ``None`` arguments omitted, models unstructured (their own ``None``
    fields omitted, enums as values)."""
    return {k: unstructure(v) for k, v in fields.items() if v is not None}


def _has_more(data: Mapping[str, Any], page_num: int, page_size: int, count: int) -> bool:
    """Whether a numbered page has a successor: the API's ``has_more`` when it sends one, else
    ``total`` against the pages read so far, else a full page. An empty page is the last."""
    if count == 0:
        return False
    has_more = data.get("has_more")
    if isinstance(has_more, bool):
        return has_more
    total = data.get("total")
    if isinstance(total, int) and not isinstance(total, bool):
        return total > page_num * page_size
    return count >= page_size


def _total(data: Mapping[str, Any]) -> int | None:
    total = data.get("total")
    return total if isinstance(total, int) and not isinstance(total, bool) else None


async def _empty(
    transport: Transport,
    cls: type[E],
    method: str,
    url: str,
    *,
    json: Any = None,
    options: Mapping[str, Any],
) -> E:
    """Send a request whose envelope carries no data and return an empty ``cls`` result."""
    _, meta = await transport.request_raw(method, url, json=json, options=options)
    result = cls()
    attach_response(result, meta)
    return result


class AsyncBotsVersionsClient:
    """``coze.bots.versions``: the published and draft versions of a bot."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    async def list(
        self,
        *,
        bot_id: str,
        publish_status: PublishStatus | None = None,
        connector_id: str | None = None,
        page_num: int = 1,
        page_size: int = 10,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaged[BotVersionInfo]:
        """The versions of a bot, newest first, a page at a time (page numbers).
        ``GET /v1/bots/{bot_id}/versions``."""
        url = path("/v1/bots/{bot_id}/versions", bot_id=bot_id)
        _check_page(page_num, page_size)
        return await self._page(url, page_num, page_size, publish_status, connector_id, options)

    async def _page(
        self,
        url: str,
        page_num: int,
        page_size: int,
        publish_status: PublishStatus | None,
        connector_id: str | None,
        options: Mapping[str, Any],
    ) -> AsyncPaged[BotVersionInfo]:
        params = {
            "page_num": page_num,
            "page_size": page_size,
            "publish_status": publish_status,
            "connector_id": connector_id,
        }
        data, meta = await self._transport.request_raw("GET", url, params=params, options=options)
        data = data if isinstance(data, dict) else {}
        items = _items(self._transport, data.get("items"), BotVersionInfo, meta)
        return AsyncPaged(
            items,
            has_more=_has_more(data, page_num, page_size, len(items)),
            response=meta,
            total=_total(data),
            fetch_next=partial(
                self._page, url, page_num + 1, page_size, publish_status, connector_id, options
            ),
        )


class AsyncBotsCollaboratorsClient:
    """``coze.bots.collaborators``: add and remove the collaborators of a bot."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    async def create(
        self,
        *,
        bot_id: str,
        collaborators: Sequence[BotCollaborator],
        **options: Unpack[RequestOptions],
    ) -> AddBotCollaboratorResp:
        """Add collaborators to a bot in collaboration mode (the service takes one per call).
        ``POST /v1/bots/{bot_id}/collaborators``."""
        url = path("/v1/bots/{bot_id}/collaborators", bot_id=bot_id)
        body = {"collaborators": unstructure(list(collaborators or ()))}
        return await _empty(
            self._transport, AddBotCollaboratorResp, "POST", url, json=body, options=options
        )

    async def delete(
        self, *, bot_id: str, user_id: str, **options: Unpack[RequestOptions]
    ) -> DeleteBotCollaboratorResp:
        """Remove a collaborator from a bot.
        ``DELETE /v1/bots/{bot_id}/collaborators/{user_id}``."""
        url = path("/v1/bots/{bot_id}/collaborators/{user_id}", bot_id=bot_id, user_id=user_id)
        return await _empty(
            self._transport, DeleteBotCollaboratorResp, "DELETE", url, options=options
        )


class AsyncBotsCollaborationModesClient:
    """``coze.bots.collaboration_modes``: switch a bot between single-user and collaboration."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    async def update(
        self,
        *,
        bot_id: str,
        collaboration_mode: BotCollaborationMode,
        **options: Unpack[RequestOptions],
    ) -> UpdateBotCollaborationModeResp:
        """Turn a bot's multi-user collaboration on (``collaboration``) or off (``single``;
        remove its collaborators first). ``POST /v1/bots/{bot_id}/collaboration_mode``."""
        url = path("/v1/bots/{bot_id}/collaboration_mode", bot_id=bot_id)
        body = {"collaboration_mode": unstructure(collaboration_mode)}
        return await _empty(
            self._transport, UpdateBotCollaborationModeResp, "POST", url, json=body, options=options
        )


class AsyncBotsClient:
    """``coze.bots``: create, configure, publish, inspect and list bots."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport
        self.versions = AsyncBotsVersionsClient(transport)
        self.collaborators = AsyncBotsCollaboratorsClient(transport)
        self.collaboration_modes = AsyncBotsCollaborationModesClient(transport)

    async def create(
        self,
        *,
        space_id: str,
        name: str,
        description: str | None = None,
        icon_file_id: str | None = None,
        prompt_info: BotPromptInfo | None = None,
        onboarding_info: BotOnboardingInfo | None = None,
        suggest_reply_info: BotSuggestReplyInfo | None = None,
        model_info_config: BotModelInfo | None = None,
        plugin_id_list: PluginIDList | None = None,
        workflow_id_list: WorkflowIDList | None = None,
        **options: Unpack[RequestOptions],
    ) -> Bot:
        """Create a bot (an unpublished draft) in a space; the result holds its ``bot_id``.
        ``POST /v1/bot/create``."""
        require_id("space_id", space_id)
        require_id("name", name)
        body = _config_body(
            space_id=space_id,
            name=name,
            description=description,
            icon_file_id=icon_file_id,
            prompt_info=prompt_info,
            onboarding_info=onboarding_info,
            suggest_reply_info=suggest_reply_info,
            model_info_config=model_info_config,
            plugin_id_list=plugin_id_list,
            workflow_id_list=workflow_id_list,
        )
        return await self._transport.request(
            "POST", "/v1/bot/create", Bot, json=body, options=options
        )

    async def update(
        self,
        *,
        bot_id: str,
        name: str | None = None,
        description: str | None = None,
        icon_file_id: str | None = None,
        prompt_info: BotPromptInfo | None = None,
        onboarding_info: BotOnboardingInfo | None = None,
        knowledge: BotKnowledge | None = None,
        suggest_reply_info: BotSuggestReplyInfo | None = None,
        model_info_config: BotModelInfo | None = None,
        plugin_id_list: PluginIDList | None = None,
        workflow_id_list: WorkflowIDList | None = None,
        **options: Unpack[RequestOptions],
    ) -> UpdateBotResp:
        """Change a bot's draft configuration; only the arguments given are sent.
        ``POST /v1/bot/update``."""
        require_id("bot_id", bot_id)
        body = _config_body(
            bot_id=bot_id,
            name=name,
            description=description,
            icon_file_id=icon_file_id,
            prompt_info=prompt_info,
            onboarding_info=onboarding_info,
            knowledge=knowledge,
            suggest_reply_info=suggest_reply_info,
            model_info_config=model_info_config,
            plugin_id_list=plugin_id_list,
            workflow_id_list=workflow_id_list,
        )
        return await _empty(
            self._transport, UpdateBotResp, "POST", "/v1/bot/update", json=body, options=options
        )

    async def publish(
        self,
        *,
        bot_id: str,
        connector_ids: Sequence[str] | None = None,
        connectors: Mapping[str, Mapping[str, Any]] | None = None,
        **options: Unpack[RequestOptions],
    ) -> Bot:
        """Publish a bot's draft to connectors (the API connector ``1024`` when none is given);
        the result holds ``bot_id`` and the new ``version``. ``connectors`` passes per-connector
        settings (``{connector_id: {key: value}}``). ``POST /v1/bot/publish``."""
        require_id("bot_id", bot_id)
        body: dict[str, Any] = {
            "bot_id": bot_id,
            "connector_ids": list(connector_ids) if connector_ids else [_API_CONNECTOR],
        }
        if connectors is not None:
            body["connectors"] = {k: dict(v) for k, v in connectors.items()}
        return await self._transport.request(
            "POST", "/v1/bot/publish", Bot, json=body, options=options
        )

    async def unpublish(
        self,
        *,
        bot_id: str,
        connector_id: str,
        unpublish_reason: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> UnpublishBotResp:
        """Take a published bot off a connector. ``POST /v1/bots/{bot_id}/unpublish``."""
        url = path("/v1/bots/{bot_id}/unpublish", bot_id=bot_id)
        require_id("connector_id", connector_id)
        body: dict[str, Any] = {"bot_id": bot_id, "connector_id": connector_id}
        if unpublish_reason is not None:
            body["unpublish_reason"] = unpublish_reason
        return await _empty(
            self._transport, UnpublishBotResp, "POST", url, json=body, options=options
        )

    async def retrieve(
        self,
        *,
        bot_id: str,
        is_published: bool | None = None,
        use_api_version: int = 1,
        **options: Unpack[RequestOptions],
    ) -> Bot:
        """A bot's configuration. By default (``use_api_version=1``) its online version, which
        requires the bot to be published to the API connector: ``GET /v1/bot/get_online_info``.
        With ``use_api_version=2``, ``GET /v1/bots/{bot_id}``, where ``is_published=False``
        gives the current draft (the service defaults to the published version)."""
        _check_api_version(use_api_version)
        if use_api_version == 2:
            url = path("/v1/bots/{bot_id}", bot_id=bot_id)
            params: dict[str, Any] = {"is_published": is_published}
            return await self._transport.request("GET", url, Bot, params=params, options=options)
        require_id("bot_id", bot_id)
        return await self._transport.request(
            "GET", "/v1/bot/get_online_info", Bot, params={"bot_id": bot_id}, options=options
        )

    async def list(
        self,
        *,
        space_id: str,
        publish_status: PublishStatus | None = None,
        connector_id: str | None = None,
        page_num: int = 1,
        page_size: int = 20,
        use_api_version: int = 1,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaged[SimpleBot]:
        """The bots of a space, a page at a time (page numbers; ``.total`` is reported).

        By default (``use_api_version=1``) the bots published to the API connector:
        ``GET /v1/space/published_bots_list`` (``publish_status`` and ``connector_id`` do not
        apply). With ``use_api_version=2``, bots filtered by ``publish_status`` (the service
        defaults to ``published_online``) and ``connector_id``: ``GET /v1/bots``.
        """
        require_id("space_id", space_id)
        _check_page(page_num, page_size)
        _check_api_version(use_api_version)
        if use_api_version == 2:
            return await self._page_v2(
                space_id, publish_status, connector_id, page_num, page_size, options
            )
        return await self._page_v1(space_id, page_num, page_size, options)

    async def _page_v1(
        self, space_id: str, page_num: int, page_size: int, options: Mapping[str, Any]
    ) -> AsyncPaged[SimpleBot]:
        params = {"space_id": space_id, "page_size": page_size, "page_index": page_num}
        data, meta = await self._transport.request_raw(
            "GET", "/v1/space/published_bots_list", params=params, options=options
        )
        data = data if isinstance(data, dict) else {}
        raw = data.get("space_bots")
        entries = [_legacy_simple_bot(e) for e in raw] if isinstance(raw, list) else raw
        items = _items(self._transport, entries, SimpleBot, meta)
        return AsyncPaged(
            items,
            has_more=_has_more(data, page_num, page_size, len(items)),
            response=meta,
            total=_total(data),
            fetch_next=partial(self._page_v1, space_id, page_num + 1, page_size, options),
        )

    async def _page_v2(
        self,
        workspace_id: str,
        publish_status: PublishStatus | None,
        connector_id: str | None,
        page_num: int,
        page_size: int,
        options: Mapping[str, Any],
    ) -> AsyncPaged[SimpleBot]:
        params = {
            "workspace_id": workspace_id,
            "page_size": page_size,
            # cozepy sends page_index; the spec names the parameter page_num: send both.
            "page_index": page_num,
            "page_num": page_num,
            "publish_status": publish_status,
            "connector_id": connector_id,
        }
        data, meta = await self._transport.request_raw(
            "GET", "/v1/bots", params=params, options=options
        )
        data = data if isinstance(data, dict) else {}
        items = _items(self._transport, data.get("items"), SimpleBot, meta)
        return AsyncPaged(
            items,
            has_more=_has_more(data, page_num, page_size, len(items)),
            response=meta,
            total=_total(data),
            fetch_next=partial(
                self._page_v2,
                workspace_id,
                publish_status,
                connector_id,
                page_num + 1,
                page_size,
                options,
            ),
        )


def _legacy_simple_bot(entry: Any) -> Any:
    """A ``published_bots_list`` entry in :class:`SimpleBot`'s shape (those bots are all
    published; ``publish_time`` gives both timestamps). Anything but an object is left as is
    (and fails to structure)."""
    if not isinstance(entry, dict):
        return entry
    published = _int_or_none(entry.get("publish_time"))
    return {
        "id": entry.get("bot_id"),
        "name": entry.get("bot_name") or "",
        "description": entry.get("description") or "",
        "icon_url": entry.get("icon_url") or "",
        "is_published": True,
        "updated_at": published or 0,
        "owner_user_id": "",
        "published_at": published,
    }


def _int_or_none(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            return None
    return None


def _items(transport: Transport, raw: Any, item: type[T], meta: HTTPResponse) -> list[T]:
    items: list[T] = transport._structure(raw or [], list[item], meta)  # type: ignore[valid-type]
    for entry in items:
        attach_response(entry, meta)
    return items


# -- the sync twins ---------------------------------------------------------------------------


class BotsVersionsClient(SyncResource[AsyncBotsVersionsClient]):
    """Sync ``coze.bots.versions``."""

    list = forward_paged(AsyncBotsVersionsClient.list)


class BotsCollaboratorsClient(SyncResource[AsyncBotsCollaboratorsClient]):
    """Sync ``coze.bots.collaborators``."""

    create = forward(AsyncBotsCollaboratorsClient.create)
    delete = forward(AsyncBotsCollaboratorsClient.delete)


class BotsCollaborationModesClient(SyncResource[AsyncBotsCollaborationModesClient]):
    """Sync ``coze.bots.collaboration_modes``."""

    update = forward(AsyncBotsCollaborationModesClient.update)


class BotsClient(SyncResource[AsyncBotsClient]):
    """Sync ``coze.bots``."""

    @property
    def versions(self) -> BotsVersionsClient:
        """Sync ``coze.bots.versions``."""
        return BotsVersionsClient(self._portal, self._async.versions)

    @property
    def collaborators(self) -> BotsCollaboratorsClient:
        """Sync ``coze.bots.collaborators``."""
        return BotsCollaboratorsClient(self._portal, self._async.collaborators)

    @property
    def collaboration_modes(self) -> BotsCollaborationModesClient:
        """Sync ``coze.bots.collaboration_modes``."""
        return BotsCollaborationModesClient(self._portal, self._async.collaboration_modes)

    create = forward(AsyncBotsClient.create)
    update = forward(AsyncBotsClient.update)
    publish = forward(AsyncBotsClient.publish)
    unpublish = forward(AsyncBotsClient.unpublish)
    retrieve = forward(AsyncBotsClient.retrieve)
    list = forward_paged(AsyncBotsClient.list)
