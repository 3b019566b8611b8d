import type BetterSqlite3 from 'better-sqlite3';
import type { Case } from '../case/case-schema.js';
import { VulnIntakeError } from '../errors.js';
import type { LogEntry } from '../log/case-log.js';
import type { CaseStore, StoredCase } from './case-store.js';
import { assertEntryFor, caseFromRow, conflict, entryFromRow, loadPeer } from './rows.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS vuln_cases (
  id TEXT PRIMARY KEY,
  doc TEXT NOT NULL,
  head_seq INTEGER NOT NULL,
  head_hash TEXT NOT NULL,
  created INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS vuln_case_log (
  case_id TEXT NOT NULL REFERENCES vuln_cases(id),
  seq INTEGER NOT NULL,
  entry TEXT NOT NULL,
  PRIMARY KEY (case_id, seq)
);`;

/** Runs synchronous work and settles a promise with its result or error (never a sync throw). */
const settle = <T>(fn: () => T): Promise<T> =>
  new Promise((resolve) => {
    resolve(fn());
  });

/** Options of {@link openSqliteCaseStore}. */
export interface SqliteStoreOptions {
  /** Database file; `:memory:` for a throw-away store. */
  readonly path: string;
}

/**
 * A {@link CaseStore} in one SQLite file (better-sqlite3 12, an optional peer dependency): the
 * embedded default. WAL journal with `synchronous=FULL`, so an acknowledged write survives a
 * killed process and a power cut.
 * @throws {VulnIntakeError} VULN_DEPENDENCY_MISSING when better-sqlite3 is not installed
 */
export async function openSqliteCaseStore(options: SqliteStoreOptions): Promise<CaseStore> {
  const Database = await loadPeer(
    'better-sqlite3',
    async () => (await import('better-sqlite3')).default,
  );
  let db: BetterSqlite3.Database;
  try {
    db = new Database(options.path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
  } catch (error) {
    throw new VulnIntakeError('VULN_STORAGE_FAILED', 'cannot open the SQLite case store', {
      cause: error,
    });
  }
  const insertCase = db.prepare(
    'INSERT INTO vuln_cases (id, doc, head_seq, head_hash, created) VALUES (?, ?, ?, ?, ?)',
  );
  const insertEntry = db.prepare(
    'INSERT INTO vuln_case_log (case_id, seq, entry) VALUES (?, ?, ?)',
  );
  const updateCase = db.prepare(
    'UPDATE vuln_cases SET doc = ?, head_seq = ?, head_hash = ? WHERE id = ? AND head_hash = ?',
  );
  const selectCase = db.prepare<[string], { doc: string; head_seq: number; head_hash: string }>(
    'SELECT doc, head_seq, head_hash FROM vuln_cases WHERE id = ?',
  );
  const selectAll = db.prepare<[], { doc: string }>(
    'SELECT doc FROM vuln_cases ORDER BY created, id',
  );
  const selectLog = db.prepare<[string], { entry: string }>(
    'SELECT entry FROM vuln_case_log WHERE case_id = ? ORDER BY seq',
  );
  let created = 0;

  const create = db.transaction((kase: Case, first: LogEntry) => {
    if (selectCase.get(kase.id) !== undefined) throw conflict(kase.id);
    insertCase.run(
      kase.id,
      JSON.stringify(kase),
      first.seq,
      first.hash,
      Date.now() * 1000 + (created++ % 1000),
    );
    insertEntry.run(kase.id, first.seq, JSON.stringify(first));
  });
  const update = db.transaction((kase: Case, entry: LogEntry) => {
    if (selectCase.get(kase.id) === undefined) {
      throw new VulnIntakeError('VULN_CASE_NOT_FOUND', `no case ${kase.id}`);
    }
    if (
      updateCase.run(JSON.stringify(kase), entry.seq, entry.hash, kase.id, entry.prevHash)
        .changes !== 1
    ) {
      throw conflict(kase.id);
    }
    insertEntry.run(kase.id, entry.seq, JSON.stringify(entry));
  });
  const wrap = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      if (VulnIntakeError.isInstance(error)) throw error;
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT'))
        throw conflict('(unknown)');
      throw new VulnIntakeError('VULN_STORAGE_FAILED', 'SQLite write failed; rolled back', {
        cause: error,
      });
    }
  };

  return {
    specificationVersion: 'v1',
    create: (kase, first) =>
      settle(() => {
        assertEntryFor(kase, first);
        wrap(() => {
          create(kase, first);
        });
      }),
    update: (kase, entry) =>
      settle(() => {
        assertEntryFor(kase, entry);
        wrap(() => {
          update(kase, entry);
        });
      }),
    get: (id) =>
      settle((): StoredCase | undefined => {
        const row = selectCase.get(id);
        return row === undefined
          ? undefined
          : { case: caseFromRow(row.doc), head: { seq: row.head_seq, hash: row.head_hash } };
      }),
    list: () => settle(() => selectAll.all().map((r) => caseFromRow(r.doc))),
    log: (id) => settle(() => selectLog.all(id).map((r) => entryFromRow(r.entry))),
    close: () =>
      settle(() => {
        db.close();
      }),
  };
}
