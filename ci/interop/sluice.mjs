// sluice.v1 stream frames (impl/PROTOCOL.md) and a stream echo check, for Node (ws) and the browser alike.
export const DATA = 0, CREDIT = 1, FIN = 2, RESET = 3, STOP = 4;
export const RPC_MARKER = 0x1e;
export const WINDOW = 256 * 1024;
const CHUNK = 16 * 1024;

export function frame(type, id, body = new Uint8Array(0)) {
  const out = new Uint8Array(5 + body.length);
  const view = new DataView(out.buffer);
  view.setUint8(0, type);
  view.setUint32(1, id);
  out.set(body, 5);
  return out;
}

export function credit(id, amount) {
  const body = new Uint8Array(4);
  new DataView(body.buffer).setUint32(0, amount);
  return frame(CREDIT, id, body);
}

export function parse(message) {
  const bytes = message instanceof ArrayBuffer ? new Uint8Array(message) : new Uint8Array(message.buffer,
    message.byteOffset, message.byteLength);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { type: view.getUint8(0), id: view.getUint32(1), body: bytes.subarray(5) };
}

/** The u32 a CREDIT, RESET or STOP body carries (increment or error code). */
export function bodyU32(body) {
  return new DataView(body.buffer, body.byteOffset, 4).getUint32(0);
}

/** The given byte arrays, one after another, in one array. */
function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) { out.set(part, at); at += part.length; }
  return out;
}

export function randomBytes(n) {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += 65536) crypto.getRandomValues(out.subarray(i, Math.min(n, i + 65536)));
  return out;
}

/**
 * Random bytes for a byte-echo stream. `./sluice server` takes a stream whose first byte is the RPC
 * marker 0x1E for a JSON-RPC call (impl/RPC.md), so an echo stream must start with any other byte:
 * left random, one stream in 256 would be answered as a malformed call.
 */
export function echoPayload(n) {
  const out = randomBytes(n);
  if (n > 0 && out[0] === RPC_MARKER) out[0] = 0;
  return out;
}

/** Messages of one WebSocket as a queue, and how it closed. */
export class Inbox {
  constructor() { this.queue = []; this.waiters = []; this.closed = null; }
  push(message) {
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve(message); else this.queue.push(message);
  }
  close(code, reason) {
    this.closed = { code, reason };
    for (const waiter of this.waiters.splice(0)) waiter.reject(new Error(`closed ${code} ${reason}`));
  }
  next(timeoutMs = 10000) {
    if (this.queue.length) return Promise.resolve(this.queue.shift());
    if (this.closed) return Promise.reject(new Error(`closed ${this.closed.code} ${this.closed.reason}`));
    return new Promise((resolve, reject) => {
      const waiter = { resolve, reject };
      this.waiters.push(waiter);
      setTimeout(() => {
        const at = this.waiters.indexOf(waiter);
        if (at >= 0) { this.waiters.splice(at, 1); reject(new Error(`no message within ${timeoutMs} ms`)); }
      }, timeoutMs);
    });
  }
}

/**
 * Opens one client stream per size (ids 1, 3, ...), sends that many random bytes within the
 * server's credit, half-closes each (FIN) and reads the echo until the server's FIN, granting credit
 * back as it reads. True when every stream came back byte-exact.
 */
