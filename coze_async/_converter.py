"""The one cattrs converter: dicts from the wire into attrs models and back.

Unknown keys are ignored, unknown enum values are kept (see ``DynamicStrEnum``), enums go out as
their values, and fields left at ``None`` are omitted from request bodies (``unstructure(obj,
keep_none=True)`` keeps them: ``model_dump()``). Structuring functions are generated once per
class and cached by cattrs; the models' constructors use the same hooks for their enum fields.

Strictness (design review B6). cattrs' default scalar hooks call ``str(x)``/``bool(x)``, which
turned JSON ``null`` into the text ``"None"`` and ``"false"`` into ``True``. This module replaces
them with one rule, written once below and used by every path (cattrs' generated functions and
the fast ones of ``_fastgen``, which hand everything but an exact-type value to these hooks):

============  ==================================================================================
Field type    Accepted (anything else raises :class:`StructureError`)
============  ==================================================================================
``str``       a string; an integer or float becomes its text (``str(x)``: Coze sometimes sends
              ids as numbers). Not a boolean.
``bool``      a boolean; the strings ``"true"``/``"false"`` in any case. Nothing else (not 0/1).
``int``       an integer (not a boolean); text of an integer (``-?[0-9]+``: timestamps and ids
              come as strings). Not a float, not other text.
``int|None``  as ``int``, and ``""`` means ``None`` (the service sends ``""`` for "no number").
``float``     an integer or float (not a boolean); text of a finite JSON number.
``bytes``     bytes; a string is base64 (as audio travels in JSON). Bytes go out as base64.
enum          a value of the enum's own type (str or int, not a boolean); unknown values of that
              type become dynamic members.
``X | None``  ``null`` is ``None``; anything else as ``X``.
``null``      in a field that is not Optional: the field's default if it has one (a missing key
              gives the same), else an error.
============  ==================================================================================

Errors name the model and the path of the field: ``Chat.last_error.msg: expected a string, got
null``. The transport wraps them (like any structuring error) in ``CozeInvalidResponseError``.
"""

from __future__ import annotations

import base64
import binascii
import math
import re
import typing
from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.cols import list_structure_factory
from cattrs.errors import ClassValidationError, IterableValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ._fastgen import make_fast_list_structure_fn, make_fast_structure_fn, null_gives_default
from .models._base import DynamicIntEnum, DynamicStrEnum, ListResponse

__all__ = ["StructureError", "converter", "reference_structure_fn", "structure", "unstructure"]

T = TypeVar("T")

converter = cattrs.Converter(detailed_validation=False)


class StructureError(ValueError):
    """Wire data that does not fit a model; the message names the model and the field path."""

    def __init__(self, reason: str, model: str = "", path: tuple[str | int, ...] = ()) -> None:
        self.reason = reason
        self.model = model
        self.path = path
        where = model + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
        super().__init__(f"{where}: {reason}" if where else reason)


# -- the rule: scalar hooks --------------------------------------------------------------------


