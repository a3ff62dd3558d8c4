"""The public names of ``coze_async`` are listed once (issue item 7): the lazy export table is
the single source at run time (``__all__`` is derived from it), and the ``TYPE_CHECKING``
re-exports that type checkers read must name the same things, from the same modules."""

from __future__ import annotations

import importlib

import coze_async
from tests._lazy_exports import type_checking_exports


def test_type_checking_block_and_lazy_table_name_the_same_things():
    declared = type_checking_exports(coze_async)
    missing = sorted(set(coze_async._EXPORTS) - set(declared))
    extra = sorted(set(declared) - set(coze_async._EXPORTS))
    assert not missing, f"in the lazy table, not in the TYPE_CHECKING block: {missing}"
    assert not extra, f"in the TYPE_CHECKING block, not in the lazy table: {extra}"
    assert declared == coze_async._EXPORTS  # and each from the same module, as the same name


def test_all_is_derived_from_the_lazy_table():
    assert coze_async.__all__ == ["__version__", *coze_async._EXPORTS]
    assert len(set(coze_async.__all__)) == len(coze_async.__all__)


def test_every_lazy_name_resolves_to_the_object_in_its_module():
    for name, (module, attribute) in coze_async._EXPORTS.items():
        expected = getattr(importlib.import_module(module, "coze_async"), attribute)
        assert getattr(coze_async, name) is expected, name
