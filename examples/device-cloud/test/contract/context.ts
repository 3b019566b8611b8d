import { afterAll, beforeAll } from 'vitest';
import type { CloudDatabase } from '../../src/db/cloud-database.js';
import { manualClock, openAllStores, type AllStores, type Backend } from './backends.js';

/** What a contract suite works on: a fresh migrated database of the backend, all stores on it. */
export interface SuiteState {
  db: CloudDatabase;
  stores: AllStores;
  clock: ReturnType<typeof manualClock>;
}

/** Opens a fresh database for the enclosing `describe` and closes it afterwards. */
export function useFreshStores(backend: Backend): () => SuiteState {
  let state: SuiteState | undefined;
  beforeAll(async () => {
    const clock = manualClock();
    const db = await backend.open();
    state = { db, clock, stores: await openAllStores(db, clock) };
  }, 60_000);
  afterAll(async () => {
    await state?.stores.audit.flush();
    await state?.db.close();
  });
  return () => {
    if (state === undefined) throw new Error('suite state used outside a test');
    return state;
  };
}

/** The newest `n` audit entries' actions (newest first). */
export async function lastActions(stores: AllStores, n: number): Promise<string[]> {
  await stores.audit.flush();
  return (await stores.audit.page({ limit: n })).entries.map((e) => e.action);
}
