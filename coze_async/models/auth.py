"""OAuth payloads: the tokens the token endpoint issues, the device code, and token scopes."""

from __future__ import annotations

from attrs import define, field

from ._base import CozeModel

__all__ = [
    "DeviceAuthCode",
    "OAuthToken",
    "Scope",
    "ScopeAccountPermission",
    "ScopeAttributeConstraint",
    "ScopeAttributeConstraintConnectorBotChatAttribute",
]

#: ``expires_in`` values below this are durations in seconds; above, Unix times (Coze sends the
#: time the token expires, RFC 6749 servers a duration: both are read correctly).
_UNIX_TIME_FLOOR = 1_000_000_000


def expiry_time(expires_in: int, received_at: float) -> float:
    """The Unix time a token or code expires, from its ``expires_in`` and when it arrived."""
    return float(expires_in) if expires_in >= _UNIX_TIME_FLOOR else received_at + expires_in


@define(kw_only=True, repr=False)
class OAuthToken(CozeModel):
    """An access token from the OAuth token endpoint.

    ``expires_in`` is what the service sent: for Coze, the Unix time at which the token expires.
    ``refresh_token`` is empty for the JWT flow (which has none). The tokens never appear in
    ``repr()``.
    """

    access_token: str
    expires_in: int
    refresh_token: str = ""
    token_type: str = ""

    def __repr__(self) -> str:
        refresh = ", refresh_token='***'" if self.refresh_token else ""
        return f"OAuthToken(access_token='***'{refresh}, expires_in={self.expires_in})"


@define(kw_only=True)
class DeviceAuthCode(CozeModel):
    """A device code: show ``verification_url`` (or ``verification_uri`` and ``user_code``) to
    the user, then poll with ``device_code`` every ``interval`` seconds until ``expires_in``."""

    device_code: str = field(repr=lambda _: "'***'")
    user_code: str
    verification_uri: str
    interval: int = 5
    expires_in: int
    #: ``verification_uri`` with the user code filled in (set by ``get_device_code``).
    verification_url: str | None = None


@define(kw_only=True)
class ScopeAccountPermission(CozeModel):
    """The permissions a token is limited to (e.g. ``["Connector.botChat"]``)."""

    permission_list: list[str]


@define(kw_only=True)
class ScopeAttributeConstraintConnectorBotChatAttribute(CozeModel):
    """The bots a bot-chat token may talk to."""

    bot_id_list: list[str]


@define(kw_only=True)
class ScopeAttributeConstraint(CozeModel):
    """Resource constraints of a token's scope."""

    connector_bot_chat_attribute: ScopeAttributeConstraintConnectorBotChatAttribute


@define(kw_only=True)
class Scope(CozeModel):
    """What a JWT-issued token may do: its permissions and the resources it is limited to."""

    account_permission: ScopeAccountPermission | None = None
    attribute_constraint: ScopeAttributeConstraint | None = None

    @staticmethod
    def build_bot_chat(bot_id_list: list[str], permission_list: list[str] | None = None) -> Scope:
        """A scope allowing chat (``Connector.botChat`` unless ``permission_list`` says
        otherwise) with the bots in ``bot_id_list`` (any bot when it is empty)."""
        constraint = None
        if bot_id_list:
            constraint = ScopeAttributeConstraint(
                connector_bot_chat_attribute=ScopeAttributeConstraintConnectorBotChatAttribute(
                    bot_id_list=list(bot_id_list)
                )
            )
        return Scope(
            account_permission=ScopeAccountPermission(
                permission_list=list(permission_list or ["Connector.botChat"])
            ),
            attribute_constraint=constraint,
        )
