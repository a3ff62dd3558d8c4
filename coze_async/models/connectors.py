"""Connector payloads: device bindings, connector installs and bot review results."""

from __future__ import annotations

from attrs import define

from ._base import CozeModel, DynamicIntEnum

__all__ = [
    "AuditStatus",
    "BindConnectorUserConfigResp",
    "InstallConnectorResp",
    "UpdateConnectorBotResp",
    "UserConfig",
    "UserConfigEnum",
]


@define(kw_only=True)
class UserConfigEnum(CozeModel):
    """One device: its display name and its id."""

    label: str
    value: str


@define(kw_only=True)
class UserConfig(CozeModel):
    """Devices to bind under one configuration ``key`` (as agreed for the connector)."""

    enums: list[UserConfigEnum]
    key: str


@define(kw_only=True)
class BindConnectorUserConfigResp(CozeModel):
    """The (empty) result of binding devices; see :attr:`response` for the log id."""


@define(kw_only=True)
class InstallConnectorResp(CozeModel):
    """The (empty) result of adding a connector to a workspace."""


class AuditStatus(DynamicIntEnum):
    """The review result of a bot published to a custom connector."""

    PENDING = 1
    APPROVED = 2
    REJECTED = 3


@define(kw_only=True)
class UpdateConnectorBotResp(CozeModel):
    """The (empty) result of updating a review result; see :attr:`response` for the log id."""
