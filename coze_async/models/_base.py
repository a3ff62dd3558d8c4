"""Building blocks shared by every model: the response link, open enums and list results."""

from __future__ import annotations

from enum import Enum
from typing import Any, ClassVar, Generic, SupportsIndex, TypeVar, overload

from .._response import NO_RESPONSE, HTTPResponse

__all__ = [
    "CozeModel",
    "DynamicIntEnum",
    "DynamicStrEnum",
    "ListResponse",
    "Page",
    "attach_response",
]

T = TypeVar("T")
M = TypeVar("M", bound="CozeModel")

#: How many unknown values one enum remembers (so a misbehaving server cannot grow it forever).
_MAX_DYNAMIC_MEMBERS = 256


class CozeModel:
    """Base of every payload class: results received from the service expose :attr:`response`."""

    __slots__ = ("_response",)
    _response: HTTPResponse

    @property
    def response(self) -> HTTPResponse:
        """The HTTP response this object came from (status 0 and empty logid if built locally)."""
        return getattr(self, "_response", NO_RESPONSE)

    @classmethod
    def model_validate(cls: type[M], obj: Any) -> M:
        """Build this model from a dict (models, enums and bytes inside it are taken too), or
        return ``obj`` if it already is one: cozepy's (pydantic's) constructor from data."""
        if isinstance(obj, cls):
            return obj
        from .._converter import structure, unstructure

        return structure(unstructure(obj), cls)


def attach_response(obj: object, response: HTTPResponse) -> None:
    """Link a received model to the response it came from (no-op for other objects)."""
    if isinstance(obj, CozeModel):
        object.__setattr__(obj, "_response", response)


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
        return str(self.value)


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
