import type { ProductProfile } from '@cra-kit/core';
import type { Case, ReportStage } from '../case/case-schema.js';
import { scoreCvss } from '../case/cvss.js';
import { VulnIntakeError } from '../errors.js';
import { obligations } from './obligations.js';

/** One field of a report, with the provision that asks for it. */
export interface PackField {
  readonly key: string;
  readonly label: string;
  readonly citation: string;
  /** Null when the case does not hold it yet: fill it in before submitting. */
  readonly value: string | null;
}

/** What to enter in ENISA's single reporting platform for one stage of one case. */
export interface FieldPack {
  readonly caseId: string;
  readonly stage: ReportStage;
  readonly dueAt?: string;
  readonly recipient: string;
  readonly fields: readonly PackField[];
  /** Keys of fields still empty. */
  readonly missing: readonly string[];
}

const list = (items: readonly string[]) => (items.length === 0 ? null : items.join('; '));

/**
 * The field pack of one Art. 14 stage: the information 14(2) or 14(4) lists for it, filled from
 * the case and the product profile. The single reporting platform has no public API, so this
 * is for people to paste (see {@link fieldPackMarkdown}) and to keep as evidence.
 * @throws {VulnIntakeError} VULN_STAGE_NOT_APPLICABLE
 */
export function fieldPack(kase: Case, stage: ReportStage, profile?: ProductProfile): FieldPack {
  const obligation = obligations(kase, new Date(0)).find((o) => o.stage === stage);
  if (obligation === undefined) {
    throw new VulnIntakeError('VULN_STAGE_NOT_APPLICABLE', `case ${kase.id} owes no ${stage}`);
  }
  const incident = kase.severeIncident !== undefined;
  const p = incident ? 'Art. 14(4)' : 'Art. 14(2)';
  const product =
    profile === undefined ? null : `${profile.product.name} (${profile.product.model})`;
  const versions = kase.affected.map((a) => `${a.model} ${a.versions.join(', ')}`);
  const fixes = kase.affected.flatMap((a) =>
    a.fixedIn === undefined ? [] : [`${a.model} ${a.fixedIn}`],
  );
  const severity = kase.cvss?.v40 ?? kase.cvss?.v31;
  const scored =
    severity === undefined
      ? null
      : (() => {
          const s = scoreCvss(severity);
          return `${s.baseScore} ${s.severity} (${s.vector})`;
        })();
  const f = (
    key: string,
    label: string,
    citation: string,
    value: string | null | undefined,
  ): PackField => ({ key, label, citation, value: value ?? null });
  const common = [
    f('manufacturer', 'Manufacturer', 'Art. 14(7)', profile?.manufacturer.name),
    f(
      'memberState',
      'Member State of main establishment (coordinator CSIRT)',
      'Art. 14(7)',
      profile?.manufacturer.mainEstablishment,
    ),
    f('product', 'Product', `${p}(b)`, product),
    f('affectedVersions', 'Affected versions', `${p}(b)`, list(versions)),
    f(
      'awareAt',
      'Became aware at (UTC)',
      p,
      kase.severeIncident?.awareAt ?? kase.activelyExploited?.awareAt,
    ),
  ];
  const byStage: Record<ReportStage, PackField[]> = {
    'early-warning': [
      ...common,
      incident
        ? f('suspectedMalicious', 'Suspected unlawful or malicious act', 'Art. 14(4)(a)', null)
        : f(
            'exploitEvidence',
            'Evidence of active exploitation',
            'Art. 3(42)',
            kase.activelyExploited?.evidence,
          ),
      f(
        'memberStatesAvailable',
        'Member States where the product is made available',
        `${p}(a)`,
        null,
      ),
    ],
    notification: [
      ...common,
      f(
        'nature',
        incident
          ? 'Nature of the incident and initial assessment'
          : 'Nature of the exploit and of the vulnerability',
        `${p}(b)`,
        incident ? kase.severeIncident?.description : kase.description,
      ),
      f('cwe', 'Weakness (CWE)', `${p}(b)`, list(kase.cwe)),
      f('correctiveMeasures', 'Corrective or mitigating measures taken', `${p}(b)`, null),
      f(
        'userMeasures',
        'Corrective or mitigating measures users can take',
        `${p}(b)`,
        list(fixes.map((x) => `update to ${x}`)),
      ),
      f(
        'sensitivity',
        'How sensitive the information is',
        `${p}(b)`,
        kase.embargoUntil === undefined ? null : `embargoed until ${kase.embargoUntil}`,
      ),
    ],
    'intermediate-report': [
      ...common,
      f('statusUpdate', 'Relevant status updates', 'Art. 14(6)', null),
    ],
    'final-report': [
      ...common,
      f(
        'description',
        'Detailed description including severity and impact',
        `${p}(c)`,
        scored === null ? kase.description : `${kase.description} Severity: ${scored}.`,
      ),
      incident
        ? f('rootCause', 'Type of threat or root cause', 'Art. 14(4)(c)', null)
        : f('maliciousActor', 'Information on any malicious actor', 'Art. 14(2)(c)', null),
      f(
        'fix',
        incident
          ? 'Applied and ongoing mitigation measures'
          : 'Details of the security update or other corrective measures',
        `${p}(c)`,
        list(fixes),
      ),
      f('cveId', 'CVE id', `${p}(c)`, kase.cveId),
    ],
    'inform-users': [
      f('product', 'Product', 'Art. 14(8)', product),
      f('issue', 'The vulnerability or incident', 'Art. 14(8)', kase.title),
      f(
        'userMeasures',
        'Risk mitigation and corrective measures users can deploy',
        'Art. 14(8)',
        list(fixes.map((x) => `update to ${x}`)),
      ),
    ],
  };
  const fields = byStage[stage];
  return {
    caseId: kase.id,
    stage,
    ...(obligation.dueAt === undefined ? {} : { dueAt: obligation.dueAt }),
    recipient:
      stage === 'inform-users'
        ? 'impacted users (where appropriate all users), preferably machine-readable (e.g. CSAF)'
        : 'the coordinator CSIRT of the Member State of main establishment and ENISA, simultaneously, via the single reporting platform (Art. 14(7), Art. 16)',
    fields,
    missing: fields.filter((x) => x.value === null).map((x) => x.key),
  };
}

const cell = (s: string) =>
  s
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ')
    .replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));

/** The field pack as a Markdown sheet to paste from (values escaped for Markdown tables). */
export function fieldPackMarkdown(pack: FieldPack): string {
  const rows = pack.fields.map(
    (x) =>
      `| ${cell(x.label)} | ${x.value === null ? '**TO FILL IN**' : cell(x.value)} | ${x.citation} |`,
  );
  return [
    `# ${pack.stage} for case ${pack.caseId}`,
    '',
    `- Due: ${pack.dueAt ?? 'no fixed deadline'} (UTC)`,
    `- Submit to: ${pack.recipient}`,
    `- Still to fill in: ${pack.missing.length === 0 ? 'nothing' : pack.missing.join(', ')}`,
    '',
    '| Field | Value | Basis |',
    '| --- | --- | --- |',
    ...rows,
    '',
    'After submitting, record the time and the reference you received (`recordSubmission`).',
    '',
  ].join('\n');
}
