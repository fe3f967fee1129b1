import { describe, it, expect } from 'vitest';
import { configJsonSchema } from '../../../../shared/config/json-schema.ts';

type Node = { type?: string; properties?: Record<string, Node>; default?: unknown; enum?: unknown[];
  additionalProperties?: unknown; items?: Node; required?: string[] };

describe('configJsonSchema', () => {
  const schema = configJsonSchema() as Node & Record<string, unknown>;

  it('is a draft 2020-12 object schema with an id and a title', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toEqual(expect.stringMatching(/^https:\/\//));
    expect(schema.title).toBe('Certbell config.json');
    expect(schema.type).toBe('object');
  });

  it('describes every top-level key and refuses unknown ones', () => {
    expect(Object.keys(schema.properties ?? {})).toEqual(expect.arrayContaining([
      'listener', 'secrets', 'allowUnsigned', 'signatureInput', 'hooks', 'hooksFile', 'hookTimeoutMs',
      'allowPreHookFailure', 'allowSuccessHookFailure', 'allowPostHookFailure', 'notifications', 'tunnel', 'ui', 'retention',
    ]));
    expect(schema.additionalProperties).toBe(false);
  });

  it('lets an editor offer the defaults and the choices', () => {
    const listener = schema.properties!.listener.properties!;
    expect(listener.port).toMatchObject({ type: 'integer', default: 7413 });
    expect(listener.host.default).toBe('127.0.0.1');
    expect(schema.properties!.signatureInput).toMatchObject({ enum: ['auto', 'body', 'data'], default: 'auto' });
    const hook = schema.properties!.hooks.items!;
    expect(hook.properties!.stage.enum).toEqual(['pre', 'success', 'post']);
    expect(hook.required).toEqual(expect.arrayContaining(['name', 'stage', 'command']));
  });

  it('describes a secret as a label with a value, env or encrypted source', () => {
    const secret = schema.properties!.secrets.items!;
    expect(Object.keys(secret.properties!).sort()).toEqual(['encrypted', 'env', 'label', 'value']);
    expect(secret.required).toEqual(['label']);
    // Exactly one source, as `config check` demands: an editor flags {"label":"x"} and {"label","value","env"}.
    expect((secret as Record<string, unknown>).oneOf).toEqual([{ required: ['value'] }, { required: ['env'] }, { required: ['encrypted'] }]);
  });

  it('allows the $schema key that editors add', () => {
    expect(schema.properties!.$schema).toMatchObject({ type: 'string' });
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});
