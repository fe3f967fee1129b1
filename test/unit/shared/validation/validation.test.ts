import { describe, expect, it } from 'vitest';
import * as v from '../../../../shared/validation/index.ts';

const issuesOf = (schema: v.Schema<unknown, unknown>, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

describe('shared/validation', () => {
  const Listener = v.strictObject({
    host: v.string().min(1).default('127.0.0.1'),
    port: v.number().int().min(0).max(65535).default(7413),
    tags: v.array(v.string()).default([]),
    note: v.string().optional(),
  });

  it('fills defaults, leaves absent optional keys absent, and hands out a fresh copy of each default', () => {
    const first = Listener.parse({});
    expect(first).toEqual({ host: '127.0.0.1', port: 7413, tags: [] });
    expect(Object.hasOwn(first, 'note')).toBe(false);
    first.tags.push('changed');
    expect(Listener.parse({}).tags).toEqual([]);
  });

  it('reports every problem at its own JSON path, an unknown key at the key', () => {
    expect(issuesOf(Listener, { host: '', port: 80.5, prot: 1, tags: ['a', 2] })).toEqual([
      { path: 'host', message: 'must not be empty' },
      { path: 'port', message: 'must be a whole number' },
      { path: 'tags.1', message: 'expected a string, got a number' },
      { path: 'prot', message: 'unknown key' },
    ]);
    expect(issuesOf(Listener, { port: 70_000 })).toEqual([{ path: 'port', message: 'must be at most 65535' }]);
    expect(issuesOf(Listener, [])).toEqual([{ path: '', message: 'expected an object, got an array' }]);
    expect(issuesOf(v.strictObject({ name: v.string() }), {})).toEqual([{ path: 'name', message: 'required: expected a string' }]);
    expect(issuesOf(v.number().int(), 2 ** 60)).toEqual([{ path: '', message: 'must be a whole number' }]);
  });

  it('uses the messages it is given, for a wrong type as for a failed check', () => {
    const Stage = v.enum(['pre', 'success', 'post'], { error: 'stage must be "pre", "success" or "post"' });
    expect(issuesOf(Stage, 'during')).toEqual([{ path: '', message: 'stage must be "pre", "success" or "post"' }]);
    expect(issuesOf(v.enum(['a', 'b', 'c']), 'd')).toEqual([{ path: '', message: 'expected one of "a", "b" or "c", got a string' }]);
    expect(issuesOf(v.strictObject({}, { error: 'give an object' }), 'x')).toEqual([{ path: '', message: 'give an object' }]);
    expect(issuesOf(v.string().regex(/^\//, 'starts with "/"'), 'x')).toEqual([{ path: '', message: 'starts with "/"' }]);
    expect(issuesOf(v.array(v.string()).min(1, 'name one'), [])).toEqual([{ path: '', message: 'name one' }]);
  });

  it('trims before checking, and a prefault is parsed like an input', () => {
    expect(issuesOf(v.string().trim().min(1, 'empty'), '   ')).toEqual([{ path: '', message: 'empty' }]);
    expect(v.string().trim().parse('  a ')).toBe('a');
    const Outer = v.strictObject({ inner: v.strictObject({ on: v.boolean().default(true) }).prefault({}) });
    expect(Outer.parse({})).toEqual({ inner: { on: true } });
  });

  it('checks run on a well-typed value and report below it; refine adds one message', () => {
    const Pair = v.strictObject({ a: v.string().optional(), b: v.string().optional() }).check((ctx) => {
      if ((ctx.value.a === undefined) === (ctx.value.b === undefined)) {
        ctx.issues.push({ code: 'custom', path: ['a'], message: 'exactly one of "a" or "b"' });
      }
    });
    expect(issuesOf(v.strictObject({ pair: Pair }), { pair: {} })).toEqual([{ path: 'pair.a', message: 'exactly one of "a" or "b"' }]);
    expect(issuesOf(v.strictObject({ pair: Pair }), { pair: { a: 1 } })).toEqual([{ path: 'pair.a', message: 'expected a string, got a number' }]);
    expect(issuesOf(v.string().refine((s) => !s.includes('*'), 'no patterns'), 'a*')).toEqual([{ path: '', message: 'no patterns' }]);
  });

  it('unions take the first option that fits; loose objects keep other keys; transforms map the output', () => {
    const Source = v.union([v.strictObject({ keep: v.literal(true) }), v.strictObject({ value: v.string() })], { error: 'keep or value' });
    expect(Source.parse({ value: 'x' })).toEqual({ value: 'x' });
    expect(issuesOf(Source, { keep: false })).toEqual([{ path: '', message: 'keep or value' }]);
    expect(issuesOf(v.union([v.number(), v.string().min(1)]), '')).toEqual([{ path: '', message: 'must not be empty' }]);
    const Order = v.looseObject({ id: v.union([v.number().int(), v.string()]).transform(String), names: v.array(v.string()).nullable().optional()
      .transform((n) => n ?? []) });
    expect(Order.parse({ id: 7, extra: { kept: true } })).toEqual({ id: '7', names: [], extra: { kept: true } });
  });

  it('reads records key by key, URLs with their scheme, and ISO date-times with an offset', () => {
    const Targets = v.record(v.string(), v.array(v.string()).min(1, 'at least one'));
    expect(issuesOf(Targets, { 'a.example': [], 'b.example': ['x'] })).toEqual([{ path: 'a.example', message: 'at least one' }]);
    const Web = v.url({ protocol: /^https?$/ });
    expect(Web.parse('https://api.example.org')).toBe('https://api.example.org');
    expect(issuesOf(Web, 'ftp://example.org')).toHaveLength(1);
    expect(issuesOf(Web, 'not a url')).toHaveLength(1);
    const At = v.iso.datetime({ offset: true, error: 'an ISO date-time' });
    for (const ok of ['2026-06-01T12:00:00Z', '2026-06-01T12:00:00.123+02:00', '2026-06-01T12:00Z']) expect(At.parse(ok)).toBe(ok);
    for (const bad of ['2026-06-01', '2026-13-01T12:00:00Z', 'yesterday', '2026-06-01 12:00:00Z']) {
      expect(issuesOf(At, bad)).toEqual([{ path: '', message: 'an ISO date-time' }]);
    }
    expect(issuesOf(v.iso.datetime(), '2026-06-01T12:00:00+02:00')).toHaveLength(1);
  });

  it('describes its input side as JSON Schema: required keys, defaults, formats, null and meta', () => {
    const Hook = v.strictObject({
      name: v.string().min(1),
      stage: v.enum(['pre', 'post']).default('pre'),
      cwd: v.string().nullable().default(null),
      url: v.url().optional(),
    }).meta({ description: 'a hook' });
    expect(v.toJsonSchema(Hook)).toEqual({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object', description: 'a hook', additionalProperties: false, required: ['name'],
      properties: {
        name: { type: 'string', minLength: 1 },
        stage: { default: 'pre', type: 'string', enum: ['pre', 'post'] },
        cwd: { default: null, anyOf: [{ type: 'string' }, { type: 'null' }] },
        url: { type: 'string', format: 'uri' },
      },
    });
    expect(v.number().int().positive().toJsonSchema()).toEqual({ type: 'integer', exclusiveMinimum: 0 });
  });

  it('never changes a schema another field shares', () => {
    const base = v.string();
    base.min(3);
    expect(base.parse('a')).toBe('a');
  });
});
