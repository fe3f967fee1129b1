/**
 * Migration 8 (SPEC §12): a data directory from before the deployment check gets its issued
 * certificates from the deliveries it already stored, so it is checked without a new delivery.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabaseSync } from '../../../../../electron/core/store/database.ts';
import { MIGRATIONS } from '../../../../../electron/core/store/migrations.ts';
import { CertificateReads } from '../../../../../electron/core/store/read/certificate-reads.ts';
import { SAMPLE_MAIN_PEM } from '../../../../../shared/openprovider/sample-chain.ts';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

// The schema just before migration 8 (later migrations run on top when the file is opened).
const BEFORE = MIGRATIONS.findIndex((sql) => sql.includes('CREATE TABLE deployment_checks'));

function oldDatabase(): string {
  const dir = mkdtempSync(join(tmpdir(), 'certbell-migration-'));
  dirs.push(dir);
  const file = join(dir, 'certbell.db');
  const db = new DatabaseSync(file);
  for (const sql of MIGRATIONS.slice(0, BEFORE)) db.exec(sql);
  db.exec('CREATE TABLE schema_version (version INTEGER NOT NULL)');
  db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(BEFORE);
  const cert = db.prepare(`INSERT INTO certificates (id, common_name, event_at, updated_at) VALUES (?, ?, 1, 1)`);
  cert.run('with-pem', 'shop.example.nl');
  cert.run('without-pem', 'other.example.nl');
  const delivery = db.prepare(`INSERT INTO deliveries (delivery_id, attempt, received_at, method, path, headers, body,
    body_size, status, outcome, signature, certificate_id) VALUES (?, 1, ?, 'POST', '/webhook', '{}', ?, 0, ?, ?, 'valid', ?)`);
  const body = (main: string | null) => Buffer.from(JSON.stringify({ data: { certificate: { certificates: { main } } } }));
  delivery.run('older', 1000, body(SAMPLE_MAIN_PEM), 200, 'accepted', 'with-pem');
  delivery.run('newest-no-pem', 3000, body(null), 200, 'accepted', 'with-pem');
  delivery.run('rejected', 4000, body('-----BEGIN CERTIFICATE-----forged'), 401, 'rejected', 'without-pem');
  delivery.run('not-json', 5000, Buffer.from('{'), 200, 'accepted', 'without-pem');
  db.close();
  return file;
}

describe('migration to the deployment check', () => {
  it('takes the issued PEM from the newest accepted delivery that carried one, and nothing from rejected ones', () => {
    const db = openDatabaseSync(oldDatabase());
    try {
      const reads = new CertificateReads(db);
      expect(reads.get('with-pem')).toMatchObject({ issuedPem: SAMPLE_MAIN_PEM, issuedAt: 1000 });
      expect(reads.get('without-pem')).toMatchObject({ issuedPem: null, issuedAt: null });
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => r.name);
      expect(tables).toEqual(expect.arrayContaining(['deployment_checks', 'deployment_targets']));
    } finally {
      db.close();
    }
  });
});
