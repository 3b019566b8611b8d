// Renders an error-code table from a package's `*_ERROR_CODES` object: the codes and the TSDoc
// comment above each, read from the source file (comments do not survive the build).
import { code, fragment, table, text } from './markdown.mjs';

const ENTRY = /\/\*\*([\s\S]*?)\*\/\s*([A-Z][A-Z0-9_]*)\s*:\s*'([A-Z0-9_]+)'/g;
const ANY_ENTRY = /^\s*([A-Z][A-Z0-9_]*)\s*:\s*'[A-Z0-9_]+'/gm;

/**
 * @param {string} source - Text of the file that declares the codes object.
 * @param {string} objectName - e.g. `CORE_ERROR_CODES`.
 * @param {readonly string[] | undefined} expected - The codes the built package exports, when
 *   available, to check the source against.
 * @returns {{ markdown: string, codes: string[], problems: string[] }}
 */
export function renderErrorCodes(source, objectName, expected) {
  const problems = [];
  const start = source.indexOf(`export const ${objectName} = {`);
  const end = start === -1 ? -1 : source.indexOf('} as const', start);
  if (start === -1 || end === -1) {
    return { markdown: '', codes: [], problems: [`cannot find ${objectName} = { … } as const`] };
  }
  const body = source.slice(start, end);
  const documented = [...body.matchAll(ENTRY)].map(([, comment, key, value]) => ({
    key,
    value,
    description: comment
      .split('\n')
      .map((l) => l.replace(/^\s*\*?\s?/, '').trim())
      .filter(Boolean)
      .join(' '),
  }));
  const all = [...body.matchAll(ANY_ENTRY)].map(([, key]) => key);
  const seen = new Set(documented.map((d) => d.key));
  for (const key of all)
    if (!seen.has(key)) problems.push(`${objectName}.${key} has no doc comment`);
  for (const d of documented) {
    if (d.key !== d.value) problems.push(`${objectName}.${d.key} has the value ${d.value}`);
  }
  if (all.length === 0) problems.push(`${objectName} declares no codes`);
  if (expected !== undefined) {
    const missing = expected.filter((c) => !seen.has(c));
    if (missing.length > 0)
      problems.push(`${objectName}: not documented in source: ${missing.join(', ')}`);
  }
  const rows = documented.map((d) => [code(d.key), text(d.description)]);
  return { markdown: fragment(table(['Code', 'Meaning'], rows)), codes: all, problems };
}
