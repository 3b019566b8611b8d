import type { VulnerabilityMatch } from '../match/match.js';
import { SETTLED_STATES, type VexStatement } from './statement.js';

/** A match with the VEX statement that applies to it, if any. */
export interface AnalysedMatch extends VulnerabilityMatch {
  readonly statement?: VexStatement;
  /** True when the match would block a release: affected and not settled by VEX. */
  readonly blocking: boolean;
}

/**
 * Applies earlier VEX statements to new matches: a statement applies when it names the same
 * component (bom-ref or purl) and the same vulnerability or one of its aliases. So a triaged
 * false positive stays triaged in later scans.
 */
export function applyVex(matches: readonly VulnerabilityMatch[], statements: readonly VexStatement[], purls: ReadonlyMap<string, string> = new Map()): AnalysedMatch[] {
  const byKey = new Map<string, VexStatement>();
  for (const s of statements) {
    for (const id of [s.vulnerability, ...s.aliases]) byKey.set(`${s.component}\u0000${id.toUpperCase()}`, s);
  }
  return matches.map((m) => {
    const components = [m.ref, purls.get(m.ref)].filter((x): x is string => x !== undefined);
    const ids = [m.vulnerability, ...m.aliases].map((x) => x.toUpperCase());
    const statement = components.flatMap((c) => ids.map((id) => byKey.get(`${c}\u0000${id}`))).find((s) => s !== undefined);
    const settled = statement !== undefined && SETTLED_STATES.has(statement.state);
    return { ...m, ...(statement ? { statement } : {}), blocking: !settled };
  });
} // prettier-ignore

/** The release gate: the matches that block shipping (affected or unresolved, and not settled by VEX). */
export function releaseBlockers(
  analysed: readonly AnalysedMatch[],
  options: { onlyKnownExploited?: boolean } = {},
): AnalysedMatch[] {
  return analysed.filter((m) => m.blocking && (!options.onlyKnownExploited || m.knownExploited));
}
