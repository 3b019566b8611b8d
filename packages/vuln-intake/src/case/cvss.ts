import * as calculator from 'ae-cvss-calculator';
import { VulnIntakeError } from '../errors.js';

// ae-cvss-calculator is CommonJS without named-export hints: from Node's ESM loader its classes
// sit on `default`; from require() (our CJS build) they are on the module itself.
const { Cvss3P1, Cvss4P0 } = (calculator as { default?: typeof calculator }).default ?? calculator;

/** Qualitative severity rating of a CVSS score (the same bands in v3.1 and v4.0). */
export type CvssSeverity = 'none' | 'low' | 'medium' | 'high' | 'critical';

/** A scored CVSS vector. */
export interface CvssScore {
  readonly version: '3.1' | '4.0';
  readonly vector: string;
  readonly baseScore: number;
  readonly severity: CvssSeverity;
}

// Base metrics in the order the specifications require; further metrics may follow.
const V31_BASE =
  /^CVSS:3\.1\/AV:[NALP]\/AC:[LH]\/PR:[NLH]\/UI:[NR]\/S:[UC]\/C:[HLN]\/I:[HLN]\/A:[HLN]/;
const V40_BASE =
  /^CVSS:4\.0\/AV:[NALP]\/AC:[LH]\/AT:[NP]\/PR:[NLH]\/UI:[NPA]\/VC:[HLN]\/VI:[HLN]\/VA:[HLN]\/SC:[HLN]\/SI:[HLN]\/SA:[HLN]/;

/** The rating bands of CVSS v3.1 §5 and v4.0 (identical). */
export function severityOf(score: number): CvssSeverity {
  if (score === 0) return 'none';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  if (score < 9) return 'high';
  return 'critical';
}

const invalid = (vector: string, why: string, cause?: unknown) =>
  new VulnIntakeError('VULN_CVSS_INVALID', `invalid CVSS vector: ${why}`, {
    cause,
    details: { vector: vector.slice(0, 200) },
  });

/**
 * Scores a CVSS v3.1 or v4.0 vector with the {metæffekt} calculator (`ae-cvss-calculator`).
 * The calculator is lenient (it ignores unknown or missing metrics), so we first demand every
 * base metric in order and then check that it kept every metric we gave it.
 * @throws {VulnIntakeError} VULN_CVSS_INVALID
 */
export function scoreCvss(vector: string): CvssScore {
  const version = vector.startsWith('CVSS:3.1/')
    ? '3.1'
    : vector.startsWith('CVSS:4.0/')
      ? '4.0'
      : undefined;
  if (version === undefined) throw invalid(vector, 'only CVSS:3.1/ and CVSS:4.0/ are supported');
  if (!(version === '3.1' ? V31_BASE : V40_BASE).test(vector)) {
    throw invalid(vector, 'every base metric is required, in the order of the specification');
  }
  const parts = vector.split('/').slice(1);
  if (new Set(parts.map((p) => p.split(':')[0])).size !== parts.length) {
    throw invalid(vector, 'a metric appears twice');
  }
  let normalized: string;
  let base: number | undefined;
  try {
    const calc = version === '3.1' ? new Cvss3P1(vector) : new Cvss4P0(vector);
    normalized = calc.toString();
    base = calc.calculateScores().base;
  } catch (error) {
    throw invalid(vector, 'the calculator refused it', error);
  }
  const kept = new Set(normalized.split('/').slice(1));
  const dropped = parts.filter((p) => !kept.has(p) && !p.endsWith(':X'));
  if (dropped.length > 0) throw invalid(vector, `unknown metric or value ${dropped.join(', ')}`);
  if (base === undefined || !Number.isFinite(base)) throw invalid(vector, 'no base score');
  return { version, vector, baseScore: base, severity: severityOf(base) };
}
