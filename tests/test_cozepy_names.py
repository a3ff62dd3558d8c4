"""Every name of cozepy's ``__all__`` can be imported from ``coze_async`` (the drop-in issue,
item 1), except the families other open issues add, listed below by issue.

The list may only shrink: a listed name that ``coze_async`` already has fails too, so each issue
removes its names as it lands them.
"""

from __future__ import annotations

import cozepy

import coze_async

#: cozepy names that other open issues add, by issue. Remove a name when it lands.
OWNED_BY_OPEN_ISSUES: dict[str, tuple[str, ...]] = {}

OWNED = {name: issue for issue, names in OWNED_BY_OPEN_ISSUES.items() for name in names}


def test_the_owned_list_names_each_name_once():
    listed = [name for names in OWNED_BY_OPEN_ISSUES.values() for name in names]
    assert len(listed) == len(set(listed))


def test_every_cozepy_name_is_importable_from_coze_async():
    missing = [n for n in cozepy.__all__ if n not in OWNED and not hasattr(coze_async, n)]
    assert not missing, f"cozepy names missing from coze_async: {missing}"
    # Public names: listed in __all__ (so ``from coze_async import *`` brings them) and in dir().
    present = [n for n in cozepy.__all__ if n not in OWNED]
    assert not set(present) - set(coze_async.__all__)
    assert not set(present) - set(dir(coze_async))


def test_the_owned_list_only_shrinks():
    # Every issue has landed its names (the list is empty); it stays, for the next ones.
    for issue, names in OWNED_BY_OPEN_ISSUES.items():
        landed = [n for n in names if hasattr(coze_async, n)]
        assert not landed, f"now in coze_async, remove from OWNED_BY_OPEN_ISSUES[{issue!r}]"
        stale = [n for n in names if n not in cozepy.__all__]
        assert not stale, f"not cozepy names (any more): {stale}"


def test_the_count_of_cozepy_names_present():
    present = [n for n in cozepy.__all__ if hasattr(coze_async, n)]
    assert len(cozepy.__all__) == 229  # cozepy 0.20.0; a new release: review the list above
    assert len(present) == len(cozepy.__all__) - len(OWNED) == 229


def test_the_paged_names_are_the_paged_results():
    # One class serves every paging strategy: each cozepy name holds for every page.
    assert coze_async.NumberPaged is coze_async.LastIDPaged is coze_async.SyncPaged
    async_names = ("AsyncNumberPaged", "AsyncLastIDPaged", "AsyncPagedBase")
    assert all(getattr(coze_async, n) is coze_async.AsyncPaged for n in async_names)
    from coze_async.models._base import Page

    assert coze_async.NumberPagedResponse is coze_async.LastIDPagedResponse is Page


def test_version_and_connection_limits_values():
    assert coze_async.__version__ == coze_async.VERSION
    limits = coze_async.DEFAULT_CONNECTION_LIMITS
    theirs = cozepy.DEFAULT_CONNECTION_LIMITS
    assert limits.max_connections == theirs.max_connections == 1000
    assert limits.max_keepalive_connections == theirs.max_keepalive_connections == 100


async def test_a_list_result_is_each_cozepy_paged_type(coze: coze_async.AsyncCoze) -> None:
    page = await coze.workspaces.list()
    for name in ("AsyncNumberPaged", "AsyncLastIDPaged", "AsyncPagedBase"):
        assert isinstance(page, getattr(coze_async, name)), name
    assert isinstance(page.page, coze_async.NumberPagedResponse)
    assert isinstance(page.page, coze_async.LastIDPagedResponse)


def test_a_sync_list_result_is_each_cozepy_paged_type() -> None:
    from coze_async.emulator import Emulator

    with Emulator.run_in_thread(strict=True) as emu:
        assert emu.token is not None
        with coze_async.Coze(coze_async.TokenAuth(emu.token), emu.base_url) as coze:
            page = coze.workspaces.list()
            assert isinstance(page, coze_async.NumberPaged)
            assert isinstance(page, coze_async.LastIDPaged)
            assert [w.id for w in page]
