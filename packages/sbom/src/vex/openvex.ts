import { systemClock, type Clock } from '@cra-kit/core';
import { z } from 'zod';
import { SbomError } from '../errors.js';
import type { AnalysedMatch } from './apply.js';
import type { AnalysisState, VexStatement } from './statement.js';

const STATUS: Readonly<Record<AnalysisState, 'not_affected' | 'affected' | 'fixed' | 'under_investigation'>> = {
  not_affected: 'not_affected', false_positive: 'not_affected', exploitable: 'affected',
  resolved: 'fixed', resolved_with_pedigree: 'fixed', in_triage: 'under_investigation',
}; // prettier-ignore
const JUSTIFICATION: Readonly<Record<string, string>> = {
  code_not_present: 'vulnerable_code_not_present',
  code_not_reachable: 'vulnerable_code_not_in_execute_path',
  requires_configuration: 'vulnerable_code_cannot_be_controlled_by_adversary',
  requires_dependency: 'vulnerable_code_cannot_be_controlled_by_adversary',
  requires_environment: 'vulnerable_code_cannot_be_controlled_by_adversary',
  protected_by_compiler: 'inline_mitigations_already_exist',
  protected_at_runtime: 'inline_mitigations_already_exist',
  protected_at_perimeter: 'inline_mitigations_already_exist',
  protected_by_mitigating_control: 'inline_mitigations_already_exist',
};

/** An OpenVEX 0.2.0 document. */
export interface OpenVexDocument {
  '@context': 'https://openvex.dev/ns/v0.2.0';
  '@id': string;
  author: string;
  timestamp: string;
  version: number;
  statements: Record<string, unknown>[];
}

/**
 * Writes the analysis as an OpenVEX 0.2.0 document; products are named by purl where the
 * component has one, else by `productIds` (e.g. BOM-Links). `not_affected` always carries a
 * justification or an impact statement, as OpenVEX requires; `affected` an action statement.
 */
export function toOpenVex(analysed: readonly AnalysedMatch[], options: { id: string; author: string; productIds: ReadonlyMap<string, string>; clock?: Clock }): OpenVexDocument {
  const timestamp = (options.clock ?? systemClock).now().toISOString();
  return {
    '@context': 'https://openvex.dev/ns/v0.2.0',
    '@id': options.id,
    author: options.author,
    timestamp,
    version: 1,
    statements: analysed.map((m) => {
      const state = m.statement?.state ?? 'in_triage';
      const status = STATUS[state];
      const justification = m.statement?.justification ? JUSTIFICATION[m.statement.justification] : undefined;
      return {
        vulnerability: { name: m.vulnerability, ...(m.aliases.length > 0 ? { aliases: m.aliases } : {}) },
        products: [{ '@id': options.productIds.get(m.ref) ?? m.ref }],
        status,
        ...(status === 'not_affected' ? (justification ? { justification } : { impact_statement: m.statement?.detail ?? state }) : {}),
        ...(status === 'affected' ? { action_statement: m.statement?.detail ?? (m.fixed ? `update to ${m.fixed} or later` : 'no fix known yet') } : {}),
        ...(m.statement?.detail && status !== 'affected' ? { status_notes: m.statement.detail } : {}),
      };
    }),
  };
} // prettier-ignore

const OpenVexSchema = z.looseObject({
  '@context': z.string().startsWith('https://openvex.dev/ns/'),
  statements: z.array(z.looseObject({
    vulnerability: z.looseObject({ name: z.string().min(1), aliases: z.array(z.string()).optional() }),
    products: z.array(z.looseObject({ '@id': z.string().min(1) })).default([]),
    status: z.enum(['not_affected', 'affected', 'fixed', 'under_investigation']),
    justification: z.string().optional(),
    impact_statement: z.string().optional(),
  })),
}); // prettier-ignore

const BACK: Readonly<Record<string, AnalysisState>> = {
  not_affected: 'not_affected',
  affected: 'exploitable',
  fixed: 'resolved',
  under_investigation: 'in_triage',
};

/**
 * Reads an OpenVEX document back into statements (one per product), keyed by the product `@id`
 * (a purl or BOM-Link).
 * @throws {SbomError} SBOM_VEX_INVALID
 */
export function fromOpenVex(value: unknown): VexStatement[] {
  const parsed = OpenVexSchema.safeParse(value);
  if (!parsed.success)
    throw new SbomError('SBOM_VEX_INVALID', 'not an OpenVEX document', { cause: parsed.error });
  return parsed.data.statements.flatMap((s) =>
    s.products.map((p) => {
      const hash = p['@id'].indexOf('#');
      const component = p['@id'].startsWith('urn:cdx:') && hash > 0 ? decodeURIComponent(p['@id'].slice(hash + 1)) : p['@id'];
      return {
        vulnerability: s.vulnerability.name, aliases: s.vulnerability.aliases ?? [], component, state: BACK[s.status] ?? 'in_triage', response: [],
        ...(s.impact_statement ? { detail: s.impact_statement } : {}),
      } satisfies VexStatement;
    }),
  ); // prettier-ignore
}
