// Benchmark of @cra-kit/docs-generator, beside a reference measured in the same run.
// Run with `pnpm bench` after `pnpm build`; reads the built package, as users get it.
// Target (issue 7): the full document set for the worked example in under one second without PDF.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { generateDocumentSet, loadProductInputs } from '../dist/index.js';

const examples = new URL('../../../examples/products/', import.meta.url).pathname;
const product = `${examples}vibration-sensor.cra.product.yaml`;
const evidence = `${examples}vibration-sensor.evidence/evidence.yaml`;

/** Median of `runs` timings of `fn`, in milliseconds. */
async function median(fn, runs = 15) {
  await fn(); // warm up
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)];
}

// Ours: read + hash + check every evidence file, analyse every requirement, and render all five
// documents and the gap analysis in Markdown and HTML, in English and German (24 files).
const ours = await median(async () => {
  const inputs = await loadProductInputs({ product, evidence });
  generateDocumentSet({ ...inputs, languages: ['en', 'de'] });
});
// Reference: just reading and YAML-parsing the same profile and risk assessment, no checks.
const reference = await median(async () => {
  parse(await readFile(product, 'utf8'));
  parse(await readFile(`${examples}vibration-sensor.risk-assessment.yaml`, 'utf8'));
});

console.table([
  {
    benchmark: 'full document set for the example (en+de, md+html), incl. evidence hashing',
    ours_ms: ours.toFixed(1),
    reference_ms: reference.toFixed(1),
    reference: 'read + YAML-parse profile and risk assessment only',
    budget_ms: 1000,
    within_budget: ours < 1000,
  },
]);
if (ours >= 1000) process.exitCode = 1;
