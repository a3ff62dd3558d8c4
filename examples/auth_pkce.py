"""Sign a user in with the PKCE OAuth flow, for apps that cannot keep a secret (mobile, desktop,
single-page): a fresh ``code_verifier`` per sign-in, of which the consent page only sees the
S256 challenge, proves that the code exchange comes from the app that started it. Async first,
then the same with the sync app.

Runs offline as is: the embedded emulator registers the app and approves the consent page at
once, and aiohttp plays the user's browser:

    python examples/auth_pkce.py

cozepy's counterpart: ``examples/auth_oauth_pkce.py``.
"""

from __future__ import annotations

import asyncio
import hmac
import secrets
from urllib.parse import parse_qs, urlsplit

import aiohttp

from coze_async import AsyncCoze, AsyncPKCEOAuthApp, Coze, PKCEOAuthApp, TokenAuth
from coze_async.emulator import Emulator

REDIRECT_URI = "http://127.0.0.1:8765/callback"  # e.g. a desktop app's local listener


async def browser(url: str) -> dict[str, str]:
    """The user's browser: opens the consent page (which the emulator approves at once) and is
    sent back to REDIRECT_URI. Returns the query the app's redirect handler would receive."""
    async with (
        aiohttp.ClientSession() as session,
        session.get(url, allow_redirects=False) as response,
    ):
        location = response.headers["Location"]
    return {name: values[0] for name, values in parse_qs(urlsplit(location).query).items()}


def check_state(callback: dict[str, str], state: str) -> str:
    """The ``state`` must be the one this sign-in sent; then the ``code`` is ours."""
    if not hmac.compare_digest(callback.get("state", ""), state):
        raise RuntimeError("state mismatch: this redirect is not from our sign-in")
    return callback["code"]


async def main_async(base_url: str, client_id: str) -> None:
    app = AsyncPKCEOAuthApp(client_id, base_url)
    code_verifier = secrets.token_urlsafe(48)  # kept by the app until the exchange
    state = secrets.token_urlsafe(16)
    url = app.get_oauth_url(REDIRECT_URI, code_verifier, state=state)  # S256 by default
    query = parse_qs(urlsplit(url).query)
    print(
        "[async] consent page with a",
        query["code_challenge_method"][0],
        "challenge; verifier in the URL:",
        code_verifier in url,
    )
    code = check_state(await browser(url), state)
    token = await app.get_access_token(REDIRECT_URI, code, code_verifier)
    async with AsyncCoze(TokenAuth(token.access_token), base_url) as coze:
        me = await coze.users.me()
        print("[async] signed in as", me.user_id, me.user_name)
    token = await app.refresh_access_token(token.refresh_token)
    print("[async] refreshed:", "new refresh token" if token.refresh_token else "none")


def main_sync(base_url: str, client_id: str) -> None:
    # The sync app runs its token requests in a thread of its own: close it (``with``).
    with PKCEOAuthApp(client_id, base_url) as app:
        code_verifier = secrets.token_urlsafe(48)
        state = secrets.token_urlsafe(16)
        url = app.get_oauth_url(REDIRECT_URI, code_verifier, state=state)
        code = check_state(asyncio.run(browser(url)), state)
        token = app.get_access_token(REDIRECT_URI, code, code_verifier)
        with Coze(TokenAuth(token.access_token), base_url) as coze:
            print("[sync] signed in as", coze.users.me().user_id)


def main() -> None:
    with Emulator.run_in_thread(strict=True) as emu:
        # On Coze: create a PKCE OAuth app in the console with this redirect URI.
        client_id = emu.register_oauth_app("pkce", redirect_uris=[REDIRECT_URI])
        print("PKCE app", client_id, "redirecting to", REDIRECT_URI)
        asyncio.run(main_async(emu.base_url, client_id))
        main_sync(emu.base_url, client_id)


if __name__ == "__main__":
    main()
