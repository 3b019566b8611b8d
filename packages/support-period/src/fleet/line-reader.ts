/** One line of a fleet file: its 1-based number and text, or why it could not be read. */
export type RawLine =
  | { readonly line: number; readonly text: string }
  | { readonly line: number; readonly problem: 'too-long' | 'not-utf8' };

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Splits a byte stream into lines with bounded memory: at most one line of `maxLineBytes` is
 * held; longer lines are skipped and reported. Accepts LF and CRLF.
 * @internal
 */
export async function* readLines(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  maxLineBytes: number,
): AsyncGenerator<RawLine> {
  let pending: Uint8Array[] = [];
  let pendingLength = 0;
  let overflow = false;
  let line = 0;
  const finish = (last: Uint8Array): RawLine => {
    line += 1;
    const tooLong = overflow || pendingLength + last.length > maxLineBytes;
    const bytes = tooLong ? undefined : concat(pending, pendingLength, last);
    pending = [];
    pendingLength = 0;
    overflow = false;
    if (bytes === undefined) return { line, problem: 'too-long' };
    try {
      const text = decoder.decode(bytes);
      return { line, text: text.endsWith('\r') ? text.slice(0, -1) : text };
    } catch {
      return { line, problem: 'not-utf8' }; // reported per line, the stream goes on
    }
  };
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
    let start = 0;
    for (;;) {
      const newline = bytes.indexOf(10, start);
      if (newline === -1) {
        const rest = bytes.subarray(start);
        if (!overflow && pendingLength + rest.length > maxLineBytes) {
          overflow = true;
          pending = [];
          pendingLength = 0;
        } else if (!overflow && rest.length > 0) {
          pending.push(rest.slice()); // copy: the caller may reuse its chunk buffer
          pendingLength += rest.length;
        }
        break;
      }
      yield finish(bytes.subarray(start, newline));
      start = newline + 1;
    }
  }
  if (pendingLength > 0 || overflow) yield finish(new Uint8Array(0));
}

function concat(parts: readonly Uint8Array[], length: number, last: Uint8Array): Uint8Array {
  if (parts.length === 0) return last;
  const out = new Uint8Array(length + last.length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  out.set(last, offset);
  return out;
}
