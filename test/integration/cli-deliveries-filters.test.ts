/**
 * `certbell deliveries` filters (--signature, --search, --certificate, --since/--until) as a user runs them, against
 * a data directory a running `certbell serve` was sent signed deliveries on: the JSON rows, and that
 * they are exactly what the bridge's `deliveries.list` answers for the same filter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpBridge, type BridgeCall } from '../helpers/bridge-http.ts';
import { removeDir, runCertbell, tempDataDir } from '../helpers/certbell-process.ts';
import { seedDeliveries } from '../helpers/seeded-deliveries.ts';
import { startServeUi, type ServeUi } from '../helpers/serve-ui.ts';

const SECRET = 'cli-filters-secret';
let dir: string;
let served: ServeUi;
let bridge: BridgeCall;

beforeAll(async () => {
  dir = tempDataDir({ listener: { port: 0 }, secrets: [{ label: 'main', value: SECRET }] });
  served = await startServeUi(dir);
  bridge = httpBridge(served.ui);
  await seedDeliveries(served.webhook, SECRET);
});

afterAll(async () => {
  await served?.stop();
  if (dir) removeDir(dir);
});

const deliveries = (...args: string[]) => runCertbell(['deliveries', ...args, '--data-dir', dir]);

/** `certbell deliveries --json ARGS`, checked against `deliveries.list` with `query`; the rows as "id deliveryId". */
async function sameAsBridge(args: string[], query: Record<string, unknown>): Promise<string[]> {
  const run = await deliveries('--json', ...args);
  expect(run.code, run.stderr).toBe(0);
  const rows = JSON.parse(run.stdout) as { id: number; deliveryId: string }[];
  expect(await bridge('deliveries.list', query), args.join(' ')).toEqual({ ok: true, result: rows });
  return rows.map((r) => `${r.id} ${r.deliveryId}`);
}

describe('certbell deliveries --signature', () => {
  it('keeps only deliveries with that verdict', async () => {
    expect(await sameAsBridge(['--signature', 'invalid'], { signature: 'invalid' })).toEqual(['4 dlv-forged']);
    expect(await sameAsBridge(['--signature', 'missing'], { signature: 'missing' })).toEqual(['5 dlv-unsigned']);
    expect(await sameAsBridge(['--signature', 'valid'], { signature: 'valid' })).toEqual(['8 dlv-not-json', '7 dlv-gamma', '6 dlv-beta',
      '3 dlv-alpha-renewal', '2 dlv-beta', '1 dlv-alpha']);
    expect(await sameAsBridge(['--signature', 'unverified'], { signature: 'unverified' })).toEqual([]);
  });

  it('shows each row\'s verdict in the table', async () => {
    const table = await deliveries('--signature', 'missing');
    expect(table.code).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^5\s.*\brejected\s+401\s+missing\b.*unsigned\.example\s+dlv-unsigned$/);
  });

  it('refuses a verdict that does not exist: exit 2, the choices and the usage on stderr', async () => {
    for (const args of [['--signature', 'great'], ['--signature', 'VALID'], ['--signature=']]) {
      const run = await deliveries(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('certbell deliveries: --signature must be one of valid, invalid, missing, unverified');
      expect(run.stderr).toContain('certbell deliveries [--json]');
    }
    const bare = await deliveries('--signature');
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('--signature');
  });
});

describe('certbell deliveries --search', () => {
  it('matches a substring of the common name or the delivery id, ignoring ASCII case', async () => {
    expect(await sameAsBridge(['--search', 'ALPHA'], { search: 'ALPHA' })).toEqual(['3 dlv-alpha-renewal', '1 dlv-alpha']);
    expect(await sameAsBridge(['--search', 'gamma.ex'], { search: 'gamma.ex' })).toEqual(['7 dlv-gamma']);
    expect(await sameAsBridge(['--search', 'not-json'], { search: 'not-json' })).toEqual(['8 dlv-not-json']);
  });

  it('takes % and _ literally, not as wildcards', async () => {
    expect(await sameAsBridge(['--search', 'a_p'], { search: 'a_p' })).toEqual([]);
    expect(await sameAsBridge(['--search', '%'], { search: '%' })).toEqual([]);
  });

  it('says when nothing matches', async () => {
    const run = await deliveries('--search', 'no-such-thing');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('No deliveries match.\n');
  });
});

describe('certbell deliveries --certificate', () => {
  it('keeps only the deliveries of that certificate id', async () => {
    expect(await sameAsBridge(['--certificate', 'cert-alpha'], { certificateId: 'cert-alpha' })).toEqual(['3 dlv-alpha-renewal', '1 dlv-alpha']);
    expect(await sameAsBridge(['--certificate', 'cert-beta'], { certificateId: 'cert-beta' })).toEqual(['6 dlv-beta', '2 dlv-beta']);
    expect(await sameAsBridge(['--certificate', 'alpha'], { certificateId: 'alpha' })).toEqual([]);
  });

  it('combines with the other filters and --limit', async () => {
    expect(await sameAsBridge(['--certificate', 'cert-beta', '--outcome', 'duplicate'], { certificateId: 'cert-beta', outcome: 'duplicate' }))
      .toEqual(['6 dlv-beta']);
    expect(await sameAsBridge(['--signature', 'valid', '--search', 'beta', '--certificate', 'cert-beta', '--event',
      'ssl_panel.will_expire_in_30_days', '--limit', '1'],
    { signature: 'valid', search: 'beta', certificateId: 'cert-beta', event: 'ssl_panel.will_expire_in_30_days', limit: 1 }))
      .toEqual(['6 dlv-beta']);
    expect(await sameAsBridge(['--signature', 'invalid', '--certificate', 'cert-alpha'], { signature: 'invalid', certificateId: 'cert-alpha' }))
      .toEqual([]);
  });

  it('needs a value', async () => {
    const run = await deliveries('--certificate');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--certificate');
    // An empty value is refused like the bridge refuses it, not read as "no filter".
    const empty = await deliveries('--certificate=');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('certbell deliveries: --certificate must not be empty');
  });
});

describe('certbell deliveries --since/--until', () => {
  it('keeps the deliveries received in the range (until exclusive), as deliveries.list with since/until', async () => {
    const rows = JSON.parse((await deliveries('--json')).stdout) as { id: number; deliveryId: string; receivedAt: string }[];
    const fourth = rows.find((r) => r.id === 4)!.receivedAt;
    const since = new Date(Date.parse(rows[rows.length - 1].receivedAt) - 1000).toISOString();
    const until = new Date(Date.parse(rows[0].receivedAt) + 1000).toISOString();
    expect(await sameAsBridge(['--since', since, '--until', until], { since, until })).toHaveLength(8);
    expect(await sameAsBridge(['--since', until], { since: until })).toEqual([]);
    expect(await sameAsBridge(['--until', since], { until: since })).toEqual([]);
    // At or after an instant; before one, not at it.
    expect(await sameAsBridge(['--since', fourth, '--event', 'ssl_panel.issued'], { since: fourth, event: 'ssl_panel.issued' }))
      .toEqual(rows.filter((r) => r.receivedAt >= fourth && [7, 5, 4].includes(r.id)).map((r) => `${r.id} ${r.deliveryId}`));
  });

  it('refuses a time that is not ISO 8601 with an offset: exit 2 and why', async () => {
    for (const args of [['--since', 'yesterday'], ['--until', '2026-06-01'], ['--since', '2026-06-01T12:00:00']]) {
      const run = await deliveries(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain(`certbell deliveries: ${args[0]} must be an ISO 8601 date-time with an offset`);
    }
  });
});
