"""The generated fast structuring functions behave exactly like cattrs' own: same objects for
the same input, an error where cattrs raises one."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import attrs
import pytest
from cattrs.gen import make_dict_structure_fn
from hypothesis import given, settings
from hypothesis import strategies as st

import coze_async.models
from coze_async._converter import converter
from coze_async._fastgen import make_fast_structure_fn
from coze_async.models.chat import Chat, ChatEvent, Message

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=False, allow_infinity=False, width=16),
    st.sampled_from(["", "text", "user", "assistant", "answer", "completed", "x.y", "7"]),
    st.lists(st.integers(0, 2), max_size=2),
    st.dictionaries(st.sampled_from(["code", "msg", "k"]), st.sampled_from([0, "v"]), max_size=2),
)


def outcome(function: Any, data: Any, cls: type) -> Any:
    try:
        return ("ok", function(data, cls))
    except Exception as exc:  # any error counts; both must raise
        return ("error", type(exc).__name__)


def payloads(cls: type) -> st.SearchStrategy[dict[str, Any]]:
    names = [a.name for a in attrs.fields(cls)] + ["unknown_key"]
    return st.dictionaries(st.sampled_from(names), VALUES, max_size=len(names))


@pytest.mark.parametrize("cls", [Message, Chat, ChatEvent])
@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_fast_structure_matches_cattrs(cls: type, data: st.DataObject):
    payload = data.draw(payloads(cls))
    fast = make_fast_structure_fn(cls, converter)
    slow = make_dict_structure_fn(cls, converter)
    fast_result, slow_result = outcome(fast, payload, cls), outcome(slow, payload, cls)
    assert fast_result[0] == slow_result[0], (payload, fast_result, slow_result)
    if fast_result[0] == "ok":
        assert fast_result[1] == slow_result[1]


def all_model_classes() -> list[type]:
    classes = []
    for info in pkgutil.iter_modules(coze_async.models.__path__):
        module = importlib.import_module(f"coze_async.models.{info.name}")
        classes += [
            obj
            for obj in vars(module).values()
            if isinstance(obj, type) and attrs.has(obj) and obj.__module__ == module.__name__
        ]
    return classes


@pytest.mark.parametrize("cls", all_model_classes(), ids=lambda c: c.__qualname__)
def test_every_model_gets_a_working_structure_hook(cls: type):
    """Each model's hook (fast or cattrs fallback) accepts its own unstructured form."""
    hook = converter.get_structure_hook(cls)
    required = [a for a in attrs.fields(cls) if a.default is attrs.NOTHING and a.init]
    if required:
        with pytest.raises(Exception):  # noqa: B017 - cattrs raises several types
            hook({}, cls)
    else:
        assert isinstance(hook({}, cls), cls)
