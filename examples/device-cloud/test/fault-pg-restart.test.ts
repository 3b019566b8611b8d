import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startPostgres,
  type PostgresServer,
} from '../../../packages/vuln-intake/test/postgres-server.js';
import { startCluster, type Cluster } from './contract/cluster.js';
import type { Fixture } from './helpers/cloud-fixture.js';

// PostgreSQL restarted (`pg_ctl restart -m fast`, every connection cut) while operators keep
// writing through the cloud's API: the cloud reconnects by itself, and every write it
// acknowledged is in the database afterwards, with its audit entry.
let server: PostgresServer;
let cluster: Cluster;
let node: Fixture;

beforeAll(async () => {
  server = await startPostgres();
  cluster = await startCluster(server.connectionString, 1, () => []);
  node = cluster.nodes[0] as Fixture;
}, 120_000);
afterAll(async () => {
  await cluster.close();
  await server.stop();
}, 60_000);

describe('PostgreSQL restarted under load', () => {
  it('reconnects, and every acknowledged write survives', async () => {
    const acknowledged: string[] = [];
    const failures: number[] = [];
    let phase: 'before' | 'restarting' | 'after' = 'before';
    let afterRestart = 0;
    let duringRestart = 0;
    const stop = { now: false };
    // Resolves `goal` once `count()` reaches `n` (checked after every acknowledged write).
    let goal: { n: number; count: () => number; resolve: () => void } | undefined;
    const reached = (n: number, count: () => number) =>
      new Promise<void>((resolve) => {
        goal = { n, count, resolve };
      });
    const worker = async (w: number) => {
      for (let i = 0; !stop.now; i += 1) {
        const name = `load-${w}-${i}`;
        const res = await node
          .api('POST', '/api/v1/operators', {
            token: node.adminToken,
            body: { name, roles: ['auditor'] },
          })
          .catch(() => undefined);
        if (res?.status === 201) {
          acknowledged.push(name);
          if (phase === 'after') afterRestart += 1;
          if (phase === 'restarting') duringRestart += 1;
          if (goal !== undefined && goal.count() >= goal.n) goal.resolve();
        } else failures.push(res?.status ?? 0);
      }
    };
    const workers = Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
    // Load first, then the restart in the middle of it.
    await reached(40, () => acknowledged.length);
    phase = 'restarting';
    await server.restart();
    phase = 'after';
    await reached(40, () => afterRestart);
    stop.now = true;
    await workers;
    console.info(
      `pg restart under load: ${acknowledged.length} writes acknowledged (${duringRestart} while pg_ctl restart ran, ${afterRestart} after), ${failures.length} refused`,
    );

    // No request was turned away for long: the pool replaced the cut connections (5xx allowed only while the server was down).
    expect(failures.every((status) => status === 0 || status >= 500)).toBe(true);
    const client = new pg.Client({ connectionString: server.connectionString });
    await client.connect();
    try {
      const stored = new Set(
        (
          await client.query<{ name: string }>(
            "SELECT name FROM operators WHERE name LIKE 'load-%'",
          )
        ).rows.map((r) => r.name),
      );
      expect(acknowledged.filter((name) => !stored.has(name))).toEqual([]);
      const audited = Number(
        (
          await client.query<{ n: string }>(
            "SELECT count(*) AS n FROM audit_log WHERE action = 'operator.create' AND detail LIKE '%\"name\":\"load-%'",
          )
        ).rows[0]?.n,
      );
      // Every stored operator has its audit entry (same transaction), and nothing was written twice.
      expect(audited).toBe(stored.size);
      expect(stored.size).toBeGreaterThanOrEqual(acknowledged.length);
    } finally {
      await client.end();
    }
  }, 120_000);
});
