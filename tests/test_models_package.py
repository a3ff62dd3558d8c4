"""``coze_async.models`` is a real package (design review B10): every public model and enum of
the family modules is importable from it, lazily."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import pytest

import coze_async
import coze_async.models as models
from tests._lazy_exports import type_checking_exports


def family_modules() -> list[str]:
    return [info.name for info in pkgutil.iter_modules(models.__path__)]


def test_from_coze_async_models_import_message():
    from coze_async.models import Message
    from coze_async.models.chat import Message as ChatMessage

    assert Message is ChatMessage
    assert models.__file__ is not None  # not a namespace package


def test_every_public_name_of_every_family_is_exported():
    for name in family_modules():
        if name.startswith("_"):
            continue
        module = importlib.import_module(f"coze_async.models.{name}")
        for public in module.__all__:
            assert public in models.__all__, (name, public)
            assert getattr(models, public) is getattr(module, public), public
    for name in models.__all__:
        assert getattr(models, name) is getattr(coze_async, name), name


def test_lazy_table_type_checking_block_and_all_name_the_same_things():
    declared = type_checking_exports(models)
    assert {name: module for name, (module, _) in declared.items()} == models._EXPORTS
    assert all(name == attribute for name, (_, attribute) in declared.items())
    assert sorted(models.__all__) == sorted(models._EXPORTS)
    assert len(set(models.__all__)) == len(models.__all__)


def test_unknown_names_raise_attribute_error_and_dir_lists_the_exports():
    with pytest.raises(AttributeError, match="no_such_model"):
        models.no_such_model  # noqa: B018
    assert {"Message", "Chat", "WorkflowRunHistory"} <= set(dir(models))


def test_importing_the_package_loads_no_family_module():
    probe = (
        "import sys, coze_async.models as m; "
        "print(sorted(n for n in sys.modules if n.startswith('coze_async.models.'))); "
        "m.Message; print('coze_async.models.chat' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:2] == ["[]", "True"]
