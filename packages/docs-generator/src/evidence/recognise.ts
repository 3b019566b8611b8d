import { SupportPlanSchema, safeParseProductProfile } from '@cra-kit/core';
import { parse as parseYaml } from 'yaml';
import { RiskAssessmentSchema } from '../risk-assessment/schema.js';
import type { EvidenceKind } from './manifest-schema.js';

/** What recognising a file found: its format, facts for the documents, and problems. */
export interface Recognition {
  /** The format, e.g. `CycloneDX 1.6 JSON`; undefined when not recognised. */
  readonly format?: string;
  /** Facts the documents cite, e.g. `{ tests: 42, failures: 0 }`. */
  readonly facts: Readonly<Record<string, string | number>>;
  readonly problems: readonly RecognitionProblem[];
}

/** A problem with the content of a recognised file. @internal */
export interface RecognitionProblem {
  readonly code: 'EVIDENCE_INVALID' | 'EVIDENCE_EXPIRED' | 'EVIDENCE_TESTS_FAILED';
  readonly message: string;
}

/** The input of a recogniser: the file's first bytes, the whole text when small, and now. */
export interface RecogniserInput {
  readonly head: string;
  /** The whole file as text, when it is at most the full-read limit. */
  readonly text?: string;
  readonly now: Date;
}

const none = (): Recognition => ({ facts: {}, problems: [] });
const str = (re: RegExp, s: string) => re.exec(s)?.[1];

// Text that does not parse is not in the format: the caller reports EVIDENCE_FORMAT_UNRECOGNISED.
function json(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function yaml(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return parseYaml(text, { maxAliasCount: 100 }) as unknown;
  } catch {
    return undefined;
  }
}

function cycloneDx({ head, text }: RecogniserInput): Recognition {
  if (!/"bomFormat"\s*:\s*"CycloneDX"/.test(head)) return none();
  const specVersion = str(/"specVersion"\s*:\s*"([0-9.]+)"/, head) ?? '?';
  const bom = json(text) as { metadata?: { component?: { name?: unknown; version?: unknown } }; components?: unknown[] } | undefined;
  const component = bom?.metadata?.component;
  const facts: Record<string, string | number> = { specVersion };
  if (typeof component?.name === 'string') facts['componentName'] = component.name;
  if (typeof component?.version === 'string') facts['componentVersion'] = component.version;
  if (Array.isArray(bom?.components)) facts['components'] = bom.components.length;
  return { format: `CycloneDX ${specVersion} JSON`, facts, problems: [] };
} // prettier-ignore

function vex(input: RecogniserInput): Recognition {
  const { head } = input;
  const csaf = str(/"csaf_version"\s*:\s*"([0-9.]+)"/, head);
  if (csaf !== undefined) return { format: `CSAF ${csaf}`, facts: {}, problems: [] };
  if (/"@context"\s*:\s*"https:\/\/openvex\.dev\/ns/.test(head)) {
    return { format: 'OpenVEX', facts: {}, problems: [] };
  }
  const bom = cycloneDx(input);
  return bom.format !== undefined && /"vulnerabilities"\s*:/.test(head)
    ? { ...bom, format: `${bom.format} (VEX)` }
    : none();
}

function tufRoot({ text, now }: RecogniserInput): Recognition {
  const doc = json(text) as
    { signed?: { _type?: unknown; expires?: unknown; version?: unknown } } | null | undefined;
  if (doc?.signed?._type !== 'root') return none();
  const expires = typeof doc.signed.expires === 'string' ? doc.signed.expires : '';
  const expired = !(Date.parse(expires) > now.getTime());
  return {
    format: 'TUF root metadata',
    facts: { expires, version: Number(doc.signed.version) },
    problems: expired ? [{ code: 'EVIDENCE_EXPIRED', message: `root metadata expired (${expires || 'no date'})` }] : [],
  }; // prettier-ignore
}

function junit({ head }: RecogniserInput): Recognition {
  const root = /<(testsuites|testsuite)\b([^>]*)>/.exec(head);
  if (root === null) return none();
  const attr = (name: string) => Number(str(new RegExp(`\\b${name}="(\\d+)"`), root[2] ?? '') ?? 0);
  const [tests, failures, errors] = [attr('tests'), attr('failures'), attr('errors')];
  const failed = failures + errors;
  return {
    format: 'JUnit XML',
    facts: { tests, failures, errors },
    problems: failed > 0 ? [{ code: 'EVIDENCE_TESTS_FAILED', message: `${failed} of ${tests} tests failed` }] : [],
  }; // prettier-ignore
}

