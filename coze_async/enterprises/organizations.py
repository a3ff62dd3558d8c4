"""An enterprise's organizations, as cozepy's ``cozepy.enterprises.organizations`` names them
(a module of cozepy's repository after 0.20.0). Every name is the object the rest of the package
uses (also exported by ``coze_async`` itself where it is a top-level name there)."""

from __future__ import annotations

from ..models.enterprises import CreateEnterpriseOrganizationResp
from ..resources.enterprises import (
    AsyncEnterprisesOrganizationsClient,
    EnterprisesOrganizationsClient,
)

__all__ = [
    "AsyncEnterprisesOrganizationsClient",
    "CreateEnterpriseOrganizationResp",
    "EnterprisesOrganizationsClient",
]
