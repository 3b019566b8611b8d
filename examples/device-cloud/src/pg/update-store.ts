import type { Clock } from '@cra-kit/core';
import type { Pool, PoolClient } from 'pg';
import { CloudError } from '../errors.js';
import { FeatureError } from '../updates/feature-error.js';
import {
  MEMBER_STATUSES,
  type GroupCounts,
  type MemberStatus,
  type Release,
  type Rollout,
} from '../updates/model.js';
import {
  ACTIVE_MEMBER,
  ALLOWED_FROM,
  ASSIGNED_MEMBER,
  NEWER_REPORT,
  toMember,
  toRollout,
  type MemberRow,
  type RolloutRow,
} from '../updates/sqlite-store.js';
import type { Assignment, UpdateStore } from '../updates/store.js';
import { appendAudit } from './audit-log.js';
import { inTransaction, query } from './transaction.js';

// The store's one rule for out-of-order reports, with this statement's placeholders ($1 status, $7 device time).
const NEWER_REPORT_PG = NEWER_REPORT.replaceAll('@eventAt', '$7::text').replaceAll(
  '@status',
  '$1::text',
);
/** Serialises rollout creation: "no device in two active rollouts" spans rows of many rollouts. */
const ROLLOUT_CREATE_LOCK = 7_340_112;

/**
 * The {@link UpdateStore} on PostgreSQL, shared by every cloud instance. Where SQLite relied on
 * its single writer, each step here is one conditional statement (`UPDATE … WHERE state = …
 * RETURNING`) or reads under `FOR UPDATE`, so of two instances racing on a step one wins and
 * the other changes nothing.
 */
