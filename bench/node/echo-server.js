// Node `ws` echo server, a benchmark target beside the raw Netty controls: plain ws, or wss when
// SLUICE_BENCH_TLS_CERT and SLUICE_BENCH_TLS_KEY name PEM files (Node's https server with the
// certificate chain the raw wss control uses in the same run).
// Prints one JSON "ready" line on stdout; answers "heap" and "counters" on stdin; exits when
// stdin ends, so it never outlives the benchmark that spawned it.
'use strict';
const fs = require('fs');
const https = require('https');
const readline = require('readline');
const { WebSocketServer } = require('ws');

const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
const certFile = process.env.SLUICE_BENCH_TLS_CERT;
const keyFile = process.env.SLUICE_BENCH_TLS_KEY;
const tls = Boolean(certFile && keyFile);
const kind = tls ? 'node-wss' : 'node';
let bytesEchoed = 0;

const options = { path: '/echo', maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false };
let listener;
if (tls) {
  listener = https.createServer({
    cert: fs.readFileSync(certFile),
    key: fs.readFileSync(keyFile),
    minVersion: 'TLSv1.3',
  });
  options.server = listener;
} else {
  options.host = '127.0.0.1';
  options.port = 0;
}
const server = new WebSocketServer(options);

function ready(port) {
  const scheme = tls ? 'wss' : 'ws';
  emit({ event: 'ready', kind, url: `${scheme}://127.0.0.1:${port}/echo`, pid: process.pid, details: {} });
}

if (tls) {
  listener.listen(0, '127.0.0.1', () => ready(listener.address().port));
} else {
  server.on('listening', () => ready(server.address().port));
}

server.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => {
    bytesEchoed += data.length;
    socket.send(data, { binary: isBinary });
  });
  socket.on('error', () => socket.terminate());
});

const commands = readline.createInterface({ input: process.stdin });
commands.on('line', (line) => {
  const command = line.trim();
  if (command === 'heap') {
    if (typeof global.gc === 'function') {
      global.gc();
    }
    const usage = process.memoryUsage();
    emit({ event: 'heap', heapUsedBytes: usage.heapUsed, directUsedBytes: usage.external + usage.arrayBuffers,
      connections: server.clients.size });
  } else if (command === 'counters') {
    const cpu = process.cpuUsage();
    // V8 has no cumulative allocation counter: -1 says "unknown", and the figure is left out
    emit({ event: 'counters', cpuNanos: (cpu.user + cpu.system) * 1000, allocatedBytes: -1, bytesEchoed });
  } else if (command !== '') {
    emit({ event: 'error', message: `unknown command '${command}'; expected heap or counters` });
  }
});
commands.on('close', () => process.exit(0));

function emit(event) {
  process.stdout.write(JSON.stringify(event) + '\n');
}
