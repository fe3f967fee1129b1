/**
 * Dev probe (not part of `npm run bench`): how close can any server come to the webhook
 * throughput target on this machine? Loads, one after the other and like the bench (50
 * connections, a fresh signed body per request): the raw `node:http` ceiling, the floor server
 * (floor-server.ts: verify, parse, certbell's insert, a durable group commit — nothing else, on
 * one thread), the same floor without the body stored, and certbell. For each: requests/s and
 * their ratio to raw, CPU per request of the server and of the load generator, and the bound
 * the cores would allow if that much work per request kept them all busy:
 * cores × 1 s of CPU per second / (server + generator CPU per request).
 *
 *   node test/bench/floor-probe.ts [BYTES ...]     (default 1024 7168; S=seconds measured, default 8)
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { bodyFactory } from './bodies.ts';
import { cpuMsOf, startCertbell, startRawServer, startServer, type ServerChild } from './children.ts';
import { makeDataDir, storedCounts } from './http-bench.ts';
import { CONNECTIONS, runLoad } from './load.ts';
import { int, ms, ratio, table } from './stats.ts';

const FLOOR_SERVER = resolve(import.meta.dirname, 'floor-server.ts');
const sizes = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [1024, 7168];
const seconds = Number(process.env.S ?? 8);
const secret = randomBytes(16).toString('hex');

type Server = ServerChild & { url: string };

const CASES: { name: string; start: (dataDir: string) => Promise<Server>; stores: boolean }[] = [
  { name: 'raw node:http', start: () => startRawServer(), stores: false },
  { name: 'floor', start: (dir) => floor(dir, []), stores: true },
  { name: 'floor, no body stored', start: (dir) => floor(dir, ['--no-body']), stores: true },
  { name: 'certbell', start: async (dir) => { const c = await startCertbell(dir); return { ...c, url: c.webhook }; }, stores: true },
];

async function floor(dataDir: string, flags: string[]): Promise<Server> {
  const child = await startServer([FLOOR_SERVER, dataDir, ...flags], 'raw ready ');
  return { ...child, url: child.readyLine.slice('raw ready '.length).trim() };
}

const rows = [['size', 'server', 'req/s', 'of raw', 'p50', 'p99', 'server µs/req', 'generator µs/req', 'all cores busy', 'of raw', 'stored = 2xx']];
for (const bytes of sizes) {
  const event = bytes > 2000 ? 'ssl_panel.issued' : 'ssl_panel.pre_validation.failed';
  let rawRps = NaN;
  for (const c of CASES) {
    const dataDir = makeDataDir({ secrets: [{ label: 'bench', value: secret }], retention: { maxDeliveries: 2_000_000 } });
    const server = await c.start(dataDir);
    try {
      const cpuBefore = cpuMsOf(server.pid) ?? NaN;
      const r = await runLoad({ url: server.url, serverPid: server.pid, bodies: bodyFactory(bytes, secret, event), warmupS: 2, durationS: seconds });
      const serverMicros = (1000 * ((cpuMsOf(server.pid) ?? NaN) - cpuBefore)) / (r.ok2xxAll + r.non2xxAll + r.errorsAll);
      await server.stop('SIGTERM');
      if (c.name.startsWith('raw')) rawRps = r.rps;
      const generatorMicros = (r.clientCpu * 1e6) / r.rps;
      const bound = (availableParallelism() * 1e6) / (serverMicros + generatorMicros);
      const stored = c.stores ? storedCounts(dataDir).total : NaN;
      rows.push([`${bytes} B`, c.name, int(r.rps), ratio(r.rps, rawRps), ms(r.p50), ms(r.p99), serverMicros.toFixed(0), generatorMicros.toFixed(0),
        int(bound), ratio(bound, rawRps), c.stores ? (stored === r.ok2xxAll ? 'yes' : `NO: ${int(stored)} vs ${int(r.ok2xxAll)}`) : '-']);
      console.error(`${bytes} B ${c.name}: ${int(r.rps)} req/s, ${r.non2xx} non-2xx, ${r.errors} errors`);
    } finally {
      await server.stop('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}
console.log(`${CONNECTIONS} connections, ${seconds} s measured per case; server CPU from /proc over warm-up and run, per request answered`);
console.log(table(rows));
