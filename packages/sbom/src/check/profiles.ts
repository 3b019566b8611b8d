import type { BomTestId, ComponentTestId } from './field-checks.js';

/** How much a rule weighs: `required` fails the check, `recommended` warns. */
export type RuleLevel = 'required' | 'recommended';

/** How far a rule's clause number has been checked; see {@link ProfileRule.clauseStatus}. */
export type ClauseStatus = 'primary' | 'secondary-sources-agree' | 'unverified';

/** One rule of a conformance profile. */
export interface ProfileRule {
  /** Stable rule id within the profile, e.g. `component.hash-sha512`. */
  readonly id: string;
  readonly level: RuleLevel;
  /** Where the rule comes from in the profile's source document. */
  readonly clause: string;
  /**
   * How far the clause number is checked: `secondary-sources-agree` when independent secondary
   * sources name the same clause (the primary document was not read), `unverified` when they
   * disagree or only one names it. Legal texts (CRA) and published reports are `primary`.
   */
  readonly clauseStatus: ClauseStatus;
  readonly test:
    | { readonly scope: 'bom'; readonly id: BomTestId }
    | { readonly scope: 'component'; readonly id: ComponentTestId };
  /** `top-level`: only the product's direct dependencies must satisfy it (CRA minimum). */
  readonly components?: 'all' | 'top-level';
  /** What to add, in CycloneDX terms. */
  readonly fix: string;
}

/** A conformance profile: a published SBOM requirement set expressed as data. */
export interface ConformanceProfile {
  readonly id: string;
  readonly title: string;
  /** The document the clauses cite. */
  readonly source: string;
  /** What we could verify of the clause numbers, stated plainly. */
  readonly provenance: string;
  readonly rules: readonly ProfileRule[];
}

const bom = (id: BomTestId) => ({ scope: 'bom', id }) as const;
const comp = (id: ComponentTestId) => ({ scope: 'component', id }) as const;
const rule =
  (clauseStatus: ClauseStatus) =>
  (
    id: string,
    level: RuleLevel,
    clause: string,
    test: ProfileRule['test'],
    fix: string,
    components?: 'top-level',
  ): ProfileRule => ({
    id,
    level,
    clause,
    clauseStatus,
    test,
    fix,
    ...(components ? { components } : {}),
  });
/** A clause of the CRA, as `shared/cra-reference.md` quotes it. */
const r = rule('primary');
/** A BSI clause that independent secondary sources name alike. */
const agreed = rule('secondary-sources-agree');
/** A clause name not re-checked against its source yet (NTIA, the CISA draft). */
const unchecked = rule('unverified');
/** A BSI clause that secondary sources disagree on, or only one names: cite with care. */
const unverified = rule('unverified');

const NTIA = 'NTIA, The Minimum Elements For a Software Bill of Materials (SBOM), 12 July 2021';
const BSI21 = 'BSI TR-03183-2 v2.1.0 (2025-08-20)';
const BSI20 = 'BSI TR-03183-2 v2.0.0 (2024-09-20)';

