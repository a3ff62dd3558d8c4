"""The bots resource (``coze.bots``): create, configure, publish, inspect and list bots, their
versions, collaborators and collaboration mode."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from .._errors import CozeInvalidArgumentError
from .._pagination import AsyncPaged, NumberPaging
from .._paths import path, require_id
from .._request import Request, RequestOptions, Unpack, omit_none
from .._sync_layer import SubResource, SyncResource, forward
from .._transport import AsyncResource, Transport
from ..models.bots import (
    AddBotCollaboratorResp,
    Bot,
    BotCollaborationMode,
    BotCollaborator,
    BotKnowledge,
    BotModelInfo,
    BotOnboardingInfo,
    BotPromptInfo,
    BotsPage,
    BotSuggestReplyInfo,
    BotVersionInfo,
    BotVersionsPage,
    DeleteBotCollaboratorResp,
    PluginIDList,
    PublishedBotsPage,
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

#: The API connector: ``bots.publish`` publishes there when no connector is named.
_API_CONNECTOR = "1024"


def _check_api_version(use_api_version: int) -> None:
    if use_api_version not in (1, 2) or isinstance(use_api_version, bool):
        raise CozeInvalidArgumentError(f"use_api_version must be 1 or 2, got {use_api_version!r}")


class AsyncBotsVersionsClient(AsyncResource):
    """``coze.bots.versions``: the published and draft versions of a bot."""

    def list(
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
        params = omit_none(publish_status=publish_status, connector_id=connector_id)
        request = Request("GET", url, params=params, options=options)
        return self._transport.paged(request, BotVersionsPage, NumberPaging(page_num, page_size))


class AsyncBotsCollaboratorsClient(AsyncResource):
    """``coze.bots.collaborators``: add and remove the collaborators of a bot."""

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
        body = omit_none(collaborators=list(collaborators or ()))
        request = Request("POST", url, json=body, options=options)
        return await self._transport.call_empty(request, AddBotCollaboratorResp)

    async def delete(
        self, *, bot_id: str, user_id: str, **options: Unpack[RequestOptions]
    ) -> DeleteBotCollaboratorResp:
        """Remove a collaborator from a bot.
        ``DELETE /v1/bots/{bot_id}/collaborators/{user_id}``."""
        url = path("/v1/bots/{bot_id}/collaborators/{user_id}", bot_id=bot_id, user_id=user_id)
        request = Request("DELETE", url, options=options)
        return await self._transport.call_empty(request, DeleteBotCollaboratorResp)


class AsyncBotsCollaborationModesClient(AsyncResource):
    """``coze.bots.collaboration_modes``: switch a bot between single-user and collaboration."""

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
        body = omit_none(collaboration_mode=collaboration_mode)
        request = Request("POST", url, json=body, options=options)
        return await self._transport.call_empty(request, UpdateBotCollaborationModeResp)


class AsyncBotsClient(AsyncResource):
    """``coze.bots``: create, configure, publish, inspect and list bots."""

    versions: AsyncBotsVersionsClient
    collaborators: AsyncBotsCollaboratorsClient
    collaboration_modes: AsyncBotsCollaborationModesClient

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport)
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
        body = omit_none(
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
        return await self._transport.call(
            Request("POST", "/v1/bot/create", json=body, options=options), Bot
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
        body = omit_none(
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
        request = Request("POST", "/v1/bot/update", json=body, options=options)
        return await self._transport.call_empty(request, UpdateBotResp)

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
        body = omit_none(
            bot_id=bot_id,
            connector_ids=list(connector_ids) if connector_ids else [_API_CONNECTOR],
            connectors=None if connectors is None else {k: dict(v) for k, v in connectors.items()},
        )
        return await self._transport.call(
            Request("POST", "/v1/bot/publish", json=body, options=options), Bot
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
        # The bot is named by the path only: the body's schema has no bot_id (cozepy sends one).
        body = omit_none(connector_id=connector_id, unpublish_reason=unpublish_reason)
        request = Request("POST", url, json=body, options=options)
        return await self._transport.call_empty(request, UnpublishBotResp)

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
            params = omit_none(is_published=is_published)
            return await self._transport.call(
                Request("GET", url, params=params, options=options), Bot
            )
        require_id("bot_id", bot_id)
        request = Request(
            "GET", "/v1/bot/get_online_info", params={"bot_id": bot_id}, options=options
        )
        return await self._transport.call(request, Bot)

    def list(
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
        _check_api_version(use_api_version)
        if use_api_version == 2:
            params = omit_none(
                workspace_id=space_id, publish_status=publish_status, connector_id=connector_id
            )
            request = Request("GET", "/v1/bots", params=params, options=options)
            # cozepy sends page_index; the spec names the parameter page_num: send both.
            paging = NumberPaging(page_num, page_size, aliases=("page_index",))
            return self._transport.paged(request, BotsPage, paging)
        request = Request(
            "GET", "/v1/space/published_bots_list", params={"space_id": space_id}, options=options
        )
        paging = NumberPaging(page_num, page_size, num_param="page_index")
        return self._transport.paged(request, PublishedBotsPage, paging)


# -- the sync twins ---------------------------------------------------------------------------


class BotsVersionsClient(SyncResource[AsyncBotsVersionsClient]):
    """Sync ``coze.bots.versions``."""

    list: Final = forward(AsyncBotsVersionsClient.list)


class BotsCollaboratorsClient(SyncResource[AsyncBotsCollaboratorsClient]):
    """Sync ``coze.bots.collaborators``."""

    create: Final = forward(AsyncBotsCollaboratorsClient.create)
    delete: Final = forward(AsyncBotsCollaboratorsClient.delete)


class BotsCollaborationModesClient(SyncResource[AsyncBotsCollaborationModesClient]):
    """Sync ``coze.bots.collaboration_modes``."""

    update: Final = forward(AsyncBotsCollaborationModesClient.update)


class BotsClient(SyncResource[AsyncBotsClient]):
    """Sync ``coze.bots``."""

    versions: Final = SubResource(BotsVersionsClient)
    collaborators: Final = SubResource(BotsCollaboratorsClient)
    collaboration_modes: Final = SubResource(BotsCollaborationModesClient)
    create: Final = forward(AsyncBotsClient.create)
    update: Final = forward(AsyncBotsClient.update)
    publish: Final = forward(AsyncBotsClient.publish)
    unpublish: Final = forward(AsyncBotsClient.unpublish)
    retrieve: Final = forward(AsyncBotsClient.retrieve)
    list: Final = forward(AsyncBotsClient.list)
