"""``AsyncCoze``: the async root client. Owns the transport; hands out resources lazily."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from functools import cached_property
from ssl import SSLContext
from types import TracebackType
from typing import TYPE_CHECKING

import aiohttp

from ._auth import Auth
from ._config import COZE_COM_BASE_URL
from ._retry import DEFAULT_MAX_RETRIES
from ._sse import DEFAULT_MAX_LINE_BYTES
from ._transport import Timeout, Transport

if TYPE_CHECKING:
    from .resources.apps import AsyncAppsClient
    from .resources.bots import AsyncBotsClient
    from .resources.chat import AsyncChatClient
    from .resources.connectors import AsyncConnectorsClient
    from .resources.conversations import AsyncConversationsClient
    from .resources.files import AsyncFilesClient
    from .resources.folders import AsyncFoldersClient
    from .resources.templates import AsyncTemplatesClient
    from .resources.users import AsyncUsersClient
    from .resources.variables import AsyncVariablesClient
    from .resources.workflows import AsyncWorkflowsClient
    from .resources.workspaces import AsyncWorkspacesClient

__all__ = ["AsyncCoze"]


class AsyncCoze:
    """The async Coze client.

    ``auth`` supplies the token (e.g. ``TokenAuth(token)``); ``base_url`` selects the service
    (``COZE_COM_BASE_URL`` by default, ``COZE_CN_BASE_URL`` for coze.cn, or an emulator's URL).
    ``timeout`` is the default for every call (600 s total, 5 s to connect; streams have no total
    deadline but fail after 120 s without a byte), overridable per call with ``timeout=``.
    ``max_retries`` (2) retries failed requests where that is safe (see docs/reliability.md),
    overridable per call with ``max_retries=``. TLS certificates are verified; ``ssl`` takes an
    ``ssl.SSLContext`` (e.g. a private CA). The token is never sent over plain ``http://`` except
    to a loopback address, unless ``allow_insecure_http=True``. A stream line longer than
    ``max_line_bytes`` (16 MiB) raises instead of buffering. Pass ``http_client`` to use your own
    ``aiohttp.ClientSession`` (it is then yours to close). Use ``async with AsyncCoze(...) as
    coze:`` or ``await coze.close()``.
    """

    def __init__(
        self,
        auth: Auth,
        base_url: str = COZE_COM_BASE_URL,
        *,
        timeout: Timeout | None = None,
        http_client: aiohttp.ClientSession | None = None,
        headers: Mapping[str, str] | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        ssl: SSLContext | bool = True,
        allow_insecure_http: bool = False,
        max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    ) -> None:
        self._transport = Transport(
            auth=auth,
            base_url=base_url,
            timeout=timeout,
            http_client=http_client,
            headers=headers,
            max_retries=max_retries,
            ssl=ssl,
            allow_insecure_http=allow_insecure_http,
            max_line_bytes=max_line_bytes,
        )

    @property
    def base_url(self) -> str:
        """The service address requests go to."""
        return self._transport.base_url

    @property
    def auth(self) -> Auth:
        """The authentication in use."""
        return self._transport.auth

    @cached_property
    def chat(self) -> AsyncChatClient:
        """Chats with bots: ``create``, ``stream``, ``create_and_poll``, ``retrieve``, ..."""
        from .resources.chat import AsyncChatClient

        return AsyncChatClient(self._transport)

    @cached_property
    def conversations(self) -> AsyncConversationsClient:
        """Conversations and their messages."""
        from .resources.conversations import AsyncConversationsClient

        return AsyncConversationsClient(self._transport)

    @cached_property
    def bots(self) -> AsyncBotsClient:
        """Bots: create, update, publish, list."""
        from .resources.bots import AsyncBotsClient

        return AsyncBotsClient(self._transport)

    @cached_property
    def files(self) -> AsyncFilesClient:
        """File uploads."""
        from .resources.files import AsyncFilesClient

        return AsyncFilesClient(self._transport)

    @cached_property
    def workflows(self) -> AsyncWorkflowsClient:
        """Workflows: runs, streams, histories, chat."""
        from .resources.workflows import AsyncWorkflowsClient

        return AsyncWorkflowsClient(self._transport)

    @cached_property
    def workspaces(self) -> AsyncWorkspacesClient:
        """Workspaces and their members."""
        from .resources.workspaces import AsyncWorkspacesClient

        return AsyncWorkspacesClient(self._transport)

    @cached_property
    def users(self) -> AsyncUsersClient:
        """The current user."""
        from .resources.users import AsyncUsersClient

        return AsyncUsersClient(self._transport)

    @cached_property
    def variables(self) -> AsyncVariablesClient:
        """Bot and app variables."""
        from .resources.variables import AsyncVariablesClient

        return AsyncVariablesClient(self._transport)

    @cached_property
    def templates(self) -> AsyncTemplatesClient:
        """Templates."""
        from .resources.templates import AsyncTemplatesClient

        return AsyncTemplatesClient(self._transport)

    @cached_property
    def folders(self) -> AsyncFoldersClient:
        """Folders."""
        from .resources.folders import AsyncFoldersClient

        return AsyncFoldersClient(self._transport)

    @cached_property
    def apps(self) -> AsyncAppsClient:
        """Apps and their collaborators."""
        from .resources.apps import AsyncAppsClient

        return AsyncAppsClient(self._transport)

    @cached_property
    def connectors(self) -> AsyncConnectorsClient:
        """Connectors."""
        from .resources.connectors import AsyncConnectorsClient

        return AsyncConnectorsClient(self._transport)

    async def close(self) -> None:
        """Close the HTTP session (idempotent). A session passed as ``http_client`` stays open."""
        await self._transport.close()

    async def __aenter__(self) -> AsyncCoze:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    def __del__(self) -> None:
        transport = getattr(self, "_transport", None)
        if transport is not None and transport.has_open_session:
            warnings.warn(
                f"unclosed {self!r}: use 'async with AsyncCoze(...)' or 'await coze.close()'",
                ResourceWarning,
                stacklevel=2,
            )

    def __repr__(self) -> str:
        return f"AsyncCoze(base_url={self.base_url!r})"
