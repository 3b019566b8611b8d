import { GENERAL_APPLICATION_DATE } from './application-dates.js';
import { profileEvidence } from './profile-evidence.js';
import type { Requirement } from './requirement-schema.js';

/**
 * Annex I, Part I of Regulation (EU) 2024/2847: cybersecurity requirements on the properties of
 * the product. Point (1) applies to every product; the 13 points (2)(a)–(m) apply on the basis
 * of the Article 13(2) risk assessment and where applicable, which is why they are listed as
 * 14 top-level items with no entry for the introductory words of point (2).
 */
export const ANNEX_I_PART_I_REQUIREMENTS: readonly Requirement[] = [
  {
    id: 'annex-i.part-1.1',
    citation: 'Annex I, Part I, point (1)',
    source: 'annex-i-part-i',
    title: 'Risk-appropriate cybersecurity',
    summary:
      'Design, develop and produce the product so that its level of cybersecurity fits the risks.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-i.part-1.2.a',
    citation: 'Annex I, Part I, point (2)(a)',
    source: 'annex-i-part-i',
    title: 'No known exploitable vulnerabilities',
    summary: 'Make the product available without any known vulnerability that can be exploited.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-i.part-1.2.b',
    citation: 'Annex I, Part I, point (2)(b)',
    source: 'annex-i-part-i',
    title: 'Secure by default',
    summary:
      'Ship a secure default configuration (unless agreed otherwise for a tailor-made business product) and a way to reset to the original state.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-i.part-1.2.c',
    citation: 'Annex I, Part I, point (2)(c)',
    source: 'annex-i-part-i',
    title: 'Security updates',
    summary:
      'Let vulnerabilities be fixed by security updates, where applicable automatic by default in good time, with an easy opt-out, update notices and a way to postpone.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: profileEvidence(
      'updatePolicy: automatic security updates on by default, opt-out and postponement',
    ),
  },
  {
    id: 'annex-i.part-1.2.d',
    citation: 'Annex I, Part I, point (2)(d)',
    source: 'annex-i-part-i',
    title: 'Protection from unauthorised access',
    summary:
      'Guard against unauthorised access with suitable controls such as authentication and identity or access management, and report possible unauthorised access.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-i.part-1.2.e',
    citation: 'Annex I, Part I, point (2)(e)',
    source: 'annex-i-part-i',
    title: 'Data confidentiality',
    summary:
      'Keep stored, transmitted and processed data confidential, for instance by state-of-the-art encryption at rest and in transit.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-i.part-1.2.f',
    citation: 'Annex I, Part I, point (2)(f)',
    source: 'annex-i-part-i',
    title: 'Integrity protection',
    summary:
      'Protect data, commands, programs and configuration against changes the user has not authorised, and report corruption.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-i.part-1.2.g',
    citation: 'Annex I, Part I, point (2)(g)',
    source: 'annex-i-part-i',
    title: 'Data minimisation',
    summary:
      'Process only data that is adequate, relevant and limited to what the intended purpose needs.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: profileEvidence('dataInventory: the data the product processes and why'),
  },
  {
    id: 'annex-i.part-1.2.h',
    citation: 'Annex I, Part I, point (2)(h)',
    source: 'annex-i-part-i',
    title: 'Availability of essential functions',
    summary:
      'Keep essential and basic functions available, also after an incident, including resilience against denial-of-service attacks.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-i.part-1.2.i',
    citation: 'Annex I, Part I, point (2)(i)',
    source: 'annex-i-part-i',
    title: 'Limited impact on others',
    summary:
      'Minimise how much the product or its connected devices harm the availability of services of other devices or networks.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-i.part-1.2.j',
    citation: 'Annex I, Part I, point (2)(j)',
    source: 'annex-i-part-i',
    title: 'Limited attack surfaces',
    summary:
      'Design, develop and produce the product with small attack surfaces, external interfaces included.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: profileEvidence('interfaces: the exposed ports and protocols'),
  },
  {
    id: 'annex-i.part-1.2.k',
    citation: 'Annex I, Part I, point (2)(k)',
    source: 'annex-i-part-i',
    title: 'Exploitation mitigation',
    summary:
      'Reduce the impact of incidents with suitable exploitation-mitigation mechanisms and techniques.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-i.part-1.2.l',
    citation: 'Annex I, Part I, point (2)(l)',
    source: 'annex-i-part-i',
    title: 'Security logging and monitoring',
    summary:
      'Record and monitor relevant internal activity, such as access to or changes of data, services or functions, with an opt-out for the user.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-i.part-1.2.m',
    citation: 'Annex I, Part I, point (2)(m)',
    source: 'annex-i-part-i',
    title: 'Secure erasure and transfer',
    summary:
      'Let users remove all data and settings securely, easily and permanently, and move transferable data to other products securely.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
];

/**
 * Annex I, Part II of Regulation (EU) 2024/2847: the 8 vulnerability handling requirements on
 * the manufacturer, owed for the whole support period (Art. 13(8)).
 */
export const ANNEX_I_PART_II_REQUIREMENTS: readonly Requirement[] = [
  {
    id: 'annex-i.part-2.1',
    citation: 'Annex I, Part II, point (1)',
    source: 'annex-i-part-ii',
    title: 'Vulnerability and component inventory',
    summary:
      'Identify and document vulnerabilities and components, including an SBOM in a common machine-readable format covering at least top-level dependencies.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-i.part-2.2',
    citation: 'Annex I, Part II, point (2)',
    source: 'annex-i-part-ii',
    title: 'Remediation without delay',
    summary:
      'Fix vulnerabilities without delay in line with the risk, e.g. by security updates, kept separate from feature updates where technically feasible.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-i.part-2.3',
    citation: 'Annex I, Part II, point (3)',
    source: 'annex-i-part-ii',
    title: 'Security testing and review',
    summary: "Test and review the product's security effectively and regularly.",
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-i.part-2.4',
    citation: 'Annex I, Part II, point (4)',
    source: 'annex-i-part-ii',
    title: 'Disclosure of fixed vulnerabilities',
    summary:
      'Once a fix is out, publish the fixed vulnerabilities with description, affected product, impact, severity and remediation help; delay only when justified.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-i.part-2.5',
    citation: 'Annex I, Part II, point (5)',
    source: 'annex-i-part-ii',
    title: 'Coordinated vulnerability disclosure policy',
    summary: 'Have a coordinated vulnerability disclosure policy and enforce it.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-i.part-2.6',
    citation: 'Annex I, Part II, point (6)',
    source: 'annex-i-part-ii',
    title: 'Vulnerability information sharing',
    summary:
      'Make it easy to share information on potential vulnerabilities in the product and its third-party components, including a contact address for reports.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-i.part-2.7',
    citation: 'Annex I, Part II, point (7)',
    source: 'annex-i-part-ii',
    title: 'Secure update distribution',
    summary:
      'Distribute updates securely so vulnerabilities are fixed or mitigated in time, automatically for security updates where applicable.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-i.part-2.8',
    citation: 'Annex I, Part II, point (8)',
    source: 'annex-i-part-ii',
    title: 'Prompt, free security updates',
    summary:
      'Ship available security updates without delay and free of charge (unless agreed for a tailor-made business product), with advisory messages to users.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
];
