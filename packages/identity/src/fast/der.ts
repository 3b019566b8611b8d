/**
 * The few DER primitives the fast issuance path needs: a strict TLV reader that answers
 * `undefined` instead of guessing (the caller then defers to the `@peculiar/asn1-*` path), and
 * a writer for the fields we fill into pre-encoded templates. Single-byte tags and definite,
 * minimal lengths only. @internal
 */

/** One TLV: `start` is its first header byte, `body` its first content byte, `end` one past it. */
export interface Tlv {
  readonly tag: number;
  readonly start: number;
  readonly body: number;
  readonly end: number;
}

/** Reads the TLV at `offset`, which must end at or before `limit`; `undefined` unless strict DER. */
export function readTlv(der: Uint8Array, offset: number, limit: number): Tlv | undefined {
  if (offset + 2 > limit) return undefined;
  const tag = der[offset] as number;
  if ((tag & 0x1f) === 0x1f) return undefined; // multi-byte tag numbers: never in what we read
  const first = der[offset + 1] as number;
  let length = first;
  let body = offset + 2;
  if (first >= 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 3 || body + count > limit) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (der[body + i] as number);
    body += count;
    // Minimal: long form only from 128 on, and no leading zero length octet.
    if (length < 0x80 || der[offset + 2] === 0) return undefined;
  }
  const end = body + length;
  return end > limit ? undefined : { tag, start: offset, body, end };
}

/** The DER length octets of `n`. */
export function derLength(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  if (n < 0x100) return Uint8Array.of(0x81, n);
  if (n < 0x10000) return Uint8Array.of(0x82, n >> 8, n & 0xff);
  return Uint8Array.of(0x83, n >> 16, (n >> 8) & 0xff, n & 0xff);
}

/** `tag || length || parts…`. */
export function tlv(tag: number, ...parts: readonly Uint8Array[]): Uint8Array {
  let size = 0;
  for (const p of parts) size += p.length;
  const length = derLength(size);
  const out = new Uint8Array(1 + length.length + size);
  out[0] = tag;
  out.set(length, 1);
  let at = 1 + length.length;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** DER of an OBJECT IDENTIFIER in dotted form (already validated by the caller's schema). */
export function derOid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(Number);
  const bytes: number[] = [];
  const push = (value: number) => {
    const septets = [value & 0x7f];
    for (let v = Math.floor(value / 128); v > 0; v = Math.floor(v / 128))
      septets.unshift((v & 0x7f) | 0x80);
    bytes.push(...septets);
  };
  push((arcs[0] ?? 0) * 40 + (arcs[1] ?? 0));
  for (const arc of arcs.slice(2)) push(arc);
  return tlv(0x06, Uint8Array.from(bytes));
}

const encoder = new TextEncoder();
/** UTF8String (0x0c) or PrintableString (0x13) of text. */
export const derString = (tag: 0x0c | 0x13, text: string) => tlv(tag, encoder.encode(text));

const two = (n: number) => String(n).padStart(2, '0');
/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050; whole seconds, `Z`. */
export function derTime(date: Date): Uint8Array {
  const y = date.getUTCFullYear();
  const rest = `${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}Z`;
  return y > 2049 ? tlv(0x18, encoder.encode(`${y}${rest}`)) : tlv(0x17, encoder.encode(`${two(y % 100)}${rest}`));
} // prettier-ignore

/** Equal bytes (public data only: not constant-time). */
export function sameBytes(a: Uint8Array, b: Uint8Array, at = 0): boolean {
  if (at + b.length > a.length) return false;
  for (let i = 0; i < b.length; i++) if (a[at + i] !== b[i]) return false;
  return true;
}
