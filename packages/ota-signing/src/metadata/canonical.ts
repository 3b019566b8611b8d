import { canonicalize } from '@tufjs/canonical-json';

const encoder = new TextEncoder();

/**
 * The bytes TUF signs: the OLPC canonical JSON of `value` (sorted keys, no whitespace, only
 * `"` and `\` escaped), UTF-8 encoded. The same function python-tuf, go-tuf and tuf-js use.
 */
export function canonicalBytes(value: unknown): Uint8Array {
  return encoder.encode(canonicalize(value));
}
