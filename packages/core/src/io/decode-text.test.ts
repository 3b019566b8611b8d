import { describe, expect, it } from 'vitest';
import {
  CoreError,
  assertNestingDepth,
  assertSize,
  decodeUtf8Text,
  defaultInputLimits,
} from '@cra-kit/core';
import { thrown } from '../../test/fixtures/errors.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** `levels` arrays nested inside each other around `leaf`. */
function nested(levels: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

describe('defaultInputLimits', () => {
  it('is 1 MiB and 64 levels, and cannot be changed by a caller', () => {
    expect(defaultInputLimits).toEqual({ maxBytes: 1024 * 1024, maxDepth: 64 });
    expect(Object.isFrozen(defaultInputLimits)).toBe(true);
  });
});

describe('decodeUtf8Text', () => {
  it('decodes UTF-8 text, including multi-byte characters', () => {
    const text = 'schemaVersion: 1\nunit: m/s² at 20 °C — ✓ 😀\n';
    expect(decodeUtf8Text(utf8(text))).toBe(text);
  });

  it('decodes an empty document', () => {
    expect(decodeUtf8Text(new Uint8Array(0))).toBe('');
  });

  it('drops a leading byte-order mark, and only the first one', () => {
    const bom = [0xef, 0xbb, 0xbf];
    expect(decodeUtf8Text(new Uint8Array([...bom, 0x61]))).toBe('a');
    expect(decodeUtf8Text(new Uint8Array([...bom, ...bom, 0x61]))).toBe('\uFEFFa');
    expect(decodeUtf8Text(new Uint8Array([0x61, ...bom]))).toBe('a\uFEFF');
  });

  it('accepts a document of exactly maxBytes and refuses one byte more', () => {
    expect(decodeUtf8Text(utf8('abcd'), { maxBytes: 4 })).toBe('abcd');
    expect(() => decodeUtf8Text(utf8('abcde'), { maxBytes: 4 })).toThrowWithCode(
      CoreError,
      'CORE_INPUT_TOO_LARGE',
    );
  });

  it('refuses a document over the default limit of 1 MiB', () => {
    const bytes = new Uint8Array(defaultInputLimits.maxBytes + 1).fill(0x61);
    const error = thrown(() => decodeUtf8Text(bytes, { subject: 'cra.product.yaml' }));
    expect(error).toBeErrorWithCode(CoreError, 'CORE_INPUT_TOO_LARGE');
    expect((error as CoreError).details).toEqual({
      size: defaultInputLimits.maxBytes + 1,
      maxBytes: defaultInputLimits.maxBytes,
    });
    expect(decodeUtf8Text(bytes.subarray(1))).toHaveLength(defaultInputLimits.maxBytes);
  });

  it('refuses binary data (a NUL byte) and says where it is', () => {
    const error = thrown(() => decodeUtf8Text(new Uint8Array([0x61, 0x62, 0x00, 0x63, 0x00])));
    expect(error).toBeErrorWithCode(CoreError, 'CORE_INPUT_MALFORMED');
    expect((error as CoreError).details).toEqual({ offset: 2 });
  });

  it.each([
    ['a lone continuation byte', [0x61, 0x80]],
    ['a truncated 2-byte sequence', [0xc3]],
    ['a truncated 3-byte sequence', [0xe2, 0x82]],
    ['an overlong encoding of "/"', [0xc0, 0xaf]],
    ['an overlong encoding of NUL', [0xc0, 0x80]],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['an invalid byte 0xFF', [0xff]],
    ['Latin-1 text', [0x53, 0x74, 0x72, 0x61, 0xdf, 0x65]],
  ])('refuses invalid UTF-8: %s', (_, bytes) => {
    const error = thrown(() => decodeUtf8Text(new Uint8Array(bytes)));
    expect(error).toBeErrorWithCode(CoreError, 'CORE_INPUT_MALFORMED');
    expect((error as CoreError).cause).toBeInstanceOf(TypeError);
  });

  it('refuses UTF-16 text (with its BOM) as not UTF-8', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, 0x61, 0x00]);
    expect(() => decodeUtf8Text(utf16)).toThrowWithCode(CoreError, 'CORE_INPUT_MALFORMED');
  });
});

