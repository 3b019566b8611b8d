import { escapeMarkdown, type ProductProfile } from '@cra-kit/core';

/** How the manufacturer runs coordinated vulnerability disclosure; feeds {@link toCvdPolicy}. */
export interface CvdPolicyOptions {
  /** Working days within which a report is acknowledged. Default 5. */
  readonly acknowledgeWithinDays?: number;
  /** Days to a first triage result. Default 10. */
  readonly triageWithinDays?: number;
  /** Target days from report to public disclosure, unless agreed otherwise. Default 90. */
  readonly disclosureDays?: number;
  /** Whether we commit to a safe harbour for good-faith research. Default true. */
  readonly safeHarbour?: boolean;
  /** Where the security.txt lives. */
  readonly securityTxtUrl?: string;
}

/**
 * A CVD policy document in the shape of ISO/IEC 29147 (receiving reports, handling them,
 * disclosing, with the roles and timelines), generated from the product profile and the
 * configured workflow. Annex I, Part II (5) requires such a policy; Annex II(2) says where it is.
 */
export function toCvdPolicy(profile: ProductProfile, options: CvdPolicyOptions = {}): string {
  const m = profile.manufacturer;
  const ack = options.acknowledgeWithinDays ?? 5;
  const triage = options.triageWithinDays ?? 10;
  const disclose = options.disclosureDays ?? 90;
  const contact = [
    m.securityContact.email === undefined ? undefined : `e-mail ${m.securityContact.email}`,
    m.securityContact.url === undefined ? undefined : `the form at ${m.securityContact.url}`,
  ]
    .filter((x) => x !== undefined)
    .join(' or ');
  const e = (text: string) => escapeMarkdown(text, { multiline: true });
  return [
    `# Coordinated vulnerability disclosure policy of ${e(m.name)}`,
    '',
    '## 1. Scope',
    '',
    `This policy covers ${e(profile.product.name)} (${e(profile.product.model)}), its firmware and the services it connects to. It follows ISO/IEC 29147 (disclosure) and ISO/IEC 30111 (handling), and implements Annex I, Part II, point (5) of Regulation (EU) 2024/2847.`,
    '',
    '## 2. How to report',
    '',
    `Report to ${e(contact)}.${m.securityContact.encryptionKeyUrl === undefined ? '' : ` Encrypt sensitive details with our OpenPGP key: ${e(m.securityContact.encryptionKeyUrl)}.`}${options.securityTxtUrl === undefined ? '' : ` Our contact details are also in ${e(options.securityTxtUrl)}.`}`,
    'Please include the product and firmware version, a description of the issue, steps to reproduce, and how you would like to be credited. Anonymous reports are welcome.',
    '',
    '## 3. What happens next',
    '',
    `1. **Acknowledgement** within ${ack} working days, with a case id and a token to follow your case.`,
    `2. **Verification and triage** within ${triage} days: we confirm the issue and rate its severity (CVSS).`,
    '3. **Remediation**: we fix or mitigate without delay, in relation to the risk (Annex I, Part II (2)), and keep you informed.',
    '4. **Release**: we ship the security update free of charge with an advisory (Annex I, Part II (8)).',
    `5. **Disclosure**: we publish the advisory, in human-readable form and as CSAF, once the fix is available; we aim at ${disclose} days from your report unless we agree another date with you.`,
    '',
    '## 4. Coordination',
    '',
    'When a vulnerability affects other vendors or components, we coordinate with them and, where useful, with a CSIRT acting as coordinator. If a vulnerability is actively exploited, we report it to the CSIRT designated as coordinator and to ENISA as Article 14 of Regulation (EU) 2024/2847 requires, and inform affected users.',
    '',
    ...(options.safeHarbour === false
      ? []
      : [
          '## 5. Safe harbour',
          '',
          'We will not take legal action against research done in good faith under this policy: avoid harm to users and data, do not degrade our services, give us reasonable time to fix before disclosure, and do not access more data than needed to show the issue.',
          '',
        ]),
    `## ${options.safeHarbour === false ? 5 : 6}. Recognition`,
    '',
    'With your consent we credit you in the advisory.',
    '',
  ].join('\n');
}
