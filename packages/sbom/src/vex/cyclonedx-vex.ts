import { secureRandom, systemClock, type Clock, type RandomSource } from '@cra-kit/core';
import { SbomError } from '../errors.js';
import { uuidV4 } from '../internal/uuid.js';
import type { Bom } from '../model/schema.js';
import type { AnalysedMatch } from './apply.js';
import {
  ANALYSIS_STATES,
  JUSTIFICATIONS,
  RESPONSES,
  VexStatementSchema,
  type VexStatement,
} from './statement.js';

/** BOM-Link (`urn:cdx:<uuid>/<version>#<bom-ref>`) to an element of an SBOM. */
export function bomLink(sbom: Pick<Bom, 'serialNumber' | 'version'>, ref: string): string {
  const serial = (sbom.serialNumber ?? '').replace(/^urn:uuid:/, '');
  if (!/^[0-9a-f-]{36}$/i.test(serial))
    throw new SbomError('SBOM_INVALID', 'the SBOM needs a urn:uuid serialNumber for BOM-Link');
  return `urn:cdx:${serial}/${sbom.version ?? 1}#${encodeURIComponent(ref)}`;
}

/**
 * Writes the analysis of a scan as a CycloneDX 1.6 VEX BOM: one vulnerability per id with its
 * analysis (state, justification, response, detail), affecting the SBOM's components by
 * BOM-Link. Matches nobody has triaged yet are `in_triage`.
 */
export function toCycloneDxVex(
  sbom: Bom,
  analysed: readonly AnalysedMatch[],
  options: { clock?: Clock; random?: RandomSource } = {},
): Bom {
  const groups = new Map<string, AnalysedMatch[]>();
  for (const m of analysed) {
    const key = `${m.vulnerability}\u0000${m.statement?.state ?? 'in_triage'}\u0000${m.statement?.justification ?? ''}\u0000${m.statement?.detail ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  const vulnerabilities = [...groups.values()].flatMap((ms, i) => {
    const m = ms[0];
    if (m === undefined) return [];
    const s = m.statement;
    return [
      {
        'bom-ref': `vex-${i + 1}`,
        id: m.vulnerability,
        source: { name: m.source === 'osv' ? 'OSV' : 'CVE' },
        ...(m.aliases.length > 0
          ? {
              references: m.aliases.map((a) => ({
                id: a,
                source: { name: a.startsWith('CVE-') ? 'CVE' : 'OSV' },
              })),
            }
          : {}),
        analysis: {
          state: s?.state ?? 'in_triage',
          ...(s?.justification ? { justification: s.justification } : {}),
          ...(s && s.response.length > 0 ? { response: s.response } : {}),
          detail:
            s?.detail ??
            `matched by ${m.identifier} ${m.matchedOn}; ${m.range}; confidence ${m.confidence}${m.knownExploited ? '; known exploited' : ''}`,
        },
        affects: ms.map((x) => ({ ref: bomLink(sbom, x.ref) })),
      },
    ];
  });
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: `urn:uuid:${uuidV4(options.random ?? secureRandom)}`,
    version: 1,
    metadata: { timestamp: `${(options.clock ?? systemClock).now().toISOString().slice(0, 19)}Z` },
    vulnerabilities,
  };
}

/**
 * Reads the statements of a CycloneDX VEX BOM back: one per (affected ref, vulnerability). The
 * `#fragment` of a BOM-Link is the component's bom-ref.
 * @throws {SbomError} SBOM_VEX_INVALID
 */
export function fromCycloneDxVex(vex: Bom): VexStatement[] {
  const out: VexStatement[] = [];
  for (const v of vex.vulnerabilities ?? []) {
    const state = v.analysis?.state;
    if (v.id === undefined || state === undefined) continue;
    const aliases = ((v.references as { id?: unknown }[] | undefined) ?? []).map((r) => r.id).filter((x): x is string => typeof x === 'string');
    for (const a of v.affects ?? []) {
      const hash = a.ref.indexOf('#');
      const component = a.ref.startsWith('urn:cdx:') && hash > 0 ? decodeURIComponent(a.ref.slice(hash + 1)) : a.ref;
      const parsed = VexStatementSchema.safeParse({
        vulnerability: v.id, aliases, component,
        state: (ANALYSIS_STATES as readonly string[]).includes(state) ? state : undefined,
        ...(v.analysis?.justification && (JUSTIFICATIONS as readonly string[]).includes(v.analysis.justification) ? { justification: v.analysis.justification } : {}),
        response: (v.analysis?.response ?? []).filter((r) => (RESPONSES as readonly string[]).includes(r)),
        ...(v.analysis?.detail ? { detail: v.analysis.detail } : {}),
      }); // prettier-ignore
      if (!parsed.success) throw new SbomError('SBOM_VEX_INVALID', `invalid VEX statement for ${v.id}`, { cause: parsed.error });
      out.push(parsed.data);
    }
  }
  return out;
} // prettier-ignore
