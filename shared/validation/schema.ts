/**
 * The base of Certbell's own validation schemas (index.ts says why not zod): a schema parses an
 * unknown value into its output or reports issues with JSON paths, runs its checks once the value
 * has the right type, and describes itself as JSON Schema (the input side, for editors).
 */

export type IssueCode = 'invalid_type' | 'invalid_value' | 'invalid_format' | 'too_small' | 'too_big'
  | 'unrecognized_keys' | 'invalid_union' | 'custom';

export interface Issue {
  code: IssueCode;
  /** From the root: `["hooks", 1, "stage"]`. */
  path: PropertyKey[];
  message: string;
}

export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  readonly issues: Issue[];

  constructor(issues: Issue[]) {
    super(issues.map((i) => `${i.path.join('.') || '$'}: ${i.message}`).join('; '));
    this.issues = issues;
  }
}

export type SafeParseResult<T> = { success: true; data: T; error?: undefined } | { success: false; error: ValidationError; data?: undefined };

/** What a schema's run returns for a value it rejected (its issues are pushed). */
export const INVALID: unique symbol = Symbol('invalid');
export type Parsed<T> = T | typeof INVALID;

export type JsonSchema = Record<string, unknown>;

/** An issue a `.check()` adds, its path relative to the checked value. */
export interface CheckIssue {
  code: 'custom';
  input?: unknown;
  path?: PropertyKey[];
  message: string;
}

export interface CheckContext<T> {
  value: T;
  issues: { push(issue: CheckIssue): void };
}

// Method-style, so a Schema<string> is still a Schema<unknown> (checks only ever see their own schema's output).
type Check<T> = { check(value: T, path: PropertyKey[], issues: Issue[]): void }['check'];

export type Output<S> = S extends Schema<infer O, unknown> ? O : never;
export type Input<S> = S extends Schema<unknown, infer I> ? I : never;

/** A type name for messages: `a number`, `an array`, `null`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value === undefined) return 'nothing';
  const type = typeof value;
  return type === 'object' ? 'an object' : `a ${type}`;
}

export abstract class Schema<Out = unknown, In = Out> {
  declare readonly '~output': Out;
  declare readonly '~input': In;
  protected checks: Check<Out>[] = [];
  /** JSON Schema keywords the checks add (minLength, pattern, ...). */
  protected keywords: JsonSchema = {};
  private metaData: JsonSchema = {};

  /** The value's type and shape; the checks run afterwards, on a value this accepted. */
  protected abstract parseValue(value: unknown, path: PropertyKey[], issues: Issue[]): Parsed<Out>;
  /** The JSON Schema of the type itself, before keywords and meta. */
  protected abstract typeSchema(): JsonSchema;

  /** Parses at `path`, pushing every issue found. */
  run(value: unknown, path: PropertyKey[], issues: Issue[]): Parsed<Out> {
    const out = this.parseValue(value, path, issues);
    if (out === INVALID) return INVALID;
    const before = issues.length;
    for (const check of this.checks) check(out, path, issues);
    return issues.length > before ? INVALID : out;
  }

  /** Whether an absent value (an object key left out) is accepted. */
  acceptsUndefined(): boolean {
    return false;
  }

  safeParse(value: unknown): SafeParseResult<Out> {
    const issues: Issue[] = [];
    const out = this.run(value, [], issues);
    return out === INVALID ? { success: false, error: new ValidationError(issues) } : { success: true, data: out };
  }

  parse(value: unknown): Out {
    const result = this.safeParse(value);
    if (!result.success) throw result.error;
    return result.data;
  }

  toJsonSchema(): JsonSchema {
    return { ...this.typeSchema(), ...this.keywords, ...this.metaData };
  }

  /** Every method that adds something returns a copy: a schema shared by two fields stays as it was. */
  protected copy(): this {
    return Object.assign(Object.create(Object.getPrototypeOf(this) as object) as this, this);
  }

  /** A copy with one more check (and the JSON Schema keywords that say it). */
  protected with(check: Check<Out>, keywords: JsonSchema = {}): this {
    const copy = this.copy();
    copy.checks = [...this.checks, check];
    copy.keywords = { ...this.keywords, ...keywords };
    return copy;
  }

  refine(ok: (value: Out) => boolean, message: string): this {
    return this.with((value, path, issues) => {
      if (!ok(value)) issues.push({ code: 'custom', path, message });
    });
  }

  /** A check that may report several issues, at paths below this value. */
  check(run: (ctx: CheckContext<Out>) => void): this {
    return this.with((value, path, issues) => run({
      value,
      issues: { push: (issue) => { issues.push({ code: issue.code, path: [...path, ...(issue.path ?? [])], message: issue.message }); } },
    }));
  }

  /** Extra JSON Schema keywords, for what a check says in code (`oneOf` for "exactly one of"). */
  meta(keywords: JsonSchema): this {
    const copy = this.copy();
    copy.metaData = { ...this.metaData, ...keywords };
    return copy;
  }

  optional(): Schema<Out | undefined, In | undefined> {
    return new OptionalSchema(this);
  }

  nullable(): Schema<Out | null, In | null> {
    return new NullableSchema(this);
  }

  /** Absent: this value (a copy of it), as it is. */
  default(value: Exclude<Out, undefined>): Schema<Exclude<Out, undefined>, In | undefined> {
    return new DefaultSchema(this, value, false);
  }

  /** Absent: this input, parsed (its own defaults filled in). */
  prefault(value: In): Schema<Exclude<Out, undefined>, In | undefined> {
    return new DefaultSchema(this, value, true) as Schema<Exclude<Out, undefined>, In | undefined>;
  }

  transform<Next>(map: (value: Out) => Next): Schema<Next, In> {
    return new TransformSchema(this, map);
  }
}

