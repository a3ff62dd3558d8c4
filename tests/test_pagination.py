"""One paged walker for every list endpoint: the object a list method returns (awaitable for its
first page, iterable for every item, sync and async), the three paging strategies, page-number
validation, and the end-of-walk rule."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from aioresponses import aioresponses

from coze_async import (
    AsyncCoze,
    AsyncPaged,
    Coze,
    CozeError,
    FolderType,
    SyncPaged,
    TokenAuth,
)
from coze_async._pagination import CursorPaging, NumberPaging, TokenPaging
from tests.conftest import sent

BASE = "https://api.test"


def route(path: str) -> re.Pattern[str]:
    return re.compile(re.escape(BASE + path) + r"(\?.*)?$")


def ok(data: Any, logid: str) -> dict[str, Any]:
    return {"code": 0, "msg": "", "data": data, "detail": {"logid": logid}}


def folder(n: int) -> dict[str, Any]:
    return {"id": f"f-{n}", "name": f"folder {n}"}


def three_pages_of_folders(mocked: aioresponses) -> None:
    """Five folders, two a page, the API giving neither has_more nor a total: full pages go on,
    the short last page ends the walk."""
    for page, ids in enumerate(([1, 2], [3, 4], [5]), start=1):
        data = {"items": [folder(n) for n in ids]}
        mocked.get(route("/v1/folders"), payload=ok(data, f"page-{page}"))


def list_folders(coze: Any) -> Any:
    return coze.folders.list(workspace_id="ws", folder_type=FolderType.DEVELOPMENT, page_size=2)


async def test_a_list_call_is_iterated_directly_without_await(mocked: aioresponses) -> None:
    three_pages_of_folders(mocked)
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        paged = list_folders(coze)
        assert isinstance(paged, AsyncPaged)
        assert sent(mocked) == []  # nothing is sent before it is awaited or iterated
        ids = [f.id async for f in paged]
    assert ids == ["f-1", "f-2", "f-3", "f-4", "f-5"]
    assert [r.query["page_num"] for r in sent(mocked)] == ["1", "2", "3"]


async def test_awaiting_gives_the_first_page_as_cozepy_does(mocked: aioresponses) -> None:
    three_pages_of_folders(mocked)
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        page = await list_folders(coze)
        assert [f.id for f in page.items] == ["f-1", "f-2"]
        assert (page.has_more, page.total, len(page)) == (True, None, 2)
        assert page.response.logid == "page-1"
        pages = [p async for p in page.iter_pages()]
        assert [p.response.logid for p in pages] == ["page-1", "page-2", "page-3"]
        assert await pages[-1].next_page() is None


async def test_cozepy_spelling_iterates_the_awaited_page(mocked: aioresponses) -> None:
    three_pages_of_folders(mocked)
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        ids = [f.id async for f in await list_folders(coze)]
    assert ids == ["f-1", "f-2", "f-3", "f-4", "f-5"]


async def test_a_page_not_yet_fetched_says_so(mocked: aioresponses) -> None:
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        paged = list_folders(coze)
        with pytest.raises(CozeError, match="not fetched yet: await the list call"):
            _ = paged.items
        assert repr(paged) == "AsyncPaged(not fetched)"


async def test_every_item_links_to_the_response_of_its_page(mocked: aioresponses) -> None:
    """B11: items of folders, apps, workspaces, conversations and workflows listings used to
    report no response; only bots did."""
    three_pages_of_folders(mocked)
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        logids = [f.response.logid async for f in list_folders(coze)]
    assert logids == ["page-1", "page-1", "page-2", "page-2", "page-3"]


async def test_an_empty_page_ends_the_walk_whatever_the_api_claims(mocked: aioresponses) -> None:
    data = {"items": [], "has_more": True, "total_count": 99}
    mocked.get(route("/v1/folders"), payload=ok(data, "empty"))
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        page = await list_folders(coze)
        assert (page.items, page.has_more) == ([], False)
        assert await page.next_page() is None
        assert [f async for f in page] == []
    assert len(sent(mocked)) == 1


def test_sync_lists_fetch_the_first_page_and_iterate_every_item(mocked: aioresponses) -> None:
    three_pages_of_folders(mocked)
    with Coze(TokenAuth("t"), BASE) as coze:
        page = list_folders(coze)
        assert isinstance(page, SyncPaged)
        assert len(sent(mocked)) == 1  # the first page comes with the call, as in cozepy
        assert [f.id for f in page.items] == ["f-1", "f-2"]
        assert [f.id for f in page] == ["f-1", "f-2", "f-3", "f-4", "f-5"]


LIST_CALLS: dict[str, Callable[[Any, dict[str, Any]], Any]] = {
    "folders.list": lambda c, kw: c.folders.list(
        workspace_id="ws", folder_type=FolderType.DEVELOPMENT, **kw
    ),
    "apps.list": lambda c, kw: c.apps.list(workspace_id="ws", **kw),
    "workspaces.list": lambda c, kw: c.workspaces.list(**kw),
    "workspaces.members.list": lambda c, kw: c.workspaces.members.list(workspace_id="ws", **kw),
    "bots.list": lambda c, kw: c.bots.list(space_id="s", **kw),
    "bots.versions.list": lambda c, kw: c.bots.versions.list(bot_id="b", **kw),
    "conversations.list": lambda c, kw: c.conversations.list(bot_id="b", **kw),
    "workflows.list": lambda c, kw: c.workflows.list(workspace_id="ws", **kw),
}


@pytest.mark.parametrize("name", sorted(LIST_CALLS))
@pytest.mark.parametrize(
    "bad",
    [{"page_num": 0}, {"page_num": -1}, {"page_size": 0}, {"page_num": True}, {"page_size": "5"}],
)
async def test_page_numbers_are_checked_for_every_numbered_list(
    name: str, bad: dict[str, Any], mocked: aioresponses
) -> None:
    """Folders, apps, workspaces and workflows used to send any page number."""
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        with pytest.raises(ValueError, match=r"page_(num|size) must be a positive integer"):
            LIST_CALLS[name](coze, bad)
    assert sent(mocked) == []


# -- the strategies, on their own --------------------------------------------------------------


@attrs.define
class FakePage:
    items: list[int]
    has_more: bool | None = None
    total: int | None = None
    cursor: str | None = None
    back_cursor: str | None = None

    def page_items(self) -> list[int]:
        return self.items

    def page_has_more(self) -> bool | None:
        return self.has_more

    def page_total(self) -> int | None:
        return self.total

    def page_cursor(self, backward: bool = False) -> str | None:
        return self.back_cursor if backward else self.cursor


@pytest.mark.parametrize(
    ("page", "goes_on"),
    [
        (FakePage([1, 2], has_more=True, total=2), True),  # the API's has_more wins
        (FakePage([1, 2], has_more=False, total=99), False),
        (FakePage([1, 2], total=5), True),  # else the total: 5 > 2 pages of 2
        (FakePage([1, 2], total=4), False),
        (FakePage([1, 2]), True),  # else a full page goes on
        (FakePage([1]), False),
    ],
)
def test_number_paging_rule(page: FakePage, goes_on: bool) -> None:
    following = NumberPaging(2, 2).next(page)
    assert (following is not None) is goes_on
    if following is not None:
        assert following.page_num == 3


def test_number_paging_sends_aliases_and_its_own_names() -> None:
    from coze_async._request import Request

    paging = NumberPaging(3, 10, num_param="page_index", aliases=("page_num",))
    request = paging.first(Request("GET", "/x", params={"a": 1}))
    assert request.params == {"a": 1, "page_index": 3, "page_num": 3, "page_size": 10}


def test_a_pages_request_keeps_every_other_field_of_the_request() -> None:
    import attrs

    from coze_async._request import Request

    def upload() -> bytes:
        return b"body"

    request = Request(
        "POST",
        "/x",
        params={"a": 1},
        json={"b": 2},
        data=upload,
        options={"max_retries": 0},
        data_field="data.items",
        idempotent=True,
    )
    assert request.with_params(c=3) == attrs.evolve(request, params={"a": 1, "c": 3})
    assert request.with_json(d=4) == attrs.evolve(request, json={"b": 2, "d": 4})
    # The request above sets every field: one added to Request belongs there (and in _with).
    assert [f.name for f in attrs.fields(Request)] == [
        "method",
        "path",
        "params",
        "json",
        "data",
        "options",
        "data_field",
        "idempotent",
    ]


@pytest.mark.parametrize(
    ("page", "token"),
    [
        (FakePage([1], cursor="t2"), "t2"),
        (FakePage([1], has_more=False, cursor="t2"), None),
        (FakePage([1], cursor=None), None),  # no token to go on with
        (FakePage([1], cursor="t1"), None),  # the same token again would loop
    ],
)
def test_token_paging_rule(page: FakePage, token: str | None) -> None:
    following = TokenPaging(10, "t1").next(page)
    assert (following.page_token if following else None) == token


def test_cursor_paging_walks_in_the_direction_it_started() -> None:
    page = FakePage([1, 2], has_more=True, cursor="last", back_cursor="first")
    forward = CursorPaging(after_id="a").next(page)
    assert forward is not None and (forward.after_id, forward.before_id) == ("last", None)
    backward = CursorPaging(before_id="b").next(page)
    assert backward is not None and (backward.before_id, backward.after_id) == ("first", None)
    assert CursorPaging().next(FakePage([1], has_more=None, cursor="x")) is None  # must say so
    assert CursorPaging(after_id="x").next(FakePage([1], has_more=True, cursor="x")) is None
    with pytest.raises(ValueError, match="not both"):
        CursorPaging(before_id="1", after_id="2")
