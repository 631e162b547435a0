"""Python websockets (Debian python3-websockets) against ./sluice server.

usage: python_client.py HOST PORT OVERSIZED_RUNS
Prints one JSON line per check: {"client":"python","check":...,"ok":...,...}.
"""
import asyncio
import json
import ssl
import sys

import websockets

from sluice_frames import DATA, credit, echo_streams, frame

HOST, PORT, RUNS = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
URL = f"wss://{HOST}:{PORT}/sluice"
MAX_MESSAGE = 4 * 1024 * 1024


def tls():
    # websockets cannot check an Ed25519 NodeId chain; the browser and ws clients pin it
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def report(check, ok, **details):
    print(json.dumps({"client": "python", "check": check, "ok": bool(ok), **details}), flush=True)


def connect():
    return websockets.connect(URL, ssl=tls(), subprotocols=["sluice.v1"], max_size=None,
                              ping_interval=None, close_timeout=10, open_timeout=10)


async def closed_with(ws, send):
    """Sends, then returns the close code and reason the server sent."""
    try:
        await send(ws)
        while True:
            await asyncio.wait_for(ws.recv(), 15)
    except websockets.ConnectionClosed as closed:
        return (closed.rcvd.code, closed.rcvd.reason) if closed.rcvd else (1006, "no close frame")


async def main():
    async with connect() as ws:
        ok = ws.subprotocol == "sluice.v1" and await echo_streams(ws, [1024 * 1024, 100_000, 0])
        report("echo, 3 streams, half-close", ok)
        pong = await ws.ping(b"python-ping")
        await asyncio.wait_for(pong, 5)
        report("ping/pong", True)
        await ws.close(1000)
        report("close 1000", ws.close_code == 1000, code=ws.close_code)

    async with connect() as ws:
        code, reason = await closed_with(ws, lambda w: w.send(frame(DATA, 2, b"x")))
        report("violation: DATA on an unopened server id", code == 4002, code=code, reason=reason)

    async with connect() as ws:
        code, reason = await closed_with(ws, lambda w: w.send(credit(1, 0)))
        report("violation: CREDIT of 0", code == 4001, code=code, reason=reason)

    seen = 0
    for _ in range(RUNS):
        async with connect() as ws:
            code, _ = await closed_with(ws, lambda w: w.send(bytes(MAX_MESSAGE + 1)))
            seen += code == 1009
    report("oversized message (4 MiB + 1)", seen == RUNS, seen1009=seen, runs=RUNS)


asyncio.run(main())
