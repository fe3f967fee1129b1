/** A call the host refused or could not answer; `status` is 0 when the host was unreachable. */
export class BridgeError extends Error {
  readonly method: string;
  readonly status: number;

  constructor(method: string, status: number, message: string) {
    super(message);
    this.name = 'BridgeError';
    this.method = method;
    this.status = status;
  }
}
