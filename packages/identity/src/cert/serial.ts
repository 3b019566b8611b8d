import { randomFillSync } from 'node:crypto';
import { secureRandom, type RandomSource } from '@cra-kit/core';

/** Bytes in a certificate serial: 126 random bits, well above RFC 5280's and CABF's 64. */
export const SERIAL_BYTES = 16;

/**
 * A random, positive certificate serial of {@link SERIAL_BYTES} bytes. The first byte is kept in
 * 0x01..0x7f so the DER INTEGER is positive and always the same length. @internal
 */
export function randomSerial(random: RandomSource): Uint8Array {
  const serial = random === secureRandom ? pooledSecureBytes() : random.bytes(SERIAL_BYTES);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x01;
  return serial;
}

/** Lower-case hex, as `openssl x509 -serial` prints (without leading zeros). @internal */
export function serialHex(serial: Uint8Array): string {
  return Buffer.from(serial.buffer, serial.byteOffset, serial.byteLength).toString('hex');
}

// With the default CSPRNG, serials are cut from a pool refilled by randomFillSync 4 KiB at a
// time (as node:crypto's randomUUID does): one system call per 256 certificates, not per one.
const pool = new Uint8Array(4096);
let poolAt = pool.length;
function pooledSecureBytes(): Uint8Array {
  if (poolAt + SERIAL_BYTES > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const out = pool.slice(poolAt, poolAt + SERIAL_BYTES);
  pool.fill(0, poolAt, poolAt + SERIAL_BYTES); // a serial is public, but never hand out bytes twice
  poolAt += SERIAL_BYTES;
  return out;
}
