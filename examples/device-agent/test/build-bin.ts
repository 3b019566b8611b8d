import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Bundles `src/bin.ts` and the workspace sources it imports into one ESM file the tests can run
 * with plain `node` (no build of the packages needed, as vitest's aliases give the tests).
 */
export async function buildAgentBin(outDir: string): Promise<string> {
  const outfile = join(outDir, 'agent-bin.mjs');
  await build({
    entryPoints: [join(repo, 'examples/device-agent/src/bin.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    // Loaded lazily by identity's PKCS#11 signer only; the agent never uses it.
    external: ['pkcs11js'],
    define: { __VERSION__: JSON.stringify('0.0.0-test') },
    // Bundled CommonJS dependencies (mqtt's) call require for Node built-ins.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    plugins: [
      {
        name: 'workspace-sources',
        setup(b) {
          // `@cra-kit/<name>` → src/index.ts; a subpath `@cra-kit/<name>/<entry>` → src/<entry>.ts.
          b.onResolve({ filter: /^@cra-kit(-examples)?\/[a-z-]+(\/[a-z-]+)?$/ }, (args) => {
            const [scope, name, entry = 'index'] = args.path.split('/') as [
              string,
              string,
              string?,
            ];
            const base = scope === '@cra-kit' ? 'packages' : 'examples';
            return { path: join(repo, base, name, `src/${entry}.ts`) };
          });
        },
      },
    ],
  });
  return outfile;
}
