"""Paged results, one small set of classes for every list endpoint.

A list method returns its first page, already fetched: ``page.items``, ``page.has_more``,
``page.total`` (when the API reports one) and ``page.response``. ``async for item in page`` walks
every item of every later page, fetching lazily; ``page.iter_pages()`` walks the pages. The next
page is requested with whatever the API pages by (page number, page token or first/last id):
each list method supplies a :data:`FetchPage` that knows how.
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Concatenate, Generic, ParamSpec, TypeVar

from ._portal import Portal, SyncResource
from ._response import HTTPResponse

__all__ = ["AsyncPaged", "SyncPaged", "forward_paged", "number_page_has_more"]

T = TypeVar("T")
P = ParamSpec("P")
A = TypeVar("A")


def number_page_has_more(
    page_num: int, page_size: int, count: int, total: int | None, has_more: bool | None = None
) -> bool:
    """Whether a page-number-paged list goes on after page ``page_num``: the API's own
    ``has_more`` when it sends one, else its total, else whether the page came back full.
    An empty page always ends the walk (a wrong total cannot make it loop forever)."""
    if count == 0:
        return False
    if has_more is not None:
        return has_more
    if total is not None:
        return total > page_num * page_size
    return count >= page_size


class AsyncPaged(Generic[T]):
    """One page of results, and the way to the next ones (async)."""

    def __init__(
        self,
        items: list[T],
        *,
        has_more: bool,
        response: HTTPResponse,
        fetch_next: Callable[[], Awaitable[AsyncPaged[T]]] | None,
        total: int | None = None,
        first_id: str | None = None,
        last_id: str | None = None,
        next_page_token: str | None = None,
    ) -> None:
        self.items = items
        self.has_more = has_more
        self.response = response
        self.total = total
        self.first_id = first_id
        self.last_id = last_id
        self.next_page_token = next_page_token
        self._fetch_next = fetch_next if has_more else None

    async def next_page(self) -> AsyncPaged[T] | None:
        """The following page, or ``None`` after the last one."""
        if self._fetch_next is None:
            return None
        return await self._fetch_next()

    async def iter_pages(self) -> AsyncIterator[AsyncPaged[T]]:
        """This page, then each following page, fetched as the iteration reaches it."""
        page: AsyncPaged[T] | None = self
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
        return f"{type(self).__name__}(items={len(self.items)}, has_more={self.has_more})"


class SyncPaged(Generic[T]):
    """The blocking twin of :class:`AsyncPaged`: pages cross the client's thread one at a time."""

    def __init__(self, portal: Portal, page: AsyncPaged[T]) -> None:
        self._portal = portal
        self._page = page

    @property
    def items(self) -> list[T]:
        """The items of this page."""
        return self._page.items

    @property
    def has_more(self) -> bool:
        """True when more pages follow."""
        return self._page.has_more

    @property
    def total(self) -> int | None:
        """The total number of items, when the API reports it."""
        return self._page.total

    @property
    def response(self) -> HTTPResponse:
        """The HTTP response of this page."""
        return self._page.response

    @property
    def first_id(self) -> str | None:
        return self._page.first_id

    @property
    def last_id(self) -> str | None:
        return self._page.last_id

    @property
    def next_page_token(self) -> str | None:
        return self._page.next_page_token

    def next_page(self) -> SyncPaged[T] | None:
        """The following page, or ``None`` after the last one."""
        page = self._portal.call(self._page.next_page)
        return None if page is None else SyncPaged(self._portal, page)

    def iter_pages(self) -> Iterator[SyncPaged[T]]:
        """This page, then each following page."""
        page: SyncPaged[T] | None = self
        while page is not None:
            yield page
            page = page.next_page()

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page.items

    def __len__(self) -> int:
        return len(self._page.items)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(items={len(self.items)}, has_more={self.has_more})"


def forward_paged(
    method: Callable[Concatenate[A, P], Awaitable[AsyncPaged[T]]],
) -> Callable[Concatenate[SyncResource[A], P], SyncPaged[T]]:
    """Declare the sync twin of an async list method (it returns a :class:`SyncPaged`)."""
    name = method.__name__

    @functools.wraps(method)
    def sync_method(self: SyncResource[A], /, *args: P.args, **kwargs: P.kwargs) -> SyncPaged[T]:
        bound: Callable[P, Awaitable[AsyncPaged[T]]] = getattr(self._async, name)
        page = self._portal.call(functools.partial(bound, *args, **kwargs))
        return SyncPaged(self._portal, page)

    return sync_method
