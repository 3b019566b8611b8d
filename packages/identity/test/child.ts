import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { tempDir } from './helpers.js';

const run = promisify(execFile);
const SRC = new URL('../src/index.ts', import.meta.url).pathname;

/**
 * Runs `body` (an ES module body that can `import … from 'IDENTITY'`) in a fresh Node process
 * against our source, bundled on the fly with esbuild, with a time budget (the child is killed
 * when it runs over). Resolves to the child's stdout parsed as JSON.
 */
export async function runInChild<T>(body: string, budgetMs: number): Promise<T> {
  const dir = await tempDir();
  const entry = join(dir, 'entry.mjs');
  await writeFile(entry, body.replace("'IDENTITY'", JSON.stringify(SRC)));
  const out = join(dir, 'bundle.mjs');
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: out, logLevel: 'silent', external: ['pkcs11js'] });
  const { stdout } = await run(process.execPath, [out], { timeout: budgetMs, maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as T;
} // prettier-ignore
