// Node `ws` echo server, a benchmark target beside the raw Netty controls.
// Prints one JSON "ready" line on stdout; answers "heap" on stdin; exits when stdin ends,
// so it never outlives the benchmark that spawned it.
'use strict';
const readline = require('readline');
const { WebSocketServer } = require('ws');

const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
const server = new WebSocketServer({
  host: '127.0.0.1',
  port: 0,
  path: '/echo',
  maxPayload: MAX_MESSAGE_BYTES,
  perMessageDeflate: false,
});

server.on('listening', () => {
  const port = server.address().port;
  emit({ event: 'ready', kind: 'node', url: `ws://127.0.0.1:${port}/echo`, pid: process.pid, details: {} });
});

server.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
  socket.on('error', () => socket.terminate());
});

const commands = readline.createInterface({ input: process.stdin });
commands.on('line', (line) => {
  if (line.trim() === 'heap') {
    if (typeof global.gc === 'function') {
      global.gc();
    }
    const usage = process.memoryUsage();
    emit({ event: 'heap', heapUsedBytes: usage.heapUsed, directUsedBytes: usage.external + usage.arrayBuffers,
      connections: server.clients.size });
  } else if (line.trim() !== '') {
    emit({ event: 'error', message: `unknown command '${line.trim()}'; expected heap` });
  }
});
commands.on('close', () => process.exit(0));

function emit(event) {
  process.stdout.write(JSON.stringify(event) + '\n');
}
