/** `certbell replay <id>`: a stored delivery through the whole pipeline again, as a new attempt. */
import { NotificationCenter } from '../../core/notifications/notification-center.ts';
import { createProcessor } from '../../core/pipeline/create-processor.ts';
import { streamLogger } from '../../core/logger.ts';
import { headlessNotifier } from '../headless-notifier.ts';
import { openCliContext, storedDeliveryFacts } from '../cli-context.ts';
import { parseOptions, UsageError, writeJson, type Command } from '../cli-support.ts';
import { hookRunText } from '../hook-run-text.ts';

export const replayCommand: Command = {
  name: 'replay',
  summary: 'Run a stored delivery through the pipeline again, as a new attempt',
  usage: `certbell replay <id or deliveryId> [--json] [--data-dir DIR]

  Runs the stored body through pre hooks, apply, success and post hooks with the current config,
  and stores the result as a new attempt of the same delivery id (de-duplication does not apply:
  a replay is always processed). The notifications it raises are recorded and shown (D-Bus) like
  those of a delivery. Exit 0 when the new attempt is accepted, 1 when a hook aborted it.
  --json        Print the new attempt's record (as \`certbell delivery --json\`)`,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { json: { type: 'boolean' } }, true);
    if (positionals.length !== 1) throw new UsageError('expected exactly one delivery id');
    const context = openCliContext(values['data-dir'], io);
    const logger = streamLogger(io.stderr);
    try {
      const { detail, facts } = storedDeliveryFacts(context.store, positionals[0]);
      const notifier = await headlessNotifier(logger, io.env);
      const center = new NotificationCenter({ settings: () => context.config.notifications, notifier: () => notifier,
        now: Date.now, logger, record: (rows) => context.store.note(rows), coalesceMs: 0 });
      try {
        const processor = createProcessor({ store: context.store, dataDir: context.dataDir, logger,
          config: () => context.config, notifications: center });
        const stored = await processor.process({
          deliveryId: detail.deliveryId, receivedAt: Date.now(), method: detail.method, path: detail.path,
          remoteAddress: `replay of record ${detail.id}`, rawHeaders: detail.rawHeaders.flat(), body: facts.body,
          bodySize: facts.body.length, signature: detail.signature, signatureDetail: detail.signatureDetail,
          event: detail.event, entityId: detail.entityId, commonName: detail.commonName,
          certificateId: detail.certificateId, orderId: detail.orderId,
        }, facts, { replay: true });
        const replayed = context.store.reads.find(String(stored.id))!;
        if (values.json) writeJson(io, replayed);
        else {
          io.stdout.write(`replayed record ${detail.id} as record ${stored.id} (attempt ${stored.attempt}): `
            + `${stored.outcome} (${stored.status})\n`);
          for (const run of replayed.hookRuns) io.stdout.write(hookRunText(run));
        }
        return stored.outcome === 'accepted' ? 0 : 1;
      } finally {
        // Shown before the bus closes.
        await center.stop();
        await notifier.close();
      }
    } finally {
      await context.close();
    }
  },
};
