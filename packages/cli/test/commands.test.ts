import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { listRequirements } from '@cra-kit/core';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { cra, EXAMPLE_PROFILE, tempDir } from './run.js';

describe('cra init', () => {
  it('writes the worked example, which validates', async () => {
    const dir = await tempDir();
    const { code, stdout } = await cra(['init', '--dir', 'product', '--json'], dir);
    expect(code).toBe(0);
    const { path } = JSON.parse(stdout) as { path: string };
    expect(path).toBe(join(dir, 'product', 'cra.product.yaml'));
    expect(await readFile(path, 'utf8')).toBe(await readFile(EXAMPLE_PROFILE, 'utf8'));
    expect((await cra(['validate', path])).code).toBe(0);
  });

  it('never overwrites a profile unless --force', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'cra.product.yaml'), 'mine');
    const refused = await cra(['init', '--json'], dir);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ error: { code: 'CLI_FILE_EXISTS' } });
    expect(await readFile(join(dir, 'cra.product.yaml'), 'utf8')).toBe('mine');
    expect((await cra(['init', '--force'], dir)).code).toBe(0);
    expect(await readFile(join(dir, 'cra.product.yaml'), 'utf8')).not.toBe('mine');
  });
});

describe('cra requirements', () => {
  it('lists the whole catalogue as JSON', async () => {
    const { code, stdout } = await cra(['requirements', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(listRequirements());
  });

  it('filters by source and prints citations for people', async () => {
    const { code, stdout } = await cra(['requirements', '--source', 'annex-i-part-ii']);
    expect(code).toBe(0);
    expect(stdout).toContain('annex-i.part-2.1  Annex I, Part II, point (1)');
    expect(stdout).toMatch(/\n8 requirements\n$/);
  });

  it('rejects an unknown source as a usage error', async () => {
    const { code, stderr } = await cra(['requirements', '--source', 'annex-xx']);
    expect(code).toBe(2);
    expect(stderr).toContain('annex-xx');
  });
});

describe('cra', () => {
  it.each([['init'], ['validate'], ['requirements']])(
    '%s --help shows an example',
    async (command) => {
      const { code, stdout } = await cra([command, '--help']);
      expect(code).toBe(0);
      expect(stdout).toContain('Example:');
      expect(stdout).toContain('--json');
    },
  );

  it('exits 2 on an unknown command or a missing argument', async () => {
    expect((await cra(['frobnicate'])).code).toBe(2);
    expect((await cra(['validate'])).code).toBe(2);
  });

  it('runs as an executable with the documented exit codes', async () => {
    const bin = new URL('../dist/bin.js', import.meta.url).pathname;
    expect(existsSync(bin), 'build the CLI first: pnpm build').toBe(true);
    const run = promisify(execFile);
    const ok = await run(process.execPath, [bin, 'validate', EXAMPLE_PROFILE]);
    expect(ok.stdout).toContain('✓');
    await expect(
      run(process.execPath, [bin, 'validate', '/nonexistent.yaml']),
    ).rejects.toMatchObject({ code: 1 });
    await expect(run(process.execPath, [bin, '--bogus'])).rejects.toMatchObject({ code: 2 });
  });
});

describe('command families', () => {
  it('registers a custom family, whose usage errors exit 2 and other errors exit 1', async () => {
    const { CliError, DEFAULT_FAMILIES, runCli } = await import('@cra-kit/cli');
    const family = {
      name: 'demo',
      register(program: Command) {
        program
          .command('demo')
          .option('--json')
          .argument('<mode>')
          .action((mode: string) => {
            throw new CliError(mode === 'usage' ? 'CLI_USAGE' : 'CLI_FILE_UNREADABLE', mode);
          });
      },
    };
    let out = '';
    const io = {
      cwd: process.cwd(),
      stdout: { write: (s: string) => ((out += s), true) },
      stderr: { write: () => true },
    };
    expect(await runCli(['demo', 'usage'], io, [...DEFAULT_FAMILIES, family])).toBe(2);
    expect(await runCli(['demo', 'other', '--json'], io, [...DEFAULT_FAMILIES, family])).toBe(1);
    expect(JSON.parse(out)).toMatchObject({
      error: { code: 'CLI_FILE_UNREADABLE', name: 'CliError' },
    });
  });
});

describe('more of init, requirements and families', () => {
  it('reports an unwritable target as CLI_FILE_UNWRITABLE', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a-file'), 'x');
    const { code, stdout } = await cra(['init', '--dir', 'a-file/sub', '--json'], dir);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ error: { code: 'CLI_FILE_UNWRITABLE' } });
  });

  it('prints the evidence of each requirement, or a dash when there is none yet', async () => {
    const { stdout } = await cra(['requirements', '--source', 'annex-ii']);
    expect(stdout).toContain('evidence: @cra-kit/core: product-profile');
    // Annex I, Part II, point (3) (security testing) has no cra-kit evidence yet.
    const partII = await cra(['requirements', '--source', 'annex-i-part-ii']);
    expect(partII.stdout).toMatch(
      /annex-i\.part-2\.3 .*\n.*\n {4}applies from 2027-12-11; evidence: —\n/,
    );
  });

  it('lets errors that are not cra-kit errors through: they are bugs, not bad input', async () => {
    const { DEFAULT_FAMILIES, runCli } = await import('@cra-kit/cli');
    const family = {
      name: 'bug',
      register(program: Command) {
        program.command('bug').action(() => {
          throw new TypeError('a bug');
        });
      },
    };
    await expect(runCli(['bug'], undefined, [...DEFAULT_FAMILIES, family])).rejects.toThrow(
      TypeError,
    );
  });
});
