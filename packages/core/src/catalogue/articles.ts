import { GENERAL_APPLICATION_DATE, REPORTING_APPLICATION_DATE } from './application-dates.js';
import { profileEvidence } from './profile-evidence.js';
import type { Requirement } from './requirement-schema.js';

/**
 * The Article 13 obligations of manufacturers that the catalogue tracks on their own: support
 * period, availability of updates, retention of documentation and display of the end of
 * support. The rest of Article 13 is reflected through the annexes it points to.
 */
export const ARTICLE_13_REQUIREMENTS: readonly Requirement[] = [
  {
    id: 'art-13.8',
    citation: 'Article 13(8)',
    source: 'article-13',
    title: 'Support period',
    summary:
      'Handle vulnerabilities per Annex I, Part II for a support period that reflects the expected use time: at least five years, unless use is expected to be shorter.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: profileEvidence(
      'lifecycle: placingOnMarket, expectedUseTime and supportPeriod fields, checked against Art. 13(8)',
    ),
  },
  {
    id: 'art-13.9',
    citation: 'Article 13(9)',
    source: 'article-13',
    title: 'Security update availability',
    summary:
      'Keep each security update issued in the support period available for at least 10 years after issue, or for the rest of the support period if longer.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'art-13.13',
    citation: 'Article 13(13)',
    source: 'article-13',
    title: 'Documentation retention',
    summary:
      'Keep the technical documentation and EU declaration of conformity for market surveillance for 10 years after placing on the market, or the support period if longer.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'art-13.19',
    citation: 'Article 13(19)',
    source: 'article-13',
    title: 'End-of-support date shown',
    summary:
      'State the end of the support period (at least month and year) clearly at purchase and, where technically feasible, notify users when support has ended.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
];

/**
 * The Article 14 reporting obligations, which apply from 11 September 2026 (Art. 71(2)).
 * Reports go at the same time to the CSIRT designated as coordinator and to ENISA through the
 * single reporting platform (Art. 14(1), (3) and (7)); each later stage is due only if its
 * information was not already given. Deadlines count from when the manufacturer becomes aware,
 * except the final reports.
 */
export const ARTICLE_14_REQUIREMENTS: readonly Requirement[] = [
  {
    id: 'art-14.2.a',
    citation: 'Article 14(2)(a)',
    source: 'article-14',
    title: 'Exploited vulnerability early warning',
    summary:
      'Within 24 hours of learning of an actively exploited vulnerability, send an early warning naming, where applicable, the Member States where the product is available.',
    appliesFrom: REPORTING_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'art-14.2.b',
    citation: 'Article 14(2)(b)',
    source: 'article-14',
    title: 'Vulnerability notification',
    summary:
      'Within 72 hours of learning of it, give general information on the product, the exploit and the vulnerability, measures taken and for users, and how sensitive it is.',
    appliesFrom: REPORTING_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'art-14.2.c',
    citation: 'Article 14(2)(c)',
    source: 'article-14',
    title: 'Vulnerability final report',
    summary:
      'No later than 14 days after a corrective or mitigating measure is available, report severity and impact, any malicious actor known, and the fix made available.',
    appliesFrom: REPORTING_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'art-14.4.a',
    citation: 'Article 14(4)(a)',
    source: 'article-14',
    title: 'Severe incident early warning',
    summary:
      'Within 24 hours of learning of a severe incident, send an early warning saying at least whether malicious or unlawful acts are suspected, and where applicable the Member States.',
    appliesFrom: REPORTING_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'art-14.4.b',
    citation: 'Article 14(4)(b)',
    source: 'article-14',
    title: 'Incident notification',
    summary:
      'Within 72 hours of learning of the incident, report its nature, an initial assessment, measures taken and for users, and how sensitive the report is.',
    appliesFrom: REPORTING_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'art-14.4.c',
    citation: 'Article 14(4)(c)',
    source: 'article-14',
    title: 'Incident final report',
    summary:
      'Within one month after the incident notification, report severity and impact, the likely threat type or root cause, and mitigation applied and ongoing.',
    appliesFrom: REPORTING_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'art-14.6',
    citation: 'Article 14(6)',
    source: 'article-14',
    title: 'Intermediate report on request',
    summary:
      'When the coordinating CSIRT asks, give an intermediate report with status updates on the exploited vulnerability or severe incident.',
    appliesFrom: REPORTING_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'art-14.8',
    citation: 'Article 14(8)',
    source: 'article-14',
    title: 'Informing impacted users',
    summary:
      'Tell impacted users (all users where appropriate) of the vulnerability or incident and the mitigations they can apply, machine-readable where appropriate.',
    appliesFrom: REPORTING_APPLICATION_DATE,
    evidence: [],
  },
];
