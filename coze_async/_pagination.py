"""Paged results: one walker for every list endpoint.

A list method returns an :class:`AsyncPaged` at once, without sending anything. ``await`` it for
its first page (``.items``, ``.has_more``, ``.total``, ``.response``), as in cozepy, or iterate
it directly: ``async for bot in coze.bots.list(...)`` walks every item of every page, fetching
lazily; ``.iter_pages()`` walks the pages.

Each endpoint's page model implements :class:`PageData` (its items, whether more follow, the total,
the cursor to go on from); a :class:`Paging` strategy says which request asks for the next page
(page numbers, page tokens, or first/last ids). The rules for when a walk ends live here, once:
an empty page ends it (:meth:`AsyncPaged._following`), and each strategy ends it where the API
gives no way on.

cozepy has one paged class per strategy (``AsyncNumberPaged``, ``AsyncLastIDPaged``,
``AsyncTokenPaged``, under ``AsyncPagedBase``) and one page-model base per strategy
(``NumberPagedResponse``, ...). Here the strategy is a :class:`Paging` value, so one class does
the work of all of them, and their names are aliases of it: every async page is an
``AsyncNumberPaged``, an ``AsyncLastIDPaged`` and an ``AsyncPagedBase`` (``isinstance`` holds
whichever one a cozepy user checks, and an annotation with any of them accepts what a list
method returns); every page model is a ``NumberPagedResponse`` (the models' ``Page`` base). The
sync names (``NumberPaged``, ...) are aliases of ``SyncPaged`` the same way.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Generator
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

import attrs

from ._errors import CozeError, CozeInvalidArgumentError
from ._request import Request, positive
from ._response import HTTPResponse
from .models._base import Page, attach_responses

if TYPE_CHECKING:
    from ._transport import Transport

__all__ = [
    "AsyncLastIDPaged",
    "AsyncNumberPaged",
    "AsyncPaged",
    "AsyncPagedBase",
    "AsyncTokenPaged",
    "CursorPaging",
    "LastIDPagedResponse",
    "NumberPagedResponse",
    "NumberPaging",
    "PageData",
    "Paging",
    "TokenPagedResponse",
    "TokenPaging",
]

T = TypeVar("T")


class PageData(Protocol[T]):
    """What one page of a list endpoint tells the walker (implemented by its page model)."""

    def page_items(self) -> list[T]:
        """The items of this page."""
        ...

    def page_has_more(self) -> bool | None:
        """Whether more pages follow, as the API says (``None``: it does not say)."""
        ...

    def page_total(self) -> int | None:
        """The total number of items, when the API reports it."""
        ...

    def page_cursor(self, backward: bool = False) -> str | None:
        """Where the next page starts (token or id), for cursor-paged endpoints; with
        ``backward``, where the previous one ends."""
        ...


class Paging(Protocol):
    """How a list endpoint asks for a page and for the one after it."""

    def first(self, request: Request) -> Request:
        """The request for the first page."""
        ...

    def next(self, page: PageData[Any]) -> Paging | None:
        """The paging of the following page, or ``None`` after the last one."""
        ...


def _page_args(request: Request, in_body: bool, **values: Any) -> Request:
    present = {k: v for k, v in values.items() if v is not None}
    return request.with_json(**present) if in_body else request.with_params(**present)


def _page_num(value: object) -> int:
    return positive("page_num", value)


def _page_size(value: object) -> int:
    return positive("page_size", value)


@attrs.frozen
class NumberPaging:
    """Pages by number: ``num_param`` (also sent as each of ``aliases``) and ``size_param``."""

    page_num: int = attrs.field(converter=_page_num)
    page_size: int = attrs.field(converter=_page_size)
    num_param: str = "page_num"
    size_param: str = "page_size"
    aliases: tuple[str, ...] = ()
    in_body: bool = False

    def first(self, request: Request) -> Request:
        nums = dict.fromkeys((self.num_param, *self.aliases), self.page_num)
        return _page_args(request, self.in_body, **{self.size_param: self.page_size}, **nums)

    def next(self, page: PageData[Any]) -> NumberPaging | None:
        """The next page number: whether there is one is the API's ``has_more`` when it says,
        else its total against the pages read, else whether this page came back full."""
        has_more = page.page_has_more()
        if has_more is None:
            total = page.page_total()
            if total is not None:
                has_more = total > self.page_num * self.page_size
            else:
                has_more = len(page.page_items()) >= self.page_size
        return attrs.evolve(self, page_num=self.page_num + 1) if has_more else None


@attrs.frozen
class TokenPaging:
    """Pages by an opaque token the previous page hands out (``page_cursor``)."""

    page_size: int = attrs.field(converter=_page_size)
    page_token: str | None = None
    token_param: str = "page_token"
    size_param: str = "page_size"

    def first(self, request: Request) -> Request:
        return request.with_params(
            **{self.size_param: self.page_size, self.token_param: self.page_token or None}
        )

    def next(self, page: PageData[Any]) -> TokenPaging | None:
        token = page.page_cursor()
        if page.page_has_more() is False or not token:
            return None
        if token == self.page_token:  # the same token again would return this page forever
            return None
        return attrs.evolve(self, page_token=token)


@attrs.frozen
class CursorPaging:
    """Pages by item ids: each next page starts after the previous page's cursor
    (``after_param``), or, for a walk started backwards, before it (``before_param``)."""

    before_id: str | None = None
    after_id: str | None = None
    before_param: str = "before_id"
    after_param: str = "after_id"
    in_body: bool = False

    def __attrs_post_init__(self) -> None:
        if self.before_id and self.after_id:
            raise CozeInvalidArgumentError(
                f"pass {self.before_param} or {self.after_param}, not both"
            )

    @property
    def backward(self) -> bool:
        """True for a walk towards earlier items (started with ``before_id``)."""
        return bool(self.before_id)

    def first(self, request: Request) -> Request:
        return _page_args(
            request,
            self.in_body,
            **{self.before_param: self.before_id or None, self.after_param: self.after_id or None},
        )

    def next(self, page: PageData[Any]) -> CursorPaging | None:
        cursor = page.page_cursor(self.backward)
        if page.page_has_more() is not True or not cursor:
            return None
        if cursor == (self.before_id or self.after_id):
            return None
        if self.backward:
            return attrs.evolve(self, before_id=cursor)
        return attrs.evolve(self, after_id=cursor)


class AsyncPaged(Generic[T]):
    """One page of a list endpoint, and the way to the next ones.

    Returned at once by a list method; the page is fetched on ``await`` (which returns the page
    itself) or on first iteration. ``async for item in paged`` walks every later page too;
    :meth:`iter_pages` walks the pages; :meth:`next_page` fetches the following one.
    """

    __slots__ = ("_items", "_page", "_page_cls", "_paging", "_request", "_response", "_transport")

    def __init__(
        self,
        transport: Transport,
        request: Request,
        page_cls: type[PageData[T]],
        paging: Paging,
    ) -> None:
        self._transport = transport
        self._request = request
        self._page_cls = page_cls
        self._paging = paging
        self._page: PageData[T] | None = None
        self._items: list[T] = []
        self._response: HTTPResponse | None = None

    async def _load(self) -> AsyncPaged[T]:
        if self._page is None:
            page, response = await self._transport.call_page(
                self._paging.first(self._request), self._page_cls
            )
            items = page.page_items()
            attach_responses(items, response)
            self._page, self._items, self._response = page, items, response
        return self

    def __await__(self) -> Generator[Any, None, AsyncPaged[T]]:
        return self._load().__await__()

    def _loaded(self) -> PageData[T]:
        if self._page is None:
            raise CozeError("this page was not fetched yet: await the list call or iterate it")
        return self._page

    @property
    def items(self) -> list[T]:
        """The items of this page."""
        self._loaded()
        return self._items

    def _following(self) -> Paging | None:
        """The paging of the next page; an empty page always ends the walk (whatever the API
        claims, so that a wrong ``has_more`` or total cannot make it loop)."""
        page = self._loaded()
        return self._paging.next(page) if self._items else None

    @property
    def has_more(self) -> bool:
        """True when another page follows."""
        return self._following() is not None

    @property
    def total(self) -> int | None:
        """The total number of items, when the API reports it."""
        return self._loaded().page_total()

    @property
    def response(self) -> HTTPResponse:
        """The HTTP response of this page."""
        self._loaded()
        assert self._response is not None
        return self._response

    @property
    def page(self) -> PageData[T]:
        """The page as the API sent it (its model, with every field it carries)."""
        return self._loaded()

    @property
    def first_id(self) -> str | None:
        """The first item's id, for endpoints paged by id."""
        return getattr(self._loaded(), "first_id", None)

    @property
    def last_id(self) -> str | None:
        """The last item's id, for endpoints paged by id."""
        return getattr(self._loaded(), "last_id", None)

    @property
    def next_page_token(self) -> str | None:
        """The token of the following page, for endpoints paged by token."""
        return getattr(self._loaded(), "next_page_token", None)

    async def next_page(self) -> AsyncPaged[T] | None:
        """The following page, fetched, or ``None`` after the last one."""
        following = (await self._load())._following()
        if following is None:
            return None
        return await AsyncPaged(self._transport, self._request, self._page_cls, following)

    async def iter_pages(self) -> AsyncIterator[AsyncPaged[T]]:
        """This page, then each following page, fetched as the iteration reaches it."""
        page: AsyncPaged[T] | None = await self._load()
        while page is not None:
            yield page
            page = await page.next_page()

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.iter_pages():
            for item in page.items:
                yield item

    def __len__(self) -> int:
        return len(self.items)

    def __repr__(self) -> str:
        if self._page is None:
            return f"{type(self).__name__}(not fetched)"
        return f"{type(self).__name__}(items={len(self.items)}, has_more={self.has_more})"


# cozepy's names (see the module docs): one class serves every paging strategy.
#: cozepy's base of the async paged results: :class:`AsyncPaged`.
AsyncPagedBase = AsyncPaged
#: cozepy's async result of page-number paging: :class:`AsyncPaged`.
AsyncNumberPaged = AsyncPaged
#: cozepy's async result of id (``first_id`` / ``last_id``) paging: :class:`AsyncPaged`.
AsyncLastIDPaged = AsyncPaged
#: cozepy's async result of page-token paging: :class:`AsyncPaged`.
AsyncTokenPaged = AsyncPaged
#: cozepy's base of page-number page models: the models' ``Page`` base.
NumberPagedResponse = Page
#: cozepy's base of id-paged page models: the models' ``Page`` base.
LastIDPagedResponse = Page
#: cozepy's base of token-paged page models: the models' ``Page`` base.
TokenPagedResponse = Page
