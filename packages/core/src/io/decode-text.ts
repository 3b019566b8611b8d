import { CoreError } from '../errors/core-error.js';

/** Limits for reading untrusted documents; override per call. */
export const defaultInputLimits = Object.freeze({
  /** Largest document read, in bytes. A product profile is a few kilobytes. */
  maxBytes: 1024 * 1024,
  /** Deepest nesting of arrays/objects accepted. */
  maxDepth: 64,
});

/**
 * Decodes untrusted bytes as UTF-8 text, refusing what is not a text document: too large,
 * containing NUL bytes (binary data), or not valid UTF-8. A leading byte-order mark is dropped.
 *
 * @throws {CoreError} CORE_INPUT_TOO_LARGE, CORE_INPUT_MALFORMED
 */
export function decodeUtf8Text(
  bytes: Uint8Array,
  options: { maxBytes?: number; subject?: string } = {},
): string {
  const maxBytes = options.maxBytes ?? defaultInputLimits.maxBytes;
  const subject = options.subject ?? 'input';
  assertSize(bytes.byteLength, maxBytes, subject);
  if (bytes.includes(0)) {
    throw new CoreError('CORE_INPUT_MALFORMED', `${subject} is binary data, not a text document`, {
      details: { offset: bytes.indexOf(0) },
    });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch (cause) {
    throw new CoreError('CORE_INPUT_MALFORMED', `${subject} is not valid UTF-8 text`, { cause });
  }
}

/**
 * Refuses a document of `size` bytes when it exceeds `maxBytes`; call it before reading a file.
 * @throws {CoreError} CORE_INPUT_TOO_LARGE
 */
export function assertSize(size: number, maxBytes: number, subject = 'input'): void {
  // A NaN or negative limit would silently switch the guard off.
  if (!(maxBytes >= 0)) throw new RangeError(`maxBytes must be a number >= 0, got ${maxBytes}`);
  if (size > maxBytes) {
    throw new CoreError(
      'CORE_INPUT_TOO_LARGE',
      `${subject} is ${size} bytes, more than the limit of ${maxBytes}`,
      { details: { size, maxBytes } },
    );
  }
}

/**
 * Refuses a decoded value nested deeper than `maxDepth`, without recursion, so a hostile
 * document cannot exhaust the stack of whatever walks it next.
 * @throws {CoreError} CORE_INPUT_MALFORMED
 */
export function assertNestingDepth(
  value: unknown,
  maxDepth: number = defaultInputLimits.maxDepth,
  subject = 'input',
): void {
  if (!Number.isSafeInteger(maxDepth) || maxDepth < 0) {
    throw new RangeError(`maxDepth must be a whole number >= 0, got ${maxDepth}`);
  }
  const stack: [unknown, number][] = [[value, 0]];
  // Shared nodes (YAML aliases) are walked again only when reached deeper; a cycle keeps getting
  // deeper, so it ends at the limit.
  const deepest = new Map<object, number>();
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [node, depth] = next;
    if (typeof node !== 'object' || node === null || (deepest.get(node) ?? -1) >= depth) continue;
    if (depth >= maxDepth) {
      throw new CoreError(
        'CORE_INPUT_MALFORMED',
        `${subject} is nested deeper than ${maxDepth} levels`,
        {
          details: { maxDepth },
        },
      );
    }
    deepest.set(node, depth);
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
}
