import type Database from 'better-sqlite3';
import type { AuditEntry } from '../context.js';
import type { Migration } from '../db/migrations.js';
import { CloudError } from '../errors.js';
import { FeatureError } from './feature-error.js';
import {
  MEMBER_STATUSES,
  type GroupCounts,
  type MemberStatus,
  type Release,
  type Rollout,
  type RolloutMember,
  type RolloutState,
} from './model.js';
import type { Assignment, UpdateStore } from './store.js';

/** The updates module's tables (the shell runs migrations in order, once each). */
export const UPDATES_MIGRATIONS: readonly Migration[] = [
  {
    id: '001-releases-rollouts',
    up: `
CREATE TABLE update_releases (
  id TEXT PRIMARY KEY,
  target_name TEXT NOT NULL UNIQUE,
  doc TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE update_rollouts (
  id TEXT PRIMARY KEY,
  release_id TEXT NOT NULL REFERENCES update_releases(id),
  state TEXT NOT NULL,
  current_group INTEGER NOT NULL,
  groups_json TEXT NOT NULL,
  paused_reason TEXT,
  errors_reset_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  seq INTEGER NOT NULL
);
CREATE TABLE update_rollout_members (
  rollout_id TEXT NOT NULL REFERENCES update_rollouts(id),
  device_id TEXT NOT NULL,
  group_index INTEGER NOT NULL,
  status TEXT NOT NULL,
  until TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (rollout_id, device_id)
);
CREATE INDEX update_rollout_members_device ON update_rollout_members(device_id);
CREATE TABLE update_director_versions (
  device_id TEXT PRIMARY KEY,
  version INTEGER NOT NULL
);`,
  },
  {
    // The device's time of the report that set the member's status: older reports never win.
    id: '002-member-event-at',
    up: `ALTER TABLE update_rollout_members ADD COLUMN event_at TEXT;`,
  },
];

/** Which statuses a device report may move a member from (committed is final). */
export const ALLOWED_FROM: Readonly<Record<MemberStatus, readonly MemberStatus[]>> = {
  pending: [],
  notified: [],
  'in-progress': ['notified', 'postponed', 'declined'],
  committed: ['notified', 'in-progress', 'postponed', 'declined', 'failed'],
  failed: ['notified', 'in-progress', 'postponed', 'declined'],
  declined: ['notified', 'in-progress', 'postponed'],
  postponed: ['notified', 'in-progress', 'declined'],
};
/** Statuses in which a device still counts as being in a rollout (not done with it). */
export const ACTIVE_MEMBER = `('pending','notified','in-progress','failed','declined','postponed')`;
export const ASSIGNED_MEMBER = `('notified','in-progress','postponed','declined')`;
/**
 * SQL condition (named parameters `@eventAt`, `@status`) that a device report is newer than the
 * one that set the member's status: shared subscriptions deliver a device's reports to several
 * instances in any order. At the same instant a result beats a progress report.
 */
export const NEWER_REPORT = `(@eventAt IS NULL OR event_at IS NULL OR event_at < @eventAt OR (event_at = @eventAt AND @status <> 'in-progress'))`;

export interface RolloutRow {
  id: string;
  release_id: string;
  state: RolloutState;
  current_group: number;
  groups_json: string;
  paused_reason: string | null;
  errors_reset_at: string;
  created_at: string;
  created_by: string;
  updated_at: string;
}
export interface MemberRow {
  rollout_id: string;
  device_id: string;
  group_index: number;
  status: MemberStatus;
  until: string | null;
  updated_at: string;
  event_at?: string | null;
}

export const toRollout = (r: RolloutRow): Rollout => ({
  id: r.id, releaseId: r.release_id, state: r.state, currentGroup: r.current_group,
  groups: JSON.parse(r.groups_json) as Rollout['groups'], pausedReason: r.paused_reason ?? undefined,
  errorsResetAt: r.errors_reset_at, createdAt: r.created_at, createdBy: r.created_by, updatedAt: r.updated_at,
}); // prettier-ignore
export const toMember = (m: MemberRow): RolloutMember => ({
  rolloutId: m.rollout_id, deviceId: m.device_id, group: m.group_index, status: m.status,
  until: m.until ?? undefined, updatedAt: m.updated_at,
}); // prettier-ignore

/**
 * The {@link UpdateStore} on the cloud's SQLite database. Each change runs in one immediate
 * transaction together with its audit entry.
 */
