/**
 * Certbell's schemas for config.json, the bridge's params and the provider API's answers, in
 * zod's style (`v.strictObject({ port: v.number().int().default(7413) })`) and covering just what
 * those use. Not zod itself: importing zod cost `certbell serve` 5–11 MB of its idle RSS (95
 * modules), whose whole budget is 80 MB (docs/decisions.md, *Memory of certbell serve*).
 *
 *   import * as v from '../validation/index.ts';
 *   const Port = v.number().int().min(0).max(65535);   // v.Output<typeof Port> is number
 */
import { ArraySchema, ObjectSchema, RecordSchema, UnionSchema, type ObjectInput, type ObjectOutput, type Shape } from './composites.ts';
import { BooleanSchema, CustomSchema, datetime, EnumSchema, LiteralSchema, NumberSchema, StringSchema, UnknownSchema, url,
  type LiteralValue, type MessageOption } from './primitives.ts';
import type { JsonSchema, Schema } from './schema.ts';

export type { Input, Issue, JsonSchema, Output, SafeParseResult, Schema } from './schema.ts';
export { ValidationError } from './schema.ts';
export { url };

export const string = (options?: MessageOption): StringSchema => new StringSchema(options);
export const number = (options?: MessageOption): NumberSchema => new NumberSchema(options);
export const boolean = (options?: MessageOption): BooleanSchema => new BooleanSchema(options);
export const unknown = (): UnknownSchema => new UnknownSchema();
export const literal = <const T extends LiteralValue>(value: T, options?: MessageOption): LiteralSchema<T> => new LiteralSchema(value, options);
const enumOf = <const T extends string>(values: readonly T[], options?: MessageOption): EnumSchema<T> => new EnumSchema(values, options);
export { enumOf as enum };
export const custom = <T>(ok: (value: unknown) => boolean, options?: MessageOption): CustomSchema<T> => new CustomSchema<T>(ok, options);
export const iso = { datetime };

export const strictObject = <S extends Shape>(shape: S, options?: MessageOption): ObjectSchema<S> => new ObjectSchema(shape, true, options);
export const looseObject = <S extends Shape>(shape: S, options?: MessageOption)
  : ObjectSchema<S, ObjectOutput<S> & Record<string, unknown>, ObjectInput<S> & Record<string, unknown>> =>
  new ObjectSchema(shape, false, options);
export const array = <Item extends Schema<unknown, unknown>>(item: Item): ArraySchema<Item> => new ArraySchema(item);
export const record = <Value extends Schema<unknown, unknown>>(key: Schema<string, unknown>, value: Value): RecordSchema<Value> =>
  new RecordSchema(key, value);
export const union = <const Options extends readonly Schema<unknown, unknown>[]>(options: Options, settings?: MessageOption)
  : UnionSchema<Options> => new UnionSchema(options, settings);

/** The input side (what a file may say) as a JSON Schema document of draft 2020-12. */
export function toJsonSchema(schema: Schema<unknown, unknown>): JsonSchema {
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', ...schema.toJsonSchema() };
}
