import type { Pool } from 'pg';
import type { RejectionReason } from '../telemetry/inventory-filter.js';
import {
  MAX_KEYS_PER_DEVICE,
  OVERFLOW_KEY,
  type TelemetryStore,
} from '../telemetry/telemetry-store.js';
import { idempotentWrite, inTransaction, query } from './transaction.js';

/** The telemetry store on PostgreSQL. */
export function createPostgresTelemetryStore(pool: Pool): TelemetryStore {
  return {
    storeAccepted: async (deviceId, values, at) => {
      if (values.size === 0) return;
      const keys = [...values.keys()];
      // One statement for all keys: a device's message is one round trip. Instances receive one
      // device's messages in any order (shared subscriptions): an older value never wins.
      // Idempotent (a re-run writes the same values or nothing): no BEGIN/COMMIT around it.
      await idempotentWrite(pool, `INSERT INTO telemetry_latest (device_id, key, value, at)
        SELECT $1, k, v, $4 FROM unnest($2::text[], $3::text[]) AS t(k, v)
        ON CONFLICT (device_id, key) DO UPDATE SET value = excluded.value, at = excluded.at WHERE telemetry_latest.at <= excluded.at`,
        [deviceId, keys, keys.map((k) => JSON.stringify(values.get(k))), at.toISOString()]);
    },
    countRejected: (deviceId, rejected, at) =>
      inTransaction(pool, async (c) => {
        // One device's rejections at a time (across instances), so the key bound holds.
        await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`telemetry:${deviceId}`]);
        let distinct = Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM telemetry_rejections WHERE device_id = $1', [deviceId])).rows[0]?.n ?? 0);
        for (const r of rejected) {
          const known = (await c.query('SELECT 1 FROM telemetry_rejections WHERE device_id = $1 AND key = $2 AND reason = $3', [deviceId, r.key, r.reason])).rowCount !== 0;
          const key = known || distinct < MAX_KEYS_PER_DEVICE ? r.key : OVERFLOW_KEY;
          if (!known && key === r.key) distinct += 1;
          await c.query(`INSERT INTO telemetry_rejections (device_id, key, reason, count, last_at) VALUES ($1, $2, $3, 1, $4)
            ON CONFLICT (device_id, key, reason) DO UPDATE SET count = telemetry_rejections.count + 1, last_at = excluded.last_at`, [deviceId, key, r.reason, at.toISOString()]);
        }
      }),
    stats: async () => ({
      rejections: (await query<{ device_id: string; key: string; reason: RejectionReason; count: number; last_at: string }>(pool,
        'SELECT * FROM telemetry_rejections ORDER BY device_id COLLATE "C", key COLLATE "C", reason COLLATE "C"'))
        .map((r) => ({ deviceId: r.device_id, key: r.key, reason: r.reason, count: r.count, lastAt: r.last_at })),
    }),
    latest: async (deviceId) =>
      Object.fromEntries((await query<{ key: string; value: string; at: string }>(pool, 'SELECT key, value, at FROM telemetry_latest WHERE device_id = $1 ORDER BY key COLLATE "C"', [deviceId]))
        .map((r) => [r.key, { value: JSON.parse(r.value) as unknown, at: r.at }])),
  };
} // prettier-ignore
