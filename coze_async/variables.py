"""Variables, as cozepy's ``cozepy.variables`` names them. Every name is the object the rest of the
package uses (also exported by ``coze_async`` itself where it is a top-level name there)."""

from __future__ import annotations

from .models.variables import UpdateVariableResp, VariableValue
from .resources.variables import AsyncVariablesClient, VariablesClient

__all__ = ["AsyncVariablesClient", "UpdateVariableResp", "VariableValue", "VariablesClient"]
