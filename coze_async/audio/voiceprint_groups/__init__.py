"""Voiceprint groups, as cozepy's ``cozepy.audio.voiceprint_groups`` names them (their features:
``coze_async.audio.voiceprint_groups.features``). Every name is the object the rest of the
package uses (also exported by ``coze_async`` itself where it is a top-level name there)."""

from __future__ import annotations

from ...models.audio import (
    CreateVoicePrintGroupResp,
    DeleteVoicePrintGroupResp,
    FeatureScore,
    SpeakerIdentifyResp,
    UpdateVoicePrintGroupResp,
    VoicePrintGroup,
)
from ...resources.audio import (
    AsyncVoiceprintGroupsClient,
    VoiceprintGroupsClient,
)

__all__ = [
    "AsyncVoiceprintGroupsClient",
    "CreateVoicePrintGroupResp",
    "DeleteVoicePrintGroupResp",
    "FeatureScore",
    "SpeakerIdentifyResp",
    "UpdateVoicePrintGroupResp",
    "VoicePrintGroup",
    "VoiceprintGroupsClient",
]