function securityTxt({ text, now }: RecogniserInput): Recognition {
  if (text === undefined) return none();
  const fields = text.split(/\r?\n/).flatMap((l) => {
    const m = /^([A-Za-z-]+):\s*(.+)$/.exec(l.trim());
    return m?.[1] !== undefined && m[2] !== undefined ? [[m[1].toLowerCase(), m[2]] as const] : [];
  });
  const contacts = fields.filter(([k]) => k === 'contact');
  const expires = fields.filter(([k]) => k === 'expires');
  if (contacts.length === 0 && expires.length === 0) return none();
  const problems: RecognitionProblem[] = [];
  if (contacts.length === 0) problems.push({ code: 'EVIDENCE_INVALID', message: 'RFC 9116 requires at least one Contact field' });
  if (expires.length !== 1) problems.push({ code: 'EVIDENCE_INVALID', message: 'RFC 9116 requires exactly one Expires field' });
  const expiry = expires[0]?.[1] ?? '';
  if (expires.length === 1 && !(Date.parse(expiry) > now.getTime())) problems.push({ code: 'EVIDENCE_EXPIRED', message: `security.txt expired (${expiry})` });
  return { format: 'security.txt (RFC 9116)', facts: { contact: contacts[0]?.[1] ?? '', expires: expiry }, problems };
} // prettier-ignore

function schemaFile(format: string, valid: (data: unknown) => boolean) {
  return ({ text }: RecogniserInput): Recognition => {
    const data = yaml(text);
    if (typeof data !== 'object' || data === null) return none();
    return valid(data)
      ? { format, facts: {}, problems: [] }
      : { format, facts: {}, problems: [{ code: 'EVIDENCE_INVALID', message: `not a valid ${format}` }] };
  };
} // prettier-ignore

function supportPlan({ text }: RecogniserInput): Recognition {
  const data = yaml(text);
  if (typeof data !== 'object' || data === null) return none();
  // Loose: support-period writes core's plan extended with more fields (its SupportPlanDetailSchema).
  const plan = SupportPlanSchema.loose().safeParse(data);
  if (!plan.success) return { format: 'cra-kit support plan', facts: {}, problems: [{ code: 'EVIDENCE_INVALID', message: 'not a valid cra-kit support plan' }] };
  const { supportEnd, endOfSupportLabel, documentationRetentionEnd } = plan.data;
  return { format: 'cra-kit support plan', facts: { supportEnd, endOfSupportLabel, documentationRetentionEnd }, problems: [] };
} // prettier-ignore

function structured({ text }: RecogniserInput): Recognition {
  const data = yaml(text);
  return typeof data === 'object' && data !== null
    ? { format: 'structured data (YAML/JSON)', facts: {}, problems: [] }
    : none();
}

function anyDocument({ head }: RecogniserInput): Recognition {
  return head.length > 0 ? { format: 'document', facts: {}, problems: [] } : none();
}

/**
 * How each kind of evidence is recognised: by its standard format where one exists. Files of
 * kinds with no standard format (identity configuration, SBOM conformance check) must at least
 * be structured YAML or JSON; policies, reports and other documents any non-empty file.
 * @internal
 */
export const RECOGNISERS: Readonly<Record<EvidenceKind, (input: RecogniserInput) => Recognition>> = {
  'product-profile': schemaFile('cra-kit product profile', (d) => safeParseProductProfile(d).success),
  'risk-assessment': schemaFile('cra-kit risk assessment', (d) => RiskAssessmentSchema.safeParse(d).success),
  sbom: cycloneDx,
  'sbom-check': structured,
  'vulnerability-scan': (input) => { const r = vex(input); return r.format === undefined ? cycloneDx(input) : r; },
  vex,
  'ota-config': tufRoot,
  'identity-config': structured,
  'cvd-policy': anyDocument,
  'security-txt': securityTxt,
  'support-plan': supportPlan,
  'test-report': junit,
  standards: anyDocument,
  document: anyDocument,
}; // prettier-ignore
