"""``Coze``: the sync root client. Runs an ``AsyncCoze`` in a private event-loop thread."""

from __future__ import annotations

import atexit
import contextlib
import sys
import warnings
import weakref
from collections.abc import Mapping
from functools import cached_property
from ssl import SSLContext
from types import TracebackType
from typing import TYPE_CHECKING

from ._auth import Auth
from ._client import AsyncCoze
from ._config import COZE_COM_BASE_URL
from ._portal import Portal
from ._retry import DEFAULT_MAX_RETRIES
from ._sse import DEFAULT_MAX_LINE_BYTES
from ._transport import Timeout

if TYPE_CHECKING:
    from .resources.apps import AppsClient
    from .resources.bots import BotsClient
    from .resources.chat import ChatClient
    from .resources.connectors import ConnectorsClient
    from .resources.conversations import ConversationsClient
    from .resources.files import FilesClient
    from .resources.folders import FoldersClient
    from .resources.templates import TemplatesClient
    from .resources.users import UsersClient
    from .resources.variables import VariablesClient
    from .resources.workflows import WorkflowsClient
    from .resources.workspaces import WorkspacesClient

__all__ = ["Coze"]

#: Sync clients with a running thread, closed at interpreter exit if their owner forgot.
_OPEN_CLIENTS: weakref.WeakSet[Coze] = weakref.WeakSet()


@atexit.register
def _close_forgotten_clients() -> None:
    # atexit runs while daemon threads still run, so the portals can still be stopped cleanly.
    for client in list(_OPEN_CLIENTS):
        client._close_unclosed()


class Coze:
    """The sync Coze client: the same parameters and resources as :class:`AsyncCoze`, blocking.

    Every call runs the async implementation in this client's own event-loop thread, so it also
    works where an event loop is already running (Jupyter, inside async code). Use
    ``with Coze(...) as coze:`` or call :meth:`close` to stop the thread and the connections.
    """

    def __init__(
        self,
        auth: Auth,
        base_url: str = COZE_COM_BASE_URL,
        *,
        timeout: Timeout | None = None,
        headers: Mapping[str, str] | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        ssl: SSLContext | bool = True,
        allow_insecure_http: bool = False,
        max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    ) -> None:
        # Built here, so bad arguments fail in the caller's thread; its HTTP session is created
        # lazily by the loop that first uses it, which is the portal's.
        self._client = AsyncCoze(
            auth,
            base_url,
            timeout=timeout,
            headers=headers,
            max_retries=max_retries,
            ssl=ssl,
            allow_insecure_http=allow_insecure_http,
            max_line_bytes=max_line_bytes,
        )
        self._portal = Portal()
        self._closed = False

    @cached_property
    def _async(self) -> AsyncCoze:
        _OPEN_CLIENTS.add(self)
        self._portal.call_sync(lambda: None)  # starts the portal thread
        return self._client

    @property
    def base_url(self) -> str:
        """The service address requests go to."""
        return self._client.base_url

    @cached_property
    def chat(self) -> ChatClient:
        """Chats with bots: ``create``, ``stream``, ``create_and_poll``, ``retrieve``, ..."""
        from .resources.chat import ChatClient

        return ChatClient(self._portal, self._async.chat)

    @cached_property
    def conversations(self) -> ConversationsClient:
        """Conversations and their messages."""
        from .resources.conversations import ConversationsClient

        return ConversationsClient(self._portal, self._async.conversations)

    @cached_property
    def bots(self) -> BotsClient:
        """Bots: create, update, publish, list."""
        from .resources.bots import BotsClient

        return BotsClient(self._portal, self._async.bots)

    @cached_property
    def files(self) -> FilesClient:
        """File uploads."""
        from .resources.files import FilesClient

        return FilesClient(self._portal, self._async.files)

    @cached_property
    def workflows(self) -> WorkflowsClient:
        """Workflows: runs, streams, histories, chat."""
        from .resources.workflows import WorkflowsClient

        return WorkflowsClient(self._portal, self._async.workflows)

    @cached_property
    def workspaces(self) -> WorkspacesClient:
        """Workspaces and their members."""
        from .resources.workspaces import WorkspacesClient

        return WorkspacesClient(self._portal, self._async.workspaces)

    @cached_property
    def users(self) -> UsersClient:
        """The current user."""
        from .resources.users import UsersClient

        return UsersClient(self._portal, self._async.users)

    @cached_property
    def variables(self) -> VariablesClient:
        """Bot and app variables."""
        from .resources.variables import VariablesClient

        return VariablesClient(self._portal, self._async.variables)

    @cached_property
    def templates(self) -> TemplatesClient:
        """Templates."""
        from .resources.templates import TemplatesClient

        return TemplatesClient(self._portal, self._async.templates)

    @cached_property
    def folders(self) -> FoldersClient:
        """Folders."""
        from .resources.folders import FoldersClient

        return FoldersClient(self._portal, self._async.folders)

    @cached_property
    def apps(self) -> AppsClient:
        """Apps and their collaborators."""
        from .resources.apps import AppsClient

        return AppsClient(self._portal, self._async.apps)

    @cached_property
    def connectors(self) -> ConnectorsClient:
        """Connectors."""
        from .resources.connectors import ConnectorsClient

        return ConnectorsClient(self._portal, self._async.connectors)

    def close(self) -> None:
        """Close the connections and stop the client's thread (idempotent)."""
        if self._closed:
            return
        self._closed = True
        _OPEN_CLIENTS.discard(self)
        if self._portal.running and "_async" in self.__dict__:
            self._portal.call(self._async.close)
        self._portal.stop()

    def __enter__(self) -> Coze:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _close_unclosed(self) -> None:
        warnings.warn(
            f"unclosed {self!r}: call close() or use 'with Coze(...)'",
            ResourceWarning,
            stacklevel=3,
        )
        # RuntimeError: collected on the portal's own thread, which cannot wait on itself;
        # the daemon thread then ends with the process.
        with contextlib.suppress(RuntimeError):
            self.close()

    def __del__(self) -> None:
        if getattr(self, "_closed", True) or not self._portal.running:
            return
        if sys.is_finalizing():
            # Too late to wait on the portal thread (the interpreter froze it): never hang.
            return
        self._close_unclosed()

    def __repr__(self) -> str:
        return f"Coze(base_url={self.base_url!r})"
