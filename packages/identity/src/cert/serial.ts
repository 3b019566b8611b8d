import type { RandomSource } from '@cra-kit/core';

/** Bytes in a certificate serial: 126 random bits, well above RFC 5280's and CABF's 64. */
export const SERIAL_BYTES = 16;

/**
 * A random, positive certificate serial of {@link SERIAL_BYTES} bytes. The first byte is kept in
 * 0x01..0x7f so the DER INTEGER is positive and always the same length. @internal
 */
export function randomSerial(random: RandomSource): Uint8Array {
  const serial = random.bytes(SERIAL_BYTES);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x01;
  return serial;
}

/** Lower-case hex, as `openssl x509 -serial` prints (without leading zeros). @internal */
export function serialHex(serial: Uint8Array): string {
  return Array.from(serial, (b) => b.toString(16).padStart(2, '0')).join('');
}
