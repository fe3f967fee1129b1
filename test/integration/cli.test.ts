// The `certbell` CLI of SPEC §9 as a user runs it: exit statuses, help, --json, --raw, send, config.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_NAMES } from '../../shared/openprovider/index.ts';
import { killAllServe, removeDir, runCertbell, startServe, tempDataDir, type ServeProcess } from '../helpers/certbell-process.ts';
import { hmac, post } from '../helpers/http.ts';

const SECRET = 'cli-secret';
let dir: string;
let serve: ServeProcess;
const cli = (...args: string[]) => runCertbell([...args, '--data-dir', dir]);

beforeAll(async () => {
  dir = tempDataDir({ secrets: [{ label: 'cli', value: SECRET }] });
  serve = await startServe(dir);
});

afterAll(async () => {
  await serve?.stop();
  killAllServe();
  removeDir(dir);
});

describe('usage and help', () => {
  it('shows the overview with --help (exit 0) and without a command (exit 2)', async () => {
    const help = await runCertbell(['--help']);
    expect(help.code).toBe(0);
    for (const name of ['serve', 'deliveries', 'delivery', 'send', 'replay', 'hooks', 'config']) expect(help.stdout).toContain(name);
    const bare = await runCertbell([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toContain('Commands:');
  });

  it('shows a command\'s options with help <command>', async () => {
    const result = await runCertbell(['help', 'deliveries']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('certbell deliveries [--json]');
  });

  it('lists each command\'s options with <command> --help', async () => {
    const expected: Record<string, string[]> = {
      serve: ['--host', '--port', '--ui-port', '--no-ui', '--data-dir'],
      deliveries: ['--json', '--event', '--outcome', '--limit'],
      delivery: ['--json', '--raw'],
      send: ['--url', '--secret', '--event', '--file', '--delivery-id', '--common-name'],
      config: ['check', 'schema'],
    };
    for (const [command, options] of Object.entries(expected)) {
      const result = await runCertbell([command, '--help']);
      expect(result.code).toBe(0);
      for (const option of options) expect(result.stdout).toContain(option);
    }
  });

  it('exits 2 on usage errors with a message on stderr', async () => {
    for (const args of [['frobnicate'], ['deliveries', '--bogus'], ['deliveries', '--limit', 'many'],
      ['deliveries', '--outcome', 'great'], ['delivery'], ['delivery', '1', '--json', '--raw'], ['serve', '--port', '70000'],
      ['config'], ['config', 'fix'], ['send', '--sign', 'everything']]) {
      const result = await cli(...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.length).toBeGreaterThan(0);
      expect(result.stdout).toBe('');
    }
  });

  it('exits 1 on operational errors with a message on stderr', async () => {
    const missing = await cli('delivery', 'no-such-delivery');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no delivery "no-such-delivery"');
  });
});

describe('send', () => {
  it('sends a built-in sample for every event, signed so that the server accepts it', async () => {
    for (const event of EVENT_NAMES) {
      const result = await cli('send', '--url', serve.webhook, '--secret', SECRET, '--event', event, '--delivery-id', `s-${event}`);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('HTTP 200');
      expect(result.stdout).toContain(`{"status":"accepted","delivery":"s-${event}"}`);
    }
    const rows = JSON.parse((await cli('deliveries', '--json', '--limit', '100')).stdout);
    for (const event of EVENT_NAMES) expect(rows.find((r: { deliveryId: string }) => r.deliveryId === `s-${event}`)?.event).toBe(event);
  });

  it('refuses an event name close to a known one, suggesting it, and sends nothing; other names still go as a ping', async () => {
    const slip = await cli('send', '--url', serve.webhook, '--secret', SECRET, '--event', 'issued', '--delivery-id', 'slip-1');
    expect(slip.code).toBe(2);
    expect(slip.stdout).toBe('');
    expect(slip.stderr).toMatch(/^certbell send: unknown event "issued"; did you mean ssl_panel\.issued\?\n/);
    expect((await cli('delivery', 'slip-1')).code).toBe(1);
    const ping = await cli('send', '--url', serve.webhook, '--secret', SECRET, '--event', 'ping', '--delivery-id', 'ping-1');
    expect(ping.code, ping.stderr).toBe(0);
  });

  it('uses the data directory\'s listener and secret when --url and --secret are left out', async () => {
    const port = Number(new URL(serve.webhook).port);
    const local = tempDataDir({ secrets: [{ label: 'k', value: SECRET }], listener: { port } });
    try {
      const result = await runCertbell(['send', '--data-dir', local, '--delivery-id', 'local-defaults']);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('"delivery":"local-defaults"');
      writeFileSync(join(local, 'config.json'), JSON.stringify({ secrets: [{ label: 'k', value: 'other' }], listener: { port } }));
      const refused = await runCertbell(['send', '--data-dir', local, '--delivery-id', 'local-other']);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toContain('HTTP 401');
    } finally {
      removeDir(local);
    }
  });

  it('does not guess from a config.json with errors: exit 1 asking for --secret or --url', async () => {
    const port = Number(new URL(serve.webhook).port);
    const broken = tempDataDir({ secrets: [{ label: 'k', value: SECRET }, { label: 'e', env: 'CB_UNSET_SECRET' }], listener: { port } });
    try {
      const noSecret = await runCertbell(['send', '--data-dir', broken, '--url', serve.webhook, '--delivery-id', 'broken-config']);
      expect(noSecret.code).toBe(1);
      expect(noSecret.stderr).toContain('certbell config check');
      expect(noSecret.stderr).toContain('--secret');
      expect(noSecret.stdout).toBe('');
      const noUrl = await runCertbell(['send', '--data-dir', broken, '--secret', SECRET, '--delivery-id', 'broken-config']);
      expect(noUrl.code).toBe(1);
      expect(noUrl.stderr).toContain('--url');
      const given = await runCertbell(['send', '--data-dir', broken, '--url', serve.webhook, '--secret', SECRET, '--delivery-id', 'broken-config']);
      expect(given.code, given.stderr).toBe(0);
    } finally {
      removeDir(broken);
    }
  });

  it('without --url sends to the serve running on the data directory, on the port it really listens on', async () => {
    // serve was started with --port 0: config.json does not know its port, listener.json does.
    expect(JSON.parse(readFileSync(join(dir, 'listener.json'), 'utf8'))).toMatchObject({ pid: serve.pid, webhookUrl: serve.webhook });
    const result = await runCertbell(['send', '--data-dir', dir, '--delivery-id', 'via-listener-file']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('"delivery":"via-listener-file"');
  });

  it('sets the common name and delivery id, and signs the whole body with --sign body', async () => {
    const result = await cli('send', '--url', serve.webhook, '--secret', SECRET, '--common-name', 'shop.example.org',
      '--delivery-id', 'cn-1', '--sign', 'body');
    expect(result.code).toBe(0);
    const shown = JSON.parse((await cli('delivery', 'cn-1', '--json')).stdout);
    expect(shown).toMatchObject({ commonName: 'shop.example.org', deliveryId: 'cn-1', event: 'ssl_panel.issued' });
    expect(shown.signatureDetail.matched.input).toBe('body');
  });

  it('sends a file byte for byte', async () => {
    const file = join(dir, 'delivery.json');
    const bytes = '{\n  "metadata": {"delivery": "file-1", "event": "ssl_panel.renew_failed"},\n  "data": {"x": "ü"}\n}\n';
    writeFileSync(file, bytes);
    const result = await cli('send', '--url', serve.webhook, '--secret', SECRET, '--file', file);
    expect(result.code).toBe(0);
    const raw = await cli('delivery', 'file-1', '--raw');
    expect(raw.stdoutBytes.equals(Buffer.from(bytes))).toBe(true);
    expect(JSON.parse((await cli('delivery', 'file-1', '--json')).stdout).event).toBe('ssl_panel.renew_failed');
  });

  it('exits 1 on a non-2xx answer and when the listener cannot be reached', async () => {
    const rejected = await cli('send', '--url', serve.webhook, '--secret', 'wrong');
    expect(rejected.code).toBe(1);
    expect(rejected.stdout).toContain('HTTP 401');
    const unreachable = await cli('send', '--url', 'http://127.0.0.1:9/webhook', '--secret', SECRET);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain('cannot reach');
  });
});

describe('deliveries and delivery', () => {
  it('prints one JSON value on stdout with --json, and a table without', async () => {
    const json = await cli('deliveries', '--json');
    expect(Array.isArray(JSON.parse(json.stdout))).toBe(true);
    const text = await cli('deliveries', '--limit', '3');
    expect(text.stdout.split('\n')[0]).toMatch(/^ID\s+RECEIVED/);
    expect(text.stdout.trim().split('\n')).toHaveLength(4);
  });

  it('writes the exact body bytes with --raw, even bytes that are not UTF-8', async () => {
    const body = Buffer.concat([Buffer.from('{"metadata":{"delivery":"raw-1"}}\r\n'), Buffer.from([0xff, 0xfe, 0x00, 0x80])]);
    const res = await post(serve.webhook, body, { Signature: `sha256=${hmac(SECRET, body)}`, Delivery: 'raw-1' });
    expect(res.status).toBe(400);
    const raw = await cli('delivery', 'raw-1', '--raw');
    expect(raw.code).toBe(0);
    expect(raw.stdoutBytes.equals(body)).toBe(true);
    // --json cannot give such bytes as text exactly: it adds them in base64.
    const json = JSON.parse((await cli('delivery', 'raw-1', '--json')).stdout);
    expect(Buffer.from(json.bodyBase64, 'base64').equals(body)).toBe(true);
    const [issued] = JSON.parse((await cli('deliveries', '--json', '--event', 'ssl_panel.issued', '--limit', '1')).stdout);
    const text = JSON.parse((await cli('delivery', String(issued.id), '--json')).stdout);
    expect(text.body).toContain('"ssl_panel.issued"');
    expect(text).not.toHaveProperty('bodyBase64');
  });

  it('shows a delivery by record id with headers, body, signature detail and hook runs', async () => {
    const [latest] = JSON.parse((await cli('deliveries', '--json', '--limit', '1')).stdout);
    const shown = JSON.parse((await cli('delivery', String(latest.id), '--json')).stdout);
    for (const key of ['headers', 'body', 'signatureDetail', 'hookRuns']) expect(shown).toHaveProperty(key);
    expect(shown.id).toBe(latest.id);
    const text = await cli('delivery', String(latest.id));
    expect(text.stdout).toContain(`Delivery ${latest.id}`);
    expect(text.stdout).toContain('Signature');
  });

  it('lists nothing with --limit 0, and says when filters match nothing', async () => {
    expect(JSON.parse((await cli('deliveries', '--json', '--limit', '0')).stdout)).toEqual([]);
    expect((await cli('deliveries', '--event', 'ssl_panel.no_such_event')).stdout).toBe('No deliveries match.\n');
    expect(JSON.parse((await cli('notifications', '--json', '--limit', '0')).stdout)).toEqual([]);
  });

  it('takes --data-dir before the command too', async () => {
    const after = JSON.parse((await cli('deliveries', '--json', '--limit', '2')).stdout);
    expect(after).toHaveLength(2);
    for (const common of [['--data-dir', dir], [`--data-dir=${dir}`]]) {
      const before = await runCertbell([...common, 'deliveries', '--json', '--limit', '2']);
      expect(before.code).toBe(0);
      expect(JSON.parse(before.stdout)).toEqual(after);
    }
    const missing = await runCertbell(['--data-dir']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--data-dir');
  });

  it('reads CERTBELL_DATA_DIR when --data-dir is not given', async () => {
    const result = await runCertbell(['deliveries', '--json', '--limit', '1'], { CERTBELL_DATA_DIR: dir });
    expect(JSON.parse(result.stdout)).toHaveLength(1);
  });

  it('treats a data directory without a database as empty', async () => {
    const empty = tempDataDir();
    try {
      const result = await runCertbell(['deliveries', '--json', '--data-dir', empty]);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual([]);
    } finally {
      removeDir(empty);
    }
  });
});

describe('an unusable data directory', () => {
  it('is an operational error (exit 1) for the commands that only read, not an empty list', async () => {
    const parent = tempDataDir();
    const file = join(parent, 'not-a-dir');
    writeFileSync(file, 'x');
    try {
      for (const args of [['deliveries', '--json'], ['certificates', '--json'], ['notifications', '--json'], ['delivery', '1']]) {
        const result = await runCertbell([...args, '--data-dir', file]);
        expect(result.code, args.join(' ')).toBe(1);
        expect(result.stderr).toContain(`the data directory ${file} is not usable: a file is in the way`);
        expect(result.stdout).toBe('');
      }
    } finally {
      removeDir(parent);
    }
  });
});

describe('config', () => {
  it('check: exit 0 on a valid config, 1 with JSON paths on an invalid one', async () => {
    expect((await cli('config', 'check')).code).toBe(0);
    const bad = tempDataDir({ listener: { path: 'no-slash', maxBodyBytes: -1 }, hooks: [{ name: 'a', stage: 'later', command: [] }] });
    try {
      const result = await runCertbell(['config', 'check', '--data-dir', bad]);
      expect(result.code).toBe(1);
      for (const path of ['listener.path', 'listener.maxBodyBytes', 'hooks[0].stage', 'hooks[0].command']) {
        expect(result.stderr).toContain(`${path}:`);
      }
      const json = await runCertbell(['config', 'check', '--json', '--data-dir', bad]);
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout).errors.map((e: { path: string }) => e.path)).toContain('listener.path');
    } finally {
      removeDir(bad);
    }
  });

  it('schema: prints the JSON Schema of config.json', async () => {
    const result = await runCertbell(['config', 'schema']);
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.stdout);
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['listener', 'secrets', 'hooks', 'notifications', 'tunnel', 'retention']));
  });
});
