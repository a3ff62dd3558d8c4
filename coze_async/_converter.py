"""The one cattrs converter: dicts from the wire into attrs models and back.

Unknown keys are ignored, unknown enum values are kept (see ``DynamicStrEnum``), enums go out as
their values, and fields left at ``None`` are omitted from request bodies. Structuring functions
are generated once per class and cached by cattrs.
"""

from __future__ import annotations

import typing
from enum import Enum
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.gen import make_dict_unstructure_fn, override

from ._fastgen import make_fast_structure_fn
from .models._base import DynamicIntEnum, DynamicStrEnum, ListResponse

__all__ = ["converter", "structure", "unstructure"]

T = TypeVar("T")

converter = cattrs.Converter(detailed_validation=False)


def _omit_none_unstructure(cls: type[Any]) -> Any:
    overrides = {
        a.name: override(omit_if_default=True) for a in attrs.fields(cls) if a.default is None
    }
    return make_dict_unstructure_fn(cls, converter, **overrides)  # type: ignore[arg-type]


converter.register_unstructure_hook_factory(attrs.has, _omit_none_unstructure)
converter.register_structure_hook_factory(
    attrs.has, lambda cls: make_fast_structure_fn(cls, converter)
)


def _list_response_hook(cls: Any) -> Any:
    (item,) = typing.get_args(cls) or (Any,)
    items_hook = converter.get_structure_hook(list[item])  # type: ignore[valid-type]
    return lambda value, _: ListResponse(items_hook(value, list[item]))  # type: ignore[valid-type]


def _optional_int(value: Any, _: Any) -> int | None:
    # The service sometimes sends an absent number as "" (e.g. workflow timestamps).
    if value is None or value == "":
        return None
    return int(value)


converter.register_structure_hook(int | None, _optional_int)


def _is_list_response(t: Any) -> bool:
    return t is ListResponse or typing.get_origin(t) is ListResponse


converter.register_structure_hook_factory(_is_list_response, _list_response_hook)
converter.register_unstructure_hook(Enum, lambda member: member.value)
# Open string enums are str subclasses: name them too, so str's identity hook does not win.
converter.register_unstructure_hook(DynamicStrEnum, lambda member: member.value)
converter.register_unstructure_hook(DynamicIntEnum, lambda member: member.value)


def structure(data: Any, cls: type[T]) -> T:
    """Build a ``cls`` from wire data (dicts, lists, scalars)."""
    return converter.structure(data, cls)


def unstructure(obj: Any) -> Any:
    """Turn a model (or a list/dict of them) into JSON-ready data, omitting ``None`` fields."""
    return converter.unstructure(obj)
