"""Sign a user in with the device-code OAuth flow, for CLIs and devices without a browser: show
the user a code to enter on another device, then poll until they approve (or refuse). Async
first (polling does not block the event loop), then the same with the sync app.

Runs offline as is: the embedded emulator plays the user, approving a moment after the code is
shown (and refusing once, to show that case too):

    python examples/auth_device.py

cozepy's counterpart: ``examples/auth_oauth_device.py``.
"""

from __future__ import annotations

import asyncio
import threading

from coze_async import (
    AsyncCoze,
    AsyncDeviceOAuthApp,
    Coze,
    CozePKCEAuthError,
    DeviceOAuthApp,
    TokenAuth,
)
from coze_async.emulator import Emulator

USER_DELAY = 0.3  # seconds the emulated user takes to approve


async def main_async(emu: Emulator, client_id: str) -> None:
    app = AsyncDeviceOAuthApp(client_id, emu.base_url)
    code = await app.get_device_code()
    print(f"[async] open {code.verification_url} and enter {code.user_code}")
    # The user, on their phone, a moment later:
    asyncio.get_running_loop().call_later(USER_DELAY, emu.approve_device, code.user_code)
    # Polls every code.interval seconds until the user decides or the code expires.
    token = await app.get_access_token(code, poll=True)
    async with AsyncCoze(TokenAuth(token.access_token), emu.base_url) as coze:
        me = await coze.users.me()
        print("[async] approved: signed in as", me.user_id, me.user_name)

    code = await app.get_device_code()
    emu.deny_device(code.user_code)  # this time, the user refuses
    try:
        await app.get_access_token(code, poll=True)
    except CozePKCEAuthError as e:
        print(f"[async] code {code.user_code}: {e.error} (the user refused)")


def main_sync(emu: Emulator, client_id: str) -> None:
    # The sync app runs its requests (and its polling) in a thread of its own: close it (``with``).
    with DeviceOAuthApp(client_id, emu.base_url) as app:
        code = app.get_device_code()
        print(f"[sync] open {code.verification_url} and enter {code.user_code}")
        user = threading.Timer(USER_DELAY, emu.approve_device, (code.user_code,))
        user.start()
        token = app.get_access_token(code, poll=True)
        user.join()
        with Coze(TokenAuth(token.access_token), emu.base_url) as coze:
            print("[sync] approved: signed in as", coze.users.me().user_id)


def main() -> None:
    with Emulator.run_in_thread(strict=True) as emu:
        # On Coze: create a device OAuth app in the console. The emulator asks clients to poll
        # every 5 seconds by default; every second keeps this example quick.
        client_id = emu.register_oauth_app("device")
        emu.store.oauth.device_interval = 1
        print("device app", client_id)
        asyncio.run(main_async(emu, client_id))
        main_sync(emu, client_id)


if __name__ == "__main__":
    main()
