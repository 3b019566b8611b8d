import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const pkg = fileURLToPath(new URL('..', import.meta.url));

/** Bundles the intake child (our source, as-is) to a plain .mjs Node can run. */
export async function bundleChild(): Promise<string> {
  const outdir = `${pkg}node_modules/.cache/vuln-intake-test`;
  mkdirSync(outdir, { recursive: true });
  const outfile = `${outdir}/intake-child-${process.pid}.mjs`;
  await build({
    entryPoints: [`${pkg}test/fixtures/intake-child.ts`],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3', 'pg'],
    alias: { '@cra-kit/core': fileURLToPath(new URL('../../core/src/index.ts', import.meta.url)) },
    logLevel: 'error',
  });
  return outfile;
}

/** Starts the child and resolves with its port once it listens. */
export function startChild(
  script: string,
  args: string[],
): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^(\d+)\n/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.once('exit', (code) => {
      reject(new Error(`child exited early (${code}): ${err}`));
    });
  });
}
