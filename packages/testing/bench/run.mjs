// seededRandom (test-only PRNG) beside WebCrypto's CSPRNG, 1 MiB at a time.
import { seededRandom } from '../dist/index.js';

function mbPerSecond(fn, ms = 1_000) {
  let bytes = 0;
  const start = performance.now();
  while (performance.now() - start < ms) bytes += fn().length;
  return bytes / 1e6 / ((performance.now() - start) / 1_000);
}

const random = seededRandom(1);
const buffer = new Uint8Array(65_536);
console.table([
  {
    generator: 'seededRandom(1).bytes(1 MiB)',
    'MB/s': mbPerSecond(() => random.bytes(1 << 20)).toFixed(0),
  },
  {
    generator: 'crypto.getRandomValues (reference, 64 KiB calls)',
    'MB/s': mbPerSecond(() => crypto.getRandomValues(buffer)).toFixed(0),
  },
]);
