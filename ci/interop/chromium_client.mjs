// Headless Chromium (Debian chromium, driven by playwright-core) against ./sluice server.
// usage: node chromium_client.mjs HOST PORT NODE_ID RUNS IDLE_MS
// The browser trusts the server only through the NodeId: its root's SPKI hash is the one pin given
// with --ignore-certificate-errors-spki-list; no blanket certificate bypass. A second browser with a
// wrong pin must fail to connect. Prints one JSON line per check.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { rootSpkiSha256 } from './sluice.mjs';

const [host, port, nodeId, runs, idleMs] = [process.argv[2], process.argv[3], process.argv[4],
  Number(process.argv[5]), Number(process.argv[6])];
const url = `wss://${host}:${port}/sluice`;
const here = dirname(fileURLToPath(import.meta.url));
/**
 * The pages' origins, served from memory by the route below (nothing listens there). The server lists
 * the first with --allow-origin. Both are secure contexts (loopback), as Chromium's Local Network
 * Access asks of a page that opens a connection to a loopback server.
 */
const ALLOWED_ORIGIN = 'http://localhost:8123';
const OTHER_ORIGIN = 'http://127.0.0.1:8123';
const MAX_MESSAGE = 4 * 1024 * 1024;

const report = (check, ok, details = {}) =>
  console.log(JSON.stringify({ client: 'chromium', check, ok: Boolean(ok), ...details }));

async function withBrowser(pin, body) {
  const profile = mkdtempSync(join(tmpdir(), 'sluice-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--ignore-certificate-errors-spki-list=${pin}`],
  });
  try {
    // Chromium's Local Network Access asks the user before a page reaches a loopback server; the
    // test grants it per origin, as a user would.
    for (const origin of [ALLOWED_ORIGIN, OTHER_ORIGIN]) {
      await browser.grantPermissions(['local-network-access'], { origin });
    }
    await browser.route((u) => u.origin === ALLOWED_ORIGIN || u.origin === OTHER_ORIGIN, (route) => {
      const path = new URL(route.request().url()).pathname;
      const files = { '/': ['index.html', 'text/html'], '/browser.mjs': ['browser.mjs', 'text/javascript'],
        '/sluice.mjs': ['sluice.mjs', 'text/javascript'] };
      const file = files[path];
      if (!file) return route.fulfill({ status: 404, body: 'not found' });
      const body = file[0] === 'index.html'
        ? '<!doctype html><title>sluice interop</title><script type="module" src="/browser.mjs"></script>'
        : readFileSync(join(here, file[0]));
      return route.fulfill({ status: 200, contentType: file[1], body });
    });
    return await body(browser);
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

async function page(browser, origin) {
  const p = await browser.newPage();
  await p.goto(`${origin}/`);
  await p.waitForFunction(() => window.sluiceInteropReady === true);
  return p;
}

const pin = await rootSpkiSha256(nodeId);
await withBrowser(pin, async (browser) => {
  const p = await page(browser, ALLOWED_ORIGIN);
  const echo = await p.evaluate((u) => window.sluiceInterop.echo(u), url);
  report('echo, 3 streams, half-close, root pinned by SPKI', echo.ok && echo.close.code === 1000, echo);
  const idle = await p.evaluate(([u, ms]) => window.sluiceInterop.idle(u, ms), [url, idleMs]);
  report(`ping/pong: idle ${idleMs} ms past the server's keep-alive timeout`, idle.ok, idle);
  const violation = await p.evaluate((u) => window.sluiceInterop.violation(u), url);
  report('violation: text message', violation.code === 4000, violation);
  const codes = await p.evaluate(([u, size, n]) => window.sluiceInterop.oversized(u, size, n), [url, MAX_MESSAGE + 1, runs]);
  const seen = codes.filter((c) => c === 1009).length;
  report('oversized message (4 MiB + 1)', seen === runs, { seen1009: seen, runs, codes });
  const other = await page(browser, OTHER_ORIGIN);
  const refused = await other.evaluate((u) => window.sluiceInterop.refused(u), url);
  report(`page of an origin not allowed (${OTHER_ORIGIN}) is refused`, !refused.opened, refused);
});
await withBrowser('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', async (browser) => {
  const p = await page(browser, ALLOWED_ORIGIN);
  const refused = await p.evaluate((u) => window.sluiceInterop.refused(u), url);
  report('a wrong SPKI pin: the browser refuses the server', !refused.opened, refused);
});
