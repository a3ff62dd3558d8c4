"""The plan's benefits, as cozepy's ``cozepy.benefits`` names them (a module of cozepy's
repository after 0.20.0), with their enums. Every name is the object the rest of the package
uses (also exported by ``coze_async`` itself)."""

from __future__ import annotations

from .models.commerce import (
    BenefitBasicInfo,
    BenefitData,
    BenefitInfo,
    BenefitItemInfo,
    BenefitStatus,
    BenefitStatusInfo,
    BenefitStrategy,
    BenefitType,
    BenefitUserLevel,
)
from .resources.benefits import AsyncBenefitsClient, BenefitsClient

__all__ = [
    "AsyncBenefitsClient",
    "BenefitBasicInfo",
    "BenefitData",
    "BenefitInfo",
    "BenefitItemInfo",
    "BenefitStatus",
    "BenefitStatusInfo",
    "BenefitStrategy",
    "BenefitType",
    "BenefitUserLevel",
    "BenefitsClient",
]
