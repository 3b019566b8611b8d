import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cra, EXAMPLE_PROFILE, tempDir } from './run.js';

interface Check {
  valid: boolean;
  errors: { path: (string | number)[]; line: number }[];
}

describe('cra validate: positions in unusual YAML', () => {
  it('an empty document is invalid and located at line 1', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'empty.yaml'), '');
    const res = await cra(['validate', 'empty.yaml', '--json'], dir);
    expect(res.code).toBe(1);
    const check = JSON.parse(res.stdout) as Check;
    expect(check.valid).toBe(false);
    expect(check.errors[0]).toMatchObject({ line: 1 });
  });

  it('an alias (non-scalar) key is skipped when locating problems; text mode counts them', async () => {
    const dir = await tempDir();
    const yaml = (await readFile(EXAMPLE_PROFILE, 'utf8')).replace(/^lifecycle:\n/m, 'anchor: &k odd\n*k : value\nlifecycle:\n').replace(/ {4}years: 8\n/g, '    years: -1\n');
    expect(yaml).toContain('*k : value');
    await writeFile(join(dir, 'odd.yaml'), yaml);
    const res = await cra(['validate', 'odd.yaml', '--json'], dir);
    expect(res.code).toBe(1);
    const check = JSON.parse(res.stdout) as Check;
    expect(check.errors.length).toBeGreaterThan(1);
    const lifecycle = check.errors.find((e) => e.path[0] === 'lifecycle');
    expect(lifecycle?.line).toBeGreaterThan(yaml.slice(0, yaml.indexOf('\nlifecycle:')).split('\n').length);
    const text = await cra(['validate', 'odd.yaml'], dir);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^✗ odd\.yaml: \d+ problems$/m);
  });
}); // prettier-ignore
