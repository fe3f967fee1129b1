/** `certbell replay <id>`: a stored delivery through the whole pipeline again, as a new attempt. */
import { streamLogger } from '../../core/logger.ts';
import { ReplayNeedsConfirmation } from '../../core/services/deliveries.ts';
import { headlessNotifier } from '../headless-notifier.ts';
import { withServices } from '../cli-services.ts';
import { CommandError, parseOptions, UsageError, writeJson, type Command } from '../cli-support.ts';
import { hookRunText } from '../hook-run-text.ts';

export const replayCommand: Command = {
  name: 'replay',
  summary: 'Run a stored delivery through the pipeline again, as a new attempt',
  usage: `certbell replay <id or deliveryId> [--force] [--json] [--data-dir DIR]

  Runs the stored body through pre hooks, apply, success and post hooks with the current config,
  and stores the result as a new attempt of the same delivery id (de-duplication does not apply:
  a replay is always processed). The notifications it raises are recorded and shown (D-Bus) like
  those of a delivery. Exit 0 when the new attempt is accepted, 1 when a hook aborted it.
  A delivery whose signature was not valid (invalid, missing, unverified) is refused, exit 1:
  replaying it would act on it as if the provider had sent it.
  --force       Replay it anyway; the new attempt records that (signatureDetail.forcedReplay)
  --json        Print the new attempt's record (as \`certbell delivery --json\`)`,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { json: { type: 'boolean' }, force: { type: 'boolean' } }, true);
    if (positionals.length !== 1) throw new UsageError('expected exactly one delivery id');
    const notifier = await headlessNotifier(streamLogger(io.stderr), io.env);
    const { of, replayed } = await withServices(values['data-dir'], io, { mode: 'write', notifier }, async (services) => {
      try {
        return { of: services.deliveries.find(positionals[0]).id, replayed: await services.deliveries.replay(positionals[0], { force: values.force }) };
      } catch (error) {
        if (!(error instanceof ReplayNeedsConfirmation)) throw error;
        throw new CommandError(`${error.message}.\nIf you trust it, replay it anyway with: certbell replay ${error.recordId} --force`);
      }
    });
    if (values.json) writeJson(io, replayed);
    else {
      io.stdout.write(`replayed record ${of} as record ${replayed.id} (attempt ${replayed.attempt}): `
        + `${replayed.outcome} (${replayed.status})${replayed.signatureDetail?.forcedReplay ? `, forced despite signature ${replayed.signature}` : ''}\n`);
      for (const run of replayed.hookRuns) io.stdout.write(hookRunText(run));
    }
    return replayed.outcome === 'accepted' ? 0 : 1;
  },
};
