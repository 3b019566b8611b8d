import type { TopLevelRole } from '../metadata/schema.js';

const DAY = 86_400_000;

/** How long each role is valid when signed, and how early `status` warns before it expires. */
export interface ExpiryPolicy {
  readonly lifetimeDays: Readonly<Record<TopLevelRole, number>>;
  readonly warnDays: Readonly<Record<TopLevelRole, number>>;
}

/**
 * Defaults in the spirit of TUF deployments: an offline root for a year, release-manager targets
 * for three months, online snapshot a week and timestamp a day. Warnings come early enough
 * to hold a signing ceremony (root: 60 days).
 */
export const defaultExpiryPolicy: ExpiryPolicy = Object.freeze({
  lifetimeDays: Object.freeze({ root: 365, targets: 90, snapshot: 7, timestamp: 1 }),
  warnDays: Object.freeze({ root: 60, targets: 14, snapshot: 2, timestamp: 0.25 }),
});

/** The expiry of a role signed at `now` under `policy`. */
export function expiryFor(role: TopLevelRole, now: Date, policy: ExpiryPolicy): Date {
  return new Date(Math.floor((now.getTime() + policy.lifetimeDays[role] * DAY) / 1000) * 1000);
}

/** `ok`, `warning` (inside the warning window) or `expired`, for a role expiring at `expires`. */
export function expiryState(
  role: TopLevelRole,
  expires: Date,
  now: Date,
  policy: ExpiryPolicy,
): 'ok' | 'warning' | 'expired' {
  const left = expires.getTime() - now.getTime();
  if (left <= 0) return 'expired';
  return left <= policy.warnDays[role] * DAY ? 'warning' : 'ok';
}
