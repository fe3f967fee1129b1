/** The leaf schemas: strings (with URL and date-time forms), numbers, booleans, literals, enums. */
import { describeValue, INVALID, Schema, type Issue, type IssueCode, type JsonSchema, type Parsed } from './schema.ts';

export interface MessageOption {
  /** Replaces the default message of a wrong type or value. */
  error?: string;
}

/** A leaf: accepts a value when `accepts` says so, and says what it expected otherwise. */
abstract class Leaf<T> extends Schema<T> {
  protected readonly error: string | undefined;

  constructor(options: MessageOption = {}) {
    super();
    this.error = options.error;
  }

  protected abstract accepts(value: unknown): value is T;
  /** `a string`, `one of "pre", "success" or "post"`. */
  protected abstract expected(): string;

  protected parseValue(value: unknown, path: PropertyKey[], issues: Issue[]): Parsed<T> {
    if (this.accepts(value)) return value;
    const message = this.error ?? (value === undefined ? `required: expected ${this.expected()}`
      : `expected ${this.expected()}, got ${describeValue(value)}`);
    issues.push({ code: this.mismatch(), path, message });
    return INVALID;
  }

  protected mismatch(): IssueCode {
    return 'invalid_type';
  }
}

export class StringSchema extends Leaf<string> {
  private trims = false;

  protected accepts(value: unknown): value is string {
    return typeof value === 'string';
  }

  protected expected(): string {
    return 'a string';
  }


  protected override parseValue(value: unknown, path: PropertyKey[], issues: Issue[]): Parsed<string> {
    const out = super.parseValue(value, path, issues);
    return this.trims && typeof out === 'string' ? out.trim() : out;
  }

  protected typeSchema(): JsonSchema {
    return { type: 'string' };
  }

  /** Leading and trailing white space removed before the checks (and in the output). */
  trim(): this {
    const copy = this.copy();
    copy.trims = true;
    return copy;
  }

  min(length: number, message = length === 1 ? 'must not be empty' : `must be at least ${length} characters`): this {
    return this.with((value, path, issues) => {
      if (value.length < length) issues.push({ code: 'too_small', path, message });
    }, { minLength: length });
  }

  max(length: number, message = `must be at most ${length} characters`): this {
    return this.with((value, path, issues) => {
      if (value.length > length) issues.push({ code: 'too_big', path, message });
    }, { maxLength: length });
  }

  regex(pattern: RegExp, message = `must match ${String(pattern)}`): this {
    return this.with((value, path, issues) => {
      if (!pattern.test(value)) issues.push({ code: 'invalid_format', path, message });
    }, { pattern: pattern.source });
  }

  /** A check on the format, with a JSON Schema `format` for editors. */
  format(name: string, ok: (value: string) => boolean, message: string): this {
    return this.with((value, path, issues) => {
      if (!ok(value)) issues.push({ code: 'invalid_format', path, message });
    }, { format: name });
  }
}

export class NumberSchema extends Leaf<number> {
  protected accepts(value: unknown): value is number {
    return typeof value === 'number' && Number.isFinite(value);
  }

  protected expected(): string {
    return 'a number';
  }


  protected typeSchema(): JsonSchema {
    return { type: 'number' };
  }

  int(message = 'must be a whole number'): this {
    return this.with((value, path, issues) => {
      if (!Number.isSafeInteger(value)) issues.push({ code: 'invalid_type', path, message });
    }, { type: 'integer' });
  }

  min(least: number, message = `must be at least ${least}`): this {
    return this.with((value, path, issues) => {
      if (value < least) issues.push({ code: 'too_small', path, message });
    }, { minimum: least });
  }

  max(most: number, message = `must be at most ${most}`): this {
    return this.with((value, path, issues) => {
      if (value > most) issues.push({ code: 'too_big', path, message });
    }, { maximum: most });
  }

