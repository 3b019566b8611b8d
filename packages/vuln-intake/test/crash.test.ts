import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCaseService,
  openPostgresCaseStore,
  openSqliteCaseStore,
  type CaseStore,
} from '../src/index.js';
import { bundleChild, startChild } from './crash-child.js';
import { json, send } from './http-client.js';
import { startPostgres, type PostgresServer } from './postgres-server.js';

let script: string;
let pg: PostgresServer;
const dir = mkdtempSync(join(tmpdir(), 'cra-vuln-crash-'));
beforeAll(async () => {
  [script, pg] = await Promise.all([bundleChild(), startPostgres()]);
}, 60_000);
afterAll(async () => {
  await pg.stop();
  rmSync(dir, { recursive: true, force: true });
  if (script) rmSync(script, { force: true });
});

/**
 * Streams reports into a child with 16 in flight, SIGKILLs it after a random delay, and returns
 * every report the child acknowledged (201 with a case id) before it died.
 */
async function streamAndKill(args: string[], round: number): Promise<Map<string, string>> {
  const { child, port } = await startChild(script, args);
  const acknowledged = new Map<string, string>();
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const state = { dead: false };
  const exited = new Promise((r) => child.once('exit', r));
  const worker = async (w: number) => {
    for (let i = 0; !state.dead; i++) {
      const title = `round ${round} worker ${w} report ${i}`;
      try {
        const res = await send(port, {
          ...json({ title, description: `${title}: details` }),
          agent,
        });
        if (res.status === 201)
          acknowledged.set((JSON.parse(res.body) as { caseId: string }).caseId, title);
      } catch {
        // The connection died with the child: this report was never acknowledged, so it may be lost.
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  };
  const workers = Promise.all(Array.from({ length: 16 }, (_, w) => worker(w)));
  await new Promise((r) => setTimeout(r, 300 + Math.random() * 700));
  child.kill('SIGKILL');
  await exited;
  state.dead = true;
  await workers;
  agent.destroy();
  return acknowledged;
}

async function expectNothingLost(store: CaseStore, acknowledged: Map<string, string>) {
  const service = createCaseService({ store });
  const all = await store.list();
  const stored = new Map(all.map((c) => [c.id, c.title]));
  for (const [id, title] of acknowledged)
    expect(stored.get(id), `acknowledged case ${id}`).toBe(title);
  // Never a half-written case: every stored case has a log that verifies against its head.
  for (const kase of all) expect(await service.verify(kase.id)).toMatchObject({ valid: true });
}

describe('SIGKILL while reports stream in loses no acknowledged report', () => {
  it('in SQLite', async () => {
    const path = join(dir, 'crash.db');
    const all = new Map<string, string>();
    for (let round = 0; round < 3; round++) {
      for (const [k, v] of await streamAndKill(['sqlite', path], round)) all.set(k, v);
    }
    expect(all.size).toBeGreaterThan(30);
    const store = await openSqliteCaseStore({ path });
    try {
      await expectNothingLost(store, all);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('in PostgreSQL', async () => {
    const all = new Map<string, string>();
    for (let round = 0; round < 3; round++) {
      for (const [k, v] of await streamAndKill(['postgres', pg.connectionString], round))
        all.set(k, v);
    }
    expect(all.size).toBeGreaterThan(30);
    const store = await openPostgresCaseStore({ connectionString: pg.connectionString });
    try {
      await expectNothingLost(store, all);
    } finally {
      await store.close();
    }
  }, 60_000);
});