/** A schema around another that changes what absent, null or the output means. */
abstract class Wrapper<Out, In, Inner extends Schema<unknown, unknown>> extends Schema<Out, In> {
  protected readonly inner: Inner;

  constructor(inner: Inner) {
    super();
    this.inner = inner;
  }

  override acceptsUndefined(): boolean {
    return this.inner.acceptsUndefined();
  }

  protected typeSchema(): JsonSchema {
    return this.inner.toJsonSchema();
  }
}

class OptionalSchema<Out, In> extends Wrapper<Out | undefined, In | undefined, Schema<Out, In>> {
  protected parseValue(value: unknown, path: PropertyKey[], issues: Issue[]): Parsed<Out | undefined> {
    return value === undefined ? undefined : this.inner.run(value, path, issues);
  }

  override acceptsUndefined(): boolean {
    return true;
  }
}

class NullableSchema<Out, In> extends Wrapper<Out | null, In | null, Schema<Out, In>> {
  protected parseValue(value: unknown, path: PropertyKey[], issues: Issue[]): Parsed<Out | null> {
    return value === null ? null : this.inner.run(value, path, issues);
  }

  protected override typeSchema(): JsonSchema {
    return { anyOf: [this.inner.toJsonSchema(), { type: 'null' }] };
  }
}

class DefaultSchema<Out, In> extends Wrapper<Exclude<Out, undefined>, In | undefined, Schema<Out, In>> {
  private readonly fallback: unknown;
  /** Whether the fallback is an input to parse (prefault) or the output itself (default). */
  private readonly parsesFallback: boolean;

  constructor(inner: Schema<Out, In>, fallback: unknown, parsesFallback: boolean) {
    super(inner);
    this.fallback = fallback;
    this.parsesFallback = parsesFallback;
  }

  protected parseValue(value: unknown, path: PropertyKey[], issues: Issue[]): Parsed<Exclude<Out, undefined>> {
    if (value !== undefined) return this.inner.run(value, path, issues) as Parsed<Exclude<Out, undefined>>;
    // A copy each time: a caller that changes its config's hooks array must not change the default.
    const fallback = structuredClone(this.fallback);
    return (this.parsesFallback ? this.inner.run(fallback, path, issues) : fallback) as Parsed<Exclude<Out, undefined>>;
  }

  override acceptsUndefined(): boolean {
    return true;
  }

  protected override typeSchema(): JsonSchema {
    return { default: this.fallback, ...this.inner.toJsonSchema() };
  }
}

class TransformSchema<Out, In, Next> extends Wrapper<Next, In, Schema<Out, In>> {
  private readonly map: (value: Out) => Next;

  constructor(inner: Schema<Out, In>, map: (value: Out) => Next) {
    super(inner);
    this.map = map;
  }

  protected parseValue(value: unknown, path: PropertyKey[], issues: Issue[]): Parsed<Next> {
    const out = this.inner.run(value, path, issues);
    return out === INVALID ? INVALID : this.map(out);
  }
}
