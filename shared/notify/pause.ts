/** The pause choices every face offers (tray, UI, CLI): for an hour, or until tomorrow morning. */

export const PAUSE_HOUR_MS = 3_600_000;

/** "Until tomorrow" means until 08:00 the next morning, local time. */
export function tomorrowMorning(now: number): number {
  const date = new Date(now);
  date.setDate(date.getDate() + 1);
  date.setHours(8, 0, 0, 0);
  return date.getTime();
}
