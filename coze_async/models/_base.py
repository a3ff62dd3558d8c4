"""Building blocks shared by every model: the response link, open enums and list results.

**pydantic's methods.** Every model has cozepy's (pydantic's) ``model_dump``,
``model_dump_json``, ``model_validate`` and ``model_validate_json``, all through the one
converter (``coze_async._converter``): a dump is the wire format (what a request body carries:
enums as their values, nested models as dicts), ``model_validate`` applies the converter's
strictness rule. As in cozepy, whose models are plain pydantic models (``model_dump()`` keeps
``None``), fields left at ``None`` come out as ``None``/``null``; ``exclude_none=True`` omits them
and gives exactly the request body. Unlike cozepy's ``model_dump()``, enum fields come out as
plain values (``"user"``, not ``MessageRole.USER``; the two compare equal), so any JSON or YAML
library takes a dump as it is. ``by_alias`` is accepted and ignored: field names are the wire
names. JSON integers are 64-bit, as on the wire (orjson): a larger ``int`` does not dump.

**Enum fields.** A constructor turns a plain value given for an enum field (``Optional`` or not,
or the items of a ``list``/``dict`` of an enum) into the member, by the converter's hook for the
field's type, so a model built by hand serialises: ``BotModelInfo(model_id="m",
response_format="markdown").response_format is BotModelInfo.ResponseFormat.MARKDOWN``. An unknown
value of the right type becomes a dynamic member, as when received; a value of the wrong type (an
int for a string enum, ``None`` for a field that is not ``Optional``) raises
``StructureError`` (a ``ValueError``, as pydantic's ``ValidationError`` is) naming the model and
field. The field types are resolved once per class, at its first construction. Received models
never pay for it: the structuring functions of ``_fastgen`` set the slots without calling
``__init__`` (and yield members already); only assignment after construction is not coerced (as
in pydantic, without ``validate_assignment``).

**str() of an enum member is its value** (``str(MessageRole.USER) == f"{MessageRole.USER}" ==
"user"``; ``repr()`` stays ``<MessageRole.USER: 'user'>``), for string and integer enums alike, on
every Python version: what f-strings, URLs and JSON want. cozepy's ``str, Enum`` classes print
``MessageRole.USER`` on Python 3.11+ (the value in f-strings on 3.10) and its ``IntEnum`` prints
the value; a member equals its plain value in both SDKs.
"""

from __future__ import annotations

import re
import sys
import typing
from collections.abc import Callable, Collection, Iterable, Mapping
from enum import Enum
from typing import Any, ClassVar, Generic, Literal, SupportsIndex, TypeVar, overload

import attrs
import orjson

from .._errors import CozeInvalidArgumentError
from .._response import NO_RESPONSE, HTTPResponse

if sys.version_info >= (3, 11):
    from typing import Self
else:
    from typing_extensions import Self

__all__ = [
    "CozeModel",
    "DynamicIntEnum",
    "DynamicStrEnum",
    "ListResponse",
    "Page",
    "attach_response",
    "attach_responses",
]

T = TypeVar("T")

#: How many unknown values one enum remembers (so a misbehaving server cannot grow it forever).
_MAX_DYNAMIC_MEMBERS = 256


