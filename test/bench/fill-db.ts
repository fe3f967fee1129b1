/**
 * Fills a fresh certbell.db with N delivery records quickly: the schema comes from the project's
 * own `openDatabaseSync`, then one prepared INSERT runs in large transactions with fsync off
 * (this is set-up, not the thing measured). Rows look like what `serve` stores: provider-like
 * bodies of the nine events, raw headers, signature detail, and a realistic outcome mix.
 */
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { openDatabaseSync } from '../../electron/core/store/database.ts';
import { EVENT_NAMES, sampleDelivery, summarizeBody } from '../../shared/openprovider/index.ts';
import { DAY_MS } from '../../shared/time/day.ts';

/** How often each event occurs, per 100 deliveries (lifecycle events common, failures and chat rarer). */
export const EVENT_WEIGHTS: Readonly<Record<string, number>> = {
  'ssl_panel.created': 14, 'ssl_panel.requested': 14, 'ssl_panel.pre_validation.successful': 13,
  'ssl_panel.issued': 14, 'ssl_panel.will_expire_in_30_days': 12, 'ssl_panel.pre_validation.failed': 10,
  'ssl_panel.ca_chat.new_message_from_ca': 8, 'ssl_panel.reissue_failed': 8, 'ssl_panel.renew_failed': 7,
};

const PLACEHOLDER = '@@DELIVERY-ID@@';
const COMMON_NAMES = 40;
const BATCH = 50_000;

interface Template {
  event: string;
  before: string;
  after: string;
  commonName: string | null;
  certificateId: string | null;
  orderId: string | null;
}

function templates(): Template[] {
  const out: Template[] = [];
  for (const event of EVENT_NAMES) {
    for (let n = 0; n < COMMON_NAMES; n++) {
      const json = JSON.stringify(sampleDelivery(event, { deliveryId: PLACEHOLDER, commonName: `shop${n}.example.com` }));
      const summary = summarizeBody(JSON.parse(json));
      const [before, after] = json.split(PLACEHOLDER);
      out.push({ event, before, after, commonName: summary.commonName, certificateId: summary.certificateId, orderId: summary.orderId });
    }
  }
  return out;
}

/** A fixed, interleaved sequence of 100 event indexes with the weights above. */
function eventCycle(): number[] {
  const cycle: number[] = [];
  EVENT_NAMES.forEach((event, index) => { for (let i = 0; i < EVENT_WEIGHTS[event]; i++) cycle.push(index); });
  // Deterministic shuffle (LCG), so runs are comparable.
  let seed = 12345;
  for (let i = cycle.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const j = seed % (i + 1);
    [cycle[i], cycle[j]] = [cycle[j], cycle[i]];
  }
  return cycle;
}

function signatureDetail(digest: string, valid: boolean): string {
  const tried = `[{"secret":"production","input":"body","algorithm":"sha256","computed":"${valid ? digest : 'e3b0c44298fc'}"}]`;
  return valid
    ? `{"verdict":"valid","reason":"matched secret \\"production\\" over the body","received":[{"algorithm":"sha256","digest":"${digest}"}],`
      + `"matched":{"secret":"production","input":"body","algorithm":"sha256"},"tried":${tried}}`
    : `{"verdict":"invalid","reason":"no configured secret (1) matched over body, data-raw","received":[{"algorithm":"sha256","digest":"${digest}"}],`
      + `"matched":null,"tried":${tried}}`;
}

/** UUID-shaped and unique per row number. */
function deliveryId(i: number): string {
  return `${(Math.imul(i, 2654435761) >>> 0).toString(16).padStart(8, '0')}-${(i % 65536).toString(16).padStart(4, '0')}-4c1e-9a3b-`
    + i.toString(16).padStart(12, '0');
}

/** Inserts `rows` deliveries into DIR's certbell.db (created here); returns how many each event got. */
export function fillDeliveriesSync(file: string, rows: number, log: (text: string) => void): Map<string, number> {
  const db = openDatabaseSync(file);
  db.exec('PRAGMA synchronous = OFF; PRAGMA cache_size = -262144');
  const insert = db.prepare(`INSERT INTO deliveries (delivery_id, attempt, received_at, method, path,
    remote_address, headers, body, body_size, status, outcome, response, signature, signature_detail,
    event, entity_id, common_name, certificate_id, order_id, error) VALUES (?, ?, ?, 'POST', '/webhook',
    '127.0.0.1', ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)`);
  const all = templates();
  const cycle = eventCycle();
  const counts = new Map<string, number>();
  const start = Date.now() - 300 * DAY_MS;
  const step = (300 * DAY_MS) / rows;
  const hash = createHash('sha256').update('certbell-bench');
  try {
    for (let first = 0; first < rows; first += BATCH) {
      db.exec('BEGIN');
      for (let i = first; i < Math.min(rows, first + BATCH); i++) {
        const eventIndex = cycle[i % cycle.length];
        const t = all[eventIndex * COMMON_NAMES + (i % COMMON_NAMES)];
        const roll = i % 100;
        const rejected = roll === 99;
        // A provider retry of the delivery just before, answered `duplicate`.
        const duplicate = roll === 98;
        const id = deliveryId(duplicate ? i - 1 : i);
        const body = Buffer.from(t.before + id + t.after);
        const digest = hash.copy().update(body).digest('hex');
        const outcome = rejected ? 'rejected' : duplicate ? 'duplicate' : 'accepted';
        const status = rejected ? 401 : 200;
        const response = rejected ? '{"error":"invalid signature"}' : `{"status":"${outcome}","delivery":"${id}"}`;
        const headers = `["Host","certbell.example.net","User-Agent","Openprovider-Webhook/1.0","Content-Type","application/json",`
          + `"Content-Length","${body.length}","Signature","sha256=${digest}","X-Forwarded-For","185.3.211.9"]`;
        insert.run(id, duplicate ? 2 : 1, Math.round(start + i * step), headers, body, body.length, status, outcome, response,
          rejected ? 'invalid' : 'valid', signatureDetail(digest.slice(0, 12), !rejected), t.event, t.commonName,
          t.certificateId, t.orderId, rejected ? 'invalid signature' : null);
        counts.set(t.event, (counts.get(t.event) ?? 0) + 1);
      }
      db.exec('COMMIT');
      if ((first + BATCH) % 250_000 === 0) log(`  ${(first + BATCH).toLocaleString('en-US')} rows`);
    }
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  // The fill ran with fsync off: flush its gigabytes now, or the server's first checkpoint
  // (which fsyncs the file) would pay for them and show up as a start-up stall.
  const fd = openSync(file, 'r+');
  try { fsyncSync(fd); } finally { closeSync(fd); }
  return counts;
}
