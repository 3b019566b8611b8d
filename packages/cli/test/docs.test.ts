import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requirementsDependingOn } from '@cra-kit/docs-generator';
import { describe, expect, it } from 'vitest';
import { cra, EXAMPLE_PROFILE } from './run.js';

const EXAMPLES = join(EXAMPLE_PROFILE, '..');
const EVIDENCE = join(EXAMPLES, 'vibration-sensor.evidence', 'evidence.yaml');
const SIGNATORY = 'Erika Mustermann;Managing Director;Stuttgart';
// Expiry dates of the example evidence (security.txt, TUF root) are checked against this day.
const DATE = ['--date', '2027-09-30'];

interface Gap {
  id: string;
  status: string;
}
const gaps = (stdout: string) =>
  (JSON.parse(stdout) as { requirements: Gap[] }).requirements
    .filter((r) => r.status === 'partly-met' || r.status === 'not-met')
    .map((r) => r.id);

async function exampleCopy(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cra-docs-cli-'));
  await cp(EXAMPLES, dir, { recursive: true });
  return dir;
}

describe('cra docs', () => {
  it('gap --json reports every requirement; the example lacks only hardware photographs', async () => {
    const { code, stdout } = await cra(['docs', 'gap', '--product', EXAMPLE_PROFILE, '--evidence', EVIDENCE, '--signatory', SIGNATORY, ...DATE, '--json']);
    expect(code).toBe(0);
    expect(gaps(stdout)).toEqual(['annex-vii.1.c']);
  });

  it('--fail-on-gap exits 1 on gaps and 0 once the photographs are added', async () => {
    const dir = await exampleCopy();
    const evidence = join(dir, 'vibration-sensor.evidence', 'evidence.yaml');
    const args = ['docs', 'gap', '--product', join(dir, 'vibration-sensor.cra.product.yaml'), '--evidence', evidence, '--signatory', SIGNATORY, ...DATE, '--fail-on-gap'];
    expect((await cra(args)).code).toBe(1);
    const { writeFile, appendFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'vibration-sensor.evidence', 'photos.md'), '# Photographs (example)\n');
    await appendFile(evidence, '  - kind: document\n    path: photos.md\n    covers: [annex-vii.1.c]\n');
    expect((await cra(args)).code).toBe(0);
  });

  it('removing the SBOM turns exactly the requirements that depend on it into gaps, and --fail-on-gap exits 1', async () => {
    const dir = await exampleCopy();
    await rm(join(dir, 'vibration-sensor.evidence', 'sbom', 'vs300-firmware-2.4.1.cdx.json'));
    const args = ['docs', 'gap', '--product', join(dir, 'vibration-sensor.cra.product.yaml'), '--evidence', join(dir, 'vibration-sensor.evidence', 'evidence.yaml'), '--signatory', SIGNATORY, ...DATE];
    const { stdout } = await cra([...args, '--json']);
    expect(gaps(stdout).filter((id) => id !== 'annex-vii.1.c').sort()).toEqual(requirementsDependingOn('sbom').sort());
    expect((JSON.parse(stdout) as { evidenceFindings: unknown[] }).evidenceFindings).toContainEqual(expect.objectContaining({ code: 'EVIDENCE_MISSING' }));
    expect((await cra([...args, '--fail-on-gap'])).code).toBe(1);
  });

  it('without --evidence every requirement that needs evidence is a gap', async () => {
    const { code, stdout } = await cra(['docs', 'gap', '--product', EXAMPLE_PROFILE, '--json', '--fail-on-gap']);
    expect(code).toBe(1);
    expect(gaps(stdout)).toEqual(expect.arrayContaining(['annex-i.part-2.1', 'annex-vii.3', 'annex-vii.6']));
  });

  it('generate writes Markdown and HTML in two languages, and diff compares two sets', async () => {
    const [a, b] = [await mkdtemp(join(tmpdir(), 'cra-docs-a-')), await mkdtemp(join(tmpdir(), 'cra-docs-b-'))];
    const gen = (out: string, ...more: string[]) => cra(['docs', 'generate', '--product', EXAMPLE_PROFILE, '--evidence', EVIDENCE, '--out', out, '--lang', 'en,de', ...DATE, ...more]);
    const first = await gen(a);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('wrote declaration.en.html');
    const files = await readdir(a);
    for (const doc of ['declaration', 'simplified-declaration', 'technical-documentation', 'user-information', 'cvd-policy', 'gap-analysis']) {
      for (const name of [`${doc}.en.md`, `${doc}.de.html`]) expect(files).toContain(name);
    }
    expect((await gen(b, '--json')).code).toBe(0);
    expect((await cra(['docs', 'diff', a, b])).code).toBe(0);
    expect((await gen(b, '--signatory', SIGNATORY)).code).toBe(0);
    const diff = await cra(['docs', 'diff', a, b, '--json']);
    expect(diff.code).toBe(1);
    expect((JSON.parse(diff.stdout) as { changes: unknown[] }).changes).toContainEqual(expect.objectContaining({ kind: 'section-changed', subject: 'declaration.en', section: 'annex-v.8' }));
  });

  it('generate --format pdf prints every document through headless Chromium', async () => {
    const out = await mkdtemp(join(tmpdir(), 'cra-docs-pdf-'));
    const { code } = await cra(['docs', 'generate', '--product', EXAMPLE_PROFILE, '--evidence', EVIDENCE, '--out', out, '--format', 'pdf', ...DATE]);
    expect(code).toBe(0);
    const pdfs = (await readdir(out)).filter((f) => f.endsWith('.pdf'));
    expect(pdfs.sort()).toEqual(['cvd-policy.en.pdf', 'declaration.en.pdf', 'gap-analysis.en.pdf', 'simplified-declaration.en.pdf', 'technical-documentation.en.pdf', 'user-information.en.pdf']);
    const { readFile } = await import('node:fs/promises');
    expect(new TextDecoder().decode((await readFile(join(out, 'declaration.en.pdf'))).subarray(0, 5))).toBe('%PDF-');
  });

  it('bad usage exits 2, bad input exits 1', async () => {
    expect((await cra(['docs', 'generate', '--product', EXAMPLE_PROFILE, '--out', tmpdir(), '--format', 'docx'])).code).toBe(2);
    expect((await cra(['docs', 'gap', '--product', EXAMPLE_PROFILE, '--signatory', 'only-a-name'])).code).toBe(2);
    expect((await cra(['docs', 'gap'])).code).toBe(2);
    expect((await cra(['docs', 'gap', '--product', EXAMPLE_PROFILE, '--date', '2027-13-45'])).code).toBe(2);
    const missing = await cra(['docs', 'gap', '--product', join(tmpdir(), 'nope.yaml'), '--json']);
    expect(missing.code).toBe(1);
    expect((JSON.parse(missing.stdout) as { error: { code: string } }).error.code).toBe('DOCS_FILE_UNREADABLE');
  });

  it('risk checks a risk assessment against Annex I Part I', async () => {
    const file = join(EXAMPLES, 'vibration-sensor.risk-assessment.yaml');
    expect((await cra(['docs', 'risk', file])).code).toBe(0);
    const dir = await exampleCopy();
    const { readFile, writeFile } = await import('node:fs/promises');
    const copy = join(dir, 'vibration-sensor.risk-assessment.yaml');
    await writeFile(copy, (await readFile(copy, 'utf8')).replace(/ {2}annex-i\.part-1\.2\.k:\n(?: {4}.*\n)+/, ''));
    const { code, stdout } = await cra(['docs', 'risk', copy, '--json']);
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as { unaddressed: string[] }).unaddressed).toEqual(['annex-i.part-1.2.k']);
  });

  it('evidence checks every file of a manifest', async () => {
    expect((await cra(['docs', 'evidence', EVIDENCE, ...DATE])).code).toBe(0);
    const dir = await exampleCopy();
    await rm(join(dir, 'vibration-sensor.evidence', 'security', 'security.txt'));
    const { code, stdout } = await cra(['docs', 'evidence', join(dir, 'vibration-sensor.evidence', 'evidence.yaml'), ...DATE]);
    expect(code).toBe(1);
    expect(stdout).toContain('EVIDENCE_MISSING');
  });

  it('every docs command has --help with an example', async () => {
    for (const sub of ['gap', 'generate', 'diff', 'risk', 'evidence']) {
      const { code, stdout } = await cra(['docs', sub, '--help']);
      expect(code).toBe(0);
      expect(stdout).toContain('Example:');
      expect(stdout).toContain('--json');
    }
  });
}); // prettier-ignore
