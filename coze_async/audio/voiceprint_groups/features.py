"""The features (voiceprints) of a group, as cozepy's ``cozepy.audio.voiceprint_groups.features``
names them. Every name is the object the rest of the package uses (also exported by
``coze_async`` itself where it is a top-level name there)."""

from __future__ import annotations

from ...models.audio import (
    CreateVoicePrintGroupFeatureResp,
    DeleteVoicePrintGroupFeatureResp,
    UpdateVoicePrintGroupFeatureResp,
    UserInfo,
    VoicePrintGroupFeature,
)
from ...resources.audio import (
    AsyncVoiceprintGroupsFeaturesClient,
    VoiceprintGroupsFeaturesClient,
)

__all__ = [
    "AsyncVoiceprintGroupsFeaturesClient",
    "CreateVoicePrintGroupFeatureResp",
    "DeleteVoicePrintGroupFeatureResp",
    "UpdateVoicePrintGroupFeatureResp",
    "UserInfo",
    "VoicePrintGroupFeature",
    "VoiceprintGroupsFeaturesClient",
]
