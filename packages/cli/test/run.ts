import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@cra-kit/cli';
// Brings the toThrowWithCode / toBeErrorWithCode matcher types into the tests.
import type {} from '@cra-kit/testing';

/** Runs `cra` in-process with captured output. */
export async function cra(args: string[], cwd = process.cwd()) {
  let stdout = '';
  let stderr = '';
  const io = {
    cwd,
    stdout: { write: (s: string) => ((stdout += s), true) },
    stderr: { write: (s: string) => ((stderr += s), true) },
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

/** A fresh temporary directory. */
export const tempDir = () => mkdtemp(join(tmpdir(), 'cra-cli-'));

export const EXAMPLE_PROFILE = new URL(
  '../../../examples/products/vibration-sensor.cra.product.yaml',
  import.meta.url,
).pathname;