describe('assertSize', () => {
  it('accepts sizes up to the limit', () => {
    expect(() => {
      assertSize(0, 0);
    }).not.toThrow();
    expect(() => {
      assertSize(100, 100);
    }).not.toThrow();
  });

  it('refuses a size over the limit', () => {
    const error = thrown(() => {
      assertSize(101, 100);
    });
    expect(error).toBeErrorWithCode(CoreError, 'CORE_INPUT_TOO_LARGE');
    expect((error as CoreError).details).toEqual({ size: 101, maxBytes: 100 });
    expect(() => {
      assertSize(101, 100, 'cra.product.yaml');
    }).toThrowWithCode(CoreError, 'CORE_INPUT_TOO_LARGE');
  });

  // A limit that is not a number (e.g. Number(process.env.MAX_BYTES) when the variable is unset)
  // must not switch the guard off: every comparison with NaN is false.
  it('refuses a limit that is not a number instead of reading everything', () => {
    expect(() => {
      assertSize(10 ** 9, Number.NaN);
    }).toThrow(RangeError);
    expect(() => decodeUtf8Text(utf8('abc'), { maxBytes: Number.NaN })).toThrow(RangeError);
  });
});

describe('assertNestingDepth', () => {
  it('accepts scalars at any limit', () => {
    for (const value of [null, undefined, 1, 'a', true]) {
      expect(() => {
        assertNestingDepth(value, 0);
      }).not.toThrow();
    }
  });

  it('counts each array or object as one level: maxDepth levels pass, one more fails', () => {
    expect(() => {
      assertNestingDepth(nested(3), 3);
    }).not.toThrow();
    expect(() => {
      assertNestingDepth(nested(4), 3);
    }).toThrowWithCode(CoreError, 'CORE_INPUT_MALFORMED');
    expect(() => {
      assertNestingDepth({}, 0);
    }).toThrowWithCode(CoreError, 'CORE_INPUT_MALFORMED');
    expect(() => {
      assertNestingDepth({ a: { b: { c: 1 } } }, 3);
    }).not.toThrow();
    expect(() => {
      assertNestingDepth({ a: { b: { c: {} } } }, 3);
    }).toThrowWithCode(CoreError, 'CORE_INPUT_MALFORMED');
  });

  it('uses 64 levels by default', () => {
    expect(() => {
      assertNestingDepth(nested(64));
    }).not.toThrow();
    const error = thrown(() => {
      assertNestingDepth(nested(65));
    });
    expect(error).toBeErrorWithCode(CoreError, 'CORE_INPUT_MALFORMED');
    expect((error as CoreError).details).toEqual({ maxDepth: 64 });
    expect(() => {
      assertNestingDepth(nested(65), 64, 'YAML document');
    }).toThrowWithCode(CoreError, 'CORE_INPUT_MALFORMED');
  });

  it('finds the deep branch anywhere, not only the first or last child', () => {
    const value = { a: 1, b: [2, 3], c: { d: nested(10) }, e: 'x' };
    expect(() => {
      assertNestingDepth(value, 12);
    }).not.toThrow();
    expect(() => {
      assertNestingDepth(value, 11);
    }).toThrowWithCode(CoreError, 'CORE_INPUT_MALFORMED');
  });

  it('walks a hostile depth without recursion (no stack overflow)', () => {
    expect(() => {
      assertNestingDepth(nested(1_000_000));
    }).toThrowWithCode(CoreError, 'CORE_INPUT_MALFORMED');
  });

  it('refuses a cyclic value instead of hanging', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = cyclic;
    expect(() => {
      assertNestingDepth(cyclic);
    }).toThrowWithCode(CoreError, 'CORE_INPUT_MALFORMED');
    const list: unknown[] = [];
    list.push({ back: list });
    expect(() => {
      assertNestingDepth(list);
    }).toThrowWithCode(CoreError, 'CORE_INPUT_MALFORMED');
  });

  it('walks shared sub-objects (YAML aliases) in polynomial, not exponential, time', () => {
    // Each level holds the level below twice: 2^60 paths, 61 distinct nodes.
    let doubled: unknown = { leaf: true };
    for (let i = 0; i < 60; i++) doubled = [doubled, doubled];
    const started = performance.now();
    expect(() => {
      assertNestingDepth(doubled);
    }).not.toThrow();

    // The same node reached at different depths must still be measured at the deepest one.
    let ladder: unknown = 1;
    for (let i = 0; i < 31; i++) ladder = [ladder, [ladder]]; // 62 levels at the deepest
    expect(() => {
      assertNestingDepth(ladder, 62);
    }).not.toThrow();
    expect(() => {
      assertNestingDepth(ladder, 61);
    }).toThrowWithCode(CoreError, 'CORE_INPUT_MALFORMED');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses a limit that is not a number instead of accepting any depth', () => {
    expect(() => {
      assertNestingDepth(nested(1000), Number.NaN);
    }).toThrow(RangeError);
  });
});
