import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { CloudConfigInput } from '../../src/index.js';
import { PASSPHRASE } from '../helpers/cloud-fixture.js';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const cloudDir = join(repo, 'examples/device-cloud');

/**
 * Bundles the real `cra-cloud` entry point (`src/bin.ts`) with the workspace sources into one
 * ESM file next to device-cloud's node_modules, so `node` runs exactly what a deployment runs
 * (native and driver packages stay external and resolve from there).
 */
export async function bundleCloudBin(): Promise<string> {
  const outdir = join(cloudDir, 'node_modules/.cache/cloud-fault-test');
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, `cra-cloud-${process.pid}.mjs`);
  await build({
    entryPoints: [join(cloudDir, 'src/bin.ts')],
    outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'error',
    // Optional plug-ins of the CycloneDX library (XML), loaded only when present.
    external: ['better-sqlite3', 'pg', 'pkcs11js', 'xmlbuilder2', 'libxmljs2'],
    define: { __VERSION__: JSON.stringify('0.0.0-test') },
    // Bundled CommonJS dependencies call require for Node built-ins.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    plugins: [{
      name: 'workspace-sources',
      setup(b) {
        // `@cra-kit/<name>` → src/index.ts; a subpath `@cra-kit/<name>/<entry>` → src/<entry>.ts.
        b.onResolve({ filter: /^@cra-kit(-examples)?\/[a-z-]+(\/[a-z-]+)?$/ }, (args) => {
          const [scope, name, entry = 'index'] = args.path.split('/') as [string, string, string?];
          return { path: join(repo, scope === '@cra-kit' ? 'packages' : 'examples', name, `src/${entry}.ts`) };
        });
        // CycloneDX finds its schema files next to its own sources: load it from where it is installed.
        b.onResolve({ filter: /^@cyclonedx\/cyclonedx-library$/ }, (args) => ({ path: createRequire(args.importer).resolve(args.path), external: true }));
      },
    }],
  });
  return outfile;
} // prettier-ignore

/** A cloud running as a child process. */
export interface CloudProcess {
  readonly child: ChildProcess;
  readonly publicUrl: string;
  readonly deviceUrl: string;
  readonly mqttUrl: string;
  /** SIGKILL, resolved once the process is gone. */
  kill(): Promise<void>;
}

/** What a test may watch of a cloud process: `onLog` gets each JSON log line (at `logLevel`, default info). */
export interface CloudProcessOptions {
  readonly logLevel?: 'info' | 'debug';
  readonly onLog?: (entry: Record<string, unknown>) => void;
}

/** Writes `config` (JSON is YAML) and runs the bundled `cra-cloud --config` until it logs "cloud started". */
export async function startCloudProcess(bin: string, configFile: string, config: CloudConfigInput, options: CloudProcessOptions = {}): Promise<CloudProcess> {
  await writeFile(configFile, JSON.stringify({ ...config, log: { level: options.logLevel ?? 'info' } }), { mode: 0o600 });
  const child = spawn(process.execPath, [bin, '--config', configFile], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TEST_CA_PASSPHRASE: PASSPHRASE } });
  const exited = new Promise<void>((resolve) => child.once('exit', () => { resolve(); }));
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const started = await new Promise<{ publicUrl: string; deviceUrl: string; mqttPort: number }>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => { reject(new Error(`cloud process did not start: ${stderr}`)); }, 60_000);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`cloud process exited with ${code}: ${stderr}`)); });
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const parsed = ((): { msg?: string; publicUrl?: string; deviceUrl?: string; mqttPort?: number } => { try { return JSON.parse(line) as never; } catch { return {}; } })();
        options.onLog?.(parsed);
        if (parsed.msg === 'cloud started' && parsed.publicUrl && parsed.deviceUrl && parsed.mqttPort) {
          clearTimeout(timer);
          resolve({ publicUrl: parsed.publicUrl, deviceUrl: parsed.deviceUrl, mqttPort: parsed.mqttPort });
        }
      }
    });
  });
  child.stdout.resume();
  return {
    child, ...started, mqttUrl: `mqtts://localhost:${started.mqttPort}`,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
} // prettier-ignore
