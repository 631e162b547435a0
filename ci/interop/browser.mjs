// Runs inside headless Chromium (served by chromium_client.mjs): the page's own WebSocket against ./sluice server.
import { Inbox, echoStreams } from './sluice.mjs';

function open(url) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, ['sluice.v1']);
    ws.binaryType = 'arraybuffer';
    const inbox = new Inbox();
    const closed = new Promise((done) => ws.addEventListener('close', (e) => {
      inbox.close(e.code, e.reason);
      done({ code: e.code, reason: e.reason });
    }));
    ws.addEventListener('message', (e) => inbox.push(e.data));
    ws.addEventListener('open', () => resolve({ ws, inbox, closed }));
    closed.then(({ code }) => reject(new Error(`closed ${code} before opening`)));
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

window.sluiceInterop = {
  async echo(url) {
    const { ws, inbox, closed } = await open(url);
    const ok = ws.protocol === 'sluice.v1' && await echoStreams((b) => ws.send(b), inbox, [1024 * 1024, 100000, 0]);
    ws.close(1000);
    return { ok, close: await closed };
  },
  /** Idle for longer than the server's keep-alive timeout: only the browser's pongs keep it open. */
  async idle(url, ms) {
    const { ws, inbox, closed } = await open(url);
    await sleep(ms);
    const stillOpen = ws.readyState === WebSocket.OPEN;
    const ok = stillOpen && await echoStreams((b) => ws.send(b), inbox, [1000]);
    ws.close(1000);
    return { ok, stillOpen, close: await closed };
  },
  async violation(url) {
    const { ws, closed } = await open(url);
    ws.send('hello');
    return closed;
  },
  async oversized(url, size, runs) {
    const codes = [];
    for (let i = 0; i < runs; i++) {
      const { ws, closed } = await open(url);
      ws.send(new Uint8Array(size));
      codes.push((await closed).code);
    }
    return codes;
  },
  /** A connection the browser or the server refuses: never opens, and how it ended. */
  async refused(url) {
    try {
      const { ws } = await open(url);
      ws.close(1000);
      return { opened: true };
    } catch (e) {
      return { opened: false, error: String(e.message) };
    }
  },
};
window.sluiceInteropReady = true;
