/** Errors a caller can cause (unknown id, a delivery that cannot be replayed): expected results, not crashes. */
export type ApiErrorKind = 'invalid' | 'not-found' | 'unknown-method';

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  constructor(kind: ApiErrorKind, message: string) {
    super(message);
    this.kind = kind;
  }
}
