"""Sign a user in with the Web OAuth flow (a web app with a client secret): send them to the
consent page, check the ``state`` and exchange the ``code`` your redirect URI receives, call the
API with the access token, then refresh it. Async first, then the same with the sync app.

Runs offline as is: the embedded emulator registers the app and approves the consent page at
once, and aiohttp plays the user's browser:

    python examples/auth_web.py

cozepy's counterpart: ``examples/auth_oauth_web.py``.
"""

from __future__ import annotations

import asyncio
import hmac
import secrets
from urllib.parse import parse_qs, urlsplit

import aiohttp

from coze_async import AsyncCoze, AsyncWebOAuthApp, Coze, TokenAuth, WebOAuthApp
from coze_async.emulator import Emulator

REDIRECT_URI = "https://app.example/oauth/callback"


async def browser(url: str) -> dict[str, str]:
    """The user's browser: opens the consent page (which the emulator approves at once) and is
    sent back to REDIRECT_URI. Returns the query your redirect handler would receive."""
    async with (
        aiohttp.ClientSession() as session,
        session.get(url, allow_redirects=False) as response,
    ):
        location = response.headers["Location"]
    return {name: values[0] for name, values in parse_qs(urlsplit(location).query).items()}


def check_state(callback: dict[str, str], state: str) -> str:
    """In your redirect handler: the ``state`` must be the one this sign-in sent (against
    request forgery); then the ``code`` is yours to exchange."""
    if not hmac.compare_digest(callback.get("state", ""), state):
        raise RuntimeError("state mismatch: this redirect is not from our sign-in")
    return callback["code"]


async def main_async(base_url: str, client_id: str, client_secret: str) -> None:
    app = AsyncWebOAuthApp(client_id, client_secret, base_url)
    state = secrets.token_urlsafe(16)  # keep it in the user's session until the redirect
    url = app.get_oauth_url(REDIRECT_URI, state=state)
    print("[async] send the user to", url.split("?")[0])
    code = check_state(await browser(url), state)
    token = await app.get_access_token(REDIRECT_URI, code)
    async with AsyncCoze(TokenAuth(token.access_token), base_url) as coze:
        me = await coze.users.me()
        print("[async] signed in as", me.user_id, me.user_name)
    # Before the access token expires: a new pair (the old refresh token stops working).
    token = await app.refresh_access_token(token.refresh_token)
    async with AsyncCoze(TokenAuth(token.access_token), base_url) as coze:
        print("[async] refreshed, still", (await coze.users.me()).user_id)


def main_sync(base_url: str, client_id: str, client_secret: str) -> None:
    # The sync app runs its token requests in a thread of its own: close it (``with``).
    with WebOAuthApp(client_id, client_secret, base_url) as app:
        state = secrets.token_urlsafe(16)
        url = app.get_oauth_url(REDIRECT_URI, state=state)
        code = check_state(asyncio.run(browser(url)), state)
        token = app.get_access_token(REDIRECT_URI, code)
        with Coze(TokenAuth(token.access_token), base_url) as coze:
            print("[sync] signed in as", coze.users.me().user_id)
        token = app.refresh_access_token(token.refresh_token)
        print("[sync] refreshed:", "new refresh token" if token.refresh_token else "none")


def main() -> None:
    with Emulator.run_in_thread(strict=True) as emu:
        # On Coze: create a web OAuth app in the console with this redirect URI.
        client_id = emu.register_oauth_app("web", redirect_uris=[REDIRECT_URI])
        client_secret = emu.store.oauth.apps[client_id].client_secret
        assert client_secret is not None
        print("web app", client_id, "redirecting to", REDIRECT_URI)
        asyncio.run(main_async(emu.base_url, client_id, client_secret))
        main_sync(emu.base_url, client_id, client_secret)


if __name__ == "__main__":
    main()
