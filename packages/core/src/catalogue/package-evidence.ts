import type { Evidence } from './requirement-schema.js';

/** Evidence a cra-kit package produces, and the requirements it supports. @internal */
export interface PackageEvidence extends Evidence {
  readonly requirements: readonly string[];
}

const ids = (prefix: string, points: readonly (string | number)[]) =>
  points.map((p) => `${prefix}${p}`);
const PART_I_2 = ids('annex-i.part-1.2.', [
  'a',
  'b',
  'c',
  'd',
  'e',
  'f',
  'g',
  'h',
  'i',
  'j',
  'k',
  'l',
  'm',
]);
const ANNEX_II = [
  ...ids('annex-ii.', [1, 2, 3, 4, 5, 6, 7, 8, 9]),
  ...ids('annex-ii.8.', ['a', 'b', 'c', 'd', 'e', 'f']),
];
const ANNEX_VII = [
  ...ids('annex-vii.', [1, 2, 3, 4, 5, 6, 7, 8]),
  ...ids('annex-vii.1.', ['a', 'b', 'c', 'd']),
  ...ids('annex-vii.2.', ['a', 'b', 'c']),
];

/**
 * Evidence from the cra-kit packages beyond the product profile, merged into the catalogue.
 * Add a row when a package that produces evidence is released; the catalogue test checks that
 * every id exists.
 * @internal
 */
export const PACKAGE_EVIDENCE: readonly PackageEvidence[] = [
  { provider: '@cra-kit/support-period', capability: 'support-plan', detail: 'planSupport: support start and end, the Art. 13(8) minimum and why, the end-of-support label, the documentation retention end', requirements: ['art-13.8', 'art-13.13', 'art-13.19', 'annex-ii.7', 'annex-vii.4'] },
  { provider: '@cra-kit/support-period', capability: 'update-retention', detail: 'updateRetention and assertDeletionAllowed: the retention window of each security update and document, enforced before deletion', requirements: ['art-13.9', 'art-13.13'] },
  { provider: '@cra-kit/support-period', capability: 'fleet-notices', detail: 'scanFleet with a notifier: update-available, security-update-pending and end-of-support notices to owners', requirements: ['annex-i.part-1.2.c', 'annex-i.part-2.8'] },
  { provider: '@cra-kit/docs-generator', capability: 'risk-assessment', detail: 'risk assessment validation: each Annex I Part I item applicable with its implementation, or not applicable with a justification (Art. 13(3))', requirements: ['annex-i.part-1.1', ...PART_I_2, 'annex-vii.3'] },
  { provider: '@cra-kit/docs-generator', capability: 'declaration-of-conformity', detail: 'the EU declaration of conformity, every Annex V item from the profile and evidence', requirements: ids('annex-v.', [1, 2, 3, 4, 5, 6, 7, 8]) },
  { provider: '@cra-kit/docs-generator', capability: 'simplified-declaration', detail: 'the simplified declaration in the wording of Annex VI, with the address of the full one', requirements: ['annex-vi.statement', 'annex-vi.full-text-address'] },
  { provider: '@cra-kit/docs-generator', capability: 'technical-documentation', detail: 'the technical documentation, Annex VII 1–8, citing each evidence file by SHA-256', requirements: ANNEX_VII },
  { provider: '@cra-kit/docs-generator', capability: 'user-information', detail: 'the user information and instructions, Annex II 1–9', requirements: ANNEX_II },
  { provider: '@cra-kit/docs-generator', capability: 'cvd-policy', detail: 'the vulnerability disclosure policy page', requirements: ['annex-i.part-2.5'] },
  { provider: '@cra-kit/identity', capability: 'device-identity', detail: 'a unique X.509 identity per device from the manufacturing CA, mutual TLS helpers and enforced revocation: no credential is shared between units', requirements: ['annex-i.part-1.2.b', 'annex-i.part-1.2.d', 'annex-i.part-1.2.e'] },
  { provider: '@cra-kit/identity', capability: 'unique-passwords', detail: 'unique per-device passwords from a CSPRNG, stored only as memory-hard hashes (EN 303 645 5.1)', requirements: ['annex-i.part-1.2.b', 'annex-i.part-1.2.d'] },
  { provider: '@cra-kit/ota-signing', capability: 'signed-updates', detail: 'TUF/Uptane-signed firmware updates verified on the device, with anti-rollback and security releases marked apart from feature releases', requirements: ['annex-i.part-1.2.c', 'annex-i.part-1.2.f', 'annex-i.part-2.2', 'annex-i.part-2.7'] },
  { provider: '@cra-kit/sbom', capability: 'sbom', detail: 'CycloneDX SBOM generated from the firmware build, checked against cra-minimum and BSI TR-03183-2 profiles', requirements: ['annex-i.part-2.1', 'annex-vii.2.b', 'annex-vii.8'] },
  { provider: '@cra-kit/sbom', capability: 'vulnerability-scan', detail: 'matching against OSV, CVE and KEV data with VEX triage; the release gate fails on a known exploitable vulnerability without a VEX statement', requirements: ['annex-i.part-1.2.a', 'annex-i.part-2.1', 'annex-i.part-2.6'] },
  { provider: '@cra-kit/vuln-intake', capability: 'art-14-clock', detail: 'obligations(): every Art. 14 stage of an actively exploited vulnerability or severe incident, due, overdue or done, with the field pack and the submission record', requirements: ['art-14.2.a', 'art-14.2.b', 'art-14.2.c', 'art-14.4.a', 'art-14.4.b', 'art-14.4.c', 'art-14.6', 'art-14.8'] },
  { provider: '@cra-kit/vuln-intake', capability: 'coordinated-disclosure', detail: 'intake endpoint, ISO/IEC 30111 case workflow with a hash-chained log, CVD policy and security.txt', requirements: ['annex-i.part-2.5', 'annex-i.part-2.6', 'annex-ii.2', 'annex-vii.2.b'] },
  { provider: '@cra-kit/vuln-intake', capability: 'advisories', detail: 'CSAF 2.0 advisories and VEX, CVE records and human-readable advisories for fixed vulnerabilities', requirements: ['annex-i.part-2.4', 'annex-i.part-2.8'] },
]; // prettier-ignore

/** The package evidence for one requirement id, in table order. @internal */
export function packageEvidenceFor(id: string): Evidence[] {
  return PACKAGE_EVIDENCE.filter((e) => e.requirements.includes(id)).map(
    ({ provider, capability, detail }) => ({ provider, capability, detail }),
  );
}
