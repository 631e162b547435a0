"""Raw TLS sockets against ./sluice server: the upgrade refusals, a keep-alive timeout's close frame,
and an upgrade request that never completes.

usage: handshake.py HOST PORT ALLOWED_ORIGIN cases      -> one JSON line per handshake case
       handshake.py HOST PORT ALLOWED_ORIGIN keepalive  -> the close frame a silent peer gets
       handshake.py HOST PORT ALLOWED_ORIGIN trickle SECONDS
                                                         -> sends a header line every second, reports when the server closes
"""
import json
import socket
import ssl
import struct
import sys
import time

HOST, PORT, ORIGIN, MODE = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
GOOD_KEY = "dGhlIHNhbXBsZSBub25jZQ=="


def tls_socket(timeout=15):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # a raw probe: what it sends matters, not whom it trusts
    raw = socket.create_connection((HOST, PORT), timeout=timeout)
    return context.wrap_socket(raw)


def request(line="GET /sluice HTTP/1.1", host=True, version="13", key=GOOD_KEY, protocol="sluice.v1",
            upgrade=True, extra=()):
    head = [line]
    if host:
        head.append(f"Host: {HOST}:{PORT}")
    if upgrade:
        head += ["Upgrade: websocket", "Connection: Upgrade"]
    if key is not None:
        head.append(f"Sec-WebSocket-Key: {key}")
    if version is not None:
        head.append(f"Sec-WebSocket-Version: {version}")
    if protocol is not None:
        head.append(f"Sec-WebSocket-Protocol: {protocol}")
    head += list(extra)
    return ("\r\n".join(head) + "\r\n\r\n").encode("ascii")


CASES = [
    ("valid RFC 6455 upgrade", request(), 101),
    ("valid upgrade, allowed Origin", request(extra=[f"Origin: {ORIGIN}"]), 101),
    ("plain HTTP GET", request(upgrade=False, key=None, version=None, protocol=None), 426),
    ("no Sec-WebSocket-Version", request(version=None), 426),
    ("no version, with Origin (Hixie-75 shape)", request(version=None, key=None, protocol=None,
                                                         extra=[f"Origin: {ORIGIN}"]), 426),
    ("Hixie-76 keys, no version", request(version=None, key=None,
                                          extra=["Sec-WebSocket-Key1: 4 @1  46546xW%0l 1 5",
                                                 "Sec-WebSocket-Key2: 12998 5 Y3 1  .P00"]) + b"^n:ds[4U", 426),
    ("Sec-WebSocket-Version: 8", request(version="8"), 426),
    ("Sec-WebSocket-Version: 7", request(version="7"), 426),
    ("Sec-WebSocket-Version: 0", request(version="0"), 426),
    ("key not base64", request(key="not*base64*at*all*!!!!!="), 400),
    ("key of 15 bytes", request(key="MTIzNDU2Nzg5MDEyMzQ1"), 400),
    ("key of 17 bytes", request(key="MTIzNDU2Nzg5MDEyMzQ1Njc="), 400),
    ("empty key", request(key=""), 400),
    ("no key", request(key=None), 400),
    ("no Host", request(host=False), 400),
    ("HTTP/1.0 upgrade", request(line="GET /sluice HTTP/1.0"), 400),
    ("POST upgrade", request(line="POST /sluice HTTP/1.1"), 400),
    ("wrong path", request(line="GET /other HTTP/1.1"), 404),
    ("Origin not allowed", request(extra=["Origin: https://evil.example"]), 403),
    ("Origin null (opaque)", request(extra=["Origin: null"]), 403),
    ("no sluice.v1 subprotocol", request(protocol="chat"), 400),
]


def read_head(sock):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def run_case(name, payload, expected):
    sock = tls_socket()
    started = time.monotonic()
    sock.sendall(payload)
    head = read_head(sock)
    status_line = head.split(b"\r\n", 1)[0].decode("latin-1")
    status = int(status_line.split()[1]) if status_line.startswith("HTTP/") else 0
    headers = head.decode("latin-1").lower()
    closed_ms = None
    if status != 101:
        try:
            while sock.recv(4096):
                pass
            closed_ms = round((time.monotonic() - started) * 1000)
        except (ConnectionResetError, ssl.SSLError):
            closed_ms = round((time.monotonic() - started) * 1000)
        except socket.timeout:
            closed_ms = -1
    sock.close()
    version_header = "sec-websocket-version: 13" in headers
    ok = status == expected and (status == 101 or closed_ms >= 0)
    if expected == 426 and name != "plain HTTP GET":
        ok = ok and version_header  # a version refusal names the version spoken
    print(json.dumps({"check": "handshake", "case": name, "expected": expected, "status": status,
                      "versionHeader": version_header, "closedMs": closed_ms, "ok": ok}), flush=True)


def read_frame(sock, buffer):
    while True:
        if len(buffer) >= 2:
            length, offset = buffer[1] & 0x7F, 2
            if length == 126:
                length, offset = struct.unpack(">H", buffer[2:4])[0], 4
            elif length == 127:
                length, offset = struct.unpack(">Q", buffer[2:10])[0], 10
            if len(buffer) >= offset + length:
                opcode, payload = buffer[0] & 0x0F, bytes(buffer[offset:offset + length])
                del buffer[:offset + length]
                return opcode, payload
        chunk = sock.recv(65536)
        if not chunk:
            return None, b""
        buffer += chunk


def keepalive():
    """Upgrades, then never answers the server's pings: the server's keep-alive timeout must say why."""
    sock = tls_socket(timeout=30)
    sock.sendall(request())
    head = read_head(sock)
    buffer = bytearray(head.split(b"\r\n\r\n", 1)[1])
    started, pings = time.monotonic(), 0
    while True:
        opcode, payload = read_frame(sock, buffer)
        if opcode == 0x9:
            pings += 1
            continue
        break
    code = struct.unpack(">H", payload[:2])[0] if opcode == 0x8 and len(payload) >= 2 else None
    reason = payload[2:].decode("utf-8") if code else ""
    sock.close()
    print(json.dumps({"check": "keep-alive timeout close frame", "code": code, "reason": reason,
                      "pingsUnanswered": pings, "afterMs": round((time.monotonic() - started) * 1000),
                      "ok": code == 1011 and reason.startswith("keep-alive timeout: no frame for")}), flush=True)


def trickle(seconds):
    """An upgrade whose headers trickle in, one line a second, and never end."""
    sock = tls_socket(timeout=seconds + 30)
    started = time.monotonic()
    sock.sendall(b"GET /sluice HTTP/1.1\r\n")
    print(json.dumps({"check": "trickle started"}), flush=True)
    closed_after = None
    for i in range(seconds):
        try:
            sock.sendall(f"X-Trickle-{i}: {i}\r\n".encode("ascii"))
            sock.settimeout(1)
            if sock.recv(1) == b"":
                closed_after = time.monotonic() - started
                break
        except socket.timeout:
            continue
        except (OSError, ssl.SSLError):
            closed_after = time.monotonic() - started
            break
    print(json.dumps({"check": "never-completing upgrade", "closedAfterMs":
                      None if closed_after is None else round(closed_after * 1000)}), flush=True)


if MODE == "cases":
    for case in CASES:
        run_case(*case)
elif MODE == "keepalive":
    keepalive()
elif MODE == "trickle":
    trickle(int(sys.argv[5]))
