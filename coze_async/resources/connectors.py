"""The connectors resource (``coze.connectors``): publishing channels, their devices and the
review results of bots published to them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from .._paths import path
from .._request import Request, RequestOptions, Unpack, omit_none
from .._sync_layer import SubResource, SyncResource, forward
from .._transport import AsyncResource, Transport
from ..models.connectors import (
    AuditStatus,
    BindConnectorUserConfigResp,
    InstallConnectorResp,
    UpdateConnectorBotResp,
    UserConfig,
)

__all__ = [
    "AsyncConnectorsBotsClient",
    "AsyncConnectorsClient",
    "ConnectorsBotsClient",
    "ConnectorsClient",
]


class AsyncConnectorsBotsClient(AsyncResource):
    """``coze.connectors.bots``: bots published to a custom connector."""

    async def update(
        self,
        *,
        bot_id: str,
        connector_id: str,
        audit_status: AuditStatus | None = None,
        reason: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> UpdateConnectorBotResp:
        """Report the review result of a bot published to the connector (``reason`` is
        expected with ``AuditStatus.REJECTED``).
        ``PUT /v1/connectors/{connector_id}/bots/{bot_id}``."""
        url = path(
            "/v1/connectors/{connector_id}/bots/{bot_id}", connector_id=connector_id, bot_id=bot_id
        )
        status = None if audit_status is None else AuditStatus(audit_status)
        body = omit_none(audit_status=status, reason=reason)
        request = Request("PUT", url, json=body, data_field=None, options=options)
        return await self._transport.call_empty(request, UpdateConnectorBotResp)


class AsyncConnectorsClient(AsyncResource):
    """``coze.connectors``: publishing channels (connectors)."""

    bots: AsyncConnectorsBotsClient

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport)
        self.bots = AsyncConnectorsBotsClient(transport)

    async def bind(
        self,
        *,
        connector_id: str,
        configs: Sequence[UserConfig],
        user_id: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> BindConnectorUserConfigResp:
        """Bind devices to a custom connector, for the developer ``user_id`` when given.
        ``POST /v1/connectors/{connector_id}/user_configs``."""
        url = path("/v1/connectors/{connector_id}/user_configs", connector_id=connector_id)
        body = omit_none(configs=list(configs), user_id=user_id)
        request = Request("POST", url, json=body, data_field=None, options=options)
        return await self._transport.call_empty(request, BindConnectorUserConfigResp)

    async def install(
        self, *, connector_id: str, workspace_id: str, **options: Unpack[RequestOptions]
    ) -> InstallConnectorResp:
        """Add a connector (public or custom) to a workspace's publishing channels.
        ``POST /v1/connectors/{connector_id}/install``."""
        url = path("/v1/connectors/{connector_id}/install", connector_id=connector_id)
        body = {"workspace_id": workspace_id}
        request = Request("POST", url, json=body, data_field=None, options=options)
        return await self._transport.call_empty(request, InstallConnectorResp)


# -- the sync twins ---------------------------------------------------------------------------


class ConnectorsBotsClient(SyncResource[AsyncConnectorsBotsClient]):
    """Sync ``coze.connectors.bots``."""

    update: Final = forward(AsyncConnectorsBotsClient.update)


class ConnectorsClient(SyncResource[AsyncConnectorsClient]):
    """Sync ``coze.connectors``."""

    bind: Final = forward(AsyncConnectorsClient.bind)
    install: Final = forward(AsyncConnectorsClient.install)
    bots: Final = SubResource(ConnectorsBotsClient)
