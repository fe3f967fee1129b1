#!/usr/bin/env node
// A stand-in for cloudflared/ngrok in the tunnel tests: a TCP proxy on an ephemeral 127.0.0.1 port
// that forwards to --to PORT and prints "tunnel ready at http://127.0.0.1:<its port>" (the tests'
// tunnel.urlPattern reads it). --silent never prints a URL; --helper starts a long-lived child in
// the same process group (stopping Certbell must end it too); --pid-file records both pids;
// --color prints a coloured, carriage-return-ended log line first, as cloudflared does on a terminal.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: {
  to: { type: 'string' }, silent: { type: 'boolean' }, helper: { type: 'boolean' }, 'pid-file': { type: 'string' },
  color: { type: 'boolean' },
} });

if (values.color) process.stdout.write('\x1b[90m2026-11-24T04:00:00Z\x1b[0m \x1b[32mINF\x1b[0m fake-tunnel: registered connection\r\n');
console.log('fake-tunnel: see https://example.com/terms/ for the terms of use');
let helperPid = null;
if (values.helper) {
  const helper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  helperPid = helper.pid;
}
if (values['pid-file']) writeFileSync(values['pid-file'], JSON.stringify({ pid: process.pid, helperPid }));

if (values.silent) {
  console.error('fake-tunnel: connecting to the edge...');
  setInterval(() => {}, 1000);
} else {
  const target = Number(values.to);
  const server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: target });
    client.pipe(upstream).pipe(client);
    const drop = () => { client.destroy(); upstream.destroy(); };
    client.on('error', drop);
    upstream.on('error', drop);
  });
  server.listen(0, '127.0.0.1', () => {
    console.log(`fake-tunnel: tunnel ready at http://127.0.0.1:${server.address().port}`);
  });
}
