import { link, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@cra-kit/testing';
import { renewalTime } from '@cra-kit/identity';
import { createAgent, dataLayout, readPointer, secureErase } from '@cra-kit-examples/device-agent';
import { startCloud, tempDir, type TestCloud } from './fixture.js';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startCloud();
}, 120_000);
afterAll(async () => {
  await cloud.close();
});

const derOf = (pem: string) =>
  Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');

/** Every file under `dir`, recursively, with its bytes. */
async function allFiles(dir: string): Promise<{ path: string; bytes: Buffer }[]> {
  const out: { path: string; bytes: Buffer }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isDirectory()) out.push(...(await allFiles(path)));
    else out.push({ path, bytes: await readFile(path) });
  }
  return out;
}

describe('factory reset (Annex I Part I (2)(m))', () => {
  it('erases key, certificates, settings and update state; key bytes are overwritten, not just unlinked', async () => {
    const base = await tempDir('reset');
    const dataDir = join(base, 'data');
    const layout = dataLayout(dataDir);
    const agent = createAgent(await cloud.agentConfig('VS-R001', dataDir));
    await agent.start();
    const rel = await cloud.release({ version: '3.0.0', counter: 1 });
    cloud.assign('VS-R001', rel.name);
    await agent.handleNotice(rel.notice);
    await agent.updateSettings({ automaticUpdates: false });
    const keyPem = await readFile(layout.key, 'utf8');
    const certPem = await readFile(layout.cert, 'utf8');
    const secrets = [Buffer.from(keyPem), derOf(keyPem), Buffer.from(certPem), derOf(certPem)];
    // A second name for the key's inode: after the reset it shows what the blocks hold.
    const witness = join(base, 'key-witness');
    await link(layout.key, witness);

    await agent.factoryReset();

    for (const file of await allFiles(dataDir)) {
      for (const secret of secrets) expect(file.bytes.includes(secret), file.path).toBe(false);
    }
    const leftover = await readFile(witness);
    expect(leftover.length).toBe(Buffer.byteLength(keyPem));
    expect(leftover.includes(derOf(keyPem).subarray(0, 32))).toBe(false);
    expect(leftover.toString('utf8')).not.toContain('PRIVATE KEY');
    for (const path of [layout.key, layout.cert, layout.chain, layout.settings, layout.eventLog, layout.tuf, layout.slotDir('b')]) {
      await expect(stat(path)).rejects.toMatchObject({ code: 'ENOENT' });
    }
    expect(agent.status()).toMatchObject({ enrolled: false, firmware: undefined });
    expect(await readPointer(layout)).toBeUndefined();
    expect((await readFile(layout.slotManifest('a'), 'utf8'))).toContain('"releaseType":"factory"');
    expect(await agent.settings()).toEqual({ automaticUpdates: true, approvedReleases: [], securityEventLog: true });

    // Back to first boot: factory image, new token, a new key.
    const report = await agent.start({ bootstrapToken: await cloud.tokens.issue('VS-R001') });
    expect(report).toMatchObject({ firstBoot: true, firmware: { slot: 'a', manifest: { version: '1.0.0' } } });
    expect(await readFile(layout.key, 'utf8')).not.toBe(keyPem);
    await agent.stop();
  }); // prettier-ignore

  it('secureErase overwrites in place before unlinking', async () => {
    const dir = await tempDir('erase');
    const file = join(dir, 'secret');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(file, 'A'.repeat(100_000));
    await link(file, join(dir, 'witness'));
    await secureErase(file);
    const rest = await readFile(join(dir, 'witness'));
    expect(rest.length).toBe(100_000);
    expect(rest.includes('AAAAAAAA')).toBe(false);
    await expect(secureErase(file)).resolves.toBeUndefined();
  });
});

describe('certificate renewal', () => {
  it('renews over simplereenroll with mutual TLS and a new key, and schedules it at 2/3 of the lifetime', async () => {
    const dataDir = await tempDir('renew');
    const layout = dataLayout(dataDir);
    const config = await cloud.agentConfig('VS-N001', dataDir);
    const agent = createAgent(config);
    await agent.start();
    const oldKey = await readFile(layout.key, 'utf8');
    const oldCert = await readFile(layout.cert, 'utf8');
    await agent.renewCertificate();
    const newCert = await readFile(layout.cert, 'utf8');
    expect(await readFile(layout.key, 'utf8')).not.toBe(oldKey);
    expect(newCert).not.toBe(oldCert);
    expect(cloud.identityOf(newCert).serial).toBe('VS-N001');
    expect((await stat(layout.key)).mode & 0o777).toBe(0o600);
    const log = await readFile(layout.eventLog, 'utf8');
    expect(log).toContain('certificate-renewed');
    // The renewed identity works on the mutual-TLS listener: an update goes through.
    const rel = await cloud.release({ version: '3.1.0', counter: 1 });
    cloud.assign('VS-N001', rel.name);
    expect(await agent.handleNotice(rel.notice)).toMatchObject({ outcome: 'committed' });
    await agent.stop();

    // Restarted when 2/3 of the certificate's lifetime has passed, it renews by itself.
    const due = new Date(renewalTime(new Uint8Array(derOf(newCert))).getTime() + 1_000);
    const renewed = new Promise<string>((resolve) => {
      const later = createAgent(
        { ...config, bootstrapToken: undefined },
        {
          clock: fixedClock(due),
          onEvent: (e) => {
            if (
              e.type === 'device-event' &&
              e.event.kind === 'security-event' &&
              e.event.type === 'certificate-renewed'
            ) {
              void later.stop().then(() => {
                resolve(e.event.kind);
              });
            }
          },
        },
      );
      void later.start();
    });
    await expect(renewed).resolves.toBe('security-event');
    expect(await readFile(layout.cert, 'utf8')).not.toBe(newCert);
  });
});
