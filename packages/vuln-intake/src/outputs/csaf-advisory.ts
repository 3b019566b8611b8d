import type { ProductProfile } from '@cra-kit/core';
import type { Case } from '../case/case-schema.js';
import { scoreCvss } from '../case/cvss.js';
import { VulnIntakeError } from '../errors.js';
import { sortKeys } from '../internal/encoding.js';
import { csafFileName, productTree } from './csaf-product-tree.js';

declare const __VERSION__: string;

/** Options of {@link toCsafAdvisory} and {@link toCsafVex}. */
export interface CsafOptions {
  /** The advisory's tracking id, e.g. `ACME-SA-2026-004`. */
  readonly trackingId: string;
  /** First publication (ISO 8601). */
  readonly publishedAt: string;
  /** Where the document is published: the folder URL of its TLP:WHITE year, https. */
  readonly baseUrl: string;
  /** CWE names by id: CSAF requires the exact catalogue name (6.1.11); unknown ids are left out. */
  readonly cweName?: (id: string) => string | undefined;
  /** How users remediate; default: update to the fixed version. */
  readonly remediation?: string;
  /** Where users get the fix. */
  readonly remediationUrl?: string;
}

const SEVERITY_TEXT = {
  none: 'None',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
} as const;

function assertPublishable(kase: Case) {
  if (kase.affected.length === 0) {
    throw new VulnIntakeError(
      'VULN_INPUT_INVALID',
      `case ${kase.id} names no affected product; CSAF needs one`,
    );
  }
}

/** The CSAF `document` part both profiles share. @internal */
function documentPart(
  kase: Case,
  profile: ProductProfile,
  options: CsafOptions,
  category: 'csaf_security_advisory' | 'csaf_vex',
  severity?: string,
) {
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    category,
    csaf_version: '2.0',
    lang: 'en',
    publisher: {
      category: 'vendor',
      name: profile.manufacturer.name,
      namespace: profile.manufacturer.website,
    },
    title: kase.title,
    distribution: { tlp: { label: 'WHITE' } },
    ...(severity === undefined ? {} : { aggregate_severity: { text: severity } }),
    notes: [
      { category: 'summary', title: 'Summary', text: kase.description },
      {
        category: 'legal_disclaimer',
        title: 'Regulation (EU) 2024/2847',
        text: 'Published as the disclosure of a fixed vulnerability under Annex I, Part II, points (4) and (8) of the Cyber Resilience Act.',
      },
    ],
    references: [
      {
        category: 'self',
        summary: 'Canonical URL',
        url: `${base}/${csafFileName(options.trackingId)}`,
      },
    ],
    tracking: {
      id: options.trackingId,
      status: 'final',
      version: '1',
      initial_release_date: options.publishedAt,
      current_release_date: options.publishedAt,
      revision_history: [{ date: options.publishedAt, number: '1', summary: 'Initial release.' }],
      generator: {
        date: options.publishedAt,
        engine: {
          name: '@cra-kit/vuln-intake',
          version: typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev',
        },
      },
    },
  };
}

function vulnerabilityPart(
  kase: Case,
  options: CsafOptions,
  ids: { affected: string[]; fixed: string[] },
) {
  const v31 = kase.cvss?.v31 === undefined ? undefined : scoreCvss(kase.cvss.v31);
  const v40 = kase.cvss?.v40 === undefined ? undefined : scoreCvss(kase.cvss.v40);
  const cwe = kase.cwe
    .map((id) => ({ id, name: options.cweName?.(id) }))
    .find((c) => c.name !== undefined);
  const fixedList = kase.affected.flatMap((a) =>
    a.fixedIn === undefined ? [] : [`${a.model} ${a.fixedIn}`],
  );
  return {
    ...(kase.cveId === undefined ? {} : { cve: kase.cveId }),
    ...(kase.cveId === undefined ? { ids: [{ system_name: 'vendor case', text: kase.id }] } : {}),
    ...(cwe === undefined ? {} : { cwe }),
    title: kase.title,
    notes: [
      { category: 'description', title: 'Description', text: kase.description },
      ...(v40 === undefined
        ? []
        : [
            {
              category: 'other',
              title: 'CVSS v4.0',
              text: `${v40.vector} (base score ${v40.baseScore}, ${v40.severity})`,
            },
          ]),
    ],
    product_status: {
      ...(ids.affected.length > 0 ? { known_affected: ids.affected } : {}),
      ...(ids.fixed.length > 0 ? { fixed: ids.fixed } : {}),
    },
    ...(ids.affected.length === 0
      ? {}
      : {
          remediations: [
            {
              category: fixedList.length > 0 ? 'vendor_fix' : 'none_available',
              details:
                options.remediation ??
                (fixedList.length > 0
                  ? `Update to ${fixedList.join(', ')}.`
                  : 'No fix is available yet.'),
              product_ids: ids.affected,
              ...(options.remediationUrl === undefined ? {} : { url: options.remediationUrl }),
            },
          ],
        }),
    ...(v31 === undefined || ids.affected.length === 0
      ? {}
      : {
          scores: [
            {
              products: ids.affected,
              cvss_v3: {
                version: '3.1',
                vectorString: v31.vector,
                baseScore: v31.baseScore,
                baseSeverity: v31.severity.toUpperCase(),
              },
            },
          ],
        }),
    ...(kase.activelyExploited === undefined
      ? {}
      : {
          threats: [
            {
              category: 'exploit_status',
              details: 'Actively exploited (Regulation (EU) 2024/2847, Art. 14(1)).',
              date: kase.activelyExploited.awareAt,
            },
          ],
        }),
  };
}

const severityText = (kase: Case) => {
  const vector = kase.cvss?.v40 ?? kase.cvss?.v31;
  return vector === undefined ? undefined : SEVERITY_TEXT[scoreCvss(vector).severity];
};

/**
 * A CSAF 2.0 `csaf_security_advisory` for a case, its product profile and its fixed version:
 * the public advisory of Annex I, Part II (4) and (8), machine-readable as Art. 14(8) prefers.
 * @throws {VulnIntakeError} VULN_INPUT_INVALID when the case names no affected product
 */
export function toCsafAdvisory(kase: Case, profile: ProductProfile, options: CsafOptions) {
  assertPublishable(kase);
  const { products, tree } = productTree(
    kase,
    profile.manufacturer.name,
    () => profile.product.name,
  );
  const ids = {
    affected: products.filter((p) => p.status === 'known_affected').map((p) => p.productId),
    fixed: products.filter((p) => p.status === 'fixed').map((p) => p.productId),
  };
  return sortKeys({
    document: documentPart(kase, profile, options, 'csaf_security_advisory', severityText(kase)),
    product_tree: tree,
    vulnerabilities: [vulnerabilityPart(kase, options, ids)],
  });
}

/**
 * A CSAF 2.0 `csaf_vex` document: which versions are affected, which are fixed, and what to do,
 * for users' tools to process automatically (Art. 14(8)).
 * @throws {VulnIntakeError} VULN_INPUT_INVALID when the case names no affected product
 */
export function toCsafVex(kase: Case, profile: ProductProfile, options: CsafOptions) {
  const advisory = toCsafAdvisory(kase, profile, options);
  return sortKeys({ ...advisory, document: { ...advisory.document, category: 'csaf_vex' } });
}

export { csafFileName };
