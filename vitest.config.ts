import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packages = fileURLToPath(new URL('./packages/', import.meta.url));
const examples = fileURLToPath(new URL('./examples/', import.meta.url));

// One run over every package. Imports of @cra-kit/* resolve to source, so tests need no build
// and coverage maps to the files we wrote.
export default defineConfig({
  // What tsup's `define` gives the built packages.
  define: { __VERSION__: JSON.stringify('0.0.0-test') },
  resolve: {
    // `@cra-kit/<name>` → packages/<name>/src/index.ts; `@cra-kit/<name>/<entry>` → src/<entry>.ts.
    alias: [
      { find: /^@cra-kit\/([a-z-]+)$/, replacement: `${packages}$1/src/index.ts` },
      { find: /^@cra-kit\/([a-z-]+)\/([a-z-]+)$/, replacement: `${packages}$1/src/$2.ts` },
      // The examples' private packages, the same way.
      { find: /^@cra-kit-examples\/([a-z-]+)$/, replacement: `${examples}$1/src/index.ts` },
    ],
  },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'examples/*/test/**/*.test.ts',
    ],
    setupFiles: ['packages/testing/src/setup.ts'],
    testTimeout: 30_000,
    coverage: {
      provider: 'v8',
      include: ['packages/*/src/**/*.ts'],
      exclude: ['**/*.test.ts', '**/*.test-d.ts', 'packages/*/src/bin.ts'],
      // STYLE.md §6: 100% for the contract packages, at least 90% elsewhere.
      thresholds: {
        'packages/core/src/**': { lines: 100, branches: 100, functions: 100, statements: 100 },
        'packages/testing/src/**': { lines: 100, branches: 100, functions: 100, statements: 100 },
        'packages/cli/src/**': { lines: 98, branches: 94, functions: 98, statements: 97 },
      },
    },
  },
});