  positive(message = 'must be greater than 0'): this {
    return this.with((value, path, issues) => {
      if (value <= 0) issues.push({ code: 'too_small', path, message });
    }, { exclusiveMinimum: 0 });
  }

  nonnegative(message = 'must not be negative'): this {
    return this.min(0, message);
  }
}

export class BooleanSchema extends Leaf<boolean> {
  protected accepts(value: unknown): value is boolean {
    return typeof value === 'boolean';
  }

  protected expected(): string {
    return 'true or false';
  }


  protected typeSchema(): JsonSchema {
    return { type: 'boolean' };
  }
}

/** One of the given strings. */
export class EnumSchema<T extends string> extends Leaf<T> {
  private readonly values: readonly T[];

  constructor(values: readonly T[], options?: MessageOption) {
    super(options);
    this.values = values;
  }

  protected accepts(value: unknown): value is T {
    return (this.values as readonly unknown[]).includes(value);
  }

  protected expected(): string {
    const quoted = this.values.map((v) => JSON.stringify(v));
    return quoted.length === 1 ? quoted[0] : `one of ${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
  }

  protected override mismatch(): IssueCode {
    return 'invalid_value';
  }


  protected typeSchema(): JsonSchema {
    return { type: 'string', enum: [...this.values] };
  }
}

export type LiteralValue = string | number | boolean | null;

export class LiteralSchema<T extends LiteralValue> extends Leaf<T> {
  private readonly value: T;

  constructor(value: T, options?: MessageOption) {
    super(options);
    this.value = value;
  }

  protected accepts(value: unknown): value is T {
    return value === this.value;
  }

  protected expected(): string {
    return JSON.stringify(this.value);
  }

  protected override mismatch(): IssueCode {
    return 'invalid_value';
  }


  protected typeSchema(): JsonSchema {
    return { const: this.value };
  }
}

/** Anything at all (absent too). */
export class UnknownSchema extends Schema<unknown> {
  protected parseValue(value: unknown): Parsed<unknown> {
    return value;
  }

  override acceptsUndefined(): boolean {
    return true;
  }

  protected typeSchema(): JsonSchema {
    return {};
  }
}

/** A value a predicate accepts, typed as the caller says. */
export class CustomSchema<T> extends Leaf<T> {
  private readonly ok: (value: unknown) => boolean;

  constructor(ok: (value: unknown) => boolean, options?: MessageOption) {
    super(options);
    this.ok = ok;
  }

  protected accepts(value: unknown): value is T {
    return this.ok(value);
  }

  protected expected(): string {
    return 'a valid value';
  }


  protected typeSchema(): JsonSchema {
    return {};
  }
}

export interface UrlOptions extends MessageOption {
  /** The scheme without its colon must match: /^https?$/. */
  protocol?: RegExp;
}

/** An absolute URL (as WHATWG's parser takes it), kept as written. */
export function url(options: UrlOptions = {}): StringSchema {
  const message = options.error ?? (options.protocol ? `must be a URL (${options.protocol.source.replace(/[\^$]/g, '')})` : 'must be a URL');
  return new StringSchema({ error: options.error }).format('uri', (value) => {
    try {
      const parsed = new URL(value);
      return !options.protocol || options.protocol.test(parsed.protocol.slice(0, -1));
    } catch {
      return false;
    }
  }, message);
}

// Date and time of day, then Z or an offset (+02:00, +0200, +02); seconds and their fraction optional.
const ISO_DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3])(:?[0-5]\d)?)$/;

export interface DateTimeOptions extends MessageOption {
  /** Also an offset such as +02:00, not only Z. */
  offset?: boolean;
}

export function datetime(options: DateTimeOptions = {}): StringSchema {
  return new StringSchema({ error: options.error }).format('date-time', (value) => ISO_DATE_TIME.test(value)
    && (options.offset || value.endsWith('Z')) && !Number.isNaN(Date.parse(value)),
  options.error ?? 'must be an ISO 8601 date-time such as 2026-06-01T12:00:00Z');
}
