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

A list of models (a page's items) gets one loop with the item's code inlined
(:func:`make_fast_list_structure_fn`); any input that loop does not take goes whole to cattrs'
list function over the item's hook, so the result or error is the one that gives.

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

__all__ = [
    "fast_path_refusal",
    "make_fast_list_structure_fn",
    "make_fast_structure_fn",
    "null_gives_default",
    "optional_inner",
]

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
    env: dict[str, Any] = {"__fallback": fallback}
    reading, building = _item_code(cls, converter, env)
    lines = [f"def structure_{cls.__name__}(o, _=None):", "  if o.__class__ is not dict:"]
    lines += ["    return __fallback(o, __cl)", "  try:"]
    lines += ["    " + line for line in reading]
    lines += ["  except Exception:", "    return __fallback(o, __cl)"]
    lines += ["  " + line for line in building]
    lines.append("  return inst")
    return _compile(lines, f"structure_{cls.__name__}", env, cls)


def make_fast_list_structure_fn(
    list_type: Any, converter: cattrs.Converter, fallback: Callable[..., Any]
) -> Callable[..., Any]:
    """A structure hook for ``list[X]``, ``X`` an attrs class the fast path builds: one loop
    with ``X``'s fast code inlined (a page of items costs no call per item). Any input it does
    not take (not a list, an item that is not a dict, anything raising) goes whole to
    ``fallback``, cattrs' list function over ``X``'s hook: the same result or error as before."""
    (cls,) = typing.get_args(list_type)
    if fast_path_refusal(cls) is not None:
        return fallback
    env: dict[str, Any] = {"__list_fallback": fallback}
    reading, building = _item_code(cls, converter, env)
    lines = [f"def structure_list_{cls.__name__}(items, _=None):"]
    lines += ["  if items.__class__ is not list:", "    return __list_fallback(items, _)"]
    lines += ["  out = []", "  append = out.append", "  for o in items:"]
    lines += ["    if o.__class__ is not dict:", "      return __list_fallback(items, _)"]
    lines += ["    try:"] + ["      " + line for line in reading]
    lines += ["    except Exception:", "      return __list_fallback(items, _)"]
    lines += ["    " + line for line in building]
    lines += ["    append(inst)", "  return out"]
    return _compile(lines, f"structure_list_{cls.__name__}", env, list_type)


def _item_code(
    cls: type[Any], converter: cattrs.Converter, env: dict[str, Any]
) -> tuple[list[str], list[str]]:
    """The code of one ``cls`` from the dict ``o``: the lines reading and converting its values
    (raising on anything the fast path does not take), and those building ``inst`` from them.
    Their names go to ``env``."""
    env.update({"__cl": cls, "__new": object.__new__, "__nothing": _NOTHING})
    hints = typing.get_type_hints(cls)
    reading = ["g = o.get"]
    setters = []
    for index, a in enumerate(attrs.fields(cls)):
        hint = hints[a.name]
        var = f"v{index}"
        inner = optional_inner(hint)
        target = inner if inner is not None else hint
        checked, convert = _convert(target, var, index, env, converter)
        if isinstance(a.default, attrs.Factory):  # type: ignore[arg-type]
            env[f"__d{index}"] = a.default.factory
            default = f"__d{index}()"
        else:
            env[f"__d{index}"] = a.default
            default = f"__d{index}"
        # ``checked``: a test that ``var`` needs converting (``convert``); ``None``: always.
        branches: list[tuple[str, str | None]]
        if a.default is _NOTHING:
            reading.append(f"{var} = o[{a.name!r}]")
            branches = [(f"{var} is None", None)] if inner is not None else []
        elif null_gives_default(a, hint) or (
            a.default is None and (inner is not None or hint is Any)
        ):
            # Missing or null: the default (``None`` for an Optional field defaulting to it).
            reading.append(f"{var} = g({a.name!r})")
            branches = [(f"{var} is None", None if a.default is None else f"{var} = {default}")]
        else:  # Optional (null is None) or Any, with another default
            reading.append(f"{var} = g({a.name!r}, __nothing)")
            branches = [(f"{var} is __nothing", f"{var} = {default}")]
            if inner is not None:
                branches.append((f"{var} is None", None))
        reading += _branches(branches, checked, convert)
        setters.append(f"inst.{a.name} = {var}")
    # Slotted attrs classes without validators, converters, setattr or init hooks: setting the
    # slots directly is what __init__ would do, minus the call overhead.
    return reading, ["inst = __new(__cl)", *setters]


def _branches(
    branches: list[tuple[str, str | None]], checked: str | None, convert: str | None
) -> list[str]:
    """``if/elif/else`` lines for a decision: each branch's test and statement (``None``: keep
    the value), then ``convert`` (if any) when ``checked`` holds, or with no test in every case
    no branch took."""
    otherwise = None
    if convert is not None and checked is not None:
        branches = [*branches, (checked, convert)]
    else:
        otherwise = convert
    if otherwise is None:
        while branches and branches[-1][1] is None:
            branches = branches[:-1]  # a trailing "keep" needs no test
    if not branches:
        return [] if otherwise is None else [otherwise]
    lines = []
    for number, (test, body) in enumerate(branches):
        lines += [f"{'if' if number == 0 else 'elif'} {test}:", f"  {body or 'pass'}"]
    return lines if otherwise is None else [*lines, "else:", f"  {otherwise}"]


def _compile(lines: list[str], name: str, env: dict[str, Any], what: Any) -> Callable[..., Any]:
    source = "\n".join(lines) + "\n"
    filename = f"<coze_async fast structure {_describe(what)}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    exec(compile(source, filename, "exec"), env)
    function: Callable[..., Any] = env[name]
    return function


def _describe(what: Any) -> str:
    if isinstance(what, type):
        return f"{what.__module__}.{what.__qualname__}"
    return repr(what)


def _convert(
    hint: Any, var: str, index: int, env: dict[str, Any], converter: cattrs.Converter
) -> tuple[str | None, str | None]:
    """How ``var`` becomes ``hint`` (raising on anything the rule refuses): a test that it
    needs converting (``None``: always) and the statement converting it (``None``: never)."""
    if hint is Any:
        return None, None
    env[f"__s{index}"] = converter.get_structure_hook(hint)
    env[f"__h{index}"] = hint
    hooked = f"{var} = __s{index}({var}, __h{index})"
    if hint in _SCALARS:
        # The exact type passes unchanged; anything else is the rule's business (the hook).
        return f"{var}.__class__ is not __h{index}", hooked
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        kind = int if issubclass(hint, int) else str if issubclass(hint, str) else None
        if kind is None:
            return None, hooked
        env[f"__k{index}"] = kind
        env[f"__m{index}"] = hint._value2member_map_
        return None, (
            f"{var} = (__mv if {var}.__class__ is __k{index} and (__mv := __m{index}.get({var}))"
            f" is not None else __s{index}({var}, __h{index}))"
        )
    return None, hooked
