"""Prints the interop suite's tables from the JSON lines under OUT and exits 1 unless every check held.

usage: summary.py OUT RUNS BROWSER_RUNS
"""
import json
import pathlib
import sys

out, runs, browser_runs = pathlib.Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
failures = []


def lines(name):
    path = out / name
    return [json.loads(l) for l in path.read_text().splitlines() if l.strip().startswith("{")] if path.exists() else []


def check(ok, what):
    if not ok:
        failures.append(what)
    return "ok" if ok else "FAILED"


print("\n== upgrade handshake (raw TLS sockets, Python ssl)")
print(f"{'case':44} {'expected':>8} {'observed':>8} {'closed after':>12}  result")
handshakes = lines("handshake.jsonl")
for h in handshakes:
    closed = "-" if h["closedMs"] is None else f"{h['closedMs']} ms"
    extra = " (+ Sec-WebSocket-Version: 13)" if h["versionHeader"] else ""
    print(f"{h['case']:44} {h['expected']:>8} {h['status']:>8} {closed:>12}  {check(h['ok'], h['case'])}{extra}")
check(len(handshakes) >= 20, "every handshake case ran")

print("\n== client checks")
results = lines("python.jsonl") + lines("ws.jsonl") + lines("chromium.jsonl")
for r in results:
    details = {k: v for k, v in r.items() if k in ("code", "reason", "seen1009", "runs")}
    print(f"{r['client']:9} {r['check']:66} {check(r['ok'], r['client'] + ': ' + r['check'])}  "
          f"{json.dumps(details) if details else ''}")
for client, expected in (("python", 6), ("ws", 10), ("chromium", 6)):
    check(sum(r["client"] == client for r in results) == expected, f"{client}: all {expected} checks reported")

print("\n== oversized messages: close code 1009 seen")
for r in results:
    if "seen1009" in r:
        print(f"{r['client']:9} {r['check']:32} {r['seen1009']}/{r['runs']}")

print("\n== liveness and never-completing upgrades")
for k in lines("keepalive.jsonl"):
    print(f"silent peer: close {k['code']} \"{k['reason']}\" after {k['afterMs']} ms  {check(k['ok'], 'keep-alive close')}")
trickle = [t for t in lines("trickle.jsonl") if t["check"] == "never-completing upgrade"]
closed = trickle[0]["closedAfterMs"] if trickle else None
print(f"headers trickling in: closed after {closed} ms (upgrade timeout 10000 ms)  "
      f"{check(closed is not None and 9000 <= closed <= 13000, 'trickle closed at the upgrade timeout')}")
stops = {s["server"]: s for s in lines("stop.jsonl")}
stopped = {name: [e for e in lines(f"{name}.out") if e.get("event") == "stopped"] for name in ("main", "trickle")}
for name, stop in stops.items():
    graceful = bool(stopped[name]) and stopped[name][0]["graceful"] is True
    print(f"SIGTERM to the {name} server: exit {stop['exitCode']} after {stop['seconds']} s, graceful={graceful}  "
          f"{check(stop['exitCode'] == 0 and graceful and stop['seconds'] <= 6, name + ' graceful stop')}")
mid = [t for t in lines("trickle-sigterm.jsonl") if t["check"] == "never-completing upgrade"]
mid_closed = mid[0]["closedAfterMs"] if mid else None
print(f"trickling request during that SIGTERM: closed after {mid_closed} ms  "
      f"{check(mid_closed is not None and mid_closed < 9000, 'trickle closed by the stop')}")

print("\n== the server's own record")
events = [e for e in lines("main.out") if e.get("event") == "closed"]
violations = [e for e in events if e.get("code") in (1002, 1007, 1009) or 4000 <= e.get("code", 0) <= 4999]
wrong = [e for e in violations if e["cause"] != "protocol-violation" or e.get("byPeer")]
expected_violations = 2 + runs + 2 + 2 * runs + 1 + browser_runs
print(f"closed events with a violation code: {len(violations)}, all cause protocol-violation: {not wrong}  "
      f"{check(not wrong and len(violations) == expected_violations, 'violation events')}")
log = (out / "main.err").read_text().splitlines() + (out / "trickle.err").read_text().splitlines()
traces = [l for l in log if l.startswith("\tat ") or l.startswith("Caused by")]
refused = [l for l in log if "upgrade refused with" in l]
expected_refusals = sum(h["expected"] != 101 for h in handshakes) + 1  # + the browser page of another origin
print(f"server log: {len(refused)} refusal lines for {expected_refusals} refusals, {len(traces)} stack trace lines  "
      f"{check(len(refused) == expected_refusals and not traces, 'refusal log lines')}")
print(f"server log: never-completing upgrade lines: {sum('no complete upgrade request' in l for l in log)}")

print()
if failures:
    print(f"interop: {len(failures)} FAILED: " + "; ".join(failures))
    sys.exit(1)
print("interop: all checks hold")
