/**
 * What a caller can get wrong (an unknown id, a delivery that cannot be replayed, an edit that
 * conflicts): expected results of a use case, not crashes. Every face shows them as they are:
 * the CLI as its message and exit 1, the bridge as a status (api/dispatch.ts).
 */
export type ServiceErrorKind = 'invalid' | 'not-found' | 'conflict';

export class ServiceError extends Error {
  readonly kind: ServiceErrorKind;
  constructor(kind: ServiceErrorKind, message: string) {
    super(message);
    this.kind = kind;
  }
}

export const notFound = (message: string) => new ServiceError('not-found', message);
export const invalid = (message: string) => new ServiceError('invalid', message);
