/** The published JSON Schema of config.json (`certbell config schema`), for editor completion. */
import { z } from 'zod';
import { ConfigSchema } from './schema.ts';

export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ConfigSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return { ...schema, $id: 'https://certbell.invalid/config.schema.json', title: 'Certbell config.json' };
}
