import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSigningKey } from '@cra-kit/core';
import { CA_FILES, initCaDirectory } from '@cra-kit/identity';
import { initRepository, writeKeyFile } from '@cra-kit/ota-signing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAST_SCRYPT, PASSPHRASE, PROFILE, httpsCall } from './helpers/cloud-fixture.js';

// The built command, as users run it (`pnpm test` builds the examples before the tests run).
const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
let dir = '';

beforeAll(async () => {
  await stat(bin).catch(() => {
    throw new Error(`${bin} is missing: run \`pnpm build\` (or \`pnpm test\`, which builds) first`);
  });
  dir = await mkdtemp(join(tmpdir(), 'cra-cloud-bin-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('cra-cloud --config', () => {
  it('runs a deployment from a config file and stops cleanly on SIGTERM', async () => {
    const caDir = join(dir, 'ca');
    await initCaDirectory({
      dir: caDir,
      organization: 'Acme Sensors',
      passphrase: PASSPHRASE,
      scrypt: FAST_SCRYPT,
    });
    await initRepository({ dir: join(dir, 'ota') });
    const director = await generateSigningKey('ed25519');
    await writeKeyFile(join(dir, 'director.key.json'), {
      algorithm: 'ed25519',
      privateKeyPkcs8: director.privateKeyPkcs8,
      development: true,
    });
    const config = join(dir, 'cloud.config.yaml');
    await writeFile(config, [
      'dataDir: ./data', `productProfile: ${PROFILE}`, 'ports: { public: 0, device: 0, mqtt: 0 }',
      'ca: { dir: ./ca, passphraseEnv: CLOUD_TEST_CA_PASSPHRASE }',
      'ota: { repositoryDir: ./ota, directorKeyFile: ./director.key.json }', '',
    ].join('\n')); // prettier-ignore

    const child = spawn(process.execPath, [bin, '--config', config], {
      env: { ...process.env, CLOUD_TEST_CA_PASSPHRASE: PASSPHRASE },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const started = await new Promise<{ publicUrl: string }>((resolve, reject) => {
      const timer = setInterval(() => {
        const line = output.split('\n').find((l) => l.includes('"cloud started"'));
        if (line !== undefined) {
          clearInterval(timer);
          resolve(JSON.parse(line) as { publicUrl: string });
        } else if (child.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`cra-cloud exited: ${output}`));
        }
      }, 50);
    });

    const rootPem = await readFile(join(caDir, CA_FILES.root), 'utf8');
    const securityTxt = await httpsCall(`${started.publicUrl}/.well-known/security.txt`, {
      method: 'GET',
      ca: rootPem,
    });
    expect(securityTxt.status).toBe(200);
    // The admin token went to a 0600 file, never to the log.
    const tokenFile = join(dir, 'data', 'admin.token');
    expect((await stat(tokenFile)).mode & 0o777).toBe(0o600);
    expect(output).not.toContain((await readFile(tokenFile, 'utf8')).trim());
    expect(output).not.toContain(PASSPHRASE);

    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code, output).toBe(0);
  }, 60_000);

  it('--prepare-broker writes the external Mosquitto configuration and exits', async () => {
    const caDir = join(dir, 'ca');
    const config = join(dir, 'external.config.yaml');
    await writeFile(config, [
      'dataDir: ./data-external', `productProfile: ${PROFILE}`,
      'ca: { dir: ./ca, passphraseEnv: CLOUD_TEST_CA_PASSPHRASE }',
      'broker: { mode: external, url: "mqtts://localhost:18883" }', '',
    ].join('\n')); // prettier-ignore
    await stat(caDir); // made by the test above
    const child = spawn(process.execPath, [bin, '--config', config, '--prepare-broker', '--json'], {
      env: { ...process.env, CLOUD_TEST_CA_PASSPHRASE: PASSPHRASE },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code, output).toBe(0);
    const files = JSON.parse(output) as { conf: string; acl: string };
    const conf = await readFile(files.conf, 'utf8');
    expect(conf).toMatch(/require_certificate true/);
    expect(conf).toMatch(/use_identity_as_username true/);
    expect(await readFile(files.acl, 'utf8')).toContain('pattern write devices/%u/telemetry');
  }, 60_000);

  it('refuses to start without its config, with a usage line', async () => {
    const child = spawn(process.execPath, [bin], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(stderr).toContain('usage: cra-cloud --config');
  });
});
