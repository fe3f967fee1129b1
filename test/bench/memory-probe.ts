/**
 * Dev probe (not part of `npm run bench`): a fresh `certbell serve`'s VmRSS once quiet, then after
 * N signed 1 KB deliveries (default 100,000), as the bench's memory part measures it.
 * CERTBELL_BENCH_NODE_FLAGS passes Node/V8 flags to certbell; LATER=MS looks at VmRSS again that much later
 * (the checkpointer thread ends after 10 s idle).
 *
 *   node test/bench/memory-probe.ts [N]
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { bodyFactory } from './bodies.ts';
import { startCertbell, vmBytesOf, waitQuiet } from './children.ts';
import { makeDataDir } from './http-bench.ts';
import { runAmount } from './load.ts';

const deliveries = Number(process.argv[2] ?? 100_000);
const secret = randomBytes(16).toString('hex');
const dir = makeDataDir({ secrets: [{ label: 'bench', value: secret }], retention: { maxDeliveries: 2_000_000 } });
const mb = (b: number | null) => `${((b ?? 0) / 1048576).toFixed(1)} MB`;
const server = await startCertbell(dir);
try {
  await waitQuiet(server.pid);
  const idle = vmBytesOf(server.pid);
  const load = await runAmount({ url: server.webhook, serverPid: server.pid, bodies: bodyFactory(1024, secret, 'ssl_panel.pre_validation.failed') }, deliveries, 600);
  await waitQuiet(server.pid);
  const after = vmBytesOf(server.pid);
  if (process.env.LATER) { await new Promise((r) => setTimeout(r, Number(process.env.LATER))); console.log(`later: ${mb(vmBytesOf(server.pid))}`); }
  console.log(`flags [${process.env.CERTBELL_BENCH_NODE_FLAGS ?? ''}]: idle ${mb(idle)}, after ${deliveries} ${mb(after)} `
    + `(peak ${mb(vmBytesOf(server.pid, 'VmHWM'))}; ${Math.round(load.rps)} req/s, ${load.non2xxAll} non-2xx)`);
} finally {
  await server.stop('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
