/** Schema migrations, applied in order; `schema_version` holds the number of the last one applied. */

export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE deliveries (
     id INTEGER PRIMARY KEY,
     delivery_id TEXT NOT NULL,
     attempt INTEGER NOT NULL,
     received_at INTEGER NOT NULL,
     method TEXT NOT NULL,
     path TEXT NOT NULL,
     remote_address TEXT,
     headers TEXT NOT NULL,
     body BLOB,
     body_size INTEGER NOT NULL,
     status INTEGER NOT NULL,
     outcome TEXT NOT NULL,
     response TEXT,
     signature TEXT NOT NULL,
     signature_detail TEXT,
     event TEXT,
     entity_id TEXT,
     common_name TEXT,
     certificate_id TEXT,
     order_id TEXT,
     error TEXT
   );
   CREATE INDEX deliveries_by_delivery_id ON deliveries (delivery_id);
   CREATE INDEX deliveries_by_event ON deliveries (event, id);
   CREATE INDEX deliveries_by_outcome ON deliveries (outcome, id);
   CREATE INDEX deliveries_by_received_at ON deliveries (received_at);`,
  // Attempt numbering and the duplicate check must stay O(log n) however often one id is replayed.
  `DROP INDEX deliveries_by_delivery_id;
   CREATE INDEX deliveries_by_delivery_attempt ON deliveries (delivery_id, attempt);
   CREATE INDEX deliveries_accepted_ids ON deliveries (delivery_id) WHERE outcome = 'accepted';`,
  `CREATE TABLE hook_runs (
     id INTEGER PRIMARY KEY,
     delivery INTEGER NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
     hook TEXT NOT NULL,
     stage TEXT NOT NULL,
     started_at TEXT NOT NULL,
     duration_ms INTEGER NOT NULL,
     exit_code INTEGER,
     signal TEXT,
     timed_out INTEGER NOT NULL,
     stdout TEXT NOT NULL,
     stderr TEXT NOT NULL,
     error TEXT
   );
   CREATE INDEX hook_runs_by_delivery ON hook_runs (delivery);`,
  `CREATE TABLE certificates (
     id TEXT PRIMARY KEY,
     common_name TEXT,
     order_id TEXT,
     order_status TEXT,
     status TEXT,
     operation TEXT,
     expire_at TEXT,
     activated_at TEXT,
     pre_validation_status TEXT,
     failed_validators TEXT NOT NULL DEFAULT '[]',
     last_event TEXT,
     last_delivery TEXT,
     event_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     expiry_notified TEXT NOT NULL DEFAULT '[]',
     expired_notified INTEGER NOT NULL DEFAULT 0
   );
   CREATE INDEX certificates_by_order ON certificates (order_id);
   CREATE TABLE notifications (
     id INTEGER PRIMARY KEY,
     kind TEXT NOT NULL,
     title TEXT NOT NULL,
     body TEXT NOT NULL,
     urgency TEXT NOT NULL,
     certificate_id TEXT,
     delivery_id TEXT,
     created_at INTEGER NOT NULL,
     shown INTEGER NOT NULL,
     reason TEXT
   );`,
  // The certificate page's timeline: its deliveries and notifications without a table scan.
  `CREATE INDEX deliveries_by_certificate ON deliveries (certificate_id, id);
   CREATE INDEX notifications_by_certificate ON notifications (certificate_id, id);`,
  // A `duplicate` record proves its id was accepted before, even once retention has pruned the
  // accepted one: both count, or a retry would be processed (hooks, notifications) a second time.
  `DROP INDEX deliveries_accepted_ids;
   CREATE INDEX deliveries_accepted_before ON deliveries (delivery_id) WHERE outcome IN ('accepted', 'duplicate');`,
  // SPEC §11: the socket peer beside the client address, headers the signed metadata overruled, and
  // the key of the signed content, so the same signed content under another delivery id is spotted.
  `ALTER TABLE deliveries ADD COLUMN socket_address TEXT;
   ALTER TABLE deliveries ADD COLUMN header_mismatch TEXT;
   ALTER TABLE deliveries ADD COLUMN replay_of TEXT;
   ALTER TABLE deliveries ADD COLUMN signed_key TEXT;
   CREATE INDEX deliveries_signed_content ON deliveries (signed_key)
     WHERE signed_key IS NOT NULL AND outcome IN ('accepted', 'duplicate');`,
  // SPEC §12: the issued main certificate on its certificate (taken over from the newest accepted
  // delivery that carried one), each target's checks with their history, and per target what was
  // last notified (so a notification is raised once per change).
  `ALTER TABLE certificates ADD COLUMN issued_pem TEXT;
   ALTER TABLE certificates ADD COLUMN issued_at INTEGER;
   UPDATE certificates SET (issued_pem, issued_at) = (
     SELECT json_extract(CAST(d.body AS TEXT), '$.data.certificate.certificates.main'), d.received_at
     FROM deliveries d
     WHERE d.certificate_id = certificates.id AND d.outcome = 'accepted' AND d.body IS NOT NULL
       AND json_valid(CAST(d.body AS TEXT))
       AND json_extract(CAST(d.body AS TEXT), '$.data.certificate.certificates.main') LIKE '%-----BEGIN CERTIFICATE-----%'
     ORDER BY d.id DESC LIMIT 1);
   CREATE TABLE deployment_checks (
     id INTEGER PRIMARY KEY,
     certificate_id TEXT NOT NULL,
     name TEXT NOT NULL,
     target TEXT NOT NULL,
     state TEXT NOT NULL,
     served_fingerprint TEXT,
     issued_fingerprint TEXT NOT NULL,
     served_not_after TEXT,
     chain_verified INTEGER,
     chain_error TEXT,
     checked_at INTEGER NOT NULL,
     duration_ms INTEGER NOT NULL,
     error TEXT
   );
   CREATE INDEX deployment_checks_by_target ON deployment_checks (certificate_id, name, target, id);
   CREATE TABLE deployment_targets (
     certificate_id TEXT NOT NULL,
     name TEXT NOT NULL,
     target TEXT NOT NULL,
     last_check INTEGER NOT NULL,
     memory TEXT NOT NULL,
     PRIMARY KEY (certificate_id, name, target)
   );`,
  // SPEC §13: certificates known only from the provider's API, when a sync last saw each order, every
  // run (its outcome and why it failed) and what each run changed (the timeline's "found by provider sync").
  `ALTER TABLE certificates ADD COLUMN provider_only INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE certificates ADD COLUMN synced_at INTEGER;
   CREATE TABLE sync_runs (
     id INTEGER PRIMARY KEY,
     at INTEGER NOT NULL,
     trigger TEXT NOT NULL,
     ok INTEGER NOT NULL,
     orders INTEGER NOT NULL,
     duration_ms INTEGER NOT NULL,
     error_kind TEXT,
     error TEXT,
     first INTEGER NOT NULL
   );
   CREATE TABLE sync_changes (
     id INTEGER PRIMARY KEY,
     run_id INTEGER NOT NULL,
     certificate_id TEXT NOT NULL,
     common_name TEXT,
     order_id TEXT NOT NULL,
     from_status TEXT,
     to_status TEXT NOT NULL,
     notification TEXT,
     notification_kind TEXT,
     at INTEGER NOT NULL
   );
   CREATE INDEX sync_changes_by_certificate ON sync_changes (certificate_id, id);
   CREATE INDEX sync_changes_by_run ON sync_changes (run_id);`,
  // Issue 22: the renewal or reissue failure no later issue resolved ({event, deliveryId, at} as
  // JSON, or NULL), so it stays flagged while other deliveries come and go. A failure that was the
  // certificate's last news is one.
  `ALTER TABLE certificates ADD COLUMN failure TEXT;
   UPDATE certificates SET failure = json_object('event', last_event, 'deliveryId', last_delivery, 'at', event_at)
     WHERE last_event IN ('ssl_panel.renew_failed', 'ssl_panel.reissue_failed');`,
];
