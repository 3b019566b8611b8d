import { REQUIREMENTS } from '@cra-kit/core';

/**
 * The words of the generated documents in one language. Product data (names, purposes,
 * rationales) is printed as the profile gives it; everything else comes from here, so adding a
 * language is adding one object of this shape.
 */
export interface Messages {
  readonly lang: string;
  readonly title: Readonly<
    Record<
      | 'declaration'
      | 'simplified-declaration'
      | 'technical-documentation'
      | 'user-information'
      | 'cvd-policy'
      | 'gap-analysis',
      string
    >
  >;
  /** Section headings by requirement id. */
  readonly headings: Readonly<Record<string, string>>;
  readonly label: Readonly<
    Record<
      | 'requirement'
      | 'evidence'
      | 'product'
      | 'type'
      | 'model'
      | 'hardwareRevisions'
      | 'identification'
      | 'marking'
      | 'manufacturer'
      | 'address'
      | 'email'
      | 'website'
      | 'authorisedRepresentative'
      | 'reference'
      | 'kind'
      | 'coverage'
      | 'provisions'
      | 'procedure'
      | 'notifiedBody'
      | 'certificate'
      | 'signedFor'
      | 'placeDate'
      | 'name'
      | 'function'
      | 'signature'
      | 'file'
      | 'format'
      | 'tests'
      | 'failures'
      | 'status'
      | 'missing'
      | 'nextStep'
      | 'item'
      | 'applicable'
      | 'implementation'
      | 'yes'
      | 'no'
      | 'notApplicable'
      | 'notMet'
      | 'partlyMet'
      | 'met'
      | 'evidenceIndex'
      | 'risks'
      | 'threat'
      | 'likelihood'
      | 'impact'
      | 'treatment'
      | 'residual'
      | 'interface'
      | 'protocol'
      | 'enabledByDefault'
      | 'data'
      | 'purpose'
      | 'retention'
      | 'contact'
      | 'encryptionKey'
      | 'policy'
      | 'summary'
      | 'months'
      | 'supportPeriod'
      | 'expectedUseTime',
      string
    >
  >;
  readonly text: {
    readonly soleResponsibility: string;
    readonly conformity: (category: string) => string;
    readonly noNotifiedBody: (why: string) => string;
    readonly noStandards: string;
    readonly toBeCompleted: string;
    readonly supportEnd: (end: string, months: string) => string;
    readonly supportType: string;
    readonly doesNotApply: (why: string) => string;
    readonly seeDocument: (file: string) => string;
    readonly missingEvidence: (what: string) => string;
    readonly updatesAutomatic: (maxDays: string) => string;
    readonly updatesManual: string;
    readonly turnOffUpdates: string;
    readonly decommission: string;
    readonly changesAffectData: string;
    readonly integrators: string;
    readonly cvdIntro: (manufacturer: string) => string;
    readonly cvdProcess: string;
    readonly cvdAuthorities: string;
    readonly cvdAdvisories: string;
    readonly cvdUsers: string;
    readonly retention: string;
    readonly generated: (tool: string, date: string) => string;
    readonly simplifiedNote: string;
    /** Shown under wording the law prescribes when it is reproduced from the English text. */
    readonly verbatimNote?: string;
    readonly gapIntro: (product: string) => string;
  };
}

