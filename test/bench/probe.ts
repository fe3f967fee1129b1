/** Dev probe (not part of `npm run bench`): one certbell load case with per-thread CPU (user/sys) of the server. */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { bodyFactory } from './bodies.ts';
import { startCertbell } from './children.ts';
import { runLoad } from './load.ts';
import { makeDataDir } from './http-bench.ts';

function threads(pid: number): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out.set(`${tid} ${name}`, [Number(f[11]) * 10, Number(f[12]) * 10]);
  }
  return out;
}
const bytes = Number(process.argv[2] ?? 1024);
const event = bytes > 2000 ? 'ssl_panel.issued' : 'ssl_panel.pre_validation.failed';
const secret = randomBytes(16).toString('hex');
const dir = makeDataDir({ secrets: [{ label: 'bench', value: secret }], retention: { maxDeliveries: 2_000_000 } });
const server = await startCertbell(dir);
const before = threads(server.pid);
const r = await runLoad({ url: server.webhook, serverPid: server.pid, bodies: bodyFactory(bytes, secret, event), warmupS: 2, durationS: Number(process.env.S ?? 5) });

const after = threads(server.pid);
console.log(`${bytes} B: ${r.ok2xxAll + r.non2xxAll} requests, ${Math.round(r.rps)} req/s p50 ${r.p50.toFixed(2)} p99 ${r.p99.toFixed(2)} server ${(100 * (r.serverCpu ?? 0)).toFixed(0)}% client ${(100 * r.clientCpu).toFixed(0)}%`);
for (const [k, [u, s]] of after) {
  const [u0, s0] = before.get(k) ?? [0, 0];
  const du = u - u0, ds = s - s0;
  const n = r.ok2xxAll + r.non2xxAll;
  if (du + ds > 20) console.log(`  ${k.padEnd(28)} user ${(1000 * du / n).toFixed(1).padStart(6)} µs/req  sys ${(1000 * ds / n).toFixed(1).padStart(6)} µs/req`);
}
await server.stop('SIGTERM');
rmSync(dir, { recursive: true, force: true });