export function createSqliteUpdateStore(
  db: Database.Database,
  audit: (entry: AuditEntry) => void,
): UpdateStore {
  const q = {
    insertRelease: db.prepare('INSERT INTO update_releases (id, target_name, doc, created_at) VALUES (?, ?, ?, ?)'),
    releaseByTarget: db.prepare('SELECT id FROM update_releases WHERE target_name = ?'),
    getRelease: db.prepare<[string], { doc: string }>('SELECT doc FROM update_releases WHERE id = ?'),
    listReleases: db.prepare<[], { doc: string }>('SELECT doc FROM update_releases ORDER BY created_at, id'),
    insertRollout: db.prepare(`INSERT INTO update_rollouts (id, release_id, state, current_group, groups_json, paused_reason, errors_reset_at, created_at, created_by, updated_at, seq)
      VALUES (@id, @releaseId, @state, @currentGroup, @groups, NULL, @errorsResetAt, @createdAt, @createdBy, @updatedAt, (SELECT COALESCE(MAX(seq), 0) + 1 FROM update_rollouts))`),
    insertMember: db.prepare('INSERT INTO update_rollout_members (rollout_id, device_id, group_index, status, until, updated_at) VALUES (?, ?, ?, ?, NULL, ?)'),
    activeElsewhere: db.prepare<[string], { rollout_id: string }>(`SELECT m.rollout_id FROM update_rollout_members m JOIN update_rollouts r ON r.id = m.rollout_id
      WHERE m.device_id = ? AND r.state IN ('running','paused') AND m.status IN ${ACTIVE_MEMBER} LIMIT 1`),
    committedOn: db.prepare<[string, string], { n: number }>(`SELECT COUNT(*) AS n FROM update_rollout_members m JOIN update_rollouts r ON r.id = m.rollout_id
      WHERE r.release_id = ? AND m.device_id = ? AND m.status = 'committed'`),
    getRollout: db.prepare<[string], RolloutRow>('SELECT * FROM update_rollouts WHERE id = ?'),
    listRollouts: db.prepare<[], RolloutRow>('SELECT * FROM update_rollouts ORDER BY seq'),
    members: db.prepare<[string], MemberRow>('SELECT * FROM update_rollout_members WHERE rollout_id = ? ORDER BY group_index, device_id'),
    counts: db.prepare<[string, number], { status: MemberStatus; n: number }>('SELECT status, COUNT(*) AS n FROM update_rollout_members WHERE rollout_id = ? AND group_index = ? GROUP BY status'),
    recentFailed: db.prepare<[string, number, string], { n: number }>(`SELECT COUNT(*) AS n FROM update_rollout_members WHERE rollout_id = ? AND group_index = ? AND status = 'failed' AND updated_at >= ?`),
    setState: db.prepare('UPDATE update_rollouts SET state = @to, paused_reason = @pausedReason, errors_reset_at = COALESCE(@errorsResetAt, errors_reset_at), updated_at = @at WHERE id = @id AND state = @from'),
    advance: db.prepare(`UPDATE update_rollouts SET current_group = current_group + 1, state = CASE WHEN current_group + 1 >= json_array_length(groups_json) THEN 'completed' ELSE state END, updated_at = ?
      WHERE id = ? AND state = 'running' AND current_group = ?`),
    pendingOfGroup: db.prepare<[string, number], { device_id: string }>(`SELECT device_id FROM update_rollout_members WHERE rollout_id = ? AND group_index = ? AND status = 'pending' ORDER BY device_id`),
    markNotified: db.prepare(`UPDATE update_rollout_members SET status = 'notified', until = NULL, updated_at = ? WHERE rollout_id = ? AND device_id = ? AND status = ?`),
    duePostponed: db.prepare<[string], { rollout_id: string; device_id: string }>(`SELECT m.rollout_id, m.device_id FROM update_rollout_members m JOIN update_rollouts r ON r.id = m.rollout_id
      WHERE r.state = 'running' AND m.group_index <= r.current_group AND m.status = 'postponed' AND m.until <= ? ORDER BY m.until`),
    memberForRelease: db.prepare<[string, string], MemberRow>(`SELECT m.* FROM update_rollout_members m JOIN update_rollouts r ON r.id = m.rollout_id
      WHERE m.device_id = ? AND r.release_id = ? ORDER BY r.seq DESC LIMIT 1`),
    setMember: db.prepare(`UPDATE update_rollout_members SET status = @status, until = @until, updated_at = @at, event_at = coalesce(@eventAt, event_at)
      WHERE rollout_id = @rolloutId AND device_id = @deviceId AND status = @from AND ${NEWER_REPORT}`),
    getMember: db.prepare<[string, string], MemberRow>('SELECT * FROM update_rollout_members WHERE rollout_id = ? AND device_id = ?'),
    assignment: db.prepare<[string], MemberRow & { rid: string }>(`SELECT m.*, r.id AS rid FROM update_rollout_members m JOIN update_rollouts r ON r.id = m.rollout_id
      WHERE m.device_id = ? AND r.state = 'running' AND m.group_index <= r.current_group AND m.status IN ${ASSIGNED_MEMBER} ORDER BY r.seq DESC LIMIT 1`),
    nextVersion: db.prepare<[string], { version: number }>(`INSERT INTO update_director_versions (device_id, version) VALUES (?, 1)
      ON CONFLICT(device_id) DO UPDATE SET version = version + 1 RETURNING version`),
  }; // prettier-ignore

  const getRelease = (id: string): Release | undefined => {
    const row = q.getRelease.get(id);
    return row === undefined ? undefined : (JSON.parse(row.doc) as Release);
  };
  const getRollout = (id: string): Rollout | undefined => {
    const row = q.getRollout.get(id);
    return row === undefined ? undefined : toRollout(row);
  };
  // better-sqlite3 runs the callback synchronously; the promise wraps its result or error.
  const tx = <T>(fn: () => T): Promise<T> =>
    new Promise((resolve) => {
      resolve(db.transaction(fn).immediate());
    });

  return {
    createRelease: (release, entry) =>
      tx(() => {
        if (q.releaseByTarget.get(release.targetName) !== undefined) throw new FeatureError('RELEASE_EXISTS', `${release.targetName} already has a release`);
        q.insertRelease.run(release.id, release.targetName, JSON.stringify(release), release.createdAt);
        audit(entry);
      }), // prettier-ignore
    getRelease: (id) => tx(() => getRelease(id)),
    listReleases: () => tx(() => q.listReleases.all().map((r) => JSON.parse(r.doc) as Release)),
    createRollout: (rollout, members, entry) =>
      tx(() => {
        const busy = members.filter((m) => q.activeElsewhere.get(m.deviceId) !== undefined).map((m) => m.deviceId);
        if (busy.length > 0) throw new CloudError('CONFLICT', 'devices are in another running or paused rollout; abort it first', { details: { devices: busy.slice(0, 50) } });
        q.insertRollout.run({ ...rollout, groups: JSON.stringify(rollout.groups) });
        for (const m of members) {
          const done = (q.committedOn.get(rollout.releaseId, m.deviceId)?.n ?? 0) > 0;
          q.insertMember.run(rollout.id, m.deviceId, m.group, done ? 'committed' : m.status, m.updatedAt);
        }
        audit(entry);
      }), // prettier-ignore
    getRollout: (id) => tx(() => getRollout(id)),
    listRollouts: (states) =>
      tx(() =>
        q.listRollouts
          .all()
          .map(toRollout)
          .filter((r) => states === undefined || states.includes(r.state)),
      ),
    members: (rolloutId) => tx(() => q.members.all(rolloutId).map(toMember)),
    groupCounts: (rollout, group) =>
      tx(() => {
        const counts = Object.fromEntries(MEMBER_STATUSES.map((s) => [s, 0])) as Record<MemberStatus, number>;
        let total = 0;
        for (const { status, n } of q.counts.all(rollout.id, group)) {
          counts[status] = n;
          total += n;
        }
        const recentFailed = q.recentFailed.get(rollout.id, group, rollout.errorsResetAt)?.n ?? 0;
        return { ...counts, total, recentFailed } satisfies GroupCounts;
      }), // prettier-ignore
    setState: (id, from, to, patch, entry) =>
      tx(() => {
        const current = getRollout(id);
        if (current === undefined || !from.includes(current.state)) return undefined;
        q.setState.run({ id, from: current.state, to, pausedReason: patch.pausedReason ?? null, errorsResetAt: patch.errorsResetAt ?? null, at: patch.at });
        audit(entry);
        return getRollout(id);
      }), // prettier-ignore
    advanceGroup: (id, from, at, entry) =>
      tx(() => {
        const moved = q.advance.run(at, id, from).changes === 1;
        if (moved) audit(entry);
        return moved;
      }),
    startGroup: (rolloutId, group, at) =>
      tx(() =>
        q.pendingOfGroup
          .all(rolloutId, group)
          .filter((m) => q.markNotified.run(at, rolloutId, m.device_id, 'pending').changes === 1)
          .map((m) => m.device_id),
      ),
    takeDuePostponed: (at) =>
      tx(() =>
        q.duePostponed
          .all(at)
          .filter(
            (m) => q.markNotified.run(at, m.rollout_id, m.device_id, 'postponed').changes === 1,
          )
          .map((m) => ({ rolloutId: m.rollout_id, deviceId: m.device_id })),
      ),
    recordStatus: (deviceId, releaseId, status, until, at, entry, eventAt) =>
      tx(() => {
        const member = q.memberForRelease.get(deviceId, releaseId);
        if (member === undefined || !ALLOWED_FROM[status].includes(member.status)) return undefined;
        if (q.setMember.run({ status, until: until ?? null, at, eventAt: eventAt ?? null, rolloutId: member.rollout_id, deviceId, from: member.status }).changes !== 1) return undefined;
        audit({ ...entry, detail: { ...entry.detail, rollout: member.rollout_id, from: member.status } });
        const after = q.getMember.get(member.rollout_id, deviceId);
        return after === undefined ? undefined : toMember(after);
      }), // prettier-ignore
    assignmentOf: (deviceId) =>
      tx((): Assignment | undefined => {
        const row = q.assignment.get(deviceId);
        const rollout = row === undefined ? undefined : getRollout(row.rid);
        const release = rollout === undefined ? undefined : getRelease(rollout.releaseId);
        if (row === undefined || rollout === undefined || release === undefined) return undefined;
        return { release, rollout, member: toMember(row) };
      }),
    nextDirectorVersion: (deviceId) =>
      tx(() => {
        const row = q.nextVersion.get(deviceId);
        if (row === undefined) throw new CloudError('INTERNAL', 'director version not stored');
        return row.version;
      }),
  };
}
