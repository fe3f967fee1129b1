/** Notification kinds (SPEC §7) and what the policy decides; pure data, used by both sides. */

export const NOTIFICATION_KINDS = ['issued', 'failed', 'expiring', 'action', 'test', 'hook', 'security', 'deployment', 'info'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type Urgency = 'low' | 'normal' | 'critical';

/** One notification the policy wants raised, before settings (switches, quiet hours) apply. */
export interface NotificationDecision {
  kind: NotificationKind;
  title: string;
  body: string;
  urgency: Urgency;
  certificateId: string | null;
  deliveryId: string | null;
  /** Common name, when known: used to coalesce bursts ("3 certificates issued: a, b, c"). */
  commonName: string | null;
}

/** The notification settings of SPEC §2 (`notifications.*`). */
export interface NotificationSettings {
  enabled: boolean;
  kinds: Record<NotificationKind, boolean>;
  expiryThresholdsDays: number[];
  quietHours: { from: string; to: string } | null;
}

/**
 * Why a decision the settings allow was not shown, kept in the history. `paused`: the user paused
 * notifications (tray, UI, `certbell notifications pause`); `no-notifier`: nothing can pop up here.
 */
export const NOT_SHOWN_REASONS = ['disabled', 'kind-off', 'paused', 'quiet-hours', 'no-notifier'] as const;
export type NotShownReason = (typeof NOT_SHOWN_REASONS)[number];

/** Whether a decision is shown, and if not, why (kept in the history). */
export type Visibility = { shown: true } | { shown: false; reason: Exclude<NotShownReason, 'no-notifier'> };

/** What a notifier is asked to show: one decision, or several coalesced into one. */
export interface ShownNotification {
  kind: NotificationKind;
  title: string;
  body: string;
  urgency: Urgency;
  /** Where a click leads: the single certificate/delivery, or null for a coalesced burst. */
  certificateId: string | null;
  deliveryId: string | null;
  /** How many decisions this one stands for. */
  count: number;
}

/** A certificate's facts the expiry schedule needs. */
export interface ExpiryFacts {
  certificateId: string;
  commonName: string | null;
  expireAt: string | null;
}

/** Thresholds already notified for a certificate (days), plus whether "expired" was. */
export interface ExpiryState {
  notifiedDays: number[];
  expiredNotified: boolean;
  /**
   * The expireAt these marks were made for. When the certificate's expireAt changes (renewed,
   * reissued), the marks start over. Absent (older stored state): taken to be the current one.
   */
  forExpireAt?: string | null;
}

/** The security-notification rate gate: when one was last shown, and rejections not yet reported. */
export interface SecurityGateState {
  lastShownAt: number | null;
  pending: number;
  /** Time of the first rejection not yet reported (the "since" of the next notification). */
  pendingSince?: number | null;
}
