/** Who checkpoints the WAL when (see store-checkpoint-worker.ts). */

/** How often the checkpointer thread copies committed frames into the database file. */
export const CHECKPOINT_EVERY_MS = 50;

/** The writer's own auto-checkpoint: 16,384 pages of 4 KiB keep the WAL under ~64 MiB. */
export const WRITER_AUTOCHECKPOINT_PAGES = 16_384;

/** The writer's auto-checkpoint when the checkpointer thread has failed: SQLite's default. */
export const SOLE_CHECKPOINT_PAGES = 1000;
