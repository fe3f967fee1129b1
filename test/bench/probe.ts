/** Dev probe (not part of `npm run bench`): one certbell load case with per-thread CPU (user/sys) of the server. */
import { rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { bodyFactory } from './bodies.ts';
import { startCertbell, threadCpuMs } from './children.ts';
import { runLoad } from './load.ts';
import { makeDataDir } from './http-bench.ts';

const bytes = Number(process.argv[2] ?? 1024);
const event = bytes > 2000 ? 'ssl_panel.issued' : 'ssl_panel.pre_validation.failed';
const secret = randomBytes(16).toString('hex');
const dir = makeDataDir({ secrets: [{ label: 'bench', value: secret }], retention: { maxDeliveries: 2_000_000 } });
const server = await startCertbell(dir);
const before = threadCpuMs(server.pid);
const r = await runLoad({ url: server.webhook, serverPid: server.pid, bodies: bodyFactory(bytes, secret, event), warmupS: 2, durationS: Number(process.env.S ?? 5) });

const after = threadCpuMs(server.pid);
console.log(`${bytes} B: ${r.ok2xxAll + r.non2xxAll} requests, ${Math.round(r.rps)} req/s p50 ${r.p50.toFixed(2)} p99 ${r.p99.toFixed(2)} server ${(100 * (r.serverCpu ?? 0)).toFixed(0)}% client ${(100 * r.clientCpu).toFixed(0)}%`);
for (const [k, [u, s]] of after) {
  const [u0, s0] = before.get(k) ?? [0, 0];
  const du = u - u0, ds = s - s0;
  const n = r.ok2xxAll + r.non2xxAll;
  if (du + ds > 20) console.log(`  ${k.padEnd(28)} user ${(1000 * du / n).toFixed(1).padStart(6)} µs/req  sys ${(1000 * ds / n).toFixed(1).padStart(6)} µs/req`);
}
await server.stop('SIGTERM');
rmSync(dir, { recursive: true, force: true });
