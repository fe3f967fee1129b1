/**
 * Durability of a group commit: the write connection commits with `synchronous = NORMAL` (WAL
 * frames written, not yet on disk), then one `fdatasync` of the WAL file makes the whole batch
 * durable before any of its replies is sent — the guarantee of `synchronous = FULL`, issued once
 * per batch by the writer itself.
 *
 * Checkpoints stay SQLite's own: in NORMAL mode it syncs the WAL before copying frames into the
 * database and syncs the database before the WAL may be reused, so a frame not synced here yet is
 * either still in the WAL or already durable in the database file.
 */
import { closeSync, fdatasyncSync, openSync } from 'node:fs';

export interface WalFileIo {
  open(file: string): number;
  fdatasync(fd: number): void;
  close(fd: number): void;
}

const nodeIo: WalFileIo = { open: (file) => openSync(file, 'r'), fdatasync: fdatasyncSync, close: closeSync };

export class WalFile {
  private readonly walFile: string;
  private readonly io: WalFileIo;
  private fd: number | undefined;

  constructor(databaseFile: string, io: WalFileIo = nodeIo) {
    this.walFile = `${databaseFile}-wal`;
    this.io = io;
  }

  /** Called right after a COMMIT returned; throws if the commit could not be made durable. */
  syncSync(): void {
    // Opened after the first commit: by then the WAL file exists, and it is never deleted while
    // this connection is open (SQLite reuses it from the start after a checkpoint).
    this.fd ??= this.io.open(this.walFile);
    try {
      this.io.fdatasync(this.fd);
    } catch (error) {
      throw new Error(`fdatasync of the WAL failed: ${(error as Error).message}`, { cause: error });
    }
  }

  close(): void {
    if (this.fd !== undefined) this.io.close(this.fd);
    this.fd = undefined;
  }
}
