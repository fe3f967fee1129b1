/**
 * Dev probe server (not part of `npm run bench`, never a product): the least work any server
 * must do per delivery to meet SPEC §3's durability and §4's verification with certbell's store,
 * all of it on one thread and with certbell's own parts: `node:http`, `verifySignature` with one
 * secret, `JSON.parse`, the same SQLite insert (attempt lookup, dedupe, every column, every
 * index; `DeliveryWrites`) into a WAL database opened by `openDatabaseSync`, one COMMIT per
 * event-loop turn and one `fdatasync` of the WAL (on libuv's pool) before the turn's answers go
 * out. No pipeline, inventory, notifications, hooks, rate limit, thread hand-off or live feed.
 *
 * With `--no-body` it stores no body (which SPEC §3 forbids): the difference is what keeping
 * the raw bytes in certbell.db costs. See floor-probe.ts and docs/decisions.md (*Store*).
 *
 *   node test/bench/floor-server.ts DATA_DIR [--no-body]     prints `raw ready <url>`
 */
import { fdatasync, openSync, readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { headerText } from '../../electron/core/ingest/received-request.ts';
import { verifyKey, verifySignature } from '../../electron/core/signature/verify.ts';
import { openDatabaseSync } from '../../electron/core/store/database.ts';
import { DeliveryWrites, toInsert } from '../../electron/core/store/write/delivery-writes.ts';

const [dataDir, flag] = process.argv.slice(2);
const keepBody = flag !== '--no-body';
const config = JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8')) as { secrets: { label: string; value: string }[] };
const keys = config.secrets.map((s) => verifyKey(s.label, s.value));
const file = join(dataDir, 'certbell.db');
const db = openDatabaseSync(file);
// As certbell's writer: NORMAL, and the fdatasync below makes each commit durable.
db.exec('PRAGMA synchronous = NORMAL');
const writes = new DeliveryWrites(db);
let walFd: number | undefined;
let answers: { res: ServerResponse; status: number; body: string }[] = [];

function answer(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** Once per turn: commit what the turn inserted, make it durable, then answer it. */
function commit(): void {
  db.exec('COMMIT');
  const batch = answers;
  answers = [];
  walFd ??= openSync(`${file}-wal`, 'r');
  fdatasync(walFd, (error) => {
    for (const a of batch) {
      if (error) answer(a.res, 500, '{"error":"could not store the delivery"}');
      else answer(a.res, a.status, a.body);
    }
  });
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    let parsed: Record<string, unknown> | undefined;
    try { parsed = JSON.parse(body.toString('utf8')) as Record<string, unknown>; } catch { parsed = undefined; }
    const verdict = verifySignature({ header: headerText(req.headers, 'signature') ?? undefined, body, parsed, keys,
      mode: 'auto', allowUnsigned: false });
    if (verdict.rejection || !parsed) return answer(res, verdict.rejection ? 401 : 400, '{"error":"rejected"}');
    const metadata = (parsed.metadata ?? {}) as Record<string, unknown>;
    if (!db.isTransaction) {
      db.exec('BEGIN IMMEDIATE');
      setImmediate(commit);
    }
    const stored = writes.insertSync(toInsert({
      deliveryId: headerText(req.headers, 'delivery') ?? String(metadata.delivery), receivedAt: Date.now(),
      method: 'POST', path: req.url ?? '/', remoteAddress: req.socket.remoteAddress ?? null, rawHeaders: req.rawHeaders,
      body: keepBody ? body : null, bodySize: body.length, status: 200, outcome: 'accepted', dedupe: true, response: '',
      signature: verdict.verdict, signatureDetail: verdict.detail, event: String(metadata.event), entityId: null,
      commonName: null, certificateId: null, orderId: null, error: null,
    }));
    answers.push({ res, status: stored.status, body: stored.response });
  });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`raw ready http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook\n`);
});

const stop = () => {
  server.close(() => {
    if (db.isTransaction) db.exec('COMMIT');
    db.close();
    process.exit(0);
  });
  server.closeAllConnections();
};
process.on('SIGTERM', stop).on('SIGINT', stop);
