import { GENERAL_APPLICATION_DATE } from './application-dates.js';
import { profileEvidence } from './profile-evidence.js';
import type { Requirement } from './requirement-schema.js';

/**
 * Annex II of Regulation (EU) 2024/2847: the minimum information and instructions that must
 * accompany the product (Art. 13(18)). Points 1–9, with the six topics (a)–(f) of point 8 as
 * children of `annex-ii.8`.
 */
export const ANNEX_II_REQUIREMENTS: readonly Requirement[] = [
  {
    id: 'annex-ii.1',
    citation: 'Annex II(1)',
    source: 'annex-ii',
    title: 'Manufacturer identity and contact',
    summary:
      "The manufacturer's name, registered trade name or trademark, postal address, e-mail or other digital contact and, where available, website.",
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: profileEvidence(
      'manufacturer: name, trademark, postalAddress, email and website fields',
    ),
  },
  {
    id: 'annex-ii.2',
    citation: 'Annex II(2)',
    source: 'annex-ii',
    title: 'Vulnerability contact and policy',
    summary:
      'The single point of contact for reporting and receiving vulnerability information, and where the CVD policy can be found.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: profileEvidence('manufacturer: securityContact and cvdPolicyUrl fields'),
  },
  {
    id: 'annex-ii.3',
    citation: 'Annex II(3)',
    source: 'annex-ii',
    title: 'Product identification',
    summary: 'Name, type and any further information that identifies the product uniquely.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: profileEvidence(
      'product: name, type, model, hardwareRevisions and identification fields',
    ),
  },
  {
    id: 'annex-ii.4',
    citation: 'Annex II(4)',
    source: 'annex-ii',
    title: 'Intended purpose and security',
    summary:
      'The intended purpose, including the security environment the manufacturer provides, the essential functionalities and the security properties.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: profileEvidence(
      'product: intendedPurpose, operatingEnvironment, essentialFunctions and securityProperties fields',
    ),
  },
  {
    id: 'annex-ii.5',
    citation: 'Annex II(5)',
    source: 'annex-ii',
    title: 'Foreseeable risk circumstances',
    summary:
      'Known or foreseeable circumstances of intended use or reasonably foreseeable misuse that may lead to significant cybersecurity risks.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: profileEvidence('product: foreseeableMisuse field'),
  },
  {
    id: 'annex-ii.6',
    citation: 'Annex II(6)',
    source: 'annex-ii',
    title: 'Declaration of conformity address',
    summary:
      'Where applicable, the internet address at which the EU declaration of conformity is available.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: profileEvidence('documentation.declarationOfConformityUrl field'),
  },
  {
    id: 'annex-ii.7',
    citation: 'Annex II(7)',
    source: 'annex-ii',
    title: 'Support type and end date',
    summary:
      'The kind of technical security support offered and the end date of the support period for vulnerability handling and security updates.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: profileEvidence('lifecycle: placingOnMarket and supportPeriod fields (end date)'),
  },
  {
    id: 'annex-ii.8',
    citation: 'Annex II(8)',
    source: 'annex-ii',
    title: 'Detailed instructions',
    summary:
      'Detailed instructions, or an internet address pointing to them, on the topics of points (a) to (f).',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-ii.8.a',
    citation: 'Annex II(8)(a)',
    source: 'annex-ii',
    parent: 'annex-ii.8',
    title: 'Secure commissioning and use',
    summary:
      'What to do at initial commissioning and over the whole lifetime to use the product securely.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-ii.8.b',
    citation: 'Annex II(8)(b)',
    source: 'annex-ii',
    parent: 'annex-ii.8',
    title: 'Effect of changes on data',
    summary: 'How changes to the product can affect the security of data.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-ii.8.c',
    citation: 'Annex II(8)(c)',
    source: 'annex-ii',
    parent: 'annex-ii.8',
    title: 'Installing security updates',
    summary: 'How security-relevant updates can be installed.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-ii.8.d',
    citation: 'Annex II(8)(d)',
    source: 'annex-ii',
    parent: 'annex-ii.8',
    title: 'Secure decommissioning',
    summary:
      'How to decommission the product securely, including how to remove user data securely.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-ii.8.e',
    citation: 'Annex II(8)(e)',
    source: 'annex-ii',
    parent: 'annex-ii.8',
    title: 'Turning off automatic updates',
    summary:
      'How to switch off the default automatic installation of security updates required by Annex I, Part I, point (2)(c).',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: profileEvidence('updatePolicy: opt-out from automatic security updates'),
  },
  {
    id: 'annex-ii.8.f',
    citation: 'Annex II(8)(f)',
    source: 'annex-ii',
    parent: 'annex-ii.8',
    title: 'Information for integrators',
    summary:
      'For products meant to be integrated into others, what the integrator needs to meet Annex I and the Annex VII documentation duties.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-ii.9',
    citation: 'Annex II(9)',
    source: 'annex-ii',
    title: 'SBOM location',
    summary:
      'If the manufacturer chooses to make the SBOM available to users, where it can be found.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: profileEvidence('sbom: location of the software bill of materials'),
  },
];