class CozeModel:
    """Base of every payload class: results received from the service expose :attr:`response`;
    pydantic's ``model_*`` methods and enum coercion are described in the module docstring."""

    __slots__ = ("_response",)
    _response: HTTPResponse

    @property
    def response(self) -> HTTPResponse:
        """The HTTP response this object came from (status 0 and empty logid if built locally)."""
        return getattr(self, "_response", NO_RESPONSE)

    def __attrs_post_init__(self) -> None:
        # Called by attrs' __init__ only: the generated structuring functions (``_fastgen``) set
        # the slots themselves and yield members already. A member costs one identity check.
        cls = self.__class__
        checks = _ENUM_FIELDS.get(cls)
        if checks is None:
            checks = _enum_fields(cls)
        for name, member_class, nullable in checks:
            value = getattr(self, name)
            if value.__class__ is not member_class and (value is not None or not nullable):
                object.__setattr__(self, name, _coerce(cls, name, value))

    def model_dump(
        self,
        *,
        mode: Literal["python", "json"] = "python",
        include: Collection[str] | None = None,
        exclude: Collection[str] | None = None,
        by_alias: bool | None = None,
        exclude_none: bool = False,
    ) -> dict[str, Any]:
        """This model as a dict of JSON values, as the wire carries it (enums as their values,
        nested models as dicts), ``None`` fields included unless ``exclude_none`` (which gives
        exactly a request body). ``include``/``exclude`` name top-level fields; ``mode`` (both
        give JSON values) and ``by_alias`` (field names are the wire names) change nothing."""
        if mode not in ("python", "json"):
            raise CozeInvalidArgumentError(f"mode must be 'python' or 'json', not {mode!r}")
        from .._converter import unstructure  # lazily: it imports this module

        data: dict[str, Any] = unstructure(self, keep_none=not exclude_none)
        if include is not None or exclude is not None:
            data = {
                key: value
                for key, value in data.items()
                if (include is None or key in include) and (exclude is None or key not in exclude)
            }
        return data

    def model_dump_json(
        self,
        *,
        indent: int | None = None,
        include: Collection[str] | None = None,
        exclude: Collection[str] | None = None,
        by_alias: bool | None = None,
        exclude_none: bool = False,
    ) -> str:
        """:meth:`model_dump` as JSON text: compact, or with ``indent`` spaces per level (as
        pydantic's, one key or item a line)."""
        data = self.model_dump(include=include, exclude=exclude, exclude_none=exclude_none)
        if indent is None:
            return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS).decode()
        if indent < 0:
            raise CozeInvalidArgumentError(f"indent must be None or at least 0, not {indent}")
        text = orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS | orjson.OPT_INDENT_2).decode()
        if indent == 2:
            return text
        # Strings hold no raw line break in JSON: every line's leading spaces are indentation.
        return _INDENTATION.sub(lambda m: " " * (len(m.group()) // 2 * indent), text)

    @classmethod
    def model_validate(cls, obj: Any) -> Self:
        """A model from wire data (a dict), under the converter's strictness rule; an instance
        of this class is returned as it is, and models, enums and bytes inside the dict are
        taken as pydantic takes them (``{"tool_outputs": [ToolOutput(...)]}``). Raises
        ``StructureError`` (a ``ValueError``) naming the field for data that does not fit."""
        from .._converter import structure, unstructure

        if isinstance(obj, cls):
            return obj
        if isinstance(obj, Mapping):
            obj = unstructure(dict(obj))  # the models, enums, bytes inside: their wire form
        return structure(obj, cls)

    @classmethod
    def model_validate_json(cls, json_data: str | bytes | bytearray) -> Self:
        """A model from JSON text (see :meth:`model_validate`); invalid JSON raises
        ``orjson.JSONDecodeError`` (a ``ValueError``)."""
        from .._converter import structure

        return structure(orjson.loads(json_data), cls)


_INDENTATION = re.compile(r"(?m)^ +")

#: Per model class: its enum fields as (name, member class or ``None`` for a list or dict of
#: members, whether ``None`` is allowed), found at its first construction.
_ENUM_FIELDS: dict[type[Any], tuple[tuple[str, type[Any] | None, bool], ...]] = {}
#: Per (model class, enum field): the converter's hook for its type (``None`` excluded), and
#: that type.
_ENUM_HOOKS: dict[tuple[type[Any], str], tuple[Callable[[Any, Any], Any], Any]] = {}


def _enum_fields(cls: type[Any]) -> tuple[tuple[str, type[Any] | None, bool], ...]:
    """The enum fields of ``cls`` (fields whose type has an enum in it), from its resolved
    field types; their hooks go to ``_ENUM_HOOKS``."""
    from .._converter import converter
    from .._fastgen import optional_inner

    hints = typing.get_type_hints(cls)
    found = []
    for a in attrs.fields(cls):
        hint = hints[a.name]
        if not any(isinstance(p, type) and issubclass(p, Enum) for p in _type_parts(hint)):
            continue
        inner = optional_inner(hint)
        target = hint if inner is None else inner
        member_class = target if isinstance(target, type) and issubclass(target, Enum) else None
        _ENUM_HOOKS[cls, a.name] = (converter.get_structure_hook(target), target)
        found.append((a.name, member_class, inner is not None))
    fields = _ENUM_FIELDS[cls] = tuple(found)
    return fields


def _type_parts(hint: Any) -> list[Any]:
    """``hint`` and every type argument inside it, recursively."""
    parts = [hint]
    for arg in typing.get_args(hint):
        parts += _type_parts(arg)
    return parts


def _coerce(cls: type[Any], name: str, value: Any) -> Any:
    """``value`` for the enum field ``name`` of ``cls``, by the converter's hook for its type."""
    from .._converter import StructureError

    hook, hint = _ENUM_HOOKS[cls, name]
    if isinstance(value, Enum) and isinstance(hint, type):
        value = value.value  # another enum's member: by its value, as that value would be
    try:
        return hook(value, hint)
    except StructureError as exc:
        raise StructureError(exc.reason, cls.__name__, (name, *exc.path)) from None
    except Exception as exc:  # e.g. a list field given something that is not iterable
        raise StructureError(f"{type(exc).__name__}: {exc}", cls.__name__, (name,)) from None


#: Sets the ``_response`` slot through its descriptor: no ``__setattr__`` (frozen models too).
_set_response: Callable[[object, HTTPResponse], None] = CozeModel.__dict__["_response"].__set__


def attach_response(obj: object, response: HTTPResponse) -> None:
    """Link a received model to the response it came from (no-op for other objects)."""
    if isinstance(obj, CozeModel):
        _set_response(obj, response)


def attach_responses(objs: Iterable[object], response: HTTPResponse) -> None:
    """:func:`attach_response` for each of ``objs`` (the items of a list result). Items of a
    class without its own ``__setattr__`` (no frozen or validating attrs class) take a plain
    store, the cheapest there is: one check for the run of items of that class."""
    plain: type[Any] | None = None
    for obj in objs:
        if obj.__class__ is plain:
            obj._response = response  # type: ignore[attr-defined]
        elif isinstance(obj, CozeModel):
            _set_response(obj, response)
            if obj.__class__.__setattr__ is object.__setattr__:
                plain = obj.__class__


def _remember(cls: type[Enum], member: Any, name: str, value: object) -> Any:
    """Make ``member`` the pseudo-member for an unknown ``value``, kept so that the same value
    gives the same member (up to a bound: a misbehaving server cannot grow the map forever)."""
    member._name_ = name
    member._value_ = value
    if len(cls._value2member_map_) < len(cls.__members__) + _MAX_DYNAMIC_MEMBERS:
        cls._value2member_map_[value] = member
    return member


class DynamicStrEnum(str, Enum):
    """A string enum that accepts values it does not know: the service adds them without notice.

    An unknown value becomes a member whose :attr:`is_dynamic` is true; it never raises or warns.
    ``str()`` and ``format()`` give the value, ``repr()`` the member (see the module docstring).
    """

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        return _remember(cls, member, value.upper().replace(".", "_"), value)

    @property
    def is_dynamic(self) -> bool:
        """True for a value this SDK version does not know."""
        return self._name_ not in type(self).__members__

    def __str__(self) -> str:
        return str(self._value_)

    def __format__(self, format_spec: str) -> str:
        return format(self._value_, format_spec)


class DynamicIntEnum(int, Enum):
    """An integer enum that accepts values it does not know (see :class:`DynamicStrEnum`)."""

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if not isinstance(value, int) or isinstance(value, bool):
            return None
        member = int.__new__(cls, value)
        return _remember(cls, member, f"VALUE_{value}".replace("-", "MINUS_"), value)

    @property
    def is_dynamic(self) -> bool:
        """True for a value this SDK version does not know."""
        return self._name_ not in type(self).__members__

    def __str__(self) -> str:
        return str(self._value_)

    def __format__(self, format_spec: str) -> str:
        return format(self._value_, format_spec)


class ListResponse(list[T], Generic[T]):
    """A list result that also exposes the :attr:`response` it came from."""

    __slots__ = ("_response",)

    def __init__(self, items: list[T] | tuple[T, ...] = (), response: HTTPResponse | None = None):
        super().__init__(items)
        self._response = response or NO_RESPONSE

    @property
    def response(self) -> HTTPResponse:
        """The HTTP response the list came from."""
        return self._response

    @property
    def items(self) -> list[T]:
        """The elements as a plain list."""
        return list(self)

    @property
    def data(self) -> list[T]:
        """The elements as a plain list (cozepy's name for :attr:`items`)."""
        return list(self)

    @overload
    def __getitem__(self, key: SupportsIndex) -> T: ...
    @overload
    def __getitem__(self, key: slice) -> list[T]: ...
    def __getitem__(self, key: SupportsIndex | slice) -> T | list[T]:
        return super().__getitem__(key)


class Page(CozeModel, Generic[T]):
    """Base of the page models of list endpoints: implements the paging protocol
    (``coze_async._pagination.PageData``) by naming the fields that carry the items, the
    ``has_more`` flag, the total and the cursor of the next page."""

    __slots__ = ()
    _items_field: ClassVar[str] = "items"
    _has_more_field: ClassVar[str | None] = "has_more"
    _total_field: ClassVar[str | None] = "total"
    _cursor_field: ClassVar[str | None] = None
    _back_cursor_field: ClassVar[str | None] = None

    def page_items(self) -> list[T]:
        """The items of this page."""
        items: list[T] = getattr(self, self._items_field)
        return items

    def page_has_more(self) -> bool | None:
        """Whether more pages follow, as the API says (``None``: it does not say)."""
        return getattr(self, self._has_more_field) if self._has_more_field else None

    def page_total(self) -> int | None:
        """The total number of items, when the API reports it."""
        return getattr(self, self._total_field) if self._total_field else None

    def page_cursor(self, backward: bool = False) -> str | None:
        """Where the next page starts (a token or an id), for cursor-paged endpoints; with
        ``backward``, where the previous one ends (a walk towards earlier items)."""
        name = self._back_cursor_field if backward else self._cursor_field
        cursor = getattr(self, name) if name else None
        return cursor or None
