// Benchmarks of @cra-kit/vuln-intake, each beside a reference measured in the same run.
// Run with `pnpm --filter @cra-kit/vuln-intake build && pnpm --filter @cra-kit/vuln-intake bench`;
// reads the built package, as users get it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import {
  createCaseService,
  createIntakeHandler,
  markActivelyExploited,
  openObligations,
  openPostgresCaseStore,
  openSqliteCaseStore,
} from '../dist/index.js';
import { startPostgres } from './postgres.mjs';

const REPORTS = Number(process.env.BENCH_REPORTS ?? 2_000);
const CASES = 100_000;
const rows = [];
const row = (benchmark, ours, reference, unit) =>
  rows.push({
    benchmark,
    ours: Math.round(ours),
    reference: Math.round(reference),
    unit,
    ratio: (ours / reference).toFixed(2),
  });

const report = (i) =>
  JSON.stringify({
    title: `Report ${i}: stack overflow in the MQTT parser`,
    description: 'A crafted CONNECT packet overflows a stack buffer. '.repeat(4),
    email: 'r@example.org',
    product: 'vs300',
    versions: '2.4.0',
  });

/** Sustained intake: `REPORTS` requests through the Fetch handler, 16 in flight. */
async function intakeRate(store) {
  const handler = createIntakeHandler({
    service: createCaseService({ store }),
    rateLimit: { burst: 1e9, perSecond: 1e9 },
  });
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < REPORTS) {
        const i = next++;
        const res = await handler(
          new Request('http://bench/report', {
            method: 'POST',
            body: report(i),
            headers: { 'content-type': 'application/json' },
          }),
          { remoteAddress: '127.0.0.1' },
        );
        if (res.status !== 201) throw new Error(`intake failed: ${res.status}`);
      }
    }),
  );
  return (REPORTS * 1000) / (performance.now() - start);
}

const docs = (i) => [
  `VC-${i}`,
  report(i),
  JSON.stringify({ caseId: `VC-${i}`, seq: 0, event: 'received', data: {}, hash: 'x'.repeat(64) }),
];

let start = 0;
const dir = mkdtempSync(join(tmpdir(), 'cra-vuln-bench-'));
try {
  // SQLite: our handler + store vs a plain transactional insert of the same two rows per report.
  const ours = await openSqliteCaseStore({ path: join(dir, 'ours.db') });
  const sqliteOurs = await intakeRate(ours);
  await ours.close();
  const db = new Database(join(dir, 'plain.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE c (id TEXT PRIMARY KEY, doc TEXT); CREATE TABLE l (id TEXT, entry TEXT)');
  const ic = db.prepare('INSERT INTO c VALUES (?, ?)');
  const il = db.prepare('INSERT INTO l VALUES (?, ?)');
  const tx = db.transaction((id, doc, entry) => {
    ic.run(id, doc);
    il.run(id, entry);
  });
  start = performance.now();
  for (let i = 0; i < REPORTS; i++) tx(...docs(i));
  row(
    'intake into SQLite: handler (parse, validate, hash chain, transaction) vs plain 2-row insert',
    sqliteOurs,
    (REPORTS * 1000) / (performance.now() - start),
    'reports/s',
  );
  db.close();

  const server = await startPostgres();
  if (server === undefined) {
    console.error('PostgreSQL not installed: skipping the PostgreSQL benchmark');
  } else {
    try {
      const pgStore = await openPostgresCaseStore({ connectionString: server.connectionString });
      const pgOurs = await intakeRate(pgStore);
      await pgStore.close();
      const pool = new pg.Pool({ connectionString: server.connectionString, max: 16 });
      pool.on('error', (e) => console.warn(`reference pool: ${e.message}`));
      await pool.query(
        'CREATE TABLE c (id TEXT PRIMARY KEY, doc TEXT); CREATE TABLE l (id TEXT, entry TEXT)',
      );
      let next = 0;
      start = performance.now();
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (next < REPORTS) {
            const [id, doc, entry] = docs(next++);
            const client = await pool.connect();
            try {
              await client.query('BEGIN');
              await client.query('INSERT INTO c VALUES ($1, $2)', [id, doc]);
              await client.query('INSERT INTO l VALUES ($1, $2)', [id, entry]);
              await client.query('COMMIT');
            } finally {
              client.release();
            }
          }
        }),
      );
      row(
        'intake into PostgreSQL: handler vs plain 2-row transaction, 16 in flight',
        pgOurs,
        (REPORTS * 1000) / (performance.now() - start),
        'reports/s',
      );
      await pool.end();
    } finally {
      await server.stop();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// obligations() over 100,000 actively exploited cases vs a plain loop adding 24 h and 72 h.
const base = {
  schemaVersion: 1,
  title: 't',
  description: 'd',
  state: 'verifying',
  receivedAt: '2026-10-01T00:00:00Z',
  reporter: { credit: false },
  affected: [],
  cwe: [],
  productProfiles: [],
  firmwareReleases: [],
  coordination: [],
  intermediateRequests: [],
  submissions: [],
};
const cases = Array.from({ length: CASES }, (_, i) =>
  markActivelyExploited(
    { ...base, id: `VC-${i}` },
    { awareAt: new Date(Date.UTC(2026, 9, 1) + i * 60_000).toISOString(), evidence: 'seen' },
  ),
);
const now = new Date('2026-11-01T00:00:00Z');
start = performance.now();
const open = openObligations(cases, now);
const ours = performance.now() - start;
start = performance.now();
let plain = 0;
for (const c of cases) {
  const t = Date.parse(c.activelyExploited.awareAt);
  plain += (t + 24 * 3_600_000 < now.getTime()) + (t + 72 * 3_600_000 < now.getTime());
}
row(
  `obligations() over ${CASES.toLocaleString('en')} cases (${open.length.toLocaleString('en')} open, sorted) vs a plain 24 h/72 h loop`,
  (CASES * 1000) / ours,
  (CASES * 1000) / (performance.now() - start),
  'cases/s',
);
if (plain < 0) console.log(plain);

console.table(rows);
