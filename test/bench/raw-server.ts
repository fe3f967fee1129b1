/**
 * The ceiling: a minimal `node:http` server on 127.0.0.1 that reads the whole body and answers
 * 200 with a short JSON reply, doing nothing else. Prints `raw ready <url>`; exits on SIGTERM.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const reply = Buffer.from('{"status":"accepted"}');

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    Buffer.concat(chunks);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': reply.length });
    res.end(reply);
  });
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`raw ready http://127.0.0.1:${port}/webhook\n`);
});

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGTERM', stop).on('SIGINT', stop);
