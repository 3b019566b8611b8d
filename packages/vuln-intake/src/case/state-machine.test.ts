import { CASE_STATES, type CaseState } from '@cra-kit/core';
import { describe, expect, it } from 'vitest';
import { makeCase } from '../../test/fixtures.js';
import { VulnIntakeError } from '../errors.js';
import { TRANSITIONS, canTransition, transition } from './state-machine.js';

const at = '2026-10-02T10:00:00Z';

describe('the case workflow', () => {
  it('walks the ISO/IEC 30111 path from received to closed', () => {
    let kase = makeCase();
    for (const to of [
      'acknowledged',
      'verifying',
      'remediating',
      'released',
      'disclosed',
      'closed',
    ] as const) {
      kase = transition(kase, to, { at });
      expect(kase.state).toBe(to);
    }
    expect(kase.correctiveMeasureAvailableAt).toBe(at);
  });

  const illegal: [CaseState, CaseState][] = [];
  for (const from of CASE_STATES) {
    for (const to of CASE_STATES) if (!TRANSITIONS[from].includes(to)) illegal.push([from, to]);
  }

  it('has illegal moves to test', () => {
    expect(illegal.length).toBeGreaterThan(50);
    expect(illegal).toContainEqual(['received', 'released']);
    expect(illegal).toContainEqual(['closed', 'received']);
  });

  it.each(illegal)('refuses %s → %s with a typed error', (from, to) => {
    const kase = makeCase({ state: from });
    expect(canTransition(from, to)).toBe(false);
    expect(() => transition(kase, to, { at, duplicateOf: 'VC-1' })).toThrowWithCode(
      VulnIntakeError,
      'VULN_TRANSITION_ILLEGAL',
    );
  });

  it('requires the original case for a duplicate', () => {
    expect(() => transition(makeCase(), 'duplicate', { at })).toThrowWithCode(
      VulnIntakeError,
      'VULN_TRANSITION_ILLEGAL',
    );
    expect(transition(makeCase(), 'duplicate', { at, duplicateOf: 'VC-1' }).duplicateOf).toBe(
      'VC-1',
    );
  });

  it('does not change the case it was given', () => {
    const kase = makeCase();
    transition(kase, 'acknowledged', { at });
    expect(kase.state).toBe('received');
  });
});
