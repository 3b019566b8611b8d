import { readFileSync } from 'node:fs';
import type { Options } from 'tsup';

/** The build every published package shares: ESM + CJS + types, sourcemaps, Node 20 target. */
export function packageBuild(overrides: Options = {}): Options {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  return {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    tsconfig: 'tsconfig.build.json',
    define: { __VERSION__: JSON.stringify(pkg.version) },
    ...overrides,
  };
}
