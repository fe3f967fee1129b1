/** A notifier that keeps what it was asked to show, for tests of a core in this process. */
import type { Notifier } from '../../electron/core/notifications/notifier.ts';
import type { ShownNotification } from '../../shared/notify/types.ts';

export class RecordingNotifier implements Notifier {
  readonly name = 'recording';
  readonly shown: ShownNotification[] = [];
  async show(n: ShownNotification): Promise<void> { this.shown.push(n); }
  onClick(): void {}
  async close(): Promise<void> {}
}
