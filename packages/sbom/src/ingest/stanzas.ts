/**
 * Splits a Debian-control-style file (dpkg status, apk installed db) into stanzas of fields.
 * Continuation lines (starting with a space or tab) are appended to the previous field.
 * @internal
 */
export function* controlStanzas(
  text: string,
  separator: ':' | 'apk',
): Generator<Map<string, string>> {
  let fields = new Map<string, string>();
  let last: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') {
      if (fields.size > 0) yield fields;
      fields = new Map();
      last = undefined;
      continue;
    }
    if (separator === ':' && (line.startsWith(' ') || line.startsWith('\t'))) {
      if (last !== undefined) fields.set(last, `${fields.get(last) ?? ''}\n${line.slice(1)}`);
      continue;
    }
    const at = line.indexOf(':');
    if (at <= 0) continue;
    const key = line.slice(0, at);
    const value = line.slice(at + 1).trim();
    // apk repeats no keys we use; dpkg has none. The first occurrence wins.
    if (!fields.has(key)) fields.set(key, value);
    last = key;
  }
  if (fields.size > 0) yield fields;
}

/** `Jane Doe <jane@example.org>` → name and email. @internal */
export function splitPerson(value: string | undefined): { name?: string; email?: string } {
  if (value === undefined || value === '') return {};
  const match = /^(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(value);
  if (match === null) return { name: value };
  return { ...(match[1] ? { name: match[1] } : {}), email: match[2] ?? '' };
}
