import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cra, EXAMPLE_PROFILE, tempDir } from './run.js';

interface Finding {
  field: string;
  line: number;
  code: string;
  citation?: string;
}

async function profileWith(edit: (yaml: string) => string): Promise<string> {
  const path = join(await tempDir(), 'cra.product.yaml');
  await writeFile(path, edit(await readFile(EXAMPLE_PROFILE, 'utf8')));
  return path;
}

const replace = (from: string | RegExp, to: string) => (yaml: string) => {
  const out = yaml.replace(from, to);
  if (out === yaml) throw new Error(`fixture edit did not apply: ${String(from)}`);
  return out;
};

describe('cra validate', () => {
  it('accepts the worked example', async () => {
    const { code, stdout } = await cra(['validate', EXAMPLE_PROFILE]);
    expect(code).toBe(0);
    expect(stdout).toContain('valid product profile for ACME VibraSense 300');
  });

  it('reports JSON for the worked example with no errors', async () => {
    const { code, stdout } = await cra(['validate', EXAMPLE_PROFILE, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ valid: true, errors: [] });
  });

  it('rejects class II on module A, a short support period and a missing security contact, all at once', async () => {
    const path = await profileWith((y) =>
      [
        replace(
          '  category: default\n',
          '  category: important-class-ii\n  annexEntry: annex-iii.class-ii.2\n',
        ),
        replace(
          / {2}supportPeriod:\n {4}duration:\n {6}years: 8/,
          '  supportPeriod:\n    duration:\n      years: 3',
        ),
        replace(/ {2}securityContact:\n(?: {4}.*\n)+/, ''),
      ].reduce((acc, f) => f(acc), y),
    );
    const { code, stdout } = await cra(['validate', path, '--json']);
    expect(code).toBe(1);
    const { valid, errors } = JSON.parse(stdout) as { valid: boolean; errors: Finding[] };
    expect(valid).toBe(false);
    expect(errors.map((e) => [e.field, e.citation])).toEqual([
      ['manufacturer.securityContact', 'Art. 13(17); Annex II(2)'],
      ['conformityAssessment.procedure', 'Art. 32(3)'],
      ['lifecycle.supportPeriod.duration', 'Art. 13(8)'],
    ]);
    const source = (await readFile(path, 'utf8')).split('\n');
    // Each finding points at the line of its key (or, when missing, of its parent).
    expect(source[errors[0]!.line - 1]).toMatch(/^manufacturer:/);
    expect(source[errors[1]!.line - 1]).toMatch(/^ {2}procedure: module-a/);
    expect(source[errors[2]!.line - 1]).toMatch(/^ {4}duration:/);
  });

  it('prints each problem with its line and article for people', async () => {
    const path = await profileWith(replace('  procedure: module-a', '  procedure: module-z'));
    const { code, stdout } = await cra(['validate', path]);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /✗ .*: 1 problem\n {2}line \d+ +conformityAssessment\.procedure: .*\[Art\. 32\]/,
    );
  });

  it('shows warnings without failing', async () => {
    const path = await profileWith(
      replace('  automaticSecurityUpdates: true', '  automaticSecurityUpdates: false'),
    );
    const { code, stdout } = await cra(['validate', path, '--json']);
    expect(code).toBe(0);
    const { warnings } = JSON.parse(stdout) as { warnings: Finding[] };
    expect(warnings.map((w) => w.field)).toEqual(['updatePolicy.automaticSecurityUpdates']);
  });

  it.each([
    [
      'binary data',
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]),
      'CORE_INPUT_MALFORMED',
    ],
    ['invalid UTF-8', Buffer.from([0x61, 0x3a, 0x20, 0xc3, 0x28]), 'CORE_INPUT_MALFORMED'],
    ['a YAML syntax error', 'a: [1, 2\nb: }', 'CLI_YAML_INVALID'],
    ['duplicate keys', 'a: 1\na: 2\n', 'CLI_YAML_INVALID'],
    ['deep nesting', `a: ${'['.repeat(100_000)}`, 'CLI_YAML_INVALID'],
    [
      'nesting beyond the depth limit',
      `a: ${'['.repeat(100)}${']'.repeat(100)}`,
      'CORE_INPUT_MALFORMED',
    ],
    ['a cyclic alias', 'a: &x [*x]\n', 'CORE_INPUT_MALFORMED'],
    ['an alias bomb', aliasBomb(), 'CLI_YAML_INVALID'],
  ])('refuses %s quickly with a typed error', async (_what, content, errorCode) => {
    const path = join(await tempDir(), 'bad.yaml');
    await writeFile(path, content);
    const started = performance.now();
    const { code, stdout } = await cra(['validate', path, '--json']);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ error: { code: errorCode } });
  });

  it('places YAML syntax errors on their line', async () => {
    const path = join(await tempDir(), 'dup.yaml');
    await writeFile(path, 'a: 1\na: 2\n');
    const { code, stdout } = await cra(['validate', path, '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({
      error: { code: 'CLI_YAML_INVALID', details: { line: 2, column: 1 } },
    });
  });

  it('refuses a 50 MB file before reading it', async () => {
    const path = join(await tempDir(), 'huge.yaml');
    await writeFile(path, 'k: v\n'.repeat(10_500_000));
    const started = performance.now();
    const { code, stderr } = await cra(['validate', path]);
    expect(performance.now() - started).toBeLessThan(500);
    expect(code).toBe(1);
    expect(stderr).toContain('CORE_INPUT_TOO_LARGE');
  });

  it('reports a schema error for YAML that is not a mapping', async () => {
    const path = join(await tempDir(), 'list.yaml');
    await writeFile(path, '- just\n- a list\n');
    const { code, stdout } = await cra(['validate', path, '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({
      valid: false,
      errors: [{ field: '(root)', line: 1 }],
    });
  });

  it('says so when the file does not exist', async () => {
    const { code, stdout } = await cra(['validate', '/nonexistent/cra.product.yaml', '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ error: { code: 'CLI_FILE_UNREADABLE' } });
  });

  it('refuses a directory', async () => {
    const { code, stdout } = await cra(['validate', await tempDir(), '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ error: { code: 'CLI_FILE_UNREADABLE' } });
  });
});

function aliasBomb(): string {
  const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < 10; i++) {
    lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}
