// npm ws against ./sluice server. usage: node ws_client.mjs HOST PORT NODE_ID RUNS
// Prints one JSON line per check: {"client":"ws","check":...,"ok":...}.
import { createHash, X509Certificate } from 'node:crypto';
import WebSocket from 'ws';
import { DATA, Inbox, RPC_MARKER, echoStreams, frame, rootSpkiSha256, rpcExchange } from './sluice.mjs';

const [host, port, nodeId, runs] = [process.argv[2], process.argv[3], process.argv[4], Number(process.argv[5])];
const url = `wss://${host}:${port}/sluice`;
const MAX_MESSAGE = 4 * 1024 * 1024;
const MAX_FRAME = 1024 * 1024;
const pin = await rootSpkiSha256(nodeId);

const report = (check, ok, details = {}) =>
  console.log(JSON.stringify({ client: 'ws', check, ok: Boolean(ok), ...details }));

/**
 * Opens a connection and pins the server: Node cannot verify an Ed25519 root itself, so chain
 * checks are off, and the root the server presented must hash to the NodeId's SPKI pin before
 * anything is sent.
 */
function connect() {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, ['sluice.v1'], { rejectUnauthorized: false, maxPayload: 0 });
    const inbox = new Inbox();
    ws.on('message', (data) => inbox.push(data));
    ws.on('close', (code, reason) => inbox.close(code, reason.toString()));
    ws.on('error', () => {});
    ws.once('open', () => {
      const root = ws._socket.getPeerCertificate(true).issuerCertificate;
      const spki = root && new X509Certificate(root.raw).publicKey.export({ type: 'spki', format: 'der' });
      const presented = spki && createHash('sha256').update(spki).digest('base64');
      if (presented !== pin) {
        ws.terminate();
        reject(new Error(`the server's root ${presented} does not prove NodeId ${nodeId}`));
        return;
      }
      resolve({ ws, inbox });
    });
    ws.once('unexpected-response', (req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.once('close', (code) => reject(new Error(`closed ${code} before opening`)));
  });
}

function closeOf(ws, inbox) {
  return new Promise((resolve) => {
    if (inbox.closed) resolve(inbox.closed);
    else ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
}

async function violation(name, message, expected) {
  const { ws, inbox } = await connect();
  ws.send(message);
  const { code, reason } = await closeOf(ws, inbox);
  report(`violation: ${name}`, code === expected, { code, reason });
}

async function oversized(size, label) {
  let seen = 0;
  for (let i = 0; i < runs; i++) {
    const { ws, inbox } = await connect();
    ws.send(Buffer.alloc(size));
    const { code } = await closeOf(ws, inbox);
    if (code === 1009) seen++;
  }
  report(`oversized message (${label})`, seen === runs, { seen1009: seen, runs });
}

{
  const { ws, inbox } = await connect();
  const ok = ws.protocol === 'sluice.v1' && await echoStreams((b) => ws.send(b), inbox, [1024 * 1024, 100000, 0]);
  report('echo, 3 streams, half-close, NodeId pinned', ok);
  const payload = Buffer.from('ws-ping');
  const pong = await new Promise((resolve) => { ws.once('pong', resolve); ws.ping(payload); });
  report('ping/pong', pong.equals(payload));
  ws.close(1000);
  const { code } = await closeOf(ws, inbox);
  report('close 1000', code === 1000, { code });
}
// The server's other route (impl/RPC.md): a stream whose first byte is 0x1E is a JSON-RPC call.
{
  const { ws, inbox } = await connect();
  const marked = (text) => new Uint8Array([RPC_MARKER, ...new TextEncoder().encode(text)]);
  const params = { a: [1, 'two', null], b: { c: true } };
  const call = await rpcExchange((b) => ws.send(b), inbox, 1,
    marked(JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'echo', params }) + '\n'));
  const answer = JSON.parse(call.text);
  report('JSON-RPC call: 0x1E, request, FIN; one result, FIN',
    answer.id === 7 && JSON.stringify(answer.result) === JSON.stringify(params) && call.stop === null,
    { answer: call.text.trim() });
  // The case random echo bytes once hit: the marker, then bytes that are not JSON.
  const bad = await rpcExchange((b) => ws.send(b), inbox, 3, marked('\x01binary'), true);
  const error = JSON.parse(bad.text);
  // a failed call ends its stream only: the connection carries on (it is closed with 1000 below)
  report('0x1E then not JSON: error -32700, FIN, STOP 0x52500003',
    error.id === null && error.error?.code === -32700 && bad.stop === 0x52500003 && bad.reset === null
      && inbox.closed === null && ws.readyState === WebSocket.OPEN,
    { answer: bad.text.trim(), stop: bad.stop === null ? null : `0x${bad.stop.toString(16).toUpperCase()}` });
  ws.close(1000);
  const { code } = await closeOf(ws, inbox);
  report('close 1000 after the failed call', code === 1000, { code });
}
await violation('text message', 'hello', 4000);
await violation('DATA before the opening CREDIT', frame(DATA, 1, new Uint8Array([1])), 4004);
await oversized(MAX_MESSAGE + 1, '4 MiB + 1');
await oversized(MAX_FRAME + 5, '1 MiB + 5');
process.exit(0);
