"""Quotas of end users, as cozepy's ``cozepy.benefit_limitations`` names them (a module of
cozepy's repository after 0.20.0), with the quota's model and enums. Every name is the object
the rest of the package uses (also exported by ``coze_async`` itself)."""

from __future__ import annotations

from .models.commerce import (
    BenefitActiveMode,
    BenefitEntityType,
    BenefitLimitation,
    BenefitStatus,
    BenefitTriggerUnit,
    BenefitType,
    CreateBenefitLimitationResp,
)
from .resources.benefit_limitations import AsyncBenefitLimitationsClient, BenefitLimitationsClient

__all__ = [
    "AsyncBenefitLimitationsClient",
    "BenefitActiveMode",
    "BenefitEntityType",
    "BenefitLimitation",
    "BenefitLimitationsClient",
    "BenefitStatus",
    "BenefitTriggerUnit",
    "BenefitType",
    "CreateBenefitLimitationResp",
]
