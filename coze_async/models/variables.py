"""Variable payloads: the values of a bot's or app's user variables."""

from __future__ import annotations

from attrs import define, field

from ._base import CozeModel

__all__ = ["UpdateVariableResp", "VariableValue"]


@define(kw_only=True)
class VariableValue(CozeModel):
    """One user variable and its value; times are Unix seconds (0 while at the default value).
    Only ``keyword`` and ``value`` are sent when updating."""

    keyword: str
    value: str
    create_time: int = 0
    update_time: int = 0


@define(kw_only=True)
class UpdateVariableResp(CozeModel):
    """The (empty) result of setting variable values; see :attr:`response` for the log id."""


@define(kw_only=True)
class VariablesData(CozeModel):
    """``GET /v1/variables`` data as the API sends it (internal)."""

    items: list[VariableValue] = field(factory=list)
