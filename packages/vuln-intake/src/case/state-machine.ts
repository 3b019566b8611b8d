import type { CaseState } from '@cra-kit/core';
import { VulnIntakeError } from '../errors.js';
import type { Case } from './case-schema.js';

/**
 * Allowed moves of the ISO/IEC 30111 workflow. Each stage may also leave through one of the exits
 * (rejected, duplicate, not-a-vulnerability) until a fix is released; a closed case stays closed.
 */
export const TRANSITIONS: Readonly<Record<CaseState, readonly CaseState[]>> = Object.freeze({
  received: ['acknowledged', 'rejected', 'duplicate', 'not-a-vulnerability'],
  acknowledged: ['verifying', 'rejected', 'duplicate', 'not-a-vulnerability'],
  verifying: ['remediating', 'rejected', 'duplicate', 'not-a-vulnerability'],
  remediating: ['released', 'duplicate'],
  released: ['disclosed'],
  disclosed: ['closed'],
  closed: [],
  rejected: ['closed'],
  duplicate: ['closed'],
  'not-a-vulnerability': ['closed'],
});

/** True when the workflow allows `from` → `to`. */
export function canTransition(from: CaseState, to: CaseState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Options of {@link transition}. */
export interface TransitionOptions {
  /** When the move happens (ISO 8601). */
  readonly at: string;
  /** Required when moving to `duplicate`: the case this one duplicates. */
  readonly duplicateOf?: string;
}

/**
 * Returns a copy of `kase` in state `to`. Refuses a move the workflow does not allow, and a
 * release without an affected product, so no case skips a stage by accident.
 * @throws {VulnIntakeError} VULN_TRANSITION_ILLEGAL
 */
export function transition(kase: Case, to: CaseState, options: TransitionOptions): Case {
  if (!canTransition(kase.state, to)) {
    throw new VulnIntakeError(
      'VULN_TRANSITION_ILLEGAL',
      `case ${kase.id} cannot move from ${kase.state} to ${to}`,
      { details: { id: kase.id, from: kase.state, to, allowed: TRANSITIONS[kase.state] } },
    );
  }
  if (to === 'duplicate' && options.duplicateOf === undefined) {
    throw new VulnIntakeError(
      'VULN_TRANSITION_ILLEGAL',
      'a duplicate must name the original case',
      {
        details: { id: kase.id, from: kase.state, to },
      },
    );
  }
  const next: Case = { ...kase, state: to, updatedAt: options.at };
  if (options.duplicateOf !== undefined) next.duplicateOf = options.duplicateOf;
  if (to === 'released' && next.correctiveMeasureAvailableAt === undefined) {
    // A release is the corrective measure (Art. 14(2)(c)): its time starts the final-report clock.
    next.correctiveMeasureAvailableAt = options.at;
  }
  return next;
}
