/**
 * The hook baseline: a minimal `node:http` server that, per request, reads the body, spawns
 * /bin/true the way Certbell spawns a hook (no shell, own process group, piped stdio, body on
 * stdin), waits for it, and answers 200 with the spawn-to-exit time in `X-Hook-Ms`.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const started = performance.now();
    const child = spawn('/bin/true', [], { detached: true, shell: false, env: { PATH: process.env.PATH ?? '' } });
    child.stdin.on('error', () => {});
    child.stdout.resume();
    child.stderr.resume();
    child.on('close', () => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-Hook-Ms': String(performance.now() - started) });
      res.end('{"status":"accepted"}');
    });
    child.stdin.end(Buffer.concat(chunks));
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
