"""Authenticate a server with the JWT OAuth flow: the app signs a short JWT with its private key
and trades it for an access token; no user is involved. Shows a token asked for by hand
(limited to chatting with one bot), then JWTAuth, which fetches and renews tokens by itself,
with the async client and then the sync one.

Needs the jwt extra: ``pip install 'coze-async[jwt]'``. Runs offline as is: it makes an RSA key
pair and registers the public key with the embedded emulator, as you would in the Coze console:

    python examples/auth_jwt.py

cozepy's counterpart: ``examples/auth_oauth_jwt.py``.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from coze_async import (
    AsyncCoze,
    AsyncJWTAuth,
    AsyncJWTOAuthApp,
    ChatEventType,
    Coze,
    JWTAuth,
    JWTOAuthApp,
    Message,
    Scope,
)
from coze_async.emulator import ECHO_BOT_ID, Emulator

PUBLIC_KEY_ID = "example-key-1"


def new_key_pair() -> tuple[str, str]:
    """A new RSA key pair as PEM: (private, public). On Coze, the console makes the pair (or
    takes your public key) and gives the public key its id; the private key stays with you."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private, public.decode()


def expires(expires_in: int) -> str:
    # Coze sends the Unix time at which the token expires.
    return datetime.fromtimestamp(expires_in, timezone.utc).strftime("%H:%M:%S UTC")


async def main_async(base_url: str, client_id: str, private_key: str) -> None:
    app = AsyncJWTOAuthApp(client_id, private_key, PUBLIC_KEY_ID, base_url)
    # A token by hand: valid 15 minutes, for chatting with one bot only (no refresh token:
    # ask for another one).
    token = await app.get_access_token(ttl=900, scope=Scope.build_bot_chat([ECHO_BOT_ID]))
    print("[async] a token for bot", ECHO_BOT_ID, "until", expires(token.expires_in))

    # Usually: let AsyncJWTAuth fetch a token on the first request and renew it before it expires.
    auth = AsyncJWTAuth(oauth_app=app, scope=Scope.build_bot_chat([ECHO_BOT_ID]))
    async with AsyncCoze(auth, base_url) as coze:
        me = await coze.users.me()
        print("[async] JWTAuth calls as", me.user_id, me.user_name)
        answer = ""
        async with coze.chat.stream(
            bot_id=ECHO_BOT_ID,
            user_id="example-user",
            additional_messages=[Message.build_user_question_text("Hello from a JWT app")],
        ) as stream:
            async for event in stream:
                if event.event is ChatEventType.CONVERSATION_MESSAGE_DELTA and event.message:
                    answer += event.message.content
        print("[async] the bot answered:", answer)


def main_sync(base_url: str, client_id: str, private_key: str) -> None:
    # The sync app runs its token requests in a thread of its own: close it (``with``).
    with (
        JWTOAuthApp(client_id, private_key, PUBLIC_KEY_ID, base_url) as app,
        Coze(JWTAuth(oauth_app=app), base_url) as coze,
    ):
        me = coze.users.me()
        print("[sync] JWTAuth calls as", me.user_id, me.user_name)


def main() -> None:
    private_key, public_key = new_key_pair()
    with Emulator.run_in_thread(strict=True) as emu:
        client_id = emu.register_oauth_app(
            "jwt", public_key=public_key, public_key_id=PUBLIC_KEY_ID
        )
        print("JWT app", client_id, "with public key", PUBLIC_KEY_ID)
        asyncio.run(main_async(emu.base_url, client_id, private_key))
        main_sync(emu.base_url, client_id, private_key)


if __name__ == "__main__":
    main()
