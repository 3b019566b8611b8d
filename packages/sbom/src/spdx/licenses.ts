import { SPDX } from '@cyclonedx/cyclonedx-library';
import type { LicenseChoice } from '../model/schema.js';

// A whole SPDX expression: ids (with optional +) joined by AND/OR/WITH, parentheses allowed.
const SPDX_EXPRESSION = /^\(?[A-Za-z0-9.-]+\+?\)?(\s+(AND|OR|WITH)\s+\(?[A-Za-z0-9.-]+\+?\)?)*$/;

/** A licence name as an SPDX `LicenseRef-` id: letters, digits, `.` and `-` only. */
export const licenseRef = (name: string) =>
  `LicenseRef-${name.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'unnamed'}`;

type LicenseFields = { id?: string; name?: string; acknowledgement?: unknown };
const licenseOf = (c: LicenseChoice): LicenseFields | undefined =>
  'license' in c && typeof c.license === 'object' && c.license !== null ? c.license : undefined;

/** The SPDX expression of one CycloneDX licence choice, and the names that need a LicenseRef. */
function expressionOf(choice: LicenseChoice): { expression: string; named?: string } | undefined {
  if ('expression' in choice && typeof choice.expression === 'string') {
    return SPDX_EXPRESSION.test(choice.expression.trim()) ? { expression: choice.expression.trim() } : undefined;
  }
  const license = licenseOf(choice);
  if (license === undefined) return undefined;
  const { id, name } = license;
  if (id !== undefined && SPDX.isSupportedSpdxId(id)) return { expression: id };
  if (name !== undefined && SPDX.isSupportedSpdxId(name.trim())) return { expression: name.trim() };
  if (name !== undefined && /^LicenseRef-[A-Za-z0-9.-]+$/.test(name.trim())) return { expression: name.trim() };
  return name === undefined || name.trim() === '' ? undefined : { expression: licenseRef(name), named: name };
} // prettier-ignore

const acknowledgementOf = (c: LicenseChoice) =>
  licenseOf(c)?.acknowledgement ?? ('acknowledgement' in c ? c.acknowledgement : undefined);

/**
 * Splits CycloneDX licences into SPDX 2.3's declared and concluded expressions (entries without
 * an acknowledgement count as declared, as CycloneDX 1.5 and earlier wrote them), and lists the
 * licence names that became `LicenseRef-` ids, which the document must then define.
 * @internal
 */
export function spdxLicenses(choices: readonly LicenseChoice[] = []): {
  declared?: string;
  concluded?: string;
  named: Map<string, string>;
} {
  const named = new Map<string, string>();
  const join = (kind: 'declared' | 'concluded') => {
    const parts = choices
      .filter((c) => (acknowledgementOf(c) ?? 'declared') === kind)
      .flatMap((c) => {
        const e = expressionOf(c);
        if (e?.named !== undefined) named.set(e.expression, e.named);
        return e === undefined ? [] : [e.expression];
      });
    // Every LicenseRef an expression uses must be defined in the document.
    for (const ref of parts.join(' ').match(/LicenseRef-[A-Za-z0-9.-]+/g) ?? []) {
      if (!named.has(ref)) named.set(ref, ref.slice('LicenseRef-'.length));
    }
    const unique = [...new Set(parts)];
    if (unique.length === 0) return undefined;
    return unique.length === 1
      ? unique[0]
      : unique.map((p) => (/\s/.test(p) ? `(${p})` : p)).join(' AND ');
  };
  const declared = join('declared');
  const concluded = join('concluded');
  return { ...(declared ? { declared } : {}), ...(concluded ? { concluded } : {}), named };
}