const en: Messages = {
  lang: 'en',
  title: {
    declaration: 'EU declaration of conformity',
    'simplified-declaration': 'Simplified EU declaration of conformity',
    'technical-documentation': 'Technical documentation',
    'user-information': 'Information and instructions for the user',
    'cvd-policy': 'Coordinated vulnerability disclosure policy',
    'gap-analysis': 'CRA gap analysis',
  },
  headings: Object.fromEntries(REQUIREMENTS.map((r) => [r.id, r.title])),
  label: {
    requirement: 'Requirement', evidence: 'Evidence', product: 'Product', type: 'Type', model: 'Model', hardwareRevisions: 'Hardware revisions', identification: 'Identification', marking: 'Marking',
    manufacturer: 'Manufacturer', address: 'Postal address', email: 'E-mail', website: 'Website', authorisedRepresentative: 'Authorised representative', reference: 'Reference', kind: 'Kind',
    coverage: 'Coverage', provisions: 'Provisions', procedure: 'Conformity assessment procedure', notifiedBody: 'Notified body', certificate: 'Certificate', signedFor: 'Signed for and on behalf of',
    placeDate: 'Place and date of issue', name: 'Name', function: 'Function', signature: 'Signature', file: 'File', format: 'Format', tests: 'Tests', failures: 'Failures', status: 'Status',
    missing: 'Missing', nextStep: 'Next step', item: 'Item', applicable: 'Applicable', implementation: 'Implementation or justification', yes: 'yes', no: 'no', notApplicable: 'not applicable',
    notMet: 'not met', partlyMet: 'partly met', met: 'met', evidenceIndex: 'Evidence index', risks: 'Risks', threat: 'Threat', likelihood: 'Likelihood', impact: 'Impact', treatment: 'Treatment',
    residual: 'Residual risk', interface: 'Interface', protocol: 'Protocol', enabledByDefault: 'Enabled by default', data: 'Data', purpose: 'Purpose', retention: 'Retention', contact: 'Contact',
    encryptionKey: 'Encryption key', policy: 'Policy', summary: 'Summary', months: 'months', supportPeriod: 'support period', expectedUseTime: 'expected use time',
  },
  text: {
    soleResponsibility: 'This declaration of conformity is issued under the sole responsibility of the manufacturer.',
    conformity: (category) => `The object of the declaration described above is in conformity with Regulation (EU) 2024/2847 (Cyber Resilience Act). CRA category: ${category}.`,
    noNotifiedBody: (why) => `Not applicable: ${why}.`,
    noStandards: 'No harmonised standards, common specifications or certification schemes are applied; the solutions used are described in the technical documentation.',
    toBeCompleted: '(to be completed and signed)',
    supportEnd: (end, months) => `Security updates and vulnerability handling are provided until the end of ${end} (support period: ${months}).`,
    supportType: 'Technical security support: vulnerability handling under Annex I, Part II and free security updates.',
    doesNotApply: (why) => `Not applicable: ${why}`,
    seeDocument: (file) => `See ${file} in this document set.`,
    missingEvidence: (what) => `Missing: ${what}.`,
    updatesAutomatic: (maxDays) => `Security updates are installed automatically by default. You are notified of each update and can postpone it by up to ${maxDays} days.`,
    updatesManual: 'Install security updates as soon as they are announced.',
    turnOffUpdates: 'Automatic installation of security updates is on by default and can be turned off, as the update mechanism below describes. While it is off, the product is protected only by the updates you install yourself.',
    decommission: 'Before disposal, resale or return, erase all data and settings as described below, and remove the product from the systems it reported to.',
    changesAffectData: 'Changing the configuration, the network it is connected to, or the data it sends can change how your data is protected. The data the product processes:',
    integrators: 'External interfaces, for integrators (Annex I and Annex VII duties of the integrating manufacturer):',
    cvdIntro: (m) => `${m} welcomes reports of vulnerabilities in its products and handles them under this coordinated vulnerability disclosure policy.`,
    cvdProcess: 'We confirm receipt, assess and fix reported vulnerabilities without delay in relation to the risk, keep the reporter informed, and credit reporters who wish to be named.',
    cvdAuthorities: 'Actively exploited vulnerabilities and severe incidents are notified to the CSIRT designated as coordinator and to ENISA through the single reporting platform, as Article 14 of Regulation (EU) 2024/2847 requires.',
    cvdAdvisories: 'Once a security update is available we publish an advisory describing the vulnerability, the affected products, its impact and severity, and how to remediate it.',
    cvdUsers: 'We inform impacted users of actively exploited vulnerabilities and severe incidents and of the mitigations they can apply, where appropriate in a machine-readable format.',
    retention: 'Kept for at least ten years after placing on the market, or for the support period if longer (Art. 13(13)).',
    generated: (tool, date) => `Generated by ${tool} on ${date} from the product profile and the evidence listed with their SHA-256 digests.`,
    simplifiedNote: 'The full text of the EU declaration of conformity is available at the following internet address:',
    gapIntro: (p) => `Gap analysis of ${p} against every requirement of the cra-kit CRA catalogue.`,
  },
}; // prettier-ignore

