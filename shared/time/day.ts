/** One day in milliseconds: expiry, retention and day counts all use this one. */
export const DAY_MS = 86_400_000;
