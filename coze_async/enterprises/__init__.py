"""Enterprises, as cozepy's ``cozepy.enterprises`` names them (their members and organizations:
``coze_async.enterprises.members`` and ``.organizations``). Every name is the object the rest of
the package uses."""

from __future__ import annotations

from ..resources.enterprises import AsyncEnterprisesClient, EnterprisesClient

__all__ = ["AsyncEnterprisesClient", "EnterprisesClient"]
