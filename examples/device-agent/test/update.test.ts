import { readFile, stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AgentError,
  createAgent,
  dataLayout,
  readPointer,
  type AgentEvent,
  type UpdateOutcome,
} from '@cra-kit-examples/device-agent';
import { generateSigningKey } from '@cra-kit/core';
import { createRootCa, toPem } from '@cra-kit/identity';
import { startCloud, tempDir, type TestCloud } from './fixture.js';
// prettier-ignore

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startCloud();
}, 120_000);
afterAll(async () => {
  await cloud.close();
});

/** An enrolled agent in offline mode (notices handed in directly), with its event stream. */
async function device(serial: string, hooks: { healthy?: (version: string) => boolean } = {}) {
  const dataDir = await tempDir(serial);
  const events: AgentEvent[] = [];
  const agent = createAgent(await cloud.agentConfig(serial, dataDir), {
    onEvent: (e) => events.push(e),
    healthCheck: (fw) => hooks.healthy?.(fw.manifest.version) ?? true,
  });
  const report = await agent.start();
  return { agent, dataDir, events, report, layout: dataLayout(dataDir) };
}

const securityEvents = async (path: string) =>
  (await readFile(path, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { type: string; detail: string }); // prettier-ignore

describe('first boot and updates', () => {
  it('enrolls with its own key (0600), boots the factory image, installs a security update into slot b', async () => {
    const d = await device('VS-U001');
    expect(d.report).toMatchObject({
      firstBoot: true,
      firmware: { slot: 'a', manifest: { version: '1.0.0' } },
    });
    expect((await stat(d.layout.key)).mode & 0o777).toBe(0o600);
    expect(cloud.identityOf(await readFile(d.layout.cert, 'utf8')).serial).toBe('VS-U001');
    const rel = await cloud.release({ version: '1.1.0', counter: 1 });
    cloud.assign('VS-U001', rel.name);
    const outcome = await d.agent.handleNotice(rel.notice);
    expect(outcome).toMatchObject({ outcome: 'committed', version: '1.1.0' });
    expect(d.agent.firmware).toMatchObject({ slot: 'b', trial: false });
    expect(await readPointer(d.layout)).toEqual({ committed: 'b', counter: 1 });
    const phases = d.events.flatMap((e) =>
      e.type === 'device-event' && e.event.kind === 'update-progress' ? [e.event.phase] : [],
    );
    expect(phases).toEqual([
      'notified',
      'downloading',
      'verifying',
      'writing',
      'switching',
      'health-check',
    ]);
    await expect(d.agent.start()).rejects.toBeErrorWithCode(AgentError, 'AGENT_ALREADY_STARTED');
    // A restart boots the committed slot.
    await d.agent.stop();
    const again = createAgent(await cloud.agentConfig('VS-U001', d.dataDir));
    expect((await again.start()).firmware).toMatchObject({
      slot: 'b',
      manifest: { version: '1.1.0' },
    });
    await again.stop();
  });

  it('rolls back automatically when the health check fails', async () => {
    const d = await device('VS-U002', { healthy: (v) => v !== '1.1.1' });
    const rel = await cloud.release({ version: '1.1.1', counter: 1 });
    cloud.assign('VS-U002', rel.name);
    expect(await d.agent.handleNotice(rel.notice)).toMatchObject({
      outcome: 'rolled-back',
      version: '1.0.0',
    });
    expect(d.agent.firmware).toMatchObject({ slot: 'a', manifest: { version: '1.0.0' } });
    expect(await readPointer(d.layout)).toEqual({ committed: 'a', counter: 0 });
    expect((await securityEvents(d.layout.eventLog)).map((e) => e.type)).toContain('rollback');
    await d.agent.stop();
  });

  it('refuses a tampered image (bytes changed after signing) and keeps running the old firmware', async () => {
    const d = await device('VS-U003');
    const rel = await cloud.release({ version: '1.1.2', counter: 1 });
    cloud.assign('VS-U003', rel.name);
    const bytes = await readFile(rel.repoFile);
    bytes[1000] = (bytes[1000] ?? 0) ^ 0xff;
    const { writeFile } = await import('node:fs/promises');
    await writeFile(rel.repoFile, bytes);
    const outcome = (await d.agent.handleNotice(rel.notice)) as UpdateOutcome;
    expect(outcome).toMatchObject({
      outcome: 'rejected',
      version: '1.0.0',
      error: { code: 'OTA_TARGET_HASH_MISMATCH' },
    });
    expect(d.agent.firmware.manifest.version).toBe('1.0.0');
    expect(await readPointer(d.layout)).toEqual({ committed: 'a', counter: 0 });
    expect(await securityEvents(d.layout.eventLog)).toEqual([
      expect.objectContaining({ type: 'update-rejected' }),
    ]);
    await d.agent.stop();
  });

  it('installs only what the director assigned to this device', async () => {
    const d = await device('VS-U006');
    const assigned = await cloud.release({ version: '1.8.0', counter: 1 });
    const other = await cloud.release({ version: '1.8.1', counter: 1 });
    cloud.assign('VS-U006', assigned.name);
    expect(await d.agent.handleNotice(other.notice)).toMatchObject({ outcome: 'rejected', error: { code: 'OTA_DIRECTOR_MISMATCH' } });
    expect(d.agent.firmware.manifest.version).toBe('1.0.0');
    await d.agent.stop();
  }); // prettier-ignore

  it('anti-rollback: a lower security counter is refused, a revert with the same counter is allowed', async () => {
    const d = await device('VS-U004');
    const r130 = await cloud.release({ version: '1.3.0', counter: 3 });
    const r131 = await cloud.release({ version: '1.3.1', counter: 3 });
    const r105 = await cloud.release({ version: '1.0.5', counter: 2 });
    for (const [rel, outcome] of [
      [r130, 'committed'],
      [r131, 'committed'],
      [r130, 'committed'],
      [r105, 'rejected'],
    ] as const) {
      cloud.assign('VS-U004', rel.name);
      expect(await d.agent.handleNotice(rel.notice)).toMatchObject({ outcome });
    }
    expect(d.agent.firmware.manifest.version).toBe('1.3.0');
    expect((await readPointer(d.layout))?.counter).toBe(3);
    expect((await securityEvents(d.layout.eventLog)).at(-1)?.detail).toContain(
      'OTA_COUNTER_DOWNGRADE',
    );
    await d.agent.stop();
  });

  it('refuses a notice that misrepresents the signed release (feature sold as security)', async () => {
    const d = await device('VS-U005');
    const rel = await cloud.release({ version: '1.4.0', counter: 1, releaseType: 'feature' });
    cloud.assign('VS-U005', rel.name);
    expect(await d.agent.handleNotice({ ...rel.notice, releaseType: 'security' })).toMatchObject({
      outcome: 'rejected',
      error: { code: 'AGENT_NOTICE_MISMATCH' },
    });
    expect(d.agent.firmware.manifest.version).toBe('1.0.0');
    await expect(d.agent.handleNotice({ kind: 'update-available' })).rejects.toMatchObject({
      code: 'CORE_VALIDATION_FAILED',
    });
    await d.agent.stop();
  });
});

describe('owner settings (Annex I Part I (2)(c))', () => {
  it('automatic security updates by default; opt-out declines, postpone postpones, approval installs', async () => {
    const d = await device('VS-S001');
    expect(await d.agent.settings()).toEqual({
      automaticUpdates: true,
      approvedReleases: [],
      securityEventLog: true,
    });
    const sec = await cloud.release({ version: '1.5.0', counter: 1 });
    const feat = await cloud.release({ version: '1.6.0', counter: 1, releaseType: 'feature' });
    cloud.assign('VS-S001', sec.name);
    await d.agent.updateSettings({ automaticUpdates: false });
    expect(await d.agent.handleNotice(sec.notice)).toMatchObject({
      outcome: 'declined',
      version: '1.0.0',
    });
    const until = new Date(Date.now() + 7 * 86_400_000).toISOString();
    await d.agent.updateSettings({ automaticUpdates: true, postponeUntil: until });
    expect(await d.agent.handleNotice(sec.notice)).toMatchObject({ outcome: 'postponed', until });
    // Persisted on the device: a restarted agent still postpones.
    await d.agent.stop();
    const again = createAgent(await cloud.agentConfig('VS-S001', d.dataDir));
    await again.start();
    expect(await again.handleNotice(sec.notice)).toMatchObject({ outcome: 'postponed' });
    // A feature release is never automatic; the owner's approval installs it.
    await again.updateSettings({ postponeUntil: undefined });
    cloud.assign('VS-S001', feat.name);
    expect(await again.handleNotice(feat.notice)).toMatchObject({ outcome: 'declined' });
    await again.updateSettings({ approvedReleases: [feat.notice.releaseId] });
    expect(await again.handleNotice(feat.notice)).toMatchObject({
      outcome: 'committed',
      version: '1.6.0',
    });
    await again.stop();
  });
});

describe('security event log (Annex I Part I (2)(l))', () => {
  it('records rejections locally unless the owner opted out; the cloud still hears of them', async () => {
    const d = await device('VS-L001');
    await d.agent.updateSettings({ securityEventLog: false });
    const rel = await cloud.release({ version: '1.7.0', counter: 1, releaseType: 'feature' });
    cloud.assign('VS-L001', rel.name);
    expect(await d.agent.handleNotice({ ...rel.notice, releaseType: 'security' })).toMatchObject({ outcome: 'rejected' });
    await expect(stat(d.layout.eventLog)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(d.events).toContainEqual(expect.objectContaining({ event: expect.objectContaining({ kind: 'security-event', type: 'update-rejected' }) }));
    await d.agent.updateSettings({ securityEventLog: true });
    expect(await d.agent.handleNotice({ ...rel.notice, releaseType: 'security' })).toMatchObject({ outcome: 'rejected' });
    expect(await securityEvents(d.layout.eventLog)).toHaveLength(1);
    await d.agent.stop();
  }); // prettier-ignore
});

describe('errors', () => {
  it('refuses to start without credentials or token, and rejects a bad configuration', async () => {
    const config = await cloud.agentConfig('VS-E001', await tempDir('e1'));
    delete (config as { bootstrapToken?: string }).bootstrapToken;
    const noToken = createAgent(config);
    await expect(noToken.start()).rejects.toBeErrorWithCode(AgentError, 'AGENT_NOT_ENROLLED');
    // A failed start leaves the agent stopped: it can be started again with a token.
    await noToken.start({ bootstrapToken: await cloud.tokens.issue('VS-E001') });
    expect(noToken.status().enrolled).toBe(true);
    await noToken.stop();
    expect(() => createAgent({ ...config, serial: 'bad/serial' })).toThrow(
      expect.objectContaining({ code: 'CORE_VALIDATION_FAILED' }),
    );
    // A server that does not chain to the configured CA is refused before the token is sent.
    const other = await generateSigningKey('ecdsa-p256-sha256');
    const otherRoot = toPem(
      await createRootCa({
        organization: 'Mallory',
        commonName: 'Mallory Root',
        signer: other.signer,
      }),
      'CERTIFICATE',
    );
    const wrongCa = await cloud.agentConfig('VS-E003', await tempDir('e3'));
    await expect(
      createAgent({ ...wrongCa, cloud: { ...wrongCa.cloud, caPem: otherRoot } }).start(),
    ).rejects.toBeErrorWithCode(AgentError, 'AGENT_HTTP_FAILED');
    // The token was not spent: with the right CA the same device enrolls.
    const fine = createAgent(wrongCa);
    await fine.start();
    expect(fine.status().enrolled).toBe(true);
    await fine.stop();
    const used = await cloud.agentConfig('VS-E002', await tempDir('e2'));
    await cloud.tokens.redeem(used.bootstrapToken ?? '', 'someone-else');
    await expect(createAgent(used).start()).rejects.toMatchObject({
      code: 'AGENT_ENROLLMENT_FAILED',
      details: { status: 401 },
    });
  });
});
