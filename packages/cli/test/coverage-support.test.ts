import { readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cra, EXAMPLE_PROFILE, tempDir } from './run.js';

const errorCode = (stdout: string) =>
  (JSON.parse(stdout) as { error: { code: string } }).error.code;
const HEADER = 'serial,model,hardwareRevision,firmwareVersion,placedOnMarketAt,ownerContactId';
const device = (serial: string, placed: string) => `${serial},vs300,rev-b,1.0.0,${placed},o`;
const releases = JSON.stringify([{ schemaVersion: 1, model: 'vs300', version: '1.0.0', releasedAt: '2026-01-15T00:00:00Z', type: 'security', securityCounter: 1, hardwareIds: ['rev-b'], image: { name: 'vs300.bin', length: 1024, sha256: 'a'.repeat(64) } }]); // prettier-ignore

describe('cra support: more paths', () => {
  it('plan: a model-basis profile with releases in text mode, a label as JSON, a statement without --last-unit', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'releases.json'), releases);
    const model = join(dir, 'model.yaml');
    const yaml = (await readFile(EXAMPLE_PROFILE, 'utf8')).replace('basis: unit', 'basis: model');
    expect(yaml).toContain('basis: model');
    await writeFile(model, yaml);
    const text = await cra(['support', 'plan', '--product', model, '--releases', 'releases.json'], dir);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('keep update 1.0.0');
    const open = await cra(['support', 'plan', '--product', EXAMPLE_PROFILE, '--releases', 'releases.json'], dir);
    expect(open.code).toBe(0);
    expect(open.stdout).toMatch(/^ {2}latest support end {2}open: /m);
    const label = await cra(['support', 'label', '--product', EXAMPLE_PROFILE, '--json']);
    expect(label.code).toBe(0);
    expect(Object.keys(JSON.parse(label.stdout) as object).sort()).toEqual(['label', 'lang', 'supportEnd']);
    const statement = await cra(['support', 'statement', '--product', EXAMPLE_PROFILE]);
    expect(statement.code).toBe(0);
    expect(JSON.parse(statement.stdout)).toMatchObject({ model: 'vs300' });
  });

  it('plan: a missing, oversized, non-JSON or non-UTF-8 SBOM is refused with a code', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'bad.json'), '{ not json');
    await writeFile(join(dir, 'binary.json'), new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]));
    await writeFile(join(dir, 'huge.json'), '');
    await truncate(join(dir, 'huge.json'), 17 * 1024 * 1024);
    const plan = (sbom: string) => cra(['support', 'plan', '--product', EXAMPLE_PROFILE, '--sbom', sbom, '--json'], dir);
    const missing = await plan('missing.json');
    expect(missing.code).toBe(1);
    expect(errorCode(missing.stdout)).toBe('CLI_FILE_UNREADABLE');
    const huge = await plan('huge.json');
    expect(huge.code).toBe(1);
    expect(errorCode(huge.stdout)).toBe('CLI_FILE_UNREADABLE');
    const bad = await plan('bad.json');
    expect(bad.code).toBe(2);
    expect(errorCode(bad.stdout)).toBe('CLI_USAGE');
    const binary = await plan('binary.json');
    expect(binary.code).toBe(1);
    expect(errorCode(binary.stdout)).not.toBe('CLI_USAGE');
  });

  it('status: a clean fleet with --format exits 0; long lists are cut; one bad line exits 1', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'releases.json'), releases);
    await writeFile(join(dir, 'clean.txt'), [HEADER, device('C-1', '2026-01-01')].join('\n'));
    const status = (fleet: string, extra: string[] = []) => cra(['support', 'status', '--fleet', fleet, '--releases', 'releases.json', '--product', EXAMPLE_PROFILE, '--ending-days', '99999', ...extra], dir);
    const clean = await status('clean.txt', ['--format', 'csv']);
    expect(clean.code, clean.stdout).toBe(0);
    expect(clean.stdout).toContain('ending soon: C-1\n');
    await writeFile(join(dir, 'fleet.ndjson'), `${JSON.stringify({ serial: 'N-1', model: 'vs300', hardwareRevision: 'rev-b', firmwareVersion: '1.0.0', placedOnMarketAt: '2026-01-01', ownerContactId: 'o' })}\n`);
    const ndjson = await status('fleet.ndjson', ['--json']);
    expect(ndjson.code, ndjson.stdout).toBe(0);
    expect(JSON.parse(ndjson.stdout)).toMatchObject({ devices: 1, lineErrors: 0 });
    const many = [HEADER];
    for (let i = 0; i < 21; i++) many.push(device(`OLD-${i}`, '2010-01-01'), device(`NEW-${i}`, '2026-01-01'));
    many.push('broken,"line');
    await writeFile(join(dir, 'many.csv'), many.join('\n'));
    const res = await status('many.csv');
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('out of support: OLD-0,');
    expect(res.stdout).toContain('ending soon: NEW-0,');
    expect(res.stdout).toMatch(/^✗ 1 line not/m);
    expect(res.stdout.match(/, …$/gm)).toHaveLength(2);
  });
  it('status: a 100,000-line fleet shows progress on stderr in text mode', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'releases.json'), releases);
    const lines = [HEADER];
    for (let i = 0; i < 100_000; i++) lines.push(device(`D-${i}`, '2026-01-01'));
    await writeFile(join(dir, 'big.csv'), lines.join('\n'));
    const res = await cra(['support', 'status', '--fleet', 'big.csv', '--releases', 'releases.json', '--product', EXAMPLE_PROFILE], dir);
    expect(res.code).toBe(0);
    expect(res.stderr).toBe('… 100,000 lines\n');
    expect(res.stdout).toMatch(/^100000 devices: /);
  }, 30_000);
}); // prettier-ignore
