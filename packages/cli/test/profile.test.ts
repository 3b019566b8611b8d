import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ValidationError } from '@cra-kit/core';
import { checkProductProfileFile, loadProductProfile, parseYaml } from '@cra-kit/cli';
import { describe, expect, it } from 'vitest';
import { cra, EXAMPLE_PROFILE, tempDir } from './run.js';

describe('loadProductProfile', () => {
  it('returns the validated example with defaults applied', async () => {
    const profile = await loadProductProfile(EXAMPLE_PROFILE);
    expect(profile.product.model).toBe('vs300');
    expect(profile.lifecycle.supportPeriod.basis).toBe('unit');
  });

  it('throws a ValidationError for an invalid profile', async () => {
    const path = join(await tempDir(), 'p.yaml');
    await writeFile(path, 'schemaVersion: 2\n');
    await expect(loadProductProfile(path)).rejects.toBeErrorWithCode(
      ValidationError,
      'CORE_VALIDATION_FAILED',
    );
  });
});

describe('locating findings', () => {
  it('points into sequences: a duplicate data item key is reported on its own line', async () => {
    const yaml = await readFile(EXAMPLE_PROFILE, 'utf8');
    const path = join(await tempDir(), 'dup.yaml');
    await writeFile(path, yaml.replace('  - key: temperature', '  - key: vibration_velocity_rms'));
    const check = await checkProductProfileFile(path);
    expect(check.valid).toBe(false);
    const [finding] = check.valid ? [] : check.errors;
    expect(finding).toMatchObject({
      field: 'dataInventory[2].key',
      citation: 'Annex I, Part I, point (2)(g)',
    });
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines[finding!.line - 1]).toBe('  - key: vibration_velocity_rms');
    expect(
      lines.slice(0, finding!.line - 1).filter((l) => l === '  - key: vibration_velocity_rms'),
    ).toHaveLength(1);
  });

  it('falls back to the nearest existing ancestor for paths that are not in the document', () => {
    const source = parseYaml('a:\n  b: [1, 2]\n');
    expect(source.locate(['a', 'b', 1])).toEqual({ line: 2, column: 10 });
    expect(source.locate(['a', 'b', 7])).toEqual({ line: 2, column: 3 });
    expect(source.locate(['a', 'zz', 'y'])).toEqual({ line: 1, column: 1 });
    expect(source.locate(['a', 'b', 'not-an-index'])).toEqual({ line: 2, column: 3 });
  });

  it('prints warnings for people with their lines and articles', async () => {
    const yaml = await readFile(EXAMPLE_PROFILE, 'utf8');
    const path = join(await tempDir(), 'warn.yaml');
    await writeFile(path, yaml.replace('  userCanOptOut: true', '  userCanOptOut: false'));
    const { code, stdout } = await cra(['validate', path]);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /! 1 warning\n {2}line \d+ +updatePolicy\.userCanOptOut: .*\[Annex I, Part I, point \(2\)\(c\)\]/,
    );
  });
});

describe('findings without a citation, and plural warnings', () => {
  it('reports an unknown top-level key without inventing an article', async () => {
    const yaml = await readFile(EXAMPLE_PROFILE, 'utf8');
    const path = join(await tempDir(), 'extra.yaml');
    await writeFile(path, `${yaml}colour: blue\n`);
    const { code, stdout } = await cra(['validate', path]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/1 problem\n {2}line (\d+) +\(root\): Unrecognized key: "colour"\n$/);
    const line = Number(/line (\d+)/.exec(stdout)![1]);
    expect((await readFile(path, 'utf8')).split('\n')[line - 1]).toBe('colour: blue');
  });

  it('counts several warnings', async () => {
    const yaml = await readFile(EXAMPLE_PROFILE, 'utf8');
    const path = join(await tempDir(), 'warn2.yaml');
    await writeFile(
      path,
      yaml
        .replace('  userCanOptOut: true', '  userCanOptOut: false')
        .replace('  userNotification: true', '  userNotification: false'),
    );
    const { stdout } = await cra(['validate', path]);
    expect(stdout).toContain('! 2 warnings');
  });
});
