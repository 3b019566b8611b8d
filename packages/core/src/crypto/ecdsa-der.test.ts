import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../errors/core-error.js';
import { derToP1363, p1363ToDer } from './ecdsa-der.js';

const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));

describe('ECDSA signature encoding', () => {
  it('round-trips every r || s of P-256 and P-384 sizes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(32, 48),
        fc.uint8Array({ minLength: 96, maxLength: 96 }),
        (size, pool) => {
          const raw = pool.subarray(0, size * 2);
          expect(derToP1363(p1363ToDer(raw), size)).toEqual(raw);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('uses the long length form when the body reaches 128 bytes (P-521-sized scalars)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 132, maxLength: 132 }), (raw) => {
        raw[0] = 0x01; // keep r at full width so the body exceeds 127 bytes
        const der = p1363ToDer(raw);
        expect(der[1]).toBe(0x81);
        expect(derToP1363(der, 66)).toEqual(raw);
      }),
    );
  });

  it('encodes and decodes zero as a one-byte INTEGER', () => {
    const zeros = new Uint8Array(64);
    expect(Buffer.from(p1363ToDer(zeros)).toString('hex')).toBe('3006020100020100');
    expect(derToP1363(hex('3006020100020100'), 32)).toEqual(zeros);
  });

  it('encodes minimal INTEGERs with a sign pad where the top bit is set', () => {
    const raw = new Uint8Array(64);
    raw[31] = 1; // r = 1
    raw[32] = 0x80; // s = 0x80 00 … 00
    const der = p1363ToDer(raw);
    // SEQUENCE(38) { INTEGER(1) 01, INTEGER(33) 00 80 00 … }
    expect(Buffer.from(der.subarray(0, 9)).toString('hex')).toBe('302602010102210080');
    expect(der.length).toBe(40);
  });

  it.each([
    ['empty', ''],
    ['not a SEQUENCE', '310602010102010a'],
    ['wrong SEQUENCE length', '300702010102010a'],
    ['long-form length', '30820006020101020101'],
    ['non-minimal long form length', '308106020101020101'],
    ['not an INTEGER', '300604010103010a'],
    ['zero-length INTEGER', '30050200020101'],
    ['negative INTEGER', '3006020181020101'],
    ['non-minimal INTEGER', '300702020001020101'],
    ['trailing bytes inside the SEQUENCE', '300702010102010100'],
    ['truncated', '30060201010201'],
    ['INTEGER longer than the curve', `3026022101${'ff'.repeat(32)}020101`],
  ])('refuses %s', (_what, der) => {
    expect(() => derToP1363(hex(der), 32)).toThrowWithCode(CoreError, 'CORE_SIGNATURE_INVALID');
  });
});
