/**
 * Dev probe (not part of `npm run bench`): certbell under load at a fixed rate, with the CPU each
 * server thread spends per delivery. A throughput run saturates both cores, so its CPU figures
 * include whatever contention does that minute; at a fixed rate below saturation the same work
 * costs the same, within a few per cent, so two versions of the code compare on their own.
 *
 *   node test/bench/rate-probe.ts [BYTES=1024] [RATE=6000]     (S=seconds measured, default 8)
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import autocannon from 'autocannon';
import { bodyFactory } from './bodies.ts';
import { startCertbell, threadCpuMs } from './children.ts';
import { makeDataDir } from './http-bench.ts';
import { CONNECTIONS } from './load.ts';

const bytes = Number(process.argv[2] ?? 1024);
const rate = Number(process.argv[3] ?? 6000);
const seconds = Number(process.env.S ?? 8);
const event = bytes > 2000 ? 'ssl_panel.issued' : 'ssl_panel.pre_validation.failed';
const secret = randomBytes(16).toString('hex');
const dir = makeDataDir({ secrets: [{ label: 'bench', value: secret }], retention: { maxDeliveries: 2_000_000 } });
const server = await startCertbell(dir);

try {
  const bodies = bodyFactory(bytes, secret, event);
  const url = new URL(server.webhook);
  const fire = (duration: number) => autocannon({
    url: server.webhook, connections: CONNECTIONS, duration, overallRate: rate, method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    setupClient: (client: { getRequestBuffer(): Buffer }) => { client.getRequestBuffer = bodies.requestWriter(url.host, url.pathname); },
  });
  await fire(2);
  const before = threadCpuMs(server.pid);
  const clientBefore = process.cpuUsage();
  const result = await fire(seconds);
  const client = process.cpuUsage(clientBefore);
  const after = threadCpuMs(server.pid);
  const n = result.requests.total;
  const perDelivery = (ms: number) => (1000 * ms / n).toFixed(1);
  let total = 0;
  const lines: string[] = [];
  for (const [thread, [user, system]] of after) {
    const [user0, system0] = before.get(thread) ?? [0, 0];
    const ms = user - user0 + system - system0;
    total += ms;
    if (1000 * ms / n >= 1) lines.push(`  ${thread.padEnd(28)} ${perDelivery(ms).padStart(6)} µs per delivery`);
  }
  console.log(`${bytes} B at ${rate} req/s: ${n} requests in ${seconds} s, ${result.non2xx} non-2xx, ${result.errors} errors; `
    + `server ${perDelivery(total)} µs of CPU per delivery, load generator ${((client.user + client.system) / n).toFixed(1)} µs`);
  for (const line of lines) console.log(line);
} finally {
  await server.stop('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