export async function echoStreams(send, inbox, sizes) {
  const streams = new Map();
  sizes.forEach((size, index) => {
    const id = 2 * index + 1;
    streams.set(id, { out: echoPayload(size), sent: 0, credit: 0, got: [], ungranted: 0,
      fin: false, finSent: false });
    send(credit(id, WINDOW));
  });
  while (![...streams.values()].every((s) => s.fin)) {
    for (const [id, s] of streams) {
      while (s.sent < s.out.length && s.credit > 0) {
        const n = Math.min(CHUNK, s.credit, s.out.length - s.sent);
        send(frame(DATA, id, s.out.subarray(s.sent, s.sent + n)));
        s.sent += n;
        s.credit -= n;
      }
      if (s.sent === s.out.length && !s.finSent) {
        send(frame(FIN, id));
        s.finSent = true;
      }
    }
    const { type, id, body } = parse(await inbox.next());
    const s = streams.get(id);
    if (type === CREDIT) {
      s.credit += bodyU32(body);
    } else if (type === DATA) {
      s.got.push(body.slice());
      s.ungranted += body.length;
      if (s.ungranted >= WINDOW / 4) {
        send(credit(id, s.ungranted));
        s.ungranted = 0;
      }
    } else if (type === FIN) {
      s.fin = true;
    } else {
      const name = { [RESET]: 'RESET', [STOP]: 'STOP' }[type];
      const code = name && body.length >= 4 ? ` code 0x${bodyU32(body).toString(16).padStart(8, '0')}` : '';
      throw new Error(`unexpected ${name ?? `frame type ${type}`}${code} on stream ${id} `
        + '(impl/PROTOCOL.md names the codes; 0x5250xxxx are RPC\'s, impl/RPC.md)');
    }
  }
  for (const s of streams.values()) {
    const got = concat(s.got);
    if (got.length !== s.out.length || got.some((b, i) => b !== s.out[i])) return false;
  }
  return true;
}

/**
 * The SHA-256 of the SubjectPublicKeyInfo of a node's root certificate, base64: what Chromium's
 * --ignore-certificate-errors-spki-list pins. A NodeId is the root's Ed25519 public key (base32hex,
 * prefix "v"), and an Ed25519 SPKI is a fixed 12-byte DER prefix and that key, so the NodeId alone
 * names the pin.
 */
export async function rootSpkiSha256(nodeId) {
  if (!/^v[0-9a-v]{52}$/.test(nodeId)) throw new Error(`not a NodeId: ${nodeId}`);
  const key = new Uint8Array(32);
  let bits = 0, value = 0, at = 0;
  for (const c of nodeId.slice(1)) {
    value = (value << 5) | parseInt(c, 32);
    bits += 5;
    if (bits >= 8 && at < 32) { key[at++] = (value >> (bits - 8)) & 0xff; bits -= 8; }
    value &= (1 << bits) - 1;
  }
  const spki = new Uint8Array([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00, ...key]);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', spki));
  return btoa(String.fromCharCode(...digest));
}

/**
 * One stream opened by the client (id), used as the server's JSON-RPC route does: waits for the
 * server's opening CREDIT, sends `bytes` (the caller puts the 0x1E marker first) and FIN, then reads
 * until the server's FIN, and until its STOP or RESET as well when `expectAbort` (a rejected call
 * ends both ways; the order of FIN and STOP is not fixed). Returns the text the server wrote and the
 * abort frames seen, by type name: { text, stop, reset } (codes, or null).
 */
export async function rpcExchange(send, inbox, id, bytes, expectAbort = false) {
  send(credit(id, WINDOW));
  let granted = 0, sent = false, fin = false, stop = null, reset = null;
  const got = [];
  while (!fin || (expectAbort && stop === null && reset === null)) {
    if (!sent && granted >= bytes.length) {
      send(frame(DATA, id, bytes));
      send(frame(FIN, id));
      sent = true;
    }
    const { type, id: on, body } = parse(await inbox.next());
    if (on !== id) throw new Error(`frame type ${type} on stream ${on}; only stream ${id} is open`);
    const code = body.length >= 4 ? bodyU32(body) : null;
    if (type === CREDIT) granted += code;
    else if (type === DATA) got.push(body.slice());
    else if (type === FIN) fin = true;
    else if (type === STOP) stop = code;
    else if (type === RESET) { reset = code; fin = true; }
    else throw new Error(`unknown frame type ${type} on stream ${id}`);
  }
  return { text: new TextDecoder().decode(concat(got)), stop, reset };
}