/** Every conformance profile `check` knows, by id. */
export const CONFORMANCE_PROFILES: Readonly<Record<string, ConformanceProfile>> = {
  'cra-minimum': {
    id: 'cra-minimum',
    title: 'CRA legal minimum',
    source: 'Regulation (EU) 2024/2847, Annex I Part II (1); Annex VII (2)(b)',
    provenance: 'Annex I Part II (1): an SBOM "in a commonly used and machine-readable format covering at the very least the top-level dependencies". The Act fixes no format or field list; an implementing act may (Art. 13(24)).',
    rules: [
      r('bom.format', 'required', 'Annex I Part II (1)', bom('commonly-used-format'), 'write the SBOM as CycloneDX (or SPDX) JSON'),
      r('bom.primary-component', 'required', 'Annex I Part II (1)', bom('primary-component'), 'set metadata.component to the product (cra sbom generate --product)'),
      r('bom.top-level-dependencies', 'required', 'Annex I Part II (1)', bom('top-level-dependencies'), 'list the product’s direct dependencies under dependencies[ref=<metadata.component bom-ref>].dependsOn'),
      r('component.name', 'required', 'Annex I Part II (1)', comp('name'), 'give each top-level component a name', 'top-level'),
      r('component.version', 'required', 'Annex I Part II (1)', comp('version'), 'give each top-level component its version', 'top-level'),
    ],
  },
  'bsi-tr-03183-2@2.1': {
    id: 'bsi-tr-03183-2@2.1',
    title: 'BSI TR-03183-2 v2.1.0',
    source: BSI21,
    provenance: 'The BSI PDF could not be read here (checked 2026-11-25 through the tool library: only secondary sources). §4 (formats), §5.2.1 (SBOM creator, timestamp) and §5.2.2 (component creator, name, version, filename, dependencies with completeness, distribution licences, SHA-512 of the deployable, executable/archive/structured) are named alike by independent secondary sources (sbomify, interlynk sbomqs, FOSSA). Whether SBOM-URI, source code URI, URI of the deployable form, other unique identifiers and original licences sit in §5.2.1/§5.2.2 as required fields or in a later sub-clause (v2.1.0 renumbered §5.2 into §5.2.1–§5.2.5) is disputed: those rules are marked unverified; they stay required, as sbomqs reads v2.1.0. The no-vulnerabilities rule cites §3.1 after one source only. bsi:component:* property names follow the BSI CycloneDX property taxonomy.',
    rules: [
      agreed('bom.format', 'required', '§4', bom('spec-1.6-or-later'), 'write CycloneDX 1.6 or later'),
      agreed('bom.creator', 'required', '§5.2.1 Creator of the SBOM', bom('creator'), 'set metadata.manufacturer with a url or contact e-mail (cra sbom generate --product)'),
      agreed('bom.timestamp', 'required', '§5.2.1 Timestamp', bom('timestamp'), 'set metadata.timestamp'),
      unverified('bom.sbom-uri', 'required', '§5.2 SBOM-URI (sub-clause unverified)', bom('sbom-uri'), 'set serialNumber (urn:uuid) and version'),
      agreed('bom.completeness', 'required', '§5.2.2 Dependencies (completeness)', bom('completeness'), 'state completeness in compositions[].aggregate'),
      unverified('bom.no-vulnerabilities', 'required', '§3.1 (no vulnerability information in the SBOM; unverified)', bom('no-vulnerabilities'), 'move vulnerabilities to a separate VEX document (cra sbom scan --out)'),
      agreed('component.creator', 'required', '§5.2.2 Component creator', comp('creator'), 'give manufacturer or supplier a url or contact e-mail (supplierUrl/supplierEmail in components.yaml)'),
      agreed('component.name', 'required', '§5.2.2 Component name', comp('name'), 'set name'),
      agreed('component.version', 'required', '§5.2.2 Component version', comp('version'), 'set version (or the file’s modification date)'),
      agreed('component.filename', 'required', '§5.2.2 Filename', comp('filename'), 'list the deployable file (file: or filename: in components.yaml) → property bsi:component:filename'),
      agreed('component.dependencies', 'required', '§5.2.2 Dependencies', comp('in-dependency-graph'), 'add the component to dependencies[] with its dependsOn'),
      agreed('component.license-concluded', 'required', '§5.2.2 Distribution licences', comp('license-concluded'), 'record the licence you distribute under as licenses[] with acknowledgement "concluded"'),
      unverified('component.license-declared', 'required', '§5.2 Original licences (sub-clause unverified)', comp('license-declared'), 'record the upstream licence (licenses: in components.yaml, or the package’s copyright file)'),
      agreed('component.deployable-hash', 'required', '§5.2.2 Hash value of the deployable component (SHA-512)', comp('deployable-hash-sha512'), 'hash the deployable (file: in components.yaml) and give its download URL → externalReferences[type=distribution].hashes SHA-512'),
      agreed('component.executable', 'required', '§5.2.2 Executable property', comp('executable-property'), 'hash the deployable file (file: in components.yaml) or set executable: true/false'),
      agreed('component.archive', 'required', '§5.2.2 Archive property', comp('archive-property'), 'hash the deployable file or set archive: true/false'),
      agreed('component.structured', 'required', '§5.2.2 Structured property', comp('structured-property'), 'hash the deployable file or set structured: true/false'),
      unverified('component.source-uri', 'required', '§5.2 Source code URI (sub-clause unverified)', comp('source-uri'), 'add sourceUrl → externalReferences[type=source-distribution]'),
      unverified('component.deployable-uri', 'required', '§5.2 URI of the deployable form (sub-clause unverified)', comp('deployable-uri'), 'add downloadUrl → externalReferences[type=distribution]'),
      unverified('component.unique-id', 'required', '§5.2 Other unique identifiers (sub-clause unverified)', comp('unique-id'), 'add a purl or CPE'),
    ],
  },
  'bsi-tr-03183-2@2.0': {
    id: 'bsi-tr-03183-2@2.0',
    title: 'BSI TR-03183-2 v2.0.0',
    source: BSI20,
    provenance: 'The BSI PDF could not be read here (checked 2026-11-25 through the tool library). Secondary sources agree on the field sets (required SBOM and component fields; additional SBOM-URI, source code URI, deployable URI, other unique identifiers; CycloneDX ≥ 1.5) but not on the clause numbers: §5.2/§5.3 as in v1.1 (sbomqs) against §5 mandatory and §6 recommended (sbom-tools). Every clause number of this profile is therefore unverified.',
    rules: [
      unverified('bom.format', 'required', '§4 (unverified)', bom('spec-1.5-or-later'), 'write CycloneDX 1.5 or later'),
      unverified('bom.creator', 'required', '§5.2.1 Creator of the SBOM', bom('creator'), 'set metadata.manufacturer with a url or contact e-mail'),
      unverified('bom.timestamp', 'required', '§5.2.1 Timestamp', bom('timestamp'), 'set metadata.timestamp'),
      unverified('bom.sbom-uri', 'recommended', '§5.3.1 SBOM-URI', bom('sbom-uri'), 'set serialNumber and version'),
      unverified('component.creator', 'required', '§5.2.2 Component creator', comp('creator'), 'give manufacturer or supplier a url or contact e-mail'),
      unverified('component.name', 'required', '§5.2.2 Component name', comp('name'), 'set name'),
      unverified('component.version', 'required', '§5.2.2 Component version', comp('version'), 'set version'),
      unverified('component.filename', 'required', '§5.2.2 Filename', comp('filename'), 'list the deployable file → property bsi:component:filename'),
      unverified('component.dependencies', 'required', '§5.2.2 Dependencies', comp('in-dependency-graph'), 'add the component to dependencies[]'),
      unverified('component.license', 'required', '§5.2.2 Associated licences', comp('license'), 'add licenses[]'),
      unverified('component.hash-sha512', 'required', '§5.2.2 Hash value of the executable component (SHA-512)', comp('hash-sha512'), 'hash the deployable (file: in components.yaml) → hashes[SHA-512]'),
      unverified('component.executable', 'required', '§5.2.2 Executable property', comp('executable-property'), 'hash the deployable file or set executable'),
      unverified('component.archive', 'required', '§5.2.2 Archive property', comp('archive-property'), 'hash the deployable file or set archive'),
      unverified('component.structured', 'required', '§5.2.2 Structured property', comp('structured-property'), 'hash the deployable file or set structured'),
      unverified('component.source-uri', 'recommended', '§5.3.2 Source code URI', comp('source-uri'), 'add sourceUrl'),
      unverified('component.deployable-uri', 'recommended', '§5.3.2 URI of the executable form', comp('deployable-uri'), 'add downloadUrl'),
      unverified('component.unique-id', 'recommended', '§5.3.2 Other unique identifiers', comp('unique-id'), 'add a purl or CPE'),
    ],
  },
  'ntia-2021': {
    id: 'ntia-2021',
    title: 'NTIA minimum elements (2021)',
    source: NTIA,
    provenance: 'The seven baseline data fields of the NTIA report (section "Data Fields").',
    rules: [
      unchecked('component.supplier-name', 'required', 'Data Fields: Supplier Name', comp('supplier-name'), 'set supplier.name'),
      unchecked('component.name', 'required', 'Data Fields: Component Name', comp('name'), 'set name'),
      unchecked('component.version', 'required', 'Data Fields: Version of the Component', comp('version'), 'set version'),
      unchecked('component.unique-id', 'required', 'Data Fields: Other Unique Identifiers', comp('unique-id'), 'add a purl or CPE'),
      unchecked('component.dependencies', 'required', 'Data Fields: Dependency Relationship', comp('in-dependency-graph'), 'add the component to dependencies[]'),
      unchecked('bom.author', 'required', 'Data Fields: Author of SBOM Data', bom('author'), 'set metadata.authors or metadata.manufacturer'),
      unchecked('bom.timestamp', 'required', 'Data Fields: Timestamp', bom('timestamp'), 'set metadata.timestamp'),
    ],
  },
  'cisa-2026': {
    id: 'cisa-2026',
    title: 'CISA minimum elements (2025 draft)',
    source: 'CISA, 2025 Minimum Elements for a Software Bill of Materials, public-comment draft of 22 August 2025',
    provenance: 'Fields of the public-comment draft (the NTIA fields plus component hash, licence, tool name and generation context). Whether and when a final version was published is UNCONFIRMED; clause names follow the draft.',
    rules: [
      unchecked('bom.author', 'required', 'SBOM Author', bom('author'), 'set metadata.authors or metadata.manufacturer'),
      unchecked('bom.timestamp', 'required', 'Timestamp', bom('timestamp'), 'set metadata.timestamp'),
      unchecked('bom.tool-name', 'required', 'Tool Name', bom('tool-name'), 'set metadata.tools'),
      unchecked('bom.generation-context', 'required', 'Generation Context', bom('generation-context'), 'set metadata.lifecycles[].phase'),
      unchecked('component.supplier-name', 'required', 'Software Producer', comp('supplier-name'), 'set supplier.name'),
      unchecked('component.name', 'required', 'Component Name', comp('name'), 'set name'),
      unchecked('component.version', 'required', 'Component Version', comp('version'), 'set version'),
      unchecked('component.unique-id', 'required', 'Software Identifiers', comp('unique-id'), 'add a purl or CPE'),
      unchecked('component.hash', 'required', 'Component Hash', comp('hash'), 'hash the deployable (file: in components.yaml)'),
      unchecked('component.license', 'required', 'License', comp('license'), 'add licenses[]'),
      unchecked('component.dependencies', 'required', 'Dependency Relationship', comp('in-dependency-graph'), 'add the component to dependencies[]'),
    ],
  },
}; // prettier-ignore

/** The ids of {@link CONFORMANCE_PROFILES}. */
export const PROFILE_IDS = Object.keys(CONFORMANCE_PROFILES);
