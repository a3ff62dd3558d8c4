"""The connectors resource (``coze.connectors``): publishing channels, their devices and the
review results of bots published to them."""

from __future__ import annotations

from collections.abc import Sequence

from .._converter import unstructure
from .._paths import path
from .._portal import SyncResource, forward
from .._transport import RequestOptions, Transport, Unpack
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


class AsyncConnectorsBotsClient:
    """``coze.connectors.bots``: bots published to a custom connector."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

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
        body: dict[str, int | str] = {}
        if audit_status is not None:
            body["audit_status"] = AuditStatus(audit_status).value
        if reason is not None:
            body["reason"] = reason
        return await self._transport.request(
            "PUT", url, UpdateConnectorBotResp, json=body, data_field=None, options=options
        )


class AsyncConnectorsClient:
    """``coze.connectors``: publishing channels (connectors)."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport
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
        body: dict[str, object] = {"configs": unstructure(list(configs))}
        if user_id is not None:
            body["user_id"] = user_id
        return await self._transport.request(
            "POST", url, BindConnectorUserConfigResp, json=body, data_field=None, options=options
        )

    async def install(
        self, *, connector_id: str, workspace_id: str, **options: Unpack[RequestOptions]
    ) -> InstallConnectorResp:
        """Add a connector (public or custom) to a workspace's publishing channels.
        ``POST /v1/connectors/{connector_id}/install``."""
        url = path("/v1/connectors/{connector_id}/install", connector_id=connector_id)
        return await self._transport.request(
            "POST",
            url,
            InstallConnectorResp,
            json={"workspace_id": workspace_id},
            data_field=None,
            options=options,
        )


# -- the sync twins ---------------------------------------------------------------------------


class ConnectorsBotsClient(SyncResource[AsyncConnectorsBotsClient]):
    """Sync ``coze.connectors.bots``."""

    update = forward(AsyncConnectorsBotsClient.update)


class ConnectorsClient(SyncResource[AsyncConnectorsClient]):
    """Sync ``coze.connectors``."""

    bind = forward(AsyncConnectorsClient.bind)
    install = forward(AsyncConnectorsClient.install)

    @property
    def bots(self) -> ConnectorsBotsClient:
        """Sync ``coze.connectors.bots``."""
        return ConnectorsBotsClient(self._portal, self._async.bots)
