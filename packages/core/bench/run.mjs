// Benchmarks of @cra-kit/core, each beside a reference measured in the same run.
// Run with `pnpm bench` (builds first); reads the built package, as users get it.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { assertNestingDepth, decodeUtf8Text, safeParseProductProfile } from '../dist/index.js';

const profile = parse(
  readFileSync(
    new URL('../../../examples/products/vibration-sensor.cra.product.yaml', import.meta.url),
    'utf8',
  ),
);

/** Runs `fn` repeatedly for about `ms` milliseconds; returns operations per second. */
function rate(fn, ms = 1_000) {
  for (let i = 0; i < 200; i++) fn(); // warm up
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (let i = 0; i < 100; i++) fn();
    n += 100;
  }
  return (n * 1_000) / (performance.now() - start);
}

const rows = [];
const row = (what, ours, reference, unit) =>
  rows.push({
    benchmark: what,
    ours: Math.round(ours),
    reference: Math.round(reference),
    unit,
    ratio: (ours / reference).toFixed(2),
  });

row(
  'validate the example profile (schema + Art. 7/8, 32, 13(8) rules) vs structuredClone of it',
  rate(() => safeParseProductProfile(profile)),
  rate(() => structuredClone(profile)),
  'profiles/s',
);

const text = 'a: b\n'.repeat(200_000); // 1 MB
const bytes = new TextEncoder().encode(text);
row(
  'decodeUtf8Text 1 MB (NUL scan + fatal UTF-8) vs TextDecoder alone',
  rate(() => decodeUtf8Text(bytes), 500) * (bytes.length / 1e6),
  rate(() => new TextDecoder().decode(bytes), 500) * (bytes.length / 1e6),
  'MB/s',
);

const wide = Array.from({ length: 10_000 }, (_, i) => ({
  id: i,
  tags: ['a', 'b'],
  nested: { x: i },
}));
row(
  'assertNestingDepth over 10,000 objects vs JSON.stringify of them',
  rate(() => assertNestingDepth(wide), 500),
  rate(() => JSON.stringify(wide), 500),
  'documents/s',
);

console.table(rows);
