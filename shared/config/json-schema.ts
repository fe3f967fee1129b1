/** The published JSON Schema of config.json (`certbell config schema`), for editor completion. */
import { toJsonSchema } from '../validation/index.ts';
import { ConfigSchema } from './schema.ts';

export function configJsonSchema(): Record<string, unknown> {
  return { ...toJsonSchema(ConfigSchema), $id: 'https://certbell.invalid/config.schema.json', title: 'Certbell config.json' };
}
