import { IdentityError, type IdentityErrorCode } from '../errors.js';

/** PEM-encodes DER with the given label (`CERTIFICATE`, `X509 CRL`, …). */
export function toPem(der: Uint8Array, label: string): string {
  const b64 = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([A-Za-z0-9+/=\r\n]*?)-----END \1-----/g;

/**
 * Every PEM block with `label` in `text`, as DER, in order.
 * @throws {IdentityError} `code` when there is none
 */
export function fromPemAll(text: string, label: string, code: IdentityErrorCode): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const m of text.matchAll(BLOCK)) {
    if (m[1] === label)
      out.push(new Uint8Array(Buffer.from((m[2] ?? '').replace(/\s+/g, ''), 'base64')));
  }
  if (out.length === 0) throw new IdentityError(code, `no PEM block "${label}" found`);
  return out;
}

/** The single PEM block with `label`, or DER bytes passed through. */
export function derOf(
  input: string | Uint8Array,
  label: string,
  code: IdentityErrorCode,
): Uint8Array {
  if (typeof input !== 'string') {
    // PEM handed over as bytes: decode it; anything else is taken as DER.
    if (input.length > 10 && input[0] === 0x2d)
      return derOf(new TextDecoder().decode(input), label, code);
    return input;
  }
  const all = fromPemAll(input, label, code);
  if (all.length !== 1) throw new IdentityError(code, `expected one PEM block "${label}"`);
  return all[0] as Uint8Array;
}
