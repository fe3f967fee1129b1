import { describe, expect, it } from 'vitest';
import { validateConfig, type ConfigError } from '../../../../shared/config/index.ts';
import { duplicateNameCount, nameErrors, rowsFromTargets, targetErrors, targetPath, targetsFromRows, type TargetRow }
  from '../../../../renderer/src/lib/deployment-targets.ts';

function schemaErrors(rows: TargetRow[]): ConfigError[] {
  const result = validateConfig({ deployment: { targets: targetsFromRows(rows) } });
  return result.ok ? [] : result.errors;
}

describe('rows and the targets map', () => {
  it('round-trips, trimming names and targets', () => {
    const map = { 'shop.example.nl': ['127.0.0.1:8443', 'lb1.internal:443'], '*.example.nl': ['[::1]:8443'] };
    expect(targetsFromRows(rowsFromTargets(map))).toEqual(map);
    expect(targetsFromRows([{ name: ' shop.example.nl ', targets: [' 127.0.0.1:8443'] }])).toEqual({ 'shop.example.nl': ['127.0.0.1:8443'] });
  });

  it('writes a path as the schema reports it', () => {
    expect(targetPath('shop.example.nl', 0)).toBe('deployment.targets["shop.example.nl"][0]');
    expect(targetPath('localhost')).toBe('deployment.targets.localhost');
  });
});

describe('nameErrors', () => {
  it('explains an invalid or empty name in its own words', () => {
    const rows = [{ name: 'not a name', targets: ['127.0.0.1:8443'] }, { name: '', targets: [] }];
    const [bad, empty] = nameErrors(rows, schemaErrors(rows));
    expect(bad).toEqual([expect.stringMatching(/not a certificate name/)]);
    expect(empty).toEqual([expect.stringMatching(/give the certificate name/)]);
  });

  it('reports a name without targets, and a name listed twice (ignoring case) on the second row only', () => {
    const rows = [{ name: 'shop.example.nl', targets: [] }, { name: 'Shop.example.nl', targets: ['127.0.0.1:8443'] }];
    const errors = nameErrors([rows[0]], schemaErrors([rows[0]]));
    expect(errors[0]).toEqual([expect.stringMatching(/at least one/)]);
    const twice = nameErrors(rows, []);
    expect(twice[0]).toEqual([]);
    expect(twice[1]).toEqual(['this name is listed above already']);
    expect(duplicateNameCount(rows)).toBe(1);
    expect(duplicateNameCount([rows[0]])).toBe(0);
  });

  it('has nothing to say about valid names', () => {
    const rows = [{ name: '*.example.nl', targets: ['10.0.0.5:443'] }];
    expect(nameErrors(rows, schemaErrors(rows))).toEqual([[]]);
  });
});

describe('targetErrors', () => {
  it('shows the schema\'s message at the target\'s path', () => {
    const row = { name: 'shop.example.nl', targets: ['127.0.0.1:8443', 'no-port'] };
    const errors = schemaErrors([row]);
    expect(targetErrors(row, 0, errors)).toEqual([]);
    expect(targetErrors(row, 1, errors)).toEqual([expect.stringMatching(/host:port/)]);
  });

  it('checks the syntax itself while the name is invalid (the schema then skips the targets)', () => {
    const row = { name: 'bad name', targets: ['127.0.0.1:99999', '[::1]:8443'] };
    const errors = schemaErrors([row]);
    expect(targetErrors(row, 0, errors)).toEqual([expect.stringMatching(/host:port/)]);
    expect(targetErrors(row, 1, errors)).toEqual([]);
  });
});
