"""Fast structuring functions for attrs models, generated once per class.

cattrs' generated functions call a hook per field (a union handler for every ``X | None``, an
enum hook for every enum): fine for one response, a bottleneck at hundreds of thousands of stream
events per second. This module generates, per class, straight-line code for the common case: a
dict whose values already have their field's exact JSON type. Such a value passes unchanged (the
strictness rule in ``_converter`` maps every exact-type value to itself), an enum value is looked
up in the enum's value map, and nested models use their own generated function. Every other value
goes to the converter's hook for its type, so the rule is applied by the same code on both paths.

Whenever anything raises (not a dict, a missing required key, a value the hooks refuse, ``null``
in a non-Optional field), the class's fallback runs instead: the converter passes cattrs' own
function under the same rule (``_converter.reference_structure_fn``), which either agrees or
raises an error naming the field.

Classes this module does not generate code for, and gets the fallback for: frozen classes or any
with a custom ``__setattr__``; ``__attrs_pre_init__``/``__attrs_post_init__`` (except
:class:`CozeModel`'s own, which turns plain values of enum fields into members: the generated code
yields members already); fields with a converter, a validator, an alias other than their name
(private ``_x`` fields included), ``init=False`` or a ``Factory(takes_self=True)`` default.
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

from .models._base import CozeModel

__all__ = ["fast_path_refusal", "make_fast_structure_fn", "null_gives_default", "optional_inner"]

_SCALARS = (str, int, float, bool)
_NOTHING = attrs.NOTHING


def optional_inner(hint: Any) -> Any | None:
    """``X`` for ``X | None`` (``Optional[X]``), else ``None``."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(hint)) == 2:
            return args[0]
    return None


def null_gives_default(attribute: attrs.Attribute[Any], hint: Any) -> bool:
    """The strictness rule's null case, for both paths: ``null`` in a field that is not
    Optional (nor ``Any``) but has a default gives that default (a fresh one for a factory)."""
    default = attribute.default
    if default is _NOTHING or hint is Any or optional_inner(hint) is not None:
        return False
    return not getattr(default, "takes_self", False)


def fast_path_refusal(cls: type[Any]) -> str | None:
    """Why ``cls`` gets no generated function (``None`` if it gets one)."""
    if getattr(cls, "__setattr__", None) is not object.__setattr__:
        return "frozen or custom __setattr__"
    # CozeModel's own post-init only turns plain values of enum fields into members, which the
    # generated code yields already: skipping it changes nothing.
    post_init = getattr(cls, "__attrs_post_init__", CozeModel.__attrs_post_init__)
    if hasattr(cls, "__attrs_pre_init__") or post_init is not CozeModel.__attrs_post_init__:
        return "pre- or post-init hook"
    for a in attrs.fields(cls):
        if not a.init:
            return f"{a.name}: init=False"
        if a.alias != a.name:
            return f"{a.name}: alias {a.alias!r}"
        if a.converter is not None or a.validator is not None:
            return f"{a.name}: converter or validator"
        if isinstance(a.default, attrs.Factory) and a.default.takes_self:  # type: ignore[arg-type]
            return f"{a.name}: Factory(takes_self=True)"
    return None


def make_fast_structure_fn(
    cls: type[Any],
    converter: cattrs.Converter,
    fallback: Callable[..., Any] | None = None,
) -> Callable[..., Any]:
    """A structure hook for the attrs class ``cls`` (see the module docstring). ``fallback``
    (cattrs' function for ``cls`` if not given) handles every input the fast code does not."""
    if fallback is None:
        fallback = make_dict_structure_fn(cls, converter)
    if fast_path_refusal(cls) is not None:
        return fallback
    hints = typing.get_type_hints(cls)
    fields = attrs.fields(cls)

    env: dict[str, Any] = {
        "__cl": cls,
        "__fallback": fallback,
        "__new": object.__new__,
        "__nothing": _NOTHING,
    }
    lines = [f"def structure_{cls.__name__}(o, _=None):", "  if o.__class__ is not dict:"]
    lines += ["    return __fallback(o, __cl)", "  try:", "    g = o.get"]
    setters = []
    for index, a in enumerate(fields):
        hint = hints[a.name]
        var = f"v{index}"
        inner = optional_inner(hint)
        target = inner if inner is not None else hint
        expression = _convert(target, var, index, env, converter)
        if isinstance(a.default, attrs.Factory):  # type: ignore[arg-type]
            env[f"__d{index}"] = a.default.factory
            default = f"__d{index}()"
        else:
            env[f"__d{index}"] = a.default
            default = f"__d{index}"
        convert = [] if expression == var else [f"{var} = {expression}"]
        branches: list[tuple[str, list[str]]]
        if a.default is _NOTHING:
            lines.append(f"    {var} = o[{a.name!r}]")
            branches = [(f"{var} is None", [])] if inner is not None else []
        elif null_gives_default(a, hint):
            lines.append(f"    {var} = g({a.name!r})")  # missing or null: the default
            branches = [(f"{var} is None", [f"{var} = {default}"])]
        else:  # Optional (null is None) or Any
            lines.append(f"    {var} = g({a.name!r}, __nothing)")
            branches = [(f"{var} is __nothing", [f"{var} = {default}"])]
            if inner is not None:
                branches.append((f"{var} is None", []))
        lines += _branches(branches, convert)
        setters.append((a.name, var))
    lines.append("  except Exception:")
    lines.append("    return __fallback(o, __cl)")
    # Slotted attrs classes without validators, converters, setattr or init hooks: setting the
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


def _branches(branches: list[tuple[str, list[str]]], otherwise: list[str]) -> list[str]:
    """``if/elif/else`` lines (inside the ``try``) for the non-empty parts of a decision."""
    if not otherwise:
        branches = [(test, body) for test, body in branches if body]
    if not branches:
        return ["    " + line for line in otherwise]
    lines = []
    for number, (test, body) in enumerate(branches):
        lines.append(f"    {'if' if number == 0 else 'elif'} {test}:")
        lines += ["      " + line for line in body or ["pass"]]
    if otherwise:
        lines.append("    else:")
        lines += ["      " + line for line in otherwise]
    return lines


def _convert(
    hint: Any, var: str, index: int, env: dict[str, Any], converter: cattrs.Converter
) -> str:
    """An expression turning ``var`` into ``hint`` (raising on anything the rule refuses)."""
    if hint is Any:
        return var
    env[f"__s{index}"] = converter.get_structure_hook(hint)
    env[f"__h{index}"] = hint
    if hint in _SCALARS:
        # The exact type passes unchanged; anything else is the rule's business (the hook).
        return f"({var} if {var}.__class__ is __h{index} else __s{index}({var}, __h{index}))"
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        kind = int if issubclass(hint, int) else str if issubclass(hint, str) else None
        if kind is None:
            return f"__s{index}({var}, __h{index})"
        env[f"__k{index}"] = kind
        env[f"__m{index}"] = hint._value2member_map_
        return (
            f"(__mv if {var}.__class__ is __k{index} and (__mv := __m{index}.get({var}))"
            f" is not None else __s{index}({var}, __h{index}))"
        )
    return f"__s{index}({var}, __h{index})"
