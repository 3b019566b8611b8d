import { GENERAL_APPLICATION_DATE } from './application-dates.js';
import { profileEvidence } from './profile-evidence.js';
import type { Requirement } from './requirement-schema.js';

/**
 * Annex V of Regulation (EU) 2024/2847: the 8 points the EU declaration of conformity must
 * contain (Art. 28). Point 8 also holds the signature block (signed for, place and date, name,
 * function, signature).
 */
export const ANNEX_V_REQUIREMENTS: readonly Requirement[] = [
  {
    id: 'annex-v.1',
    citation: 'Annex V(1)',
    source: 'annex-v',
    title: 'Product identification',
    summary: 'Name, type and any further information that identifies the product uniquely.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: profileEvidence(
      'product: name, type, model, hardwareRevisions and identification fields',
    ),
  },
  {
    id: 'annex-v.2',
    citation: 'Annex V(2)',
    source: 'annex-v',
    title: 'Manufacturer name and address',
    summary: 'Name and address of the manufacturer or of its authorised representative.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: profileEvidence(
      'manufacturer: name, postalAddress and authorisedRepresentative fields',
    ),
  },
  {
    id: 'annex-v.3',
    citation: 'Annex V(3)',
    source: 'annex-v',
    title: 'Sole responsibility statement',
    summary:
      'A statement that the declaration is issued under sole responsibility (the Official Journal text says "of the provider").',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-v.4',
    citation: 'Annex V(4)',
    source: 'annex-v',
    title: 'Object of the declaration',
    summary:
      'Identification of the product that allows traceability, with a photograph where appropriate.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-v.5',
    citation: 'Annex V(5)',
    source: 'annex-v',
    title: 'Statement of conformity',
    summary:
      'A statement that the object of the declaration conforms to the relevant Union harmonisation legislation.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-v.6',
    citation: 'Annex V(6)',
    source: 'annex-v',
    title: 'Standards and specifications referenced',
    summary:
      'References to the harmonised standards, common specifications or cybersecurity certifications against which conformity is declared.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: profileEvidence('standards: harmonised standards applied'),
  },
  {
    id: 'annex-v.7',
    citation: 'Annex V(7)',
    source: 'annex-v',
    title: 'Notified body and procedure',
    summary:
      "Where applicable, the notified body's name and number, the conformity assessment procedure performed and the certificate issued.",
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: profileEvidence(
      'conformityAssessment: procedure, notifiedBody and certificateId fields',
    ),
  },
  {
    id: 'annex-v.8',
    citation: 'Annex V(8)',
    source: 'annex-v',
    title: 'Additional information and signature',
    summary:
      'Any additional information, and on whose behalf, where, when and by whom (name, function, signature) it is signed.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
];

/**
 * Annex VI of Regulation (EU) 2024/2847: the simplified EU declaration of conformity that may
 * accompany the product instead of the full one (Art. 13(20)). The Annex has no numbered points:
 * it is a sentence with prescribed wording followed by the internet address of the full text.
 */
export const ANNEX_VI_REQUIREMENTS: readonly Requirement[] = [
  {
    id: 'annex-vi.statement',
    citation: 'Annex VI, declaration sentence',
    source: 'annex-vi',
    title: 'Simplified declaration sentence',
    summary:
      'The sentence, worded as the Annex prescribes, by which the named manufacturer declares the product type compliant with Regulation (EU) 2024/2847.',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: [],
  },
  {
    id: 'annex-vi.full-text-address',
    citation: 'Annex VI, internet address of the full declaration',
    source: 'annex-vi',
    title: 'Full declaration internet address',
    summary:
      'The exact internet address at which the full EU declaration of conformity can be read (Art. 13(20)).',
    appliesFrom: GENERAL_APPLICATION_DATE,
    evidence: profileEvidence('documentation.declarationOfConformityUrl field'),
  },
];
