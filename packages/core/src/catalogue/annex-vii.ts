import { GENERAL_APPLICATION_DATE } from './application-dates.js';
import { profileEvidence } from './profile-evidence.js';
import type { Requirement } from './requirement-schema.js';

/**
 * Annex VII of Regulation (EU) 2024/2847: what the technical documentation (Art. 31) must
 * contain at least, as applicable to the product. Points 1–8, with the sub-points (a)–(d) of
 * point 1 and (a)–(c) of point 2 as children.
 */
export const ANNEX_VII_REQUIREMENTS: readonly Requirement[] = [
  {
    id: 'annex-vii.1',
    citation: 'Annex VII(1)',
    source: 'annex-vii',
    title: 'General product description',
    summary: 'A general description of the product that covers points (a) to (d).',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-vii.1.a',
    citation: 'Annex VII(1)(a)',
    source: 'annex-vii',
    parent: 'annex-vii.1',
    title: 'Intended purpose',
    summary: 'What the product is intended to be used for.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: profileEvidence('product: intendedPurpose field'),
  },
  {
    id: 'annex-vii.1.b',
    citation: 'Annex VII(1)(b)',
    source: 'annex-vii',
    parent: 'annex-vii.1',
    title: 'Compliance-relevant software versions',
    summary:
      'The software versions that affect compliance with the essential cybersecurity requirements.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-vii.1.c',
    citation: 'Annex VII(1)(c)',
    source: 'annex-vii',
    parent: 'annex-vii.1',
    title: 'Hardware photographs or illustrations',
    summary:
      'For hardware products, photographs or illustrations of the external features, marking and internal layout.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-vii.1.d',
    citation: 'Annex VII(1)(d)',
    source: 'annex-vii',
    parent: 'annex-vii.1',
    title: 'User information and instructions',
    summary: 'The information and instructions for users required by Annex II.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-vii.2',
    citation: 'Annex VII(2)',
    source: 'annex-vii',
    title: 'Design, production and vulnerability handling',
    summary:
      'A description of how the product is designed, developed and produced and how vulnerabilities are handled, covering points (a) to (c).',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-vii.2.a',
    citation: 'Annex VII(2)(a)',
    source: 'annex-vii',
    parent: 'annex-vii.2',
    title: 'Design and system architecture',
    summary:
      'Design and development information, with drawings and schemes where applicable and a system architecture showing how software components fit together.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-vii.2.b',
    citation: 'Annex VII(2)(b)',
    source: 'annex-vii',
    parent: 'annex-vii.2',
    title: 'Vulnerability handling processes',
    summary:
      'The vulnerability handling processes, including the SBOM, the CVD policy, proof of a reporting contact address and the secure update distribution solution.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-vii.2.c',
    citation: 'Annex VII(2)(c)',
    source: 'annex-vii',
    parent: 'annex-vii.2',
    title: 'Production and monitoring processes',
    summary: 'The production and monitoring processes and how they are validated.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-vii.3',
    citation: 'Annex VII(3)',
    source: 'annex-vii',
    title: 'Cybersecurity risk assessment',
    summary:
      'The Article 13 cybersecurity risk assessment, including how the requirements of Annex I, Part I apply.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-vii.4',
    citation: 'Annex VII(4)',
    source: 'annex-vii',
    title: 'Support period rationale',
    summary: 'The information taken into account to set the support period under Article 13(8).',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: profileEvidence(
      'lifecycle: placingOnMarket, expectedUseTime and supportPeriod (with its rationale) fields',
    ),
  },
  {
    id: 'annex-vii.5',
    citation: 'Annex VII(5)',
    source: 'annex-vii',
    title: 'Standards and solutions applied',
    summary:
      'The harmonised standards, common specifications or certification schemes applied in full or in part (naming the parts), or else the solutions and specifications used.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: profileEvidence('standards: harmonised standards applied'),
  },
  {
    id: 'annex-vii.6',
    citation: 'Annex VII(6)',
    source: 'annex-vii',
    title: 'Test reports',
    summary:
      'Reports of the tests that verify the product and the vulnerability handling processes against Annex I, Parts I and II.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-vii.7',
    citation: 'Annex VII(7)',
    source: 'annex-vii',
    title: 'Declaration of conformity copy',
    summary: 'A copy of the EU declaration of conformity.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-vii.8',
    citation: 'Annex VII(8)',
    source: 'annex-vii',
    title: 'SBOM on authority request',
    summary:
      'Where applicable, the SBOM, when a market surveillance authority asks for it with reasons because it needs it to check Annex I compliance.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
];
