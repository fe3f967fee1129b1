import { describe, it, expect } from 'vitest';
import { defaultConfig, formatConfigErrors, formatPath, validateConfig, type ConfigError } from '../../../../shared/config/validate.ts';

function errorsOf(value: unknown): ConfigError[] {
  const result = validateConfig(value);
  if (result.ok) throw new Error('expected the config to be invalid');
  return result.errors;
}

const paths = (value: unknown) => errorsOf(value).map((e) => e.path);
const hook = (name: string, stage = 'pre') => ({ name, stage, command: ['/bin/true'] });

describe('validateConfig', () => {
  it('accepts an empty object as the defaults', () => {
    expect(validateConfig({})).toEqual({ ok: true, config: defaultConfig() });
  });

  it('accepts a full, realistic config', () => {
    const result = validateConfig({
      $schema: './config.schema.json',
      listener: { host: '0.0.0.0', port: 8080, path: '/hooks/openprovider', maxBodyBytes: 65536 },
      secrets: [{ label: 'old', env: 'OP_SECRET_OLD' }, { label: 'new', value: 's3cret' }],
      signatureInput: 'data',
      hooks: [{ ...hook('install'), events: ['ssl_panel.issued'], env: { A: '1' }, timeoutMs: 5000 }, hook('log', 'post')],
      notifications: { quietHours: { from: '22:00', to: '07:00' }, expiryThresholdsDays: [10, 2] },
      tunnel: { command: ['cloudflared', 'tunnel', '--url', 'http://127.0.0.1:{port}'], urlPattern: 'https://\\S+',
        publicUrl: 'https://hooks.example.org', autoStart: true },
      ui: { port: 0 }, retention: { maxDeliveries: 10, maxDays: 1 },
    });
    expect(result.ok).toBe(true);
    expect(result.ok && result.config.hooks[0]).toMatchObject({ name: 'install', enabled: true, cwd: null });
  });

  it('reports a bad listener port at listener.port', () => {
    expect(paths({ listener: { port: 'x' } })).toEqual(['listener.port']);
    expect(paths({ listener: { port: 70000 } })).toEqual(['listener.port']);
    expect(paths({ listener: { port: 80.5 } })).toEqual(['listener.port']);
  });

  it('reports a listener path without a leading slash', () => {
    const [error] = errorsOf({ listener: { path: 'webhook' } });
    expect(error.path).toBe('listener.path');
    expect(error.message).toContain('must start with "/"');
  });

  it('reports a secret without exactly one source at secrets[i]', () => {
    const errors = errorsOf({ secrets: [{ label: 'ok', value: 'v' }, { label: 'both', value: 'v', env: 'E' }] });
    expect(errors).toEqual([{ path: 'secrets[1]', message: 'a secret needs exactly one of "value", "env" or "encrypted"' }]);
    expect(paths({ secrets: [{ label: 'none' }] })).toEqual(['secrets[0]']);
  });

  it('reports a bad hook stage at hooks[i].stage', () => {
    const errors = errorsOf({ hooks: [hook('a'), hook('b', 'during')] });
    expect(errors).toEqual([{ path: 'hooks[1].stage', message: 'stage must be "pre", "success" or "post"' }]);
  });

  it('reports an event pattern, which would never match, at hooks[i].events[j]', () => {
    expect(errorsOf({ hooks: [{ ...hook('a'), events: ['*'] }, { ...hook('b'), events: ['ping', 'ssl_panel.*'] }] })).toEqual([
      { path: 'hooks[1].events[1]', message: 'an event is a full name such as "ssl_panel.issued", or "*" for every event (no patterns)' }]);
  });

  it('reports a duplicate hook name at the later hook, naming the first', () => {
    const errors = errorsOf({ hooks: [hook('deploy'), hook('deploy', 'post')] });
    expect(errors).toEqual([{ path: 'hooks[1].name', message: 'duplicate hook name "deploy" (also hooks[0])' }]);
  });

  it('reports a duplicate secret label, which would make "which secret matched" ambiguous', () => {
    const errors = errorsOf({ secrets: [{ label: 'main', value: 'a' }, { label: 'main', env: 'B' }] });
    expect(errors).toEqual([{ path: 'secrets[1].label', message: 'duplicate secret label "main" (also secrets[0])' }]);
  });

  it('treats names differing only by surrounding spaces as duplicates', () => {
    expect(paths({ hooks: [hook('a'), hook('b'), hook(' a ')] })).toEqual(['hooks[2].name']);
  });

  it('reports an invalid tunnel.urlPattern', () => {
    expect(errorsOf({ tunnel: { urlPattern: '(unclosed' } })).toEqual([
      { path: 'tunnel.urlPattern', message: 'not a valid regular expression' },
    ]);
  });

  it('reports a bad public URL and bad quiet hours', () => {
    expect(paths({ tunnel: { publicUrl: 'ftp://example.org' } })).toEqual(['tunnel.publicUrl']);
    expect(paths({ notifications: { quietHours: { from: '24:00', to: '7:00' } } }))
      .toEqual(['notifications.quietHours.from', 'notifications.quietHours.to']);
  });

  it('reports unknown keys, naming them, at top level and inside sections', () => {
    expect(errorsOf({ listner: {} })).toEqual([{ path: 'listner', message: 'unknown key' }]);
    expect(errorsOf({ listener: { prot: 1, hots: 'x' } })).toEqual([
      { path: 'listener.prot', message: 'unknown key' }, { path: 'listener.hots', message: 'unknown key' }]);
    expect(errorsOf({ hooks: [{ ...hook('a'), evnts: ['x'] }] })).toEqual([{ path: 'hooks[0].evnts', message: 'unknown key' }]);
  });

  it('reports several errors at once, the duplicate name included', () => {
    const errors = errorsOf({
      bogus: true,
      listener: { port: -1 },
      secrets: [{ label: 'a', value: 'v', encrypted: 'e' }],
      hooks: [hook('x'), { ...hook('x'), stage: 'late' }],
      tunnel: { urlPattern: '[' },
      retention: { maxDays: 0 },
    });
    expect(errors.map((e) => e.path).sort()).toEqual([
      'bogus', 'hooks[1].name', 'hooks[1].stage', 'listener.port', 'retention.maxDays', 'secrets[0]', 'tunnel.urlPattern',
    ]);
  });

  it('refuses a top level that is not an object, at $', () => {
    for (const value of [null, [], 'config', 42]) expect(paths(value)).toEqual(['$']);
  });

  it('gives every error a message', () => {
    for (const error of errorsOf({ listener: { port: 'x', maxBodyBytes: 0 }, allowUnsigned: 'yes' })) {
      expect(error.message.length).toBeGreaterThan(0);
    }
  });
});

describe('formatPath', () => {
  it('writes dotted keys and bracketed indexes, $ for the root', () => {
    expect(formatPath([])).toBe('$');
    expect(formatPath(['secrets', 0, 'value'])).toBe('secrets[0].value');
    expect(formatPath(['hooks', 1, 'env', 'MY_VAR'])).toBe('hooks[1].env.MY_VAR');
  });

  it('quotes keys that are not identifiers', () => {
    expect(formatPath(['hooks', 0, 'env', 'A-B'])).toBe('hooks[0].env["A-B"]');
    expect(formatPath(['with space'])).toBe('["with space"]');
  });
});

describe('formatConfigErrors', () => {
  it('prints one "path: message" line per error', () => {
    expect(formatConfigErrors([{ path: 'a.b', message: 'bad' }, { path: '$', message: 'worse' }])).toBe('a.b: bad\n$: worse');
  });
});