/** German headings of the generated documents' sections, by requirement id. */
const DE_HEADINGS: Readonly<Record<string, string>> = {
  'annex-v.1': 'Produktidentifikation', 'annex-v.2': 'Name und Anschrift des Herstellers', 'annex-v.3': 'Alleinige Verantwortung', 'annex-v.4': 'Gegenstand der Erklärung',
  'annex-v.5': 'Konformitätsaussage', 'annex-v.6': 'Angewandte Normen und Spezifikationen', 'annex-v.7': 'Notifizierte Stelle und Verfahren', 'annex-v.8': 'Zusatzangaben und Unterschrift',
  'annex-vi.statement': 'Vereinfachte Erklärung', 'annex-vi.full-text-address': 'Internetadresse der vollständigen Erklärung',
  'annex-vii.1': 'Allgemeine Beschreibung', 'annex-vii.1.a': 'Zweckbestimmung', 'annex-vii.1.b': 'Konformitätsrelevante Softwareversionen', 'annex-vii.1.c': 'Fotos oder Abbildungen der Hardware',
  'annex-vii.1.d': 'Informationen und Anleitungen für Nutzer', 'annex-vii.2': 'Entwurf, Herstellung und Schwachstellenbehandlung', 'annex-vii.2.a': 'Entwurf und Systemarchitektur',
  'annex-vii.2.b': 'Verfahren zur Schwachstellenbehandlung', 'annex-vii.2.c': 'Herstellungs- und Überwachungsverfahren', 'annex-vii.3': 'Cybersicherheitsrisikobewertung',
  'annex-vii.4': 'Begründung des Unterstützungszeitraums', 'annex-vii.5': 'Angewandte Normen und Lösungen', 'annex-vii.6': 'Prüfberichte', 'annex-vii.7': 'Kopie der Konformitätserklärung',
  'annex-vii.8': 'SBOM auf Verlangen der Behörde',
  'annex-ii.1': 'Hersteller und Kontakt', 'annex-ii.2': 'Meldestelle für Schwachstellen', 'annex-ii.3': 'Produktidentifikation', 'annex-ii.4': 'Zweckbestimmung und Sicherheit',
  'annex-ii.5': 'Vorhersehbare Risikoumstände', 'annex-ii.6': 'Adresse der Konformitätserklärung', 'annex-ii.7': 'Art und Ende der Unterstützung', 'annex-ii.8': 'Ausführliche Anleitungen',
  'annex-ii.8.a': 'Sichere Inbetriebnahme und Nutzung', 'annex-ii.8.b': 'Auswirkung von Änderungen auf Daten', 'annex-ii.8.c': 'Installation von Sicherheitsupdates',
  'annex-ii.8.d': 'Sichere Außerbetriebnahme', 'annex-ii.8.e': 'Automatische Updates abschalten', 'annex-ii.8.f': 'Informationen für Integratoren', 'annex-ii.9': 'Fundort der SBOM',
  'annex-i.part-2.5': 'Richtlinie zur koordinierten Offenlegung', 'annex-i.part-2.6': 'Meldung von Schwachstellen', 'annex-i.part-2.4': 'Veröffentlichung behobener Schwachstellen', 'art-14.8': 'Information der Nutzer',
}; // prettier-ignore

