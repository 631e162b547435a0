"""sluice.v1 stream frames (impl/PROTOCOL.md) and a small stream echo check, shared by the Python clients."""
import asyncio
import os
import struct

DATA, CREDIT, FIN, RESET, STOP = 0, 1, 2, 3, 4
WINDOW = 256 * 1024
RPC_MARKER = 0x1E  # the first byte of a JSON-RPC stream (impl/RPC.md)


def frame(kind, stream_id, body=b""):
    return struct.pack(">BI", kind, stream_id) + body


def credit(stream_id, amount):
    return frame(CREDIT, stream_id, struct.pack(">I", amount))


def parse(message):
    kind, stream_id = struct.unpack(">BI", message[:5])
    return kind, stream_id, message[5:]


def echo_payload(size):
    """Random bytes for a byte-echo stream. `./sluice server` takes a stream whose first byte is the
    RPC marker 0x1E for a JSON-RPC call (impl/RPC.md), so an echo stream must start with any other
    byte: left random, one stream in 256 would be answered as a malformed call."""
    out = bytearray(os.urandom(size))
    if out and out[0] == RPC_MARKER:
        out[0] = 0
    return bytes(out)


async def echo_streams(ws, sizes):
    """Opens one client stream per size (ids 1, 3, ...), sends that many random bytes within the
    server's credit, half-closes (FIN), reads the echo until the server's FIN while granting credit
    back, and returns True when every stream came back byte-exact."""
    streams = {}
    for index, size in enumerate(sizes):
        sid = 2 * index + 1
        streams[sid] = {"out": echo_payload(size), "sent": 0, "credit": 0, "got": bytearray(),
                        "ungranted": 0, "fin": False, "fin_sent": False}
        await ws.send(credit(sid, WINDOW))
    while not all(s["fin"] for s in streams.values()):
        for sid, s in streams.items():
            while s["sent"] < len(s["out"]) and s["credit"] > 0:
                n = min(16 * 1024, s["credit"], len(s["out"]) - s["sent"])
                await ws.send(frame(DATA, sid, s["out"][s["sent"]:s["sent"] + n]))
                s["sent"] += n
                s["credit"] -= n
            if s["sent"] == len(s["out"]) and not s["fin_sent"]:
                await ws.send(frame(FIN, sid))
                s["fin_sent"] = True
        kind, sid, body = parse(await asyncio.wait_for(ws.recv(), 10))
        s = streams[sid]
        if kind == CREDIT:
            s["credit"] += struct.unpack(">I", body)[0]
        elif kind == DATA:
            s["got"] += body
            s["ungranted"] += len(body)
            if s["ungranted"] >= WINDOW // 4:
                await ws.send(credit(sid, s["ungranted"]))
                s["ungranted"] = 0
        elif kind == FIN:
            s["fin"] = True
        else:
            names = {RESET: "RESET", STOP: "STOP"}
            detail = f" code 0x{struct.unpack('>I', body[:4])[0]:08X}" if kind in names and len(body) >= 4 else ""
            raise AssertionError(f"unexpected {names.get(kind, f'frame type {kind}')}{detail} on stream {sid} "
                                 f"(impl/PROTOCOL.md names the codes; 0x5250xxxx are RPC's, impl/RPC.md)")
    return all(bytes(s["got"]) == s["out"] for s in streams.values())
