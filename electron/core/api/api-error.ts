/** Errors a caller can cause (unknown id, a delivery that cannot be replayed): expected results, not crashes. */
export type ApiErrorKind = 'invalid' | 'not-found' | 'unknown-method';

/** The HTTP status of each kind, as both transports (HTTP and IPC) report it. */
export const STATUS_BY_KIND: Readonly<Record<ApiErrorKind, number>> = { invalid: 400, 'not-found': 404, 'unknown-method': 404 };

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  constructor(kind: ApiErrorKind, message: string) {
    super(message);
    this.kind = kind;
  }
}
