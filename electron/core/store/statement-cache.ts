/** Prepared statements by SQL text: preparing costs more than running a point query. */
import type { DatabaseSync, StatementSync } from 'node:sqlite';

export function statementCache(db: DatabaseSync): (sql: string) => StatementSync {
  const cache = new Map<string, StatementSync>();
  return (sql) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
}
