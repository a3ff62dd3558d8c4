"""User payloads: the account a token belongs to."""

from __future__ import annotations

from attrs import define

from ._base import CozeModel

__all__ = ["User"]


@define(kw_only=True)
class User(CozeModel):
    """A Coze user."""

    user_id: str
    user_name: str = ""
    nick_name: str = ""
    avatar_url: str = ""
