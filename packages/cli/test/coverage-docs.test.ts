import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cra, EXAMPLE_PROFILE } from './run.js';

const EXAMPLES = join(EXAMPLE_PROFILE, '..');
const EVIDENCE = join(EXAMPLES, 'vibration-sensor.evidence', 'evidence.yaml');
const DATE = ['--date', '2027-09-30'];
const errorCode = (stdout: string) =>
  (JSON.parse(stdout) as { error: { code: string } }).error.code;
const temp = () => mkdtemp(join(tmpdir(), 'cra-docs-cov-'));

describe('cra docs: text output, options and error paths', () => {
  it('gap --all in text mode lists met and not applicable requirements too', async () => {
    const all = await cra(['docs', 'gap', '--product', EXAMPLE_PROFILE, ...DATE, '--all']);
    const some = await cra(['docs', 'gap', '--product', EXAMPLE_PROFILE, ...DATE]);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/^– /m);
    expect(all.stdout).toMatch(/^ {4}justification: /m);
    expect(some.stdout).not.toMatch(/^– /m);
    expect(all.stdout.split('\n').length).toBeGreaterThan(some.stdout.split('\n').length);
  });

  it('generate: an empty --format is a usage error', async () => {
    const res = await cra(['docs', 'generate', '--product', EXAMPLE_PROFILE, '--out', await temp(), '--format', ' , ', '--json']);
    expect(res.code).toBe(2);
    expect(errorCode(res.stdout)).toBe('CLI_USAGE');
  });

  it('diff in text mode: one changed section, then added documents', async () => {
    const [a, b, c] = [await temp(), await temp(), await temp()];
    const gen = (out: string, ...more: string[]) => cra(['docs', 'generate', '--product', EXAMPLE_PROFILE, '--evidence', EVIDENCE, '--out', out, '--format', 'md', ...DATE, ...more]);
    expect((await gen(a, '--json')).code).toBe(0);
    expect((await gen(b, '--json', '--signatory', 'Erika Mustermann;Managing Director;Stuttgart')).code).toBe(0);
    expect((await gen(c, '--json', '--lang', 'en,de')).code).toBe(0);
    const same = await cra(['docs', 'diff', a, a]);
    expect(same.code).toBe(0);
    expect(same.stdout).toBe('no changes\n');
    const one = await cra(['docs', 'diff', a, b]);
    expect(one.code).toBe(1);
    expect(one.stdout).toMatch(/ § annex-v\.8$/m);
    const added = await cra(['docs', 'diff', a, c]);
    expect(added.code).toBe(1);
    expect(added.stdout).toMatch(/^\S+ +\S+\.de$/m);
    expect(added.stdout).toMatch(/^\d+ changes\n$/m);
  }, 30_000);

  it('risk: incomplete in text mode, complete as JSON', async () => {
    const file = join(EXAMPLES, 'vibration-sensor.risk-assessment.yaml');
    const ok = await cra(['docs', 'risk', file, '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ complete: true, unaddressed: [] });
    const dir = await temp();
    const copy = join(dir, 'risk.yaml');
    await writeFile(copy, (await readFile(file, 'utf8')).replace(/ {2}annex-i\.part-1\.2\.k:\n(?: {4}.*\n)+/, ''));
    const bad = await cra(['docs', 'risk', copy]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^✗ annex-i\.part-1\.2\.k /m);
    expect(bad.stdout.trim().split('\n').pop()!.startsWith('✗')).toBe(true);
  });

  it('evidence: JSON output, and the system clock without --date', async () => {
    const dir = await temp();
    await cp(EXAMPLES, dir, { recursive: true });
    const manifest = join(dir, 'vibration-sensor.evidence', 'evidence.yaml');
    const res = await cra(['docs', 'evidence', manifest, ...DATE, '--json']);
    expect(res.code).toBe(0);
    expect((JSON.parse(res.stdout) as { entries: { usable: boolean }[] }).entries.every((e) => e.usable)).toBe(true);
    const today = await cra(['docs', 'evidence', manifest, '--json']);
    expect([0, 1]).toContain(today.code);
    expect(JSON.parse(today.stdout)).toHaveProperty('entries');
  });
}); // prettier-ignore
