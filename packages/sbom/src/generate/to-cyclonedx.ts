import { SPDX } from '@cyclonedx/cyclonedx-library';
import type { CdxComponent, LicenseChoice, Property } from '../model/schema.js';
import type { MergedComponent } from './merge.js';

// A whole SPDX expression: ids (with optional +) joined by AND/OR/WITH, parentheses allowed.
const SPDX_EXPRESSION = /^\(?[A-Za-z0-9.-]+\+?\)?(\s+(AND|OR|WITH)\s+\(?[A-Za-z0-9.-]+\+?\)?)*$/;

/**
 * Licences as CycloneDX 1.6 licence choices. The schema allows either one SPDX `expression` or
 * any number of `license` objects, so a lone expression stays one; otherwise each entry becomes a
 * `license` with its SPDX `id` when it is one, else its `name`.
 */
export function toLicenses(entries: readonly { text: string; acknowledgement: 'declared' | 'concluded' }[]): LicenseChoice[] {
  const only = entries.length === 1 ? entries[0] : undefined;
  if (only !== undefined && !SPDX.isSupportedSpdxId(only.text.trim()) && SPDX_EXPRESSION.test(only.text.trim())) {
    return [{ expression: only.text.trim(), acknowledgement: only.acknowledgement }];
  }
  return entries.map(({ text, acknowledgement }) => {
    const id = text.trim();
    return { license: SPDX.isSupportedSpdxId(id) ? { id, acknowledgement } : { name: text, acknowledgement } };
  });
} // prettier-ignore

/** BSI TR-03183-2 property names (the `bsi:` namespace of the CycloneDX property taxonomy). */
export const BSI_PROPERTIES = {
  filename: 'bsi:component:filename',
  executable: 'bsi:component:executable',
  archive: 'bsi:component:archive',
  structured: 'bsi:component:structured',
} as const;

/** The property the generator records each component's inputs in. */
export const SOURCE_PROPERTY = 'cra-kit:sbom:source';

/** One merged component as a CycloneDX component with the given `bom-ref`. */
export function toCdxComponent(c: MergedComponent, ref: string): CdxComponent {
  const hashes = [
    ...(c.sha256 ? [{ alg: 'SHA-256', content: c.sha256 }] : []),
    ...(c.sha512 ? [{ alg: 'SHA-512', content: c.sha512 }] : []),
  ];
  const properties: Property[] = [
    ...(c.filename ? [{ name: BSI_PROPERTIES.filename, value: c.filename }] : []),
    ...(c.executable !== undefined ? [{ name: BSI_PROPERTIES.executable, value: c.executable ? 'executable' : 'non-executable' }] : []),
    ...(c.archive !== undefined ? [{ name: BSI_PROPERTIES.archive, value: c.archive ? 'archive' : 'no archive' }] : []),
    ...(c.structured !== undefined ? [{ name: BSI_PROPERTIES.structured, value: c.structured ? 'structured' : 'unstructured' }] : []),
    ...c.sources.map((s) => ({ name: SOURCE_PROPERTY, value: s })),
  ];
  const externalReferences = [
    ...(c.homepage ? [{ type: 'website', url: c.homepage }] : []),
    ...(c.sourceUrl ? [{ type: 'source-distribution', url: c.sourceUrl }] : []),
    ...(c.downloadUrl ? [{ type: 'distribution', url: c.downloadUrl, ...(hashes.length > 0 ? { hashes } : {}) }] : []),
  ];
  const licenses = toLicenses([
    ...c.licenses.map((text) => ({ text, acknowledgement: 'declared' as const })),
    ...(c.concludedLicense ? [{ text: c.concludedLicense, acknowledgement: 'concluded' as const }] : []),
  ]);
  const supplier =
    c.supplier || c.supplierUrl || c.supplierEmail
      ? {
          ...(c.supplier ? { name: c.supplier } : {}),
          ...(c.supplierUrl ? { url: [c.supplierUrl] } : {}),
          ...(c.supplierEmail ? { contact: [{ email: c.supplierEmail }] } : {}),
        }
      : undefined;
  return {
    'bom-ref': ref,
    type: c.type,
    name: c.name,
    ...(c.version ? { version: c.version } : {}),
    ...(supplier ? { supplier } : {}),
    ...(c.description ? { description: c.description } : {}),
    ...(hashes.length > 0 ? { hashes } : {}),
    ...(licenses.length > 0 ? { licenses } : {}),
    ...(c.cpe ? { cpe: c.cpe } : {}),
    ...(c.purl ? { purl: c.purl } : {}),
    ...(externalReferences.length > 0 ? { externalReferences } : {}),
    ...(properties.length > 0 ? { properties } : {}),
  };
} // prettier-ignore
