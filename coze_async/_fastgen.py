"""Fast structuring functions for attrs models, generated once per class.

cattrs' generated functions call a hook per field (a union handler for every ``X | None``, an
``Enum(value)`` call for every enum): fine for one response, a bottleneck at hundreds of thousands
of stream events per second. This module generates, per class, straight-line code for the common
case: a dict whose fields already have the right JSON types. Scalars are checked inline, enums are
looked up in their value map, nested models use their own generated function, and any other type
goes through the converter's hook. Whenever the input is not that common case (not a dict, a
missing required key, a value of another type), the class's cattrs function runs instead, so
conversions and errors stay exactly cattrs'.
"""

from __future__ import annotations

import enum
import linecache
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn

__all__ = ["make_fast_structure_fn"]

_SCALARS = (str, int, float, bool)
_NOTHING = attrs.NOTHING


def _optional_inner(hint: Any) -> Any | None:
    """``X`` for ``X | None`` (``Optional[X]``), else ``None``."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(hint)) == 2:
            return args[0]
    return None


def make_fast_structure_fn(cls: type[Any], converter: cattrs.Converter) -> Callable[..., Any]:
    """A structure hook for the attrs class ``cls`` (see the module docstring)."""
    fallback = make_dict_structure_fn(cls, converter)
    hints = typing.get_type_hints(cls)
    fields = [a for a in attrs.fields(cls) if a.init]
    if (
        hasattr(cls, "__attrs_post_init__")
        or any(a.converter is not None or a.validator is not None for a in fields)
        or any(isinstance(a.default, attrs.Factory) for a in fields)  # type: ignore[arg-type]
    ):
        return fallback

    env: dict[str, Any] = {
        "__cl": cls,
        "__fallback": fallback,
        "__new": object.__new__,
        "__bad": _bad,
    }
    lines = [f"def structure_{cls.__name__}(o, _=None):", "  if o.__class__ is not dict:"]
    lines += ["    return __fallback(o, __cl)", "  try:", "    g = o.get"]
    setters = []
    for index, a in enumerate(fields):
        hint = hints[a.name]
        var = f"v{index}"
        required = a.default is _NOTHING
        if required:
            lines.append(f"    {var} = o[{a.name!r}]")
        else:
            env[f"__d{index}"] = a.default
            lines.append(f"    {var} = g({a.name!r}, __d{index})")
        inner = _optional_inner(hint)
        target = inner if inner is not None else hint
        expression = _convert(target, var, index, env, converter)
        if expression != var:
            if inner is not None or a.default is None:
                lines.append(f"    if {var} is not None:")
                lines.append(f"      {var} = {expression}")
            else:
                lines.append(f"    {var} = {expression}")
        setters.append((a.name, var))
    lines.append("  except Exception:")
    lines.append("    return __fallback(o, __cl)")
    # Slotted attrs classes without validators, converters or post-init hooks: setting the
    # slots directly is what __init__ would do, minus the call overhead.
    lines.append("  inst = __new(__cl)")
    lines += [f"  inst.{name} = {var}" for name, var in setters]
    lines.append("  return inst")
    source = "\n".join(lines) + "\n"
    filename = f"<coze_async fast structure {cls.__module__}.{cls.__qualname__}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    exec(compile(source, filename, "exec"), env)
    function: Callable[..., Any] = env[f"structure_{cls.__name__}"]
    return function


def _convert(
    hint: Any, var: str, index: int, env: dict[str, Any], converter: cattrs.Converter
) -> str:
    """An expression turning ``var`` into ``hint`` (raising on anything unusual)."""
    if hint in _SCALARS:
        if hint is float:
            # JSON has no int/float distinction: an int is a valid float.
            return f"({var} if {var}.__class__ is float else float({var}))"
        env[f"__t{index}"] = hint
        return f"({var} if {var}.__class__ is __t{index} else __bad())"
    if hint is Any:
        return var
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        env[f"__m{index}"] = hint._value2member_map_
        env[f"__e{index}"] = hint
        return f"(__mv if (__mv := __m{index}.get({var})) is not None else __e{index}({var}))"
    env[f"__s{index}"] = converter.get_structure_hook(hint)
    env[f"__h{index}"] = hint
    return f"__s{index}({var}, __h{index})"


def _bad() -> Any:
    raise TypeError("value of an unexpected type")
