import { HTTP_PATHS } from '@cra-kit-examples/device-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startPostgres,
  type PostgresServer,
} from '../../../packages/vuln-intake/test/postgres-server.js';
import { startCluster, type Cluster } from './contract/cluster.js';
import { bootstrapToken, makeCsr, type Fixture } from './helpers/cloud-fixture.js';
import { vulnModule } from '../src/vuln/index.js';

// Two cloud instances on one real PostgreSQL count one client's enrollment attempts together:
// the limit holds for the service, not per process.
const ATTEMPTS = 4;
// Vulnerability reports per source address, shared the same way (one report an hour after these).
const REPORTS = 3;
let server: PostgresServer;
let cluster: Cluster;
let a: Fixture;
let b: Fixture;

const enroll = async (at: Fixture, token: string) =>
  at.api('POST', HTTP_PATHS.estSimpleEnroll, {
    token,
    raw: (await makeCsr('VS-LIMIT-1')).csrBase64,
    headers: { 'content-type': 'application/pkcs10' },
  });

beforeAll(async () => {
  server = await startPostgres();
  // An hour's window: the test cannot outlive it, however slow the machine.
  cluster = await startCluster(
    server.connectionString,
    2,
    () => [vulnModule({ rateLimit: { burst: REPORTS, perSecond: 1 / 3600 } })],
    {
      enrollment: { rateLimit: { attempts: ATTEMPTS, windowSeconds: 3600 } },
    },
  );
  [a, b] = cluster.nodes as [Fixture, Fixture];
}, 120_000);
afterAll(async () => {
  await cluster.close();
  await server.stop();
}, 60_000);

describe('two cloud instances on one PostgreSQL share one enrollment limit', () => {
  it('refuses the attempt after the limit whichever instance gets it', async () => {
    const valid = await bootstrapToken(a, 'VS-LIMIT-1');
    const statuses: number[] = [];
    // Guesses alternate between the instances; each alone would allow ATTEMPTS of them.
    for (let i = 0; i < ATTEMPTS; i += 1) {
      statuses.push((await enroll(i % 2 === 0 ? a : b, 'A'.repeat(42) + String(i))).status);
    }
    expect(statuses).toEqual(Array.from({ length: ATTEMPTS }, () => 401));
    for (const node of [a, b]) {
      const res = await enroll(node, valid);
      expect(res.status, res.text).toBe(429);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('IDENTITY_RATE_LIMITED');
    }
    const { database } = a.cloud.ctx;
    if (database.kind !== 'postgres') throw new Error('not on PostgreSQL');
    const counted = await database.pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM enrollment_attempts',
    );
    expect(Number(counted.rows[0]?.n)).toBe(ATTEMPTS); // refusals are not counted
    // Refused attempts never reached the token: it is still unused in the shared store.
    const records = await database.pool.query<{ value: Buffer }>(
      "SELECT value FROM kv WHERE key LIKE 'bootstrap/%'",
    );
    expect(records.rows.map((r) => JSON.parse(r.value.toString('utf8')) as object)).toEqual([
      expect.not.objectContaining({ usedAt: expect.anything() as unknown }),
    ]);
  });
});

describe('two cloud instances on one PostgreSQL share one vulnerability-report limit', () => {
  it('refuses the report after the limit whichever instance gets it, and stores no case for it', async () => {
    const report = (at: Fixture, i: number) =>
      at.api('POST', HTTP_PATHS.vulnReports, { body: { title: `Report ${String(i)}`, description: 'The bootloader accepts unsigned images.', email: 'researcher@example.org', product: 'vs300', versions: '1.0.0' } });
    const statuses: number[] = [];
    for (let i = 0; i < REPORTS; i += 1) statuses.push((await report(i % 2 === 0 ? a : b, i)).status);
    expect(statuses).toEqual(Array.from({ length: REPORTS }, () => 201));
    for (const node of [a, b]) {
      const res = await report(node, 99);
      expect(res.status, res.text).toBe(429);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('RATE_LIMITED');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(3000);
    }
    const { database } = a.cloud.ctx;
    if (database.kind !== 'postgres') throw new Error('not on PostgreSQL');
    const cases = await database.pool.query<{ n: string }>('SELECT count(*) AS n FROM vuln_cases');
    expect(Number(cases.rows[0]?.n)).toBe(REPORTS);
  }); // prettier-ignore
});
