/**
 * Dev probe (not part of `npm run bench`): the main thread's JavaScript cost per delivery on the
 * ingest path (verify, parse, dedupe lookup, pipeline, apply, notifications, the SQLite insert
 * and the turn's commit), without HTTP. Prints µs per delivery; stable enough to compare changes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigSchema } from '../../shared/config/index.ts';
import { Ingest } from '../../electron/core/ingest/ingest.ts';
import { RejectLimiter } from '../../electron/core/ingest/reject-limiter.ts';
import { NotificationCenter } from '../../electron/core/notifications/notification-center.ts';
import { NullNotifier } from '../../electron/core/notifications/notifier.ts';
import { createProcessor } from '../../electron/core/pipeline/create-processor.ts';
import { verifyKey } from '../../electron/core/signature/verify.ts';
import { openDatabaseSync } from '../../electron/core/store/database.ts';
import { DeliveryStore } from '../../electron/core/store/delivery-store.ts';
import { InlineWriter } from '../../electron/core/store/write/delivery-writer.ts';
import { Checkpointer } from '../../electron/core/store/write/checkpointer.ts';
import { bodyFactory } from './bodies.ts';

const bytes = Number(process.argv[2] ?? 1024);
const total = Number(process.argv[3] ?? 100_000);
const event = bytes > 2000 ? 'ssl_panel.issued' : 'ssl_panel.pre_validation.failed';
const dir = mkdtempSync(join(tmpdir(), 'certbell-ingest-probe-'));
const db = openDatabaseSync(join(dir, 'certbell.db'));
const logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

const config = ConfigSchema.parse({});
// As serve writes: on this thread, each turn one commit and one fdatasync of the WAL.
const checkpointer = new Checkpointer(db, join(dir, 'certbell.db'));
const store = new DeliveryStore(db, new InlineWriter(db, { walFile: join(dir, 'certbell.db-wal'), afterCommit: () => checkpointer.afterCommit() }));
const notifications = new NotificationCenter({ settings: () => config.notifications, notifier: () => new NullNotifier(),
  now: Date.now, logger, record: async () => undefined });
const processor = createProcessor({ store, dataDir: dir, logger, config: () => config, notifications });
const key = verifyKey('bench', 'bench-secret');
const ingest = new Ingest({ store, processor, logger, limiter: new RejectLimiter(() => config.listener.rejectLimit),
  settings: () => ({ keys: [key], signatureInput: 'auto', allowUnsigned: false }) });
const factory = bodyFactory(bytes, 'bench-secret', event);

let sent = 0;
let failed = 0;
async function client(): Promise<void> {
  while (sent < total) {
    sent++;
    const { body, signature } = factory.next();
    const rawHeaders = ['Host', '127.0.0.1:7413', 'Content-Type', 'application/json', 'Signature', signature, 'Content-Length', String(body.length)];
    const reply = await ingest.handle({ method: 'POST', path: '/webhook', rawHeaders, remoteAddress: '127.0.0.1', receivedAt: Date.now(), body,
      headers: { host: '127.0.0.1:7413', 'content-type': 'application/json', signature, 'content-length': String(body.length) } });
    if (reply.status !== 200) failed++;
  }
}
const started = performance.now();
const cpu = process.cpuUsage();
await Promise.all(Array.from({ length: 50 }, client));
const used = process.cpuUsage(cpu);
const wall = performance.now() - started;
console.log(`${bytes} B: ${total} deliveries, ${(wall * 1000 / total).toFixed(1)} µs wall, ${((used.user + used.system) / total).toFixed(1)} µs CPU each (incl. the generator's ~4 µs); non-200: ${failed}`);
notifications.stop();
await store.close();
await checkpointer.stop();
db.close();
rmSync(dir, { recursive: true, force: true });