const de: Messages = {
  lang: 'de',
  title: {
    declaration: 'EU-Konformitätserklärung',
    'simplified-declaration': 'Vereinfachte EU-Konformitätserklärung',
    'technical-documentation': 'Technische Dokumentation',
    'user-information': 'Informationen und Anleitungen für den Nutzer',
    'cvd-policy': 'Richtlinie zur koordinierten Offenlegung von Schwachstellen',
    'gap-analysis': 'CRA-Lückenanalyse',
  },
  headings: { ...en.headings, ...DE_HEADINGS },
  label: {
    requirement: 'Anforderung', evidence: 'Nachweis', product: 'Produkt', type: 'Typ', model: 'Modell', hardwareRevisions: 'Hardware-Revisionen', identification: 'Identifikation', marking: 'Kennzeichnung',
    manufacturer: 'Hersteller', address: 'Postanschrift', email: 'E-Mail', website: 'Website', authorisedRepresentative: 'Bevollmächtigter', reference: 'Referenz', kind: 'Art',
    coverage: 'Umfang', provisions: 'Bestimmungen', procedure: 'Konformitätsbewertungsverfahren', notifiedBody: 'Notifizierte Stelle', certificate: 'Bescheinigung', signedFor: 'Unterzeichnet für und im Namen von',
    placeDate: 'Ort und Datum der Ausstellung', name: 'Name', function: 'Funktion', signature: 'Unterschrift', file: 'Datei', format: 'Format', tests: 'Tests', failures: 'Fehlschläge', status: 'Status',
    missing: 'Fehlt', nextStep: 'Nächster Schritt', item: 'Punkt', applicable: 'Anwendbar', implementation: 'Umsetzung oder Begründung', yes: 'ja', no: 'nein', notApplicable: 'nicht anwendbar',
    notMet: 'nicht erfüllt', partlyMet: 'teilweise erfüllt', met: 'erfüllt', evidenceIndex: 'Nachweisverzeichnis', risks: 'Risiken', threat: 'Bedrohung', likelihood: 'Wahrscheinlichkeit', impact: 'Auswirkung', treatment: 'Behandlung',
    residual: 'Restrisiko', interface: 'Schnittstelle', protocol: 'Protokoll', enabledByDefault: 'Standardmäßig aktiv', data: 'Daten', purpose: 'Zweck', retention: 'Aufbewahrung', contact: 'Kontakt',
    encryptionKey: 'Verschlüsselungsschlüssel', policy: 'Richtlinie', summary: 'Zusammenfassung', months: 'Monate', supportPeriod: 'Unterstützungszeitraum', expectedUseTime: 'erwartete Nutzungsdauer',
  },
  text: {
    soleResponsibility: 'Die alleinige Verantwortung für die Ausstellung dieser Konformitätserklärung trägt der Hersteller.',
    conformity: (category) => `Der oben beschriebene Gegenstand der Erklärung erfüllt die Verordnung (EU) 2024/2847 (Cyberresilienz-Verordnung). CRA-Kategorie: ${category}.`,
    noNotifiedBody: (why) => `Nicht anwendbar: ${why}.`,
    noStandards: 'Es werden keine harmonisierten Normen, gemeinsamen Spezifikationen oder Zertifizierungsschemata angewandt; die verwendeten Lösungen beschreibt die technische Dokumentation.',
    toBeCompleted: '(auszufüllen und zu unterschreiben)',
    supportEnd: (end, months) => `Sicherheitsupdates und Schwachstellenbehandlung werden bis Ende ${end} bereitgestellt (Unterstützungszeitraum: ${months}).`,
    supportType: 'Technische Sicherheitsunterstützung: Schwachstellenbehandlung nach Anhang I Teil II und kostenlose Sicherheitsupdates.',
    doesNotApply: (why) => `Nicht anwendbar: ${why}`,
    seeDocument: (file) => `Siehe ${file} in diesem Dokumentensatz.`,
    missingEvidence: (what) => `Fehlt: ${what}.`,
    updatesAutomatic: (maxDays) => `Sicherheitsupdates werden standardmäßig automatisch installiert. Sie werden über jedes Update informiert und können es um bis zu ${maxDays} Tage verschieben.`,
    updatesManual: 'Installieren Sie Sicherheitsupdates, sobald sie angekündigt werden.',
    turnOffUpdates: 'Die automatische Installation von Sicherheitsupdates ist standardmäßig eingeschaltet und lässt sich abschalten, wie der unten beschriebene Update-Mechanismus erläutert. Solange sie abgeschaltet ist, schützen das Produkt nur selbst installierte Updates.',
    decommission: 'Löschen Sie vor Entsorgung, Weiterverkauf oder Rückgabe alle Daten und Einstellungen wie unten beschrieben und entfernen Sie das Produkt aus den Systemen, an die es berichtet hat.',
    changesAffectData: 'Änderungen an der Konfiguration, am angeschlossenen Netz oder an den gesendeten Daten können den Schutz Ihrer Daten verändern. Die vom Produkt verarbeiteten Daten:',
    integrators: 'Externe Schnittstellen, für Integratoren (Pflichten des integrierenden Herstellers nach Anhang I und Anhang VII):',
    cvdIntro: (m) => `${m} nimmt Meldungen zu Schwachstellen in seinen Produkten entgegen und behandelt sie nach dieser Richtlinie zur koordinierten Offenlegung.`,
    cvdProcess: 'Wir bestätigen den Eingang, bewerten und beheben gemeldete Schwachstellen unverzüglich entsprechend dem Risiko, halten die meldende Person auf dem Laufenden und nennen sie auf Wunsch.',
    cvdAuthorities: 'Aktiv ausgenutzte Schwachstellen und schwerwiegende Vorfälle melden wir über die einheitliche Meldeplattform an das als Koordinator benannte CSIRT und an die ENISA, wie es Artikel 14 der Verordnung (EU) 2024/2847 verlangt.',
    cvdAdvisories: 'Sobald ein Sicherheitsupdate verfügbar ist, veröffentlichen wir einen Hinweis mit Beschreibung der Schwachstelle, betroffenen Produkten, Auswirkung, Schweregrad und Abhilfe.',
    cvdUsers: 'Wir informieren betroffene Nutzer über aktiv ausgenutzte Schwachstellen und schwerwiegende Vorfälle sowie über mögliche Abhilfemaßnahmen, wo angebracht in maschinenlesbarem Format.',
    retention: 'Aufbewahrt mindestens zehn Jahre nach dem Inverkehrbringen oder für den Unterstützungszeitraum, falls dieser länger ist (Art. 13 Abs. 13).',
    generated: (tool, date) => `Erzeugt von ${tool} am ${date} aus dem Produktprofil und den mit ihren SHA-256-Prüfsummen aufgeführten Nachweisen.`,
    simplifiedNote: 'The full text of the EU declaration of conformity is available at the following internet address:',
    verbatimNote: 'Wortlaut von Anhang VI in der englischen Sprachfassung der Verordnung (EU) 2024/2847 (ABl. L, 2024/2847). Vor der Verwendung in Deutschland durch den Wortlaut der amtlichen deutschen Sprachfassung ersetzen.',
    gapIntro: (p) => `Lückenanalyse von ${p} gegen alle Anforderungen des CRA-Katalogs von cra-kit.`,
  },
}; // prettier-ignore

/** The translation table: every language the documents can be generated in. */
export const MESSAGES: Readonly<Record<string, Messages>> = Object.freeze({ en, de });

/** The languages of {@link MESSAGES}. */
export const LANGUAGES = Object.keys(MESSAGES);
