/** The schemas made of others: objects (strict or loose), arrays, records, unions. */
import type { MessageOption } from './primitives.ts';
import { describeValue, INVALID, Schema, type Input, type Issue, type JsonSchema, type Output, type Parsed } from './schema.ts';

export type Shape = Record<string, Schema<unknown, unknown>>;

type Flat<T> = { [K in keyof T]: T[K] } & {};
/** The keys whose value may be undefined become optional keys. */
type Optionals<T> = Flat<{ [K in keyof T as undefined extends T[K] ? never : K]: T[K] }
  & { [K in keyof T as undefined extends T[K] ? K : never]?: T[K] }>;
export type ObjectOutput<S extends Shape> = Optionals<{ [K in keyof S]: Output<S[K]> }>;
export type ObjectInput<S extends Shape> = Optionals<{ [K in keyof S]: Input<S[K]> }>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function expectedObject(value: unknown, path: PropertyKey[], issues: Issue[], error: string | undefined): void {
  issues.push({ code: 'invalid_type', path,
    message: error ?? (value === undefined ? 'required: expected an object' : `expected an object, got ${describeValue(value)}`) });
}

/**
 * An object with the given keys. Strict: any other key is an issue of its own ("unknown key",
 * at that key's path). Loose: other keys pass through as they are. Absent optional keys stay absent.
 */
export class ObjectSchema<S extends Shape, Out = ObjectOutput<S>, In = ObjectInput<S>> extends Schema<Out, In> {
  readonly shape: S;
  private readonly strict: boolean;
  private readonly error: string | undefined;

  constructor(shape: S, strict: boolean, options: MessageOption = {}) {
    super();
    this.shape = shape;
    this.strict = strict;
    this.error = options.error;
  }

  protected parseValue(value: unknown, path: PropertyKey[], issues: Issue[]): Parsed<Out> {
    if (!isPlainObject(value)) {
      expectedObject(value, path, issues, this.error);
      return INVALID;
    }
    const before = issues.length;
    const out: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(this.shape)) {
      const field = schema.run(Object.hasOwn(value, key) ? value[key] : undefined, [...path, key], issues);
      if (field !== undefined || Object.hasOwn(value, key)) out[key] = field;
    }
    for (const key of Object.keys(value)) {
      if (Object.hasOwn(this.shape, key)) continue;
      if (this.strict) issues.push({ code: 'unrecognized_keys', path: [...path, key], message: 'unknown key' });
      else out[key] = value[key];
    }
    return issues.length > before ? INVALID : out as Out;
  }

  protected typeSchema(): JsonSchema {
    const properties = Object.fromEntries(Object.entries(this.shape).map(([key, schema]) => [key, schema.toJsonSchema()]));
    const required = Object.keys(this.shape).filter((key) => !this.shape[key].acceptsUndefined());
    return { type: 'object', properties, ...(required.length ? { required } : {}), ...(this.strict ? { additionalProperties: false } : {}) };
  }
}

export class ArraySchema<Item extends Schema<unknown, unknown>> extends Schema<Output<Item>[], Input<Item>[]> {
  private readonly item: Item;

  constructor(item: Item) {
    super();
    this.item = item;
  }

  protected parseValue(value: unknown, path: PropertyKey[], issues: Issue[]): Parsed<Output<Item>[]> {
    if (!Array.isArray(value)) {
      issues.push({ code: 'invalid_type', path,
        message: value === undefined ? 'required: expected an array' : `expected an array, got ${describeValue(value)}` });
      return INVALID;
    }
    const before = issues.length;
    const out = value.map((element, index) => this.item.run(element, [...path, index], issues));
    return issues.length > before ? INVALID : out as Output<Item>[];
  }

  protected typeSchema(): JsonSchema {
    return { type: 'array', items: this.item.toJsonSchema() };
  }

  min(length: number, message = `needs at least ${length} ${length === 1 ? 'entry' : 'entries'}`): this {
    return this.with((value, path, issues) => {
      if (value.length < length) issues.push({ code: 'too_small', path, message });
    }, { minItems: length });
  }

  max(length: number, message = `allows at most ${length} ${length === 1 ? 'entry' : 'entries'}`): this {
    return this.with((value, path, issues) => {
      if (value.length > length) issues.push({ code: 'too_big', path, message });
    }, { maxItems: length });
  }
}

/** An object used as a map: any keys the key schema takes, each value checked. */
export class RecordSchema<Value extends Schema<unknown, unknown>>
  extends Schema<Record<string, Output<Value>>, Record<string, Input<Value>>> {
  private readonly key: Schema<string, unknown>;
  private readonly value: Value;

  constructor(key: Schema<string, unknown>, value: Value) {
    super();
    this.key = key;
    this.value = value;
  }

  protected parseValue(value: unknown, path: PropertyKey[], issues: Issue[]): Parsed<Record<string, Output<Value>>> {
    if (!isPlainObject(value)) {
      expectedObject(value, path, issues, undefined);
      return INVALID;
    }
    const before = issues.length;
    const out: Record<string, Output<Value>> = {};
    for (const [key, field] of Object.entries(value)) {
      this.key.run(key, [...path, key], issues);
      out[key] = this.value.run(field, [...path, key], issues) as Output<Value>;
    }
    return issues.length > before ? INVALID : out;
  }

  protected typeSchema(): JsonSchema {
    return { type: 'object', propertyNames: this.key.toJsonSchema(), additionalProperties: this.value.toJsonSchema() };
  }
}

/** The first of the options that takes the value; none: one issue, the union's own message. */
export class UnionSchema<Options extends readonly Schema<unknown, unknown>[]>
  extends Schema<Output<Options[number]>, Input<Options[number]>> {
  private readonly options: Options;
  private readonly error: string | undefined;

  constructor(options: Options, settings: MessageOption = {}) {
    super();
    this.options = options;
    this.error = settings.error;
  }

  protected parseValue(value: unknown, path: PropertyKey[], issues: Issue[]): Parsed<Output<Options[number]>> {
    // Without a message of its own, the issues of the closest option: one whose type fitted, fewest issues.
    let closest: Issue[] | null = null;
    const distance = (issues: Issue[]) => issues.length + (issues.some((i) => i.code === 'invalid_type' && i.path.length === path.length) ? 1000 : 0);
    for (const option of this.options) {
      const own: Issue[] = [];
      const out = option.run(value, path, own);
      if (out !== INVALID) return out as Output<Options[number]>;
      if (!closest || distance(own) < distance(closest)) closest = own;
    }
    if (this.error) issues.push({ code: 'invalid_union', path, message: this.error });
    else issues.push(...(closest ?? []));
    return INVALID;
  }

  protected typeSchema(): JsonSchema {
    return { anyOf: this.options.map((option) => option.toJsonSchema()) };
  }
}
