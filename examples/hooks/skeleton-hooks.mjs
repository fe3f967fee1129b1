// A Certbell hooks file: acme2certifier's Hooks class, in JavaScript.
//
// config.json: { "hooksFile": "/path/to/skeleton-hooks.mjs" }
//
// Each method is optional. Certbell runs each call in a separate Node process with the hook
// timeout (hookTimeoutMs), so a method that throws, hangs or exits cannot harm Certbell.
// Throwing (or rejecting) means "failed": a failing preHook or successHook aborts the delivery
// (HTTP 503, the provider retries) unless allowPreHookFailure / allowSuccessHookFailure is true.
//
// ctx: { stage, event, deliveryId, entityId, certificateName, orderName, commonName,
//        error (postHook: what failed earlier, or null), certificate (PEM chain or null),
//        certificateRaw (base64 DER or null), delivery (the parsed delivery), logger }
// Whatever the logger writes ends up in the run's stderr (`certbell delivery <id>`).

export class Hooks {
  constructor(logger) {
    this.logger = logger;
  }

  /** Before Certbell updates its inventory: every event. */
  async preHook(ctx) {
    this.logger.debug(`preHook: ${ctx.event} for ${ctx.commonName ?? '(no certificate)'}`);
  }

  /** After a certificate was issued (ssl_panel.issued): deploy it, reload a server, ... */
  async successHook(ctx) {
    this.logger.info(`successHook: ${ctx.commonName} issued (certificate ${ctx.certificateName})`);
  }

  /** Last, for every event, whatever happened before (ctx.error says what failed). */
  async postHook(ctx) {
    if (ctx.error) this.logger.warning(`postHook: earlier step failed: ${ctx.error}`);
  }
}