export function createPostgresUpdateStore(pool: Pool, clock: Clock): UpdateStore {
  const getRelease = async (c: PoolClient | Pool, id: string): Promise<Release | undefined> => {
    const row = (await c.query<{ doc: string }>('SELECT doc FROM update_releases WHERE id = $1', [id])).rows[0];
    return row === undefined ? undefined : (JSON.parse(row.doc) as Release);
  };
  const getRollout = async (c: PoolClient, id: string, lock = false): Promise<Rollout | undefined> => {
    const row = (await c.query<RolloutRow>(`SELECT * FROM update_rollouts WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])).rows[0];
    return row === undefined ? undefined : toRollout(row);
  };
  const tx = <T>(fn: (c: PoolClient) => Promise<T>) => inTransaction(pool, fn);

  return {
    createRelease: (release, entry) =>
      tx(async (c) => {
        const inserted = await c.query('INSERT INTO update_releases (id, target_name, doc, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (target_name) DO NOTHING', [release.id, release.targetName, JSON.stringify(release), release.createdAt]);
        if (inserted.rowCount === 0) throw new FeatureError('RELEASE_EXISTS', `${release.targetName} already has a release`);
        await appendAudit(c, clock, entry);
      }),
    getRelease: (id) => tx((c) => getRelease(c, id)),
    listReleases: async () => (await query<{ doc: string }>(pool, 'SELECT doc FROM update_releases ORDER BY created_at, id')).map((r) => JSON.parse(r.doc) as Release),
    createRollout: (rollout, members, entry) =>
      tx(async (c) => {
        await c.query('SELECT pg_advisory_xact_lock($1)', [ROLLOUT_CREATE_LOCK]);
        const ids = members.map((m) => m.deviceId);
        const busy = (await c.query<{ device_id: string }>(`SELECT DISTINCT m.device_id FROM update_rollout_members m JOIN update_rollouts r ON r.id = m.rollout_id
          WHERE m.device_id = ANY($1::text[]) AND r.state IN ('running','paused') AND m.status IN ${ACTIVE_MEMBER} ORDER BY m.device_id`, [ids])).rows.map((r) => r.device_id);
        if (busy.length > 0) throw new CloudError('CONFLICT', 'devices are in another running or paused rollout; abort it first', { details: { devices: busy.slice(0, 50) } });
        await c.query(`INSERT INTO update_rollouts (id, release_id, state, current_group, groups_json, paused_reason, errors_reset_at, created_at, created_by, updated_at, seq)
          VALUES ($1, $2, $3, $4, $5, NULL, $6, $7, $8, $9, (SELECT COALESCE(MAX(seq), 0) + 1 FROM update_rollouts))`,
          [rollout.id, rollout.releaseId, rollout.state, rollout.currentGroup, JSON.stringify(rollout.groups), rollout.errorsResetAt, rollout.createdAt, rollout.createdBy, rollout.updatedAt]);
        const done = new Set((await c.query<{ device_id: string }>(`SELECT DISTINCT m.device_id FROM update_rollout_members m JOIN update_rollouts r ON r.id = m.rollout_id
          WHERE r.release_id = $1 AND m.device_id = ANY($2::text[]) AND m.status = 'committed'`, [rollout.releaseId, ids])).rows.map((r) => r.device_id));
        await c.query(`INSERT INTO update_rollout_members (rollout_id, device_id, group_index, status, until, updated_at)
          SELECT $1, d, g, s, NULL, u FROM unnest($2::text[], $3::int[], $4::text[], $5::text[]) AS t(d, g, s, u)`,
          [rollout.id, ids, members.map((m) => m.group), members.map((m) => (done.has(m.deviceId) ? 'committed' : m.status)), members.map((m) => m.updatedAt)]);
        await appendAudit(c, clock, entry);
      }),
    getRollout: (id) => tx((c) => getRollout(c, id)),
    listRollouts: async (states) =>
      (await query<RolloutRow>(pool, 'SELECT * FROM update_rollouts ORDER BY seq')).map(toRollout).filter((r) => states === undefined || states.includes(r.state)),
    members: async (rolloutId) => (await query<MemberRow>(pool, 'SELECT * FROM update_rollout_members WHERE rollout_id = $1 ORDER BY group_index, device_id COLLATE "C"', [rolloutId])).map(toMember),
    groupCounts: (rollout, group) =>
      tx(async (c) => {
        const counts = Object.fromEntries(MEMBER_STATUSES.map((s) => [s, 0])) as Record<MemberStatus, number>;
        let total = 0;
        for (const { status, n } of (await c.query<{ status: MemberStatus; n: number }>('SELECT status, COUNT(*)::int AS n FROM update_rollout_members WHERE rollout_id = $1 AND group_index = $2 GROUP BY status', [rollout.id, group])).rows) {
          counts[status] = n;
          total += n;
        }
        const recentFailed = (await c.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM update_rollout_members WHERE rollout_id = $1 AND group_index = $2 AND status = 'failed' AND updated_at >= $3`, [rollout.id, group, rollout.errorsResetAt])).rows[0]?.n ?? 0;
        return { ...counts, total, recentFailed } satisfies GroupCounts;
      }),
    setState: (id, from, to, patch, entry) =>
      tx(async (c) => {
        const current = await getRollout(c, id, true);
        if (current === undefined || !from.includes(current.state)) return undefined;
        await c.query('UPDATE update_rollouts SET state = $2, paused_reason = $3, errors_reset_at = COALESCE($4, errors_reset_at), updated_at = $5 WHERE id = $1', [id, to, patch.pausedReason ?? null, patch.errorsResetAt ?? null, patch.at]);
        await appendAudit(c, clock, entry);
        return getRollout(c, id);
      }),
    advanceGroup: (id, from, at, entry) =>
      tx(async (c) => {
        const moved = (await c.query(`UPDATE update_rollouts SET current_group = current_group + 1,
          state = CASE WHEN current_group + 1 >= json_array_length(groups_json::json) THEN 'completed' ELSE state END, updated_at = $1
          WHERE id = $2 AND state = 'running' AND current_group = $3`, [at, id, from])).rowCount === 1;
        if (moved) await appendAudit(c, clock, entry);
        return moved;
      }),
    startGroup: async (rolloutId, group, at) =>
      (await query<{ device_id: string }>(pool, `UPDATE update_rollout_members SET status = 'notified', until = NULL, updated_at = $1
        WHERE rollout_id = $2 AND group_index = $3 AND status = 'pending' RETURNING device_id`, [at, rolloutId, group])).map((r) => r.device_id).sort(),
    takeDuePostponed: async (at) =>
      (await query<{ rollout_id: string; device_id: string }>(pool, `UPDATE update_rollout_members m SET status = 'notified', until = NULL, updated_at = $1
        FROM update_rollouts r WHERE r.id = m.rollout_id AND r.state = 'running' AND m.group_index <= r.current_group AND m.status = 'postponed' AND m.until <= $1
        RETURNING m.rollout_id, m.device_id`, [at])).map((m) => ({ rolloutId: m.rollout_id, deviceId: m.device_id })),
    recordStatus: (deviceId, releaseId, status, until, at, entry, eventAt) =>
      tx(async (c) => {
        const member = (await c.query<MemberRow>(`SELECT m.* FROM update_rollout_members m JOIN update_rollouts r ON r.id = m.rollout_id
          WHERE m.device_id = $1 AND r.release_id = $2 ORDER BY r.seq DESC LIMIT 1 FOR UPDATE OF m`, [deviceId, releaseId])).rows[0];
        if (member === undefined || !ALLOWED_FROM[status].includes(member.status)) return undefined;
        const after = (await c.query<MemberRow>(`UPDATE update_rollout_members SET status = $1, until = $2, updated_at = $3, event_at = coalesce($7, event_at)
          WHERE rollout_id = $4 AND device_id = $5 AND status = $6 AND ${NEWER_REPORT_PG} RETURNING *`, [status, until ?? null, at, member.rollout_id, deviceId, member.status, eventAt ?? null])).rows[0];
        if (after === undefined) return undefined;
        await appendAudit(c, clock, { ...entry, detail: { ...entry.detail, rollout: member.rollout_id, from: member.status } });
        return toMember(after);
      }),
    assignmentOf: (deviceId) =>
      tx(async (c): Promise<Assignment | undefined> => {
        const row = (await c.query<MemberRow & { rid: string }>(`SELECT m.*, r.id AS rid FROM update_rollout_members m JOIN update_rollouts r ON r.id = m.rollout_id
          WHERE m.device_id = $1 AND r.state = 'running' AND m.group_index <= r.current_group AND m.status IN ${ASSIGNED_MEMBER} ORDER BY r.seq DESC LIMIT 1`, [deviceId])).rows[0];
        const rollout = row === undefined ? undefined : await getRollout(c, row.rid);
        const release = rollout === undefined ? undefined : await getRelease(c, rollout.releaseId);
        if (row === undefined || rollout === undefined || release === undefined) return undefined;
        return { release, rollout, member: toMember(row) };
      }),
    nextDirectorVersion: async (deviceId) => {
      const row = (await query<{ version: number }>(pool, `INSERT INTO update_director_versions (device_id, version) VALUES ($1, 1)
        ON CONFLICT (device_id) DO UPDATE SET version = update_director_versions.version + 1 RETURNING version`, [deviceId]))[0];
      if (row === undefined) throw new CloudError('INTERNAL', 'director version not stored');
      return row.version;
    },
  };
} // prettier-ignore
