"""``Coze``: the sync root client. Runs an ``AsyncCoze`` on a private event loop (see
:class:`~coze_async._sync_layer.Portal`)."""

from __future__ import annotations

import atexit
import contextlib
import functools
import sys
import warnings
import weakref
from collections.abc import Mapping
from functools import cached_property
from ssl import SSLContext
from types import TracebackType
from typing import TYPE_CHECKING, Any

from ._auth import Auth
from ._client import AsyncCoze
from ._config import COZE_COM_BASE_URL
from ._errors import CozeInvalidArgumentTypeError
from ._http_client import HTTPClientOptions
from ._retry import DEFAULT_MAX_RETRIES
from ._sse import DEFAULT_MAX_LINE_BYTES
from ._sync_layer import Portal, SubResource
from ._timeout import TimeoutTypes
from .resources import ROOT_RESOURCES, load

if TYPE_CHECKING:
    from .resources.api_apps import APIAppsClient
    from .resources.apps import AppsClient
    from .resources.audio import AudioClient
    from .resources.benefit_limitations import BenefitLimitationsClient
    from .resources.benefits import BenefitsClient
    from .resources.bill_tasks import BillTasksClient
    from .resources.bots import BotsClient
    from .resources.chat import ChatClient
    from .resources.connectors import ConnectorsClient
    from .resources.conversations import ConversationsClient
    from .resources.datasets import DatasetsClient
    from .resources.enterprises import EnterprisesClient
    from .resources.files import FilesClient
    from .resources.folders import FoldersClient
    from .resources.knowledge import KnowledgeClient
    from .resources.templates import TemplatesClient
    from .resources.users import UsersClient
    from .resources.variables import VariablesClient
    from .resources.websockets import WebsocketsClient
    from .resources.workflows import WorkflowsClient
    from .resources.workspaces import WorkspacesClient

__all__ = ["Coze"]

#: Sync clients with a running thread, closed at interpreter exit if their owner forgot.
_OPEN_CLIENTS: weakref.WeakSet[Coze] = weakref.WeakSet()


@atexit.register
def _close_forgotten_clients() -> None:
    # atexit runs while daemon threads still run, so the portals can still be stopped cleanly.
    # Every client is closed even if a warning raises (warnings as errors).
    for client in list(_OPEN_CLIENTS):
        with contextlib.suppress(Warning):
            client._close_unclosed()


class Coze:
    """The sync Coze client: the same parameters and resources as :class:`AsyncCoze`, blocking.

    Every call runs the async implementation on this client's own event loop: in the calling
    thread when it runs no loop, else (and for good once several threads, async code or a
    websocket session need it) in a thread of the loop's own, so it also works where an event
    loop is already running (Jupyter, inside async code). Use ``with Coze(...) as coze:`` or call
    :meth:`close` to close the loop and the connections.
    ``http_client`` takes cozepy's ``SyncHTTPClient(timeout=..., limits=...)``; not an
    ``aiohttp.ClientSession``, which belongs to the event loop that made it, never this client's.
    """

    if TYPE_CHECKING:  # the families of ROOT_RESOURCES, built on first access
        chat: ChatClient
        conversations: ConversationsClient
        bots: BotsClient
        files: FilesClient
        workflows: WorkflowsClient
        workspaces: WorkspacesClient
        users: UsersClient
        variables: VariablesClient
        templates: TemplatesClient
        folders: FoldersClient
        apps: AppsClient
        connectors: ConnectorsClient
        websockets: WebsocketsClient
        datasets: DatasetsClient
        knowledge: KnowledgeClient
        api_apps: APIAppsClient
        enterprises: EnterprisesClient
        benefits: BenefitsClient
        benefit_limitations: BenefitLimitationsClient
        bill_tasks: BillTasksClient
        audio: AudioClient

    def __init__(
        self,
        auth: Auth,
        base_url: str = COZE_COM_BASE_URL,
        http_client: HTTPClientOptions | None = None,
        *,
        timeout: TimeoutTypes | None = None,
        headers: Mapping[str, str] | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        ssl: SSLContext | bool = True,
        allow_insecure_http: bool = False,
        max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    ) -> None:
        if http_client is not None and not isinstance(http_client, HTTPClientOptions):
            raise CozeInvalidArgumentTypeError(_foreign_http_client(http_client))
        # Built here, so bad arguments fail in the caller's thread; its HTTP session is created
        # lazily by the loop that first uses it, which is the portal's.
        self._client = AsyncCoze(
            auth,
            base_url,
            timeout=timeout,
            http_client=http_client,
            headers=headers,
            max_retries=max_retries,
            ssl=ssl,
            allow_insecure_http=allow_insecure_http,
            max_line_bytes=max_line_bytes,
        )
        self._portal = Portal(self._client.base_url, anchor=self._client)
        self._closed = False

    @cached_property
    def _async(self) -> AsyncCoze:
        _OPEN_CLIENTS.add(self)
        self._portal.call(_nothing)  # starts the portal thread
        return self._client

    @property
    def base_url(self) -> str:
        """The service address requests go to."""
        return self._client.base_url

    @property
    def _root(self) -> Coze:
        return self

    def close(self) -> None:
        """Close the connections and stop the client's thread (idempotent). Streams still being
        read, in any thread, end with :class:`CozeClientClosedError`; whatever else still runs
        in the client's loop is cancelled."""
        if self._closed:
            return
        self._closed = True
        _OPEN_CLIENTS.discard(self)
        if self._portal.in_loop_thread:
            # Collected on its own loop thread, which cannot wait on itself: close from there.
            self._portal.stop_soon(self._client.close)
            return
        try:
            if self._portal.running and "_async" in self.__dict__:
                self._portal.call(self._async.close, needs_server=False)
        finally:
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
        # Close first, warn after: with warnings as errors the warning raises.
        with contextlib.suppress(Exception):
            self.close()
        warnings.warn(
            f"unclosed {self!r}: call close() or use 'with Coze(...)'",
            ResourceWarning,
            stacklevel=3,
        )

    def __del__(self) -> None:
        if getattr(self, "_closed", True) or not self._portal.running:
            return
        if sys.is_finalizing():
            # Too late to wait on the portal thread (the interpreter froze it): never hang.
            return
        self._close_unclosed()

    def __repr__(self) -> str:
        return f"Coze(base_url={self.base_url!r})"


def _foreign_http_client(http_client: object) -> str:
    """Why ``http_client`` cannot serve a sync :class:`Coze`."""
    kind = f"{type(http_client).__module__}.{type(http_client).__name__}"
    if kind.startswith("aiohttp."):
        return (
            f"Coze cannot use an {kind}: a session belongs to the event loop that created it, and "
            "Coze runs its calls in an event loop of its own. Pass SyncHTTPClient(timeout=..., "
            "limits=...) for the settings, or use AsyncCoze(http_client=session) in your loop."
        )
    return (
        f"http_client must be a SyncHTTPClient(timeout=..., limits=...), not {kind} "
        "(coze_async does not use httpx: its SyncHTTPClient carries the timeout and limits)"
    )


async def _nothing() -> None:
    """Runs in the portal to start its thread."""


for _name in ROOT_RESOURCES:
    _family: SubResource[Any] = SubResource(
        functools.partial(load, _name, sync=True), ROOT_RESOURCES[_name][2]
    )
    _family.__set_name__(Coze, _name)
    setattr(Coze, _name, _family)