def _describe(value: Any) -> str:
    """How a wrong value is shown in an error: JSON's words, short."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return repr(value) if len(value) <= 40 else repr(value[:37] + "...")
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return f"a {type(value).__name__}"


def _wrong(expected: str, value: Any) -> StructureError:
    return StructureError(f"expected {expected}, got {_describe(value)}")


_INTEGER_TEXT = re.compile(r"-?[0-9]+")
_NUMBER_TEXT = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?")


def _structure_str(value: Any, cl: Any) -> Any:
    if cl is not str:  # a str subclass: enums land here through cattrs' single dispatch
        return _structure_enum(value, cl)
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)  # lenient on purpose: ids sometimes come as numbers
    raise _wrong("a string", value)


def _structure_bool(value: Any, _: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        lowered = value.lower()
        if lowered == "true":
            return True
        if lowered == "false":
            return False
    raise _wrong('a boolean (or "true"/"false")', value)


def _structure_int(value: Any, cl: Any) -> Any:
    if cl is not int:  # an int subclass other than bool: an integer enum
        return _structure_enum(value, cl)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _INTEGER_TEXT.fullmatch(value):
        return int(value)
    raise _wrong("an integer", value)


def _structure_optional_int(value: Any, _: Any) -> int | None:
    # The service sometimes sends an absent number as "" (e.g. workflow timestamps).
    if value is None or value == "":
        return None
    result: int = _structure_int(value, int)
    return result


def _structure_float(value: Any, _: Any) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str) and _NUMBER_TEXT.fullmatch(value):
        number = float(value)
        if math.isfinite(number):
            return number
    raise _wrong("a number", value)


def _structure_bytes(value: Any, _: Any) -> bytes:
    if isinstance(value, bytes):
        return value
    if isinstance(value, (bytearray, memoryview)):
        return bytes(value)
    if isinstance(value, str):
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            pass
    raise _wrong("base64 text", value)


def _structure_enum(value: Any, cl: Any) -> Any:
    kind, word = (int, "an integer") if issubclass(cl, int) else (str, "a string")
    if not issubclass(cl, (int, str)) or (isinstance(value, kind) and not isinstance(value, bool)):
        try:
            return cl(value)
        except ValueError:
            pass
    raise _wrong(f"a {cl.__name__} value ({word})", value)


# Single dispatch: a hook for ``str`` also serves str subclasses (the open enums), hence the
# explicit enum entries and the guards in the str and int hooks.
converter.register_structure_hook(str, _structure_str)
converter.register_structure_hook(bool, _structure_bool)
converter.register_structure_hook(int, _structure_int)
converter.register_structure_hook(float, _structure_float)
converter.register_structure_hook(bytes, _structure_bytes)
converter.register_structure_hook(Enum, _structure_enum)
converter.register_structure_hook(DynamicStrEnum, _structure_enum)
converter.register_structure_hook(DynamicIntEnum, _structure_enum)
converter.register_structure_hook(int | None, _structure_optional_int)


# -- the rule: null and defaults, and errors that name the field --------------------------------


def _null_gives_default(hook: Callable[[Any, Any], Any], default: Any) -> Callable[[Any, Any], Any]:
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        factory = default.factory

        def structure_or_new(value: Any, type_: Any) -> Any:
            return factory() if value is None else hook(value, type_)

        return structure_or_new

    def structure_or_default(value: Any, type_: Any) -> Any:
        return default if value is None else hook(value, type_)

    return structure_or_default


def _null_default_overrides(cls: type[Any]) -> dict[str, Any]:
    """Per-field hooks for the fields where ``null`` gives the default (``null_gives_default``,
    the one predicate the fast path uses too)."""
    hints = typing.get_type_hints(cls)
    overrides = {}
    for a in attrs.fields(cls):
        if null_gives_default(a, hints[a.name]):
            hook = converter.get_structure_hook(hints[a.name])
            overrides[a.name] = override(struct_hook=_null_gives_default(hook, a.default))
    return overrides


def _as_structure_error(cls: type[Any], exc: BaseException) -> StructureError:
    """One error naming ``cls`` and the field path, from what a (detailed) cattrs function
    raised: the first failing field wins."""
    path: tuple[str | int, ...] = ()
    while True:
        if isinstance(exc, StructureError):
            return StructureError(exc.reason, cls.__name__, path + exc.path)
        if isinstance(exc, (ClassValidationError, IterableValidationError)):
            with_notes, without = exc.group_exceptions()
            if with_notes:
                inner, note = with_notes[0]
                name = getattr(note, "name", None)
                step: str | int = name if isinstance(name, str) else getattr(note, "index", "?")
                path += (step,)
                exc = inner
                continue
            exc = without[0]
            continue
        if isinstance(exc, KeyError) and path:
            return StructureError("required field missing", cls.__name__, path)
        return StructureError(f"{type(exc).__name__}: {exc}", cls.__name__, path)


def reference_structure_fn(cls: type[T]) -> Callable[[Any, Any], T]:
    """cattrs' own structuring function for the attrs class ``cls`` under this module's rule:
    the reference the fast path must match, and its fallback."""
    function = make_dict_structure_fn(
        cls,
        converter,
        _cattrs_detailed_validation=True,
        **_null_default_overrides(cls),
    )

    def structure_checked(value: Any, _: Any = None) -> T:
        if not isinstance(value, Mapping):
            raise StructureError(f"expected an object, got {_describe(value)}", cls.__name__)
        try:
            return function(value, cls)
        except Exception as exc:
            raise _as_structure_error(cls, exc) from None

    return structure_checked


converter.register_structure_hook_factory(
    attrs.has, lambda cls: make_fast_structure_fn(cls, converter, reference_structure_fn(cls))
)


def _is_model_list(t: Any) -> bool:
    args = typing.get_args(t)
    return typing.get_origin(t) is list and len(args) == 1 and attrs.has(args[0])


def _model_list_hook(list_type: Any) -> Callable[[Any, Any], Any]:
    # The fallback is what cattrs would give (its list function over the item's hook).
    fallback = list_structure_factory(list_type, converter)
    return make_fast_list_structure_fn(list_type, converter, fallback)


converter.register_structure_hook_factory(_is_model_list, _model_list_hook)


# -- the rest: list results, enums and omitted Nones on the way out ------------------------------


def _omit_none_unstructure(cls: type[Any]) -> Any:
    overrides = {
        a.name: override(omit_if_default=True) for a in attrs.fields(cls) if a.default is None
    }
    return make_dict_unstructure_fn(cls, converter, **overrides)  # type: ignore[arg-type]


converter.register_unstructure_hook_factory(attrs.has, _omit_none_unstructure)


def _list_response_hook(cls: Any) -> Any:
    (item,) = typing.get_args(cls) or (Any,)
    items_hook = converter.get_structure_hook(list[item])  # type: ignore[valid-type]
    return lambda value, _: ListResponse(items_hook(value, list[item]))  # type: ignore[valid-type]


def _is_list_response(t: Any) -> bool:
    return t is ListResponse or typing.get_origin(t) is ListResponse


def _list_response_unstructure_hook(cls: Any, conv: cattrs.Converter) -> Any:
    # Out as a plain list of unstructured items (cattrs alone would pass the items unchanged).
    (item,) = typing.get_args(cls) or (Any,)
    return conv.get_unstructure_hook(list[item])  # type: ignore[valid-type]


converter.register_structure_hook_factory(_is_list_response, _list_response_hook)


def _enum_value(member: Any) -> Any:
    # A plain value where the field's type is an enum (``"text"`` for ``Mode.TEXT``) goes as is.
    # (``_value_`` is what the ``value`` property returns, without the property's two calls.)
    return member._value_ if isinstance(member, Enum) else member


converter.register_unstructure_hook_factory(_is_list_response, _list_response_unstructure_hook)
converter.register_unstructure_hook(Enum, _enum_value)
# Open string enums are str subclasses: name them too, so str's identity hook does not win.
converter.register_unstructure_hook(DynamicStrEnum, _enum_value)
converter.register_unstructure_hook(DynamicIntEnum, _enum_value)
converter.register_unstructure_hook(bytes, lambda value: base64.b64encode(value).decode("ascii"))


def structure(data: Any, cls: type[T]) -> T:
    """Build a ``cls`` from wire data (dicts, lists, scalars); :class:`StructureError` if the
    data breaks the rule in the module docstring."""
    return converter.structure(data, cls)


#: The same converter (a copy, made once every hook is registered) with one difference: fields
#: left at ``None`` come out as ``None`` (``model_dump()``'s default, as in pydantic).
_keeping_none = converter.copy()
_keeping_none.register_unstructure_hook_factory(
    attrs.has,
    lambda cls: make_dict_unstructure_fn(cls, _keeping_none),
)


def unstructure(obj: Any, *, keep_none: bool = False) -> Any:
    """Turn a model (or a list/dict of them) into JSON-ready data, omitting ``None`` fields (a
    request body) unless ``keep_none``."""
    return (_keeping_none if keep_none else converter).unstructure(obj)
