/**
 * The notifier port: how the core asks a shell to show a native notification. Implemented by
 * the Electron shell (Notification) and the headless shell (D-Bus); NullNotifier when neither
 * can show anything, so the core never has to ask whether notifications exist.
 */
import type { ShownNotification } from '../../../shared/notify/types.ts';

export interface Notifier {
  /** Which implementation this is, for logs and diagnostics: 'dbus', 'electron', 'none'. */
  readonly name: string;
  show(notification: ShownNotification): Promise<void>;
  /** Called with the notification the user clicked (to open its delivery or certificate). */
  onClick(listener: (notification: ShownNotification) => void): void;
  /** Releases whatever the notifier holds (a bus connection), so the process can exit. */
  close(): Promise<void>;
}

/** The name of the notifier that shows nothing. */
export const NO_NOTIFIER = 'none';

/** Shows nothing: used when there is no session bus or notification service. */
export class NullNotifier implements Notifier {
  readonly name = NO_NOTIFIER;

  async show(_notification: ShownNotification): Promise<void> {}

  onClick(_listener: (notification: ShownNotification) => void): void {}

  async close(): Promise<void> {}
}
