"""``AsyncCoze``: the async root client. Owns the transport; hands out resources lazily."""

from __future__ import annotations

from collections.abc import Mapping
from ssl import SSLContext
from types import TracebackType
from typing import TYPE_CHECKING, Any, overload

import aiohttp

from ._auth import Auth, check_auth
from ._config import COZE_COM_BASE_URL
from ._errors import CozeInvalidArgumentError, CozeInvalidArgumentTypeError
from ._http_client import HTTPClientOptions
from ._retry import DEFAULT_MAX_RETRIES
from ._sse import DEFAULT_MAX_LINE_BYTES
from ._timeout import TimeoutTypes
from ._transport import Transport
from .resources import ROOT_RESOURCES, load

if TYPE_CHECKING:
    from .resources.api_apps import AsyncAPIAppsClient
    from .resources.apps import AsyncAppsClient
    from .resources.audio import AsyncAudioClient
    from .resources.benefit_limitations import AsyncBenefitLimitationsClient
    from .resources.benefits import AsyncBenefitsClient
    from .resources.bill_tasks import AsyncBillTasksClient
    from .resources.bots import AsyncBotsClient
    from .resources.chat import AsyncChatClient
    from .resources.connectors import AsyncConnectorsClient
    from .resources.conversations import AsyncConversationsClient
    from .resources.datasets import AsyncDatasetsClient
    from .resources.enterprises import AsyncEnterprisesClient
    from .resources.files import AsyncFilesClient
    from .resources.folders import AsyncFoldersClient
    from .resources.knowledge import AsyncKnowledgeClient
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
    ``timeout`` is the default for every call, overridable per call with ``timeout=``: seconds
    (the limit of each network wait: connecting, each read, a stream's gap between events) or a
    ``Timeout`` (with an optional ``total`` spanning retries); by default 5 s to connect, 600 s
    per read, 120 s between a stream's reads (see ``Timeout``).
    ``max_retries`` (2) retries failed requests where that is safe (see docs/reliability.md),
    overridable per call with ``max_retries=``. TLS certificates are verified; ``ssl`` takes an
    ``ssl.SSLContext`` (e.g. a private CA). The token is never sent over plain ``http://`` except
    to a loopback address, unless ``allow_insecure_http=True``. A stream line longer than
    ``max_line_bytes`` (16 MiB) raises instead of buffering. ``http_client`` takes cozepy's
    ``AsyncHTTPClient(timeout=..., limits=...)`` (the timeout, and the connection pool's
    ``Limits``; ``DEFAULT_CONNECTION_LIMITS`` otherwise), or an ``aiohttp.ClientSession`` of your
    own (it is then yours to close, and its own pool and timeouts apply). Use ``async with
    AsyncCoze(...) as coze:`` or ``await coze.close()``.
    """

    if TYPE_CHECKING:  # the families of ROOT_RESOURCES, built on first access
        chat: AsyncChatClient
        conversations: AsyncConversationsClient
        bots: AsyncBotsClient
        files: AsyncFilesClient
        workflows: AsyncWorkflowsClient
        workspaces: AsyncWorkspacesClient
        users: AsyncUsersClient
        variables: AsyncVariablesClient
        templates: AsyncTemplatesClient
        folders: AsyncFoldersClient
        apps: AsyncAppsClient
        connectors: AsyncConnectorsClient
        datasets: AsyncDatasetsClient
        knowledge: AsyncKnowledgeClient
        api_apps: AsyncAPIAppsClient
        enterprises: AsyncEnterprisesClient
        benefits: AsyncBenefitsClient
        benefit_limitations: AsyncBenefitLimitationsClient
        bill_tasks: AsyncBillTasksClient
        audio: AsyncAudioClient

    def __init__(
        self,
        auth: Auth,
        base_url: str = COZE_COM_BASE_URL,
        http_client: aiohttp.ClientSession | HTTPClientOptions | None = None,
        *,
        timeout: TimeoutTypes | None = None,
        headers: Mapping[str, str] | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        ssl: SSLContext | bool = True,
        allow_insecure_http: bool = False,
        max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    ) -> None:
        check_auth(auth)
        self._auth = auth
        session, limits = None, None
        if isinstance(http_client, HTTPClientOptions):
            if timeout is not None and http_client.timeout_given:
                raise CozeInvalidArgumentError(
                    "pass the timeout once: timeout= or http_client's, not both"
                )
            if http_client.timeout_given:
                timeout = http_client.timeout
            limits = http_client.limits
        elif http_client is not None:
            session = _session(http_client)
        self._transport = Transport(
            auth=auth,
            base_url=base_url,
            timeout=timeout,
            http_client=session,
            limits=limits,
            headers=headers,
            max_retries=max_retries,
            ssl=ssl,
            allow_insecure_http=allow_insecure_http,
            max_line_bytes=max_line_bytes,
            owner=f"AsyncCoze(base_url={base_url.rstrip('/')!r})",
        )

    @property
    def base_url(self) -> str:
        """The service address requests go to."""
        return self._transport.base_url

    @property
    def auth(self) -> Auth:
        """The authentication in use."""
        return self._auth

    async def close(self) -> None:
        """Close the HTTP session (idempotent), ending the streams still open first (their
        readers get :class:`CozeClientClosedError`). A session passed as ``http_client`` stays
        open."""
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

    def __repr__(self) -> str:
        return f"AsyncCoze(base_url={self.base_url!r})"


def _session(http_client: object) -> aiohttp.ClientSession:
    """``http_client`` when it is an ``aiohttp.ClientSession``; anything else is refused."""
    if isinstance(http_client, aiohttp.ClientSession):
        return http_client
    raise CozeInvalidArgumentTypeError(
        "http_client must be an AsyncHTTPClient(timeout=..., limits=...) or an "
        f"aiohttp.ClientSession, not {type(http_client).__module__}.{type(http_client).__name__}"
        " (coze_async does not use httpx: its AsyncHTTPClient carries the timeout and limits)"
    )


class _Family:
    """A root attribute of :data:`ROOT_RESOURCES`: the family's async client, built on first
    access and cached on the instance; on the class, the client class itself."""

    def __init__(self, name: str) -> None:
        self._name = name
        self.__doc__ = ROOT_RESOURCES[name][2]

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> type: ...
    @overload
    def __get__(self, obj: AsyncCoze, owner: type | None = None) -> Any: ...
    def __get__(self, obj: AsyncCoze | None, owner: type | None = None) -> Any:
        cls = load(self._name, sync=False)
        if obj is None:
            return cls
        value = obj.__dict__[self._name] = cls(obj._transport)
        return value


for _name in ROOT_RESOURCES:
    setattr(AsyncCoze, _name, _Family(_name))
