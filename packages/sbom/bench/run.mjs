// Benchmarks of @cra-kit/sbom, each beside the time JSON.parse alone needs for the same bytes
// (our floor). Run with `pnpm --filter @cra-kit/sbom bench` after a build; reads dist/, as users
// get it. Each phase runs in a child process of its own, so its peak RSS is its own, and runs
// three times: the first run is cold (what one CLI call costs), the median is steady state.
//   node bench/run.mjs           every phase, as a table
//   node bench/run.mjs <phase>   one phase, as JSON (generate, validate, parse, scan, scan-stream)
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  AdvisoryIndex,
  fromOsvRecord,
  generateSbom,
  matchSbom,
  parseBom,
  schemaViolations,
  serializeBom,
} from '../dist/index.js';

const COMPONENTS = 10_000;
const ADVISORIES = 100_000;
const RUNS = 3;
const hex = (n, len) =>
  n
    .toString(16)
    .padStart(len, '0')
    .slice(-len)
    .repeat(Math.ceil(len / 8))
    .slice(0, len);

// Synthetic ingest result of realistic shape: npm packages with purl, supplier, licence,
// SHA-512, download URL and a few dependencies each.
const component = (i) => ({
  name: `pkg-${i}`,
  version: `${i % 7}.${i % 13}.${i % 5}`,
  type: 'library',
  supplier: `Supplier ${i % 97}`,
  supplierEmail: `oss${i % 97}@example.org`,
  purl: `pkg:npm/pkg-${i}@${i % 7}.${i % 13}.${i % 5}`,
  licenses: [i % 3 === 0 ? 'MIT' : 'Apache-2.0'],
  sha512: hex(i + 1, 128),
  downloadUrl: `https://registry.npmjs.org/pkg-${i}/-/pkg-${i}.tgz`,
  filename: `pkg-${i}.tgz`,
  dependsOn: [`pkg-${(i * 7 + 1) % COMPONENTS}`, `pkg-${(i * 13 + 2) % COMPONENTS}`],
  topLevel: i < 50,
});

// OSV records of realistic shape; one in ten names a component of the SBOM.
const record = (i) => ({
  schema_version: '1.6.0',
  id: `GHSA-bench-${i}`,
  modified: '2026-01-01T00:00:00Z',
  aliases: [`CVE-2026-${10000 + i}`],
  summary: `Synthetic advisory ${i}`,
  affected: [
    {
      package: { ecosystem: 'npm', name: i % 10 === 0 ? `pkg-${(i / 10) % COMPONENTS}` : `other-${i}` },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: `${i % 7}.${(i % 13) + 1}.0` }] }],
    },
  ],
  references: [{ type: 'ADVISORY', url: `https://example.org/advisories/${i}` }],
}); // prettier-ignore

const sbomText = () =>
  serializeBom(
    generateSbom({ inputs: [{ source: 'bench', components: Array.from({ length: COMPONENTS }, (_, i) => component(i)) }] }),
  ); // prettier-ignore

/** Each phase: `setup` builds its input (not timed), `run` is timed, `floor` is JSON.parse. */
const PHASES = {
  generate: {
    label: `generate ${COMPONENTS} components + serialize`,
    setup: () => ({ components: Array.from({ length: COMPONENTS }, (_, i) => component(i)) }),
    run: ({ components }) => serializeBom(generateSbom({ inputs: [{ source: 'bench', components }] })),
    floor: ({ text }) => JSON.parse(text),
    bytes: ({ text }) => text.length,
    after: (input, text) => Object.assign(input, { text }),
  },
  validate: {
    label: 'strict schema validation (library schema, linear uniqueItems)',
    setup: () => ({ text: sbomText() }),
    run: async ({ text }) => {
      if ((await schemaViolations(text)).length > 0) throw new Error('not schema-valid');
    },
    floor: ({ text }) => JSON.parse(text),
    bytes: ({ text }) => text.length,
  },
  parse: {
    label: 'parseBom (limits + zod model + integrity)',
    setup: () => ({ text: sbomText() }),
    run: ({ text }) => parseBom(text),
    floor: ({ text }) => JSON.parse(text),
    bytes: ({ text }) => text.length,
  },
  scan: {
    label: `scan ${COMPONENTS} x ${ADVISORIES} advisories, one JSON array (parse + normalise + match)`,
    setup: () => ({ text: sbomText(), advisories: JSON.stringify(Array.from({ length: ADVISORIES }, (_, i) => record(i))) }),
    run: ({ text, advisories }) => matchSbom(parseBom(text), { advisories: JSON.parse(advisories).map(fromOsvRecord) }).length,
    floor: ({ text, advisories }) => [JSON.parse(advisories), JSON.parse(text)],
    bytes: ({ text, advisories }) => text.length + advisories.length,
  },
  'scan-stream': {
    label: `scan ${COMPONENTS} x ${ADVISORIES} advisories, one record at a time into an index`,
    // Records are made as they are read, like files of a directory or entries of OSV's all.zip.
    setup: () => ({ text: sbomText() }),
    run: ({ text }) => {
      const index = new AdvisoryIndex();
      for (let i = 0; i < ADVISORIES; i++) index.add(fromOsvRecord(JSON.parse(JSON.stringify(record(i)))));
      return matchSbom(parseBom(text), { advisories: index }).length;
    },
    floor: ({ text }) => {
      for (let i = 0; i < ADVISORIES; i++) JSON.parse(JSON.stringify(record(i)));
      return JSON.parse(text);
    },
    bytes: ({ text }) => text.length + ADVISORIES * JSON.stringify(record(0)).length,
  },
}; // prettier-ignore

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function runPhase(name) {
  const phase = PHASES[name];
  const input = phase.setup();
  const times = [];
  const floors = [];
  let result;
  for (let r = 0; r < RUNS; r++) {
    let t0 = performance.now();
    result = await phase.run(input);
    times.push(performance.now() - t0);
    phase.after?.(input, result);
    t0 = performance.now();
    phase.floor(input);
    floors.push(performance.now() - t0);
  }
  return {
    phase: name,
    label: phase.label,
    coldMs: Math.round(times[0]),
    medianMs: Math.round(median(times)),
    floorMs: Math.round(median(floors)),
    bytesMB: +(phase.bytes(input) / 1e6).toFixed(1),
    result: typeof result === 'number' ? result : undefined,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

const only = process.argv[2];
if (only !== undefined) {
  if (!(only in PHASES)) throw new Error(`unknown phase ${only}; one of ${Object.keys(PHASES).join(', ')}`);
  process.stdout.write(`${JSON.stringify(await runPhase(only))}\n`);
} else {
  const self = fileURLToPath(import.meta.url);
  const rows = Object.keys(PHASES).map((name) => JSON.parse(execFileSync(process.execPath, [self, name], { encoding: 'utf8' })));
  console.table(rows.map((r) => ({ benchmark: r.label, cold_ms: r.coldMs, median_ms: r.medianMs, floor_JSON_parse_ms: r.floorMs, x_floor_cold: +(r.coldMs / r.floorMs).toFixed(2), x_floor_median: +(r.medianMs / r.floorMs).toFixed(2), bytes_MB: r.bytesMB, peak_RSS_MB: r.peakRssMB })));
  for (const r of rows.filter((x) => x.phase.startsWith('scan'))) {
    console.log(`${r.phase}: ${r.result} matches; ${(r.medianMs / r.floorMs).toFixed(2)}x JSON.parse (median of ${RUNS}; cold ${(r.coldMs / r.floorMs).toFixed(2)}x), target ≤ 3x; peak RSS ${r.peakRssMB} MB`);
  }
} // prettier-ignore
