"""Apps, as cozepy's ``cozepy.apps`` names them, with their collaborators. Every name is the object
the rest of the package uses (also exported by ``coze_async`` itself where it is a top-level name
there)."""

from __future__ import annotations

from .models.apps import (
    AddAppCollaboratorResp,
    AppCollaborator,
    RemoveAppCollaboratorResp,
    SimpleApp,
)
from .models.bots import PublishStatus
from .resources.apps import (
    AppsClient,
    AppsCollaboratorsClient,
    AsyncAppsClient,
    AsyncAppsCollaboratorsClient,
)

__all__ = [
    "AddAppCollaboratorResp",
    "AppCollaborator",
    "AppsClient",
    "AppsCollaboratorsClient",
    "AsyncAppsClient",
    "AsyncAppsCollaboratorsClient",
    "PublishStatus",
    "RemoveAppCollaboratorResp",
    "SimpleApp",
]
