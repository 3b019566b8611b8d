import { CoreError } from '../errors/core-error.js';

/**
 * ECDSA signatures travel as DER `SEQUENCE { INTEGER r, INTEGER s }` (X.509, TUF, most KMS
 * APIs); WebCrypto produces and expects the fixed-width `r || s` form (IEEE P1363). These two
 * functions convert between them. Decoding is strict DER: minimal lengths and integers, no
 * trailing bytes, so one signature has exactly one accepted encoding.
 */

/** `r || s` (each `size` bytes) → DER. */
export function p1363ToDer(signature: Uint8Array): Uint8Array {
  const size = signature.length / 2;
  const r = derInteger(signature.subarray(0, size));
  const s = derInteger(signature.subarray(size));
  const body = r.length + s.length;
  const head = body < 0x80 ? [0x30, body] : [0x30, 0x81, body];
  const out = new Uint8Array(head.length + body);
  out.set(head, 0);
  out.set(r, head.length);
  out.set(s, head.length + r.length);
  return out;
}

/**
 * DER → `r || s`, each left-padded to `size` bytes (32 for P-256, 48 for P-384).
 * @throws {CoreError} CORE_SIGNATURE_INVALID when the DER is malformed or not minimal
 */
export function derToP1363(der: Uint8Array, size: number): Uint8Array {
  const fail = (why: string): never => {
    throw new CoreError('CORE_SIGNATURE_INVALID', `malformed ECDSA signature: ${why}`);
  };
  let pos = 0;
  const byte = () => (pos < der.length ? (der[pos++] as number) : fail('truncated'));
  const length = () => {
    const first = byte();
    if (first < 0x80) return first;
    if (first !== 0x81) return fail('unsupported length form');
    const len = byte();
    return len < 0x80 ? fail('non-minimal length') : len;
  };
  if (byte() !== 0x30) fail('expected a SEQUENCE');
  if (length() !== der.length - pos) fail('SEQUENCE length does not match');
  const out = new Uint8Array(size * 2);
  for (const offset of [0, size]) {
    if (byte() !== 0x02) fail('expected an INTEGER');
    const len = length();
    if (len === 0 || pos + len > der.length) fail('bad INTEGER length');
    let value = der.subarray(pos, pos + len);
    pos += len;
    if ((value[0] as number) & 0x80) fail('negative INTEGER');
    if (value.length > 1 && value[0] === 0 && !((value[1] as number) & 0x80))
      fail('non-minimal INTEGER');
    if (value[0] === 0 && value.length > 1) value = value.subarray(1);
    if (value.length > size) fail('INTEGER too large for the curve');
    out.set(value, offset + size - value.length);
  }
  if (pos !== der.length) fail('trailing bytes');
  return out;
}

/** Minimal DER INTEGER for an unsigned big-endian value. */
function derInteger(value: Uint8Array): Uint8Array {
  let start = 0;
  while (start < value.length - 1 && value[start] === 0) start++;
  const trimmed = value.subarray(start);
  const pad = (trimmed[0] as number) & 0x80 ? 1 : 0;
  const out = new Uint8Array(2 + pad + trimmed.length);
  out[0] = 0x02;
  out[1] = pad + trimmed.length;
  out.set(trimmed, 2 + pad);
  return out;
}
