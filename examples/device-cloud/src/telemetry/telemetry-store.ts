import type Database from 'better-sqlite3';
import type { RejectionReason } from './inventory-filter.js';

/** Latest accepted values per device, and counts of refused fields per device and key. */
export interface TelemetryStore {
  storeAccepted(
    deviceId: string,
    values: ReadonlyMap<string, number | string | boolean>,
    at: Date,
  ): Promise<void>;
  countRejected(
    deviceId: string,
    rejected: readonly { key: string; reason: RejectionReason }[],
    at: Date,
  ): Promise<void>;
  stats(): Promise<{
    rejections: {
      deviceId: string;
      key: string;
      reason: RejectionReason;
      count: number;
      lastAt: string;
    }[];
  }>;
  latest(deviceId: string): Promise<Record<string, { value: unknown; at: string }>>;
}

/** Rejection rows (key × reason) kept per device; further keys are counted under {@link OVERFLOW_KEY}. */
export const MAX_KEYS_PER_DEVICE = 200;
export const OVERFLOW_KEY = '*other*';

/** The telemetry store on SQLite. Keys are at most 64 characters (the message schema's limit). */
export function createSqliteTelemetryStore(db: Database.Database): TelemetryStore {
  const q = {
    upsertLatest: db.prepare(`INSERT INTO telemetry_latest (device_id, key, value, at) VALUES (?, ?, ?, ?)
      ON CONFLICT(device_id, key) DO UPDATE SET value = excluded.value, at = excluded.at WHERE telemetry_latest.at <= excluded.at`),
    bump: db.prepare(`INSERT INTO telemetry_rejections (device_id, key, reason, count, last_at) VALUES (?, ?, ?, 1, ?)
      ON CONFLICT(device_id, key, reason) DO UPDATE SET count = count + 1, last_at = excluded.last_at`),
    stats: db.prepare<[], { device_id: string; key: string; reason: RejectionReason; count: number; last_at: string }>(
      'SELECT * FROM telemetry_rejections ORDER BY device_id, key, reason'),
    distinctKeys: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM telemetry_rejections WHERE device_id = ?'),
    hasKey: db.prepare<[string, string, string], { one: number }>('SELECT 1 AS one FROM telemetry_rejections WHERE device_id = ? AND key = ? AND reason = ?'),
    latest: db.prepare<[string], { key: string; value: string; at: string }>('SELECT key, value, at FROM telemetry_latest WHERE device_id = ?'),
  };
  return {
    storeAccepted: async (deviceId, values, at) => {
      // An older message never replaces a newer value: several receivers (external broker) may
      // hand one device's messages over out of order.
      db.transaction(() => {
        for (const [key, value] of values) q.upsertLatest.run(deviceId, key, JSON.stringify(value), at.toISOString());
      })();
      return Promise.resolve();
    },
    countRejected: async (deviceId, rejected, at) => {
      db.transaction(() => {
        // A device inventing new keys must not grow the table without bound.
        let distinct = q.distinctKeys.get(deviceId)?.n ?? 0;
        for (const r of rejected) {
          const known = q.hasKey.get(deviceId, r.key, r.reason) !== undefined;
          const key = known || distinct < MAX_KEYS_PER_DEVICE ? r.key : OVERFLOW_KEY;
          if (!known && key === r.key) distinct += 1;
          q.bump.run(deviceId, key, r.reason, at.toISOString());
        }
      })();
      return Promise.resolve();
    },
    stats: async () =>
      Promise.resolve({ rejections: q.stats.all().map((r) => ({ deviceId: r.device_id, key: r.key, reason: r.reason, count: r.count, lastAt: r.last_at })) }),
    latest: async (deviceId) =>
      Promise.resolve(Object.fromEntries(q.latest.all(deviceId).map((r) => [r.key, { value: JSON.parse(r.value) as unknown, at: r.at }]))),
  };
} // prettier-ignore
