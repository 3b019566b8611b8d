// `cra validate` end to end (process start, read, YAML, schema, rules) beside the bare start-up
// of Node on the same machine in the same run: what the command adds on top of its runtime.
import { execFileSync } from 'node:child_process';

const bin = new URL('../dist/bin.js', import.meta.url).pathname;
const profile = new URL(
  '../../../examples/products/vibration-sensor.cra.product.yaml',
  import.meta.url,
).pathname;

function median(fn, runs = 15) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

const ours = median(() => execFileSync(process.execPath, [bin, 'validate', profile, '--json']));
const nodeOnly = median(() => execFileSync(process.execPath, ['-e', '']));
console.table([
  { benchmark: 'cra validate example (median of 15)', ms: ours.toFixed(1) },
  { benchmark: 'node -e "" (reference: runtime start-up)', ms: nodeOnly.toFixed(1) },
  { benchmark: 'added by cra', ms: (ours - nodeOnly).toFixed(1) },
]);
