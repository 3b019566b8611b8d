// Benchmarks of @cra-kit/sbom, each beside the time JSON.parse alone needs for the same bytes
// (our floor). Run with `pnpm --filter @cra-kit/sbom bench` after a build; reads dist/, as users
// get it. Figures: wall time, throughput and the peak RSS of this process.
import {
  fromOsvRecord,
  generateSbom,
  matchSbom,
  parseBom,
  schemaViolations,
  serializeBom,
} from '../dist/index.js';

const COMPONENTS = 10_000;
const ADVISORIES = 100_000;
const ms = (t0) => performance.now() - t0;
const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const hex = (n, len) =>
  n
    .toString(16)
    .padStart(len, '0')
    .slice(-len)
    .repeat(Math.ceil(len / 8))
    .slice(0, len);

// Synthetic ingest result of realistic shape: npm packages with purl, supplier, licence,
// SHA-512, download URL and a few dependencies each.
const components = Array.from({ length: COMPONENTS }, (_, i) => ({
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
}));

let t0 = performance.now();
const bom = generateSbom({ inputs: [{ source: 'bench', components }] });
const text = serializeBom(bom);
const generateMs = ms(t0);
t0 = performance.now();
const violations = await schemaViolations(text);
const validateMs = ms(t0);
t0 = performance.now();
parseBom(text);
const parseMs = ms(t0);
t0 = performance.now();
JSON.parse(text);
const floorSbomMs = ms(t0);
if (violations.length > 0) throw new Error('generated SBOM is not schema-valid');

// 100,000 OSV records of realistic shape; one in ten names a component of the SBOM.
const records = Array.from({ length: ADVISORIES }, (_, i) => ({
  schema_version: '1.6.0',
  id: `GHSA-bench-${i}`,
  modified: '2026-01-01T00:00:00Z',
  aliases: [`CVE-2026-${10000 + i}`],
  summary: `Synthetic advisory ${i}`,
  affected: [
    {
      package: {
        ecosystem: 'npm',
        name: i % 10 === 0 ? `pkg-${(i / 10) % COMPONENTS}` : `other-${i}`,
      },
      ranges: [
        {
          type: 'ECOSYSTEM',
          events: [{ introduced: '0' }, { fixed: `${i % 7}.${(i % 13) + 1}.0` }],
        },
      ],
    },
  ],
  references: [{ type: 'ADVISORY', url: `https://example.org/advisories/${i}` }],
}));
const advisoryText = JSON.stringify(records);
const sbomText = text;

t0 = performance.now();
const parsedAdvisories = JSON.parse(advisoryText).map(fromOsvRecord);
const scanBom = parseBom(sbomText);
const matches = matchSbom(scanBom, { advisories: parsedAdvisories });
const scanMs = ms(t0);
t0 = performance.now();
JSON.parse(advisoryText);
JSON.parse(sbomText);
const floorScanMs = ms(t0);

const mb = (s) => (Buffer.byteLength(s) / 1e6).toFixed(1);
console.table([
  { benchmark: `generate ${COMPONENTS} components + serialize`, ms: Math.round(generateMs), throughput: `${Math.round((COMPONENTS * 1000) / generateMs)} components/s`, floor_JSON_parse_ms: Math.round(floorSbomMs), bytes_MB: mb(text) },
  { benchmark: 'strict schema validation (cyclonedx-library + ajv)', ms: Math.round(validateMs), throughput: `${Math.round((COMPONENTS * 1000) / validateMs)} components/s`, floor_JSON_parse_ms: Math.round(floorSbomMs), bytes_MB: mb(text) },
  { benchmark: 'parseBom (limits + zod model + integrity)', ms: Math.round(parseMs), throughput: `${Math.round((COMPONENTS * 1000) / parseMs)} components/s`, floor_JSON_parse_ms: Math.round(floorSbomMs), bytes_MB: mb(text) },
  { benchmark: `scan ${COMPONENTS} x ${ADVISORIES} advisories (parse + normalise + match)`, ms: Math.round(scanMs), throughput: `${matches.length} matches`, floor_JSON_parse_ms: Math.round(floorScanMs), bytes_MB: mb(advisoryText + sbomText) },
]); // prettier-ignore
console.log(
  `scan / JSON.parse floor: ${(scanMs / floorScanMs).toFixed(2)}x (target ≤ 3x); peak RSS ${peakMb()} MB`,
);
