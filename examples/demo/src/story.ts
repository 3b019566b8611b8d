import {
  createAgent,
  createFleet,
  dataLayout,
  telemetryKeysOf,
  type Agent,
  type AgentEvent,
} from '@cra-kit-examples/device-agent';
import {
  defaultModules,
  resolveCloudConfig,
  startCloud,
  type Cloud,
} from '@cra-kit-examples/device-cloud';
import { generateSigningKey, parseProductProfile } from '@cra-kit/core';
import { CA_FILES } from '@cra-kit/identity';
import { tufKeyOf, writeKeyFile } from '@cra-kit/ota-signing';
import { createWebhookNotifier } from '@cra-kit/support-period';
import { randomBytes, X509Certificate } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { createDemoKeys } from './demo-keys.js';
import { HARDWARE_ID, writeFirmwareImage } from './firmware.js';
import type { Narrator } from './narrator.js';
import { OperatorClient } from './operator-client.js';
import { createImageRepository, signRelease } from './ota-setup.js';
import { startTamperingMirror } from './tampering-mirror.js';
import { waitFor } from './wait-for.js';
import { startOwnerInbox } from './webhook-receiver.js';

/** Inputs of {@link runStory}. */
export interface StoryOptions {
  /** Everything the demo writes (keys, repository, cloud data, device data). */
  readonly workDir: string;
  /** The example product profile and its evidence set. */
  readonly productFile: string;
  readonly evidenceFile: string | undefined;
  readonly narrator: Narrator;
}

/** What the demo leaves running, for `--keep-running`, and the facts it checked. */
export interface StoryResult {
  readonly cloud: Cloud;
  readonly urls: Readonly<Record<string, string>>;
  readonly adminTokenFile: string;
  /** Web UI logins of the demo operators (name → password). */
  readonly passwords: Readonly<Record<string, string>>;
  readonly facts: Readonly<Record<string, unknown>>;
  stop(): Promise<void>;
}

const SERIALS = ['VS-0001', 'VS-0002', 'VS-0003', 'VS-0004', 'VS-0005'] as const;
/** VS-0005 fetches its images through a compromised mirror. */
const TAMPERED = 'VS-0005';
const CA_PASSPHRASE_ENV = 'CRA_DEMO_CA_PASSPHRASE';

interface RolloutView {
  readonly state: string;
  readonly pausedReason?: string;
  readonly groups: readonly {
    readonly name: string;
    readonly started: boolean;
    readonly counts: Record<string, number>;
  }[];
}
interface ObligationView {
  readonly stage: string;
  readonly dueAt?: string;
  readonly status: string;
  readonly citation: string;
  readonly summary: string;
}

/** The CRA story, end to end, on the reference cloud and five agents. */
export async function runStory(options: StoryOptions): Promise<StoryResult> {
  const say = options.narrator;
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch(() => undefined);
  };
  try {
    return await story(options, say, stops, stop);
  } catch (error) {
    await stop();
    throw error;
  }
}

async function story(options: StoryOptions, say: Narrator, stops: (() => Promise<void>)[], stop: () => Promise<void>): Promise<StoryResult> {
  const { workDir } = options;
  const profile = parseProductProfile(parseYaml(await readFile(options.productFile, 'utf8')));
  const organization = profile.manufacturer.name;

  // 1. The manufacturer's keys.
  say.step('A development manufacturing CA and a firmware repository whose releases need 2 of 3 release managers');
  const keys = await createDemoKeys(workDir, organization);
  const repositoryDir = join(workDir, 'ota-repository');
  await createImageRepository(repositoryDir, keys);
  const images = join(workDir, 'images');
  await mkdir(images, { recursive: true });
  const factoryImage = await writeFirmwareImage(images, '1.0.0');
  const factory = await signRelease(repositoryDir, keys, factoryImage, { schemaVersion: 1, hardwareIds: [HARDWARE_ID], version: '1.0.0', securityCounter: 1, releaseType: 'feature' }, ['alice', 'bob']);
  const director = await generateSigningKey('ed25519');
  const directorKeyFile = join(keys.dir, 'director.key.json');
  await writeKeyFile(directorKeyFile, { algorithm: 'ed25519', privateKeyPkcs8: director.privateKeyPkcs8, development: true });
  say.fact(`demo keys (never ship them): ${keys.dir}`);
  say.fact(`factory image 1.0.0 signed by ${factory.signedBy.join(' + ')} (targets threshold 2 of 3)`);

  // 2. The cloud.
  say.step('The reference device cloud starts on embedded defaults (SQLite, Aedes, local files)');
  const inbox = await startOwnerInbox();
  stops.push(() => inbox.close());
  const config = resolveCloudConfig({
    dataDir: join(workDir, 'cloud'),
    productProfile: options.productFile,
    ports: { public: 0, device: 0, mqtt: 0 },
    ca: { dir: keys.caDir, passphraseEnv: CA_PASSPHRASE_ENV },
    ota: { repositoryDir, directorKeyFile },
    log: { level: 'warn' },
  });
  const notifier = createWebhookNotifier({ url: inbox.url, secret: inbox.secret, maxAttempts: 2, baseDelayMs: 50 });
  const features = defaultModules(config, { notifier, tickIntervalMs: 1000, ...(options.evidenceFile ? { evidenceFile: options.evidenceFile } : {}) });
  const cloud = await startCloud({ config, modules: features.modules, env: { [CA_PASSPHRASE_ENV]: keys.caPassphrase } });
  stops.push(() => cloud.close());
  const rootPem = await readFile(join(keys.caDir, CA_FILES.root), 'utf8');
  const admin = new OperatorClient(cloud.publicUrl, rootPem, (await readFile(cloud.adminTokenFile, 'utf8')).trim());
  say.fact(`public HTTPS ${cloud.publicUrl} · device HTTPS (mutual TLS) ${cloud.deviceUrl} · MQTT ${cloud.mqttUrl}`);
  say.fact('no plaintext listener; devices need a certificate from the manufacturing CA');

  // Web UI passwords, printed at the end because this is a demo (stored as scrypt hashes).
  const passwords: Record<string, string> = {};
  const operator = async (name: string, role: string) => {
    const created = await admin.post<{ id: string }>('/api/v1/operators', { name, roles: [role] });
    const { token } = await admin.post<{ token: string }>(`/api/v1/operators/${created.id}/tokens`, { label: 'demo' });
    passwords[name] = randomBytes(12).toString('base64url');
    await admin.call('PUT', `/api/v1/operators/${created.id}/password`, { password: passwords[name] });
    return admin.as(token);
  };
  const releaseManager = await operator('rita', 'release-manager');
  const securityOfficer = await operator('sam', 'security-officer');
  const auditor = await operator('aude', 'auditor');
  say.fact('operators: rita (release manager), sam (security officer), aude (auditor); API tokens stored only as hashes');

  // 3. Five devices enroll.
  say.step('Five sensors boot for the first time and enroll with single-use bootstrap tokens');
  const { tokens } = await admin.post<{ tokens: { serial: string; token: string }[] }>('/api/v1/devices/bootstrap-tokens', { serials: [...SERIALS] });
  const events = new Map<string, AgentEvent[]>();
  const record = (serial: string) => (event: AgentEvent) => {
    const seen = events.get(serial);
    if (seen === undefined) events.set(serial, [event]);
    else seen.push(event);
    if (process.env['CRA_DEMO_DEBUG'] === '1') process.stderr.write(`${serial} ${JSON.stringify(event)}\n`);
  };
  const mirror = await startTamperingMirror({ repositoryDir, caDir: keys.caDir, caPassphrase: keys.caPassphrase });
  stops.push(() => mirror.close());
  const template = {
    hardwareId: HARDWARE_ID,
    cloud: { publicUrl: cloud.publicUrl, deviceUrl: cloud.deviceUrl, mqttUrl: cloud.mqttUrl, caPem: rootPem, servername: 'localhost' },
    ota: { initialRoot: new Uint8Array(await readFile(join(repositoryDir, 'metadata', '1.root.json'))), director: { keys: [(await tufKeyOf(director.signer)).key], threshold: 1 } },
    factoryImage: { path: factoryImage, version: '1.0.0', securityCounter: 1 },
    telemetry: { keys: telemetryKeysOf(profile), intervalMs: 1000 },
    backoff: { baseMs: 200, capMs: 5000 },
  };
  const reading = () => ({ vibration_velocity_rms: 2.1, vibration_acceleration_peak: 9.4, temperature: 41.5, battery_level: 87, firmware_version: '1.0.0', installer_name: 'Jo Example' });
  const healthy = SERIALS.filter((s) => s !== TAMPERED).map((serial) => ({ serial, bootstrapToken: tokens.find((t) => t.serial === serial)?.token ?? '' }));
  const fleet = createFleet({ baseDir: join(workDir, 'devices'), devices: healthy, template, hooks: (serial) => ({ telemetrySource: reading, onEvent: record(serial) }), concurrency: 4 });
  const tampered: Agent = createAgent(
    { ...template, ota: { ...template.ota, repositoryUrl: mirror.url }, dataDir: join(workDir, 'devices', TAMPERED), serial: TAMPERED, bootstrapToken: tokens.find((t) => t.serial === TAMPERED)?.token ?? '' },
    { telemetrySource: reading, onEvent: record(TAMPERED) },
  );
  stops.push(async () => {
    await fleet.stop();
    await tampered.stop();
  });
  await Promise.all([fleet.start(), tampered.start()]);
  const agents = new Map<string, Agent>([...fleet.agents, [TAMPERED, tampered]]);
  const fingerprints = new Set<string>();
  for (const serial of SERIALS) {
    const device = await admin.get<{ certificateSerial: string; status: string }>(`/api/v1/devices/${serial}`);
    const certPem = await readFile(dataLayout(join(workDir, 'devices', serial)).cert, 'utf8').catch(() => undefined);
    const fingerprint = certPem === undefined ? device.certificateSerial : new X509Certificate(certPem).fingerprint256;
    fingerprints.add(fingerprint);
    say.fact(`${serial}: own P-256 key generated on the device, certificate serial ${device.certificateSerial.slice(0, 16)}…`);
  }
  if (fingerprints.size !== SERIALS.length) throw new Error('demo: devices do not have unique identities');
  await admin.put(`/api/v1/devices/VS-0001/group`, { group: 'canary' });
  await waitFor('every agent connected over mutual-TLS MQTT', () => [...agents.values()].every((a) => a.status().connected), 30_000);
  say.fact('all five connected to MQTT with mutual TLS; each may use only devices/<its serial>/…');

  // 4. Telemetry.
  say.step('Telemetry flows, limited to what the product profile declares');
  await waitFor('telemetry from every device', async () => {
    for (const serial of SERIALS) {
      const answer = await auditor.call('GET', `/api/v1/devices/${serial}/telemetry`, undefined, [404]);
      if (answer.status !== 200 || Object.keys((answer.body as { values?: object }).values ?? {}).length === 0) return false;
    }
    return true;
  }, 30_000);
  const latest = await auditor.get<{ values: Record<string, unknown> }>(`/api/v1/devices/VS-0002/telemetry`);
  say.fact(`VS-0002 latest accepted values: ${Object.entries(latest.values).map(([k, v]) => `${k}=${JSON.stringify((v as { value?: unknown }).value ?? v)}`).join(', ')}`);
  const dropped = (events.get('VS-0002') ?? []).find((e) => e.type === 'telemetry' && e.dropped.length > 0);
  if (dropped?.type === 'telemetry') say.fact(`the agent dropped ${dropped.dropped.join(', ')} before sending: its data-inventory destination is the customer's system only (Annex I Part I (2)(g))`);

  // 5. A vulnerability report.
  say.step('A security researcher reports a vulnerability; it is being actively exploited');
  const reporter = new OperatorClient(cloud.publicUrl, rootPem);
  const report = await reporter.post<{ caseId: string }>('/vulnerability-reports', {
    title: 'Heap overflow in the vibration sensor firmware MQTT parser',
    description: 'A crafted MQTT PUBLISH with an oversized topic length overflows a heap buffer in firmware 1.0.0 and allows code execution on the sensor.',
    product: profile.product.name,
    versions: '1.0.0',
    cwe: 'CWE-122',
  });
  say.fact(`case ${report.caseId} opened from the public intake (${cloud.publicUrl}/vulnerability-reports)`);
  for (const to of ['acknowledged', 'verifying']) await securityOfficer.post(`/api/v1/cases/${report.caseId}/transition`, { to });
  const exploited = await securityOfficer.post<{ obligations: ObligationView[] }>(`/api/v1/cases/${report.caseId}/actively-exploited`, { evidence: 'Exploitation observed against a customer site.' });
  for (const o of exploited.obligations.filter((x) => x.dueAt !== undefined)) say.fact(`${o.stage.padEnd(14)} due ${o.dueAt ?? ''} [${o.citation}]`);
  say.fact('the clocks run from the moment the manufacturer became aware (Art. 14(2))');
  for (const stage of ['early-warning', 'notification']) {
    await securityOfficer.post(`/api/v1/cases/${report.caseId}/submissions`, { stage, reference: `SRP-DEMO-${stage}` });
  }
  say.fact('early warning and notification recorded as submitted (the single reporting platform itself is outside the demo)');

  // 6. The fix: signed 2-of-3, rolled out canary first.
  say.step('The fix, firmware 1.0.1, is signed by 2 of 3 release managers and rolled out canary-first');
  const fixImage = await writeFirmwareImage(images, '1.0.1');
  const fix = await signRelease(repositoryDir, keys, fixImage, { schemaVersion: 1, hardwareIds: [HARDWARE_ID], version: '1.0.1', securityCounter: 2, releaseType: 'security' }, ['alice', 'carol']);
  say.fact(`${fix.name}: one signature left it staged; ${fix.signedBy.join(' + ')} committed it`);
  const release = await releaseManager.post<{ id: string }>('/api/v1/releases', { targetName: fix.name });
  await releaseManager.post(`/api/v1/releases/${release.id}/sbom/generate`, {
    components: [
      { name: 'zephyr', version: '3.7.0', supplier: 'Zephyr Project', licenses: ['Apache-2.0'], purl: 'pkg:github/zephyrproject-rtos/zephyr@v3.7.0' },
      { name: 'mbedtls', version: '3.6.2', supplier: 'Trusted Firmware', licenses: ['Apache-2.0'], purl: 'pkg:github/Mbed-TLS/mbedtls@v3.6.2' },
      { name: 'vs-200-application', version: '1.0.1', supplier: organization, licenses: ['LicenseRef-proprietary'] },
    ],
  });
  const denied = await auditor.call('POST', `/api/v1/releases/${release.id}/rollouts`, { groups: [{ name: 'all', select: { remaining: true } }] }, [403]);
  say.fact(`the auditor tries to start the rollout: HTTP ${denied.status} (roles are enforced)`);
  const rollout = await releaseManager.post<{ id: string }>(`/api/v1/releases/${release.id}/rollouts`, {
    groups: [
      { name: 'canary', select: { deviceGroup: 'canary' }, successThreshold: 1, errorThreshold: 0.5 },
      { name: 'fleet', select: { remaining: true }, successThreshold: 0.75, errorThreshold: 0.5 },
    ],
  });
  const view = () => releaseManager.get<RolloutView>(`/api/v1/rollouts/${rollout.id}`);
  await waitFor('the canary group to commit', async () => ((await view()).groups[0]?.counts['committed'] ?? 0) >= 1, 60_000);
  say.fact('canary VS-0001 verified, installed, rebooted, passed its health check and committed 1.0.1');
  await waitFor('every device of the fleet group to finish', async () => {
    const counts = (await view()).groups[1]?.counts ?? {};
    return (counts['committed'] ?? 0) + (counts['failed'] ?? 0) >= SERIALS.length - 1;
  }, 90_000);
  const final = await view();
  for (const g of final.groups) say.fact(`group ${g.name}: ${Object.entries(g.counts).filter(([k, v]) => v > 0 && k !== 'total' && k !== 'recentFailed').map(([k, v]) => `${String(v)} ${k}`).join(', ')}`);
  for (const [serial, agent] of agents) say.fact(`${serial} runs ${agent.status().firmware?.version ?? '?'} from slot ${agent.status().firmware?.slot ?? '?'}`);
  const tamperedRuns = tampered.status().firmware?.version;
  const refusal = (events.get(TAMPERED) ?? []).find((e) => e.type === 'device-event' && e.event.kind === 'security-event' && e.event.type === 'update-rejected');
  if (tamperedRuns !== '1.0.0' || refusal === undefined || mirror.tampered() === 0) throw new Error(`demo: the tampered image was not refused (runs ${tamperedRuns ?? '?'})`);
  say.fact(`${TAMPERED} got its image from a compromised mirror (${String(mirror.tampered())} tampered download), refused it (${refusal.type === 'device-event' && refusal.event.kind === 'security-event' ? refusal.event.detail.replace(/^[^:]*: /, '') : ''}) and kept running 1.0.0`);
  await features.updates.idle();
  say.fact(`owners notified through support-period's signed webhook: ${String(inbox.notices.length)} notice(s) (${[...new Set(inbox.notices.map((n) => n.kind))].join(', ') || 'none'})`);

  // 7. The advisory.
  say.step('The fix has shipped: the case is released and a CSAF advisory published');
  for (const to of ['remediating', 'released']) await securityOfficer.post(`/api/v1/cases/${report.caseId}/transition`, { to });
  const year = new Date().getUTCFullYear();
  const trackingId = `ACME-SA-${String(year)}-001`;
  await securityOfficer.post(`/api/v1/cases/${report.caseId}/advisory`, { trackingId, fixedIn: '1.0.1', remediation: 'Install firmware 1.0.1; devices with automatic updates on have it already.' });
  const csafUrl = `${cloud.publicUrl}/.well-known/csaf/white/${String(year)}/${trackingId.toLowerCase()}.json`;
  const csaf = await reporter.call('GET', new URL(csafUrl).pathname);
  say.fact(`CSAF 2.0 advisory: ${csafUrl} (HTTP ${String(csaf.status)})`);
  say.fact(`provider metadata: ${cloud.publicUrl}/.well-known/csaf/provider-metadata.json; security.txt: ${cloud.publicUrl}/.well-known/security.txt`);
  const open = await auditor.get<{ obligations: ObligationView[] }>('/api/v1/obligations');
  for (const o of open.obligations) say.fact(`still open: ${o.stage} ${o.dueAt ? `due ${o.dueAt}` : ''} (${o.status})`);

  // 8. Compliance.
  say.step('SBOM, vulnerability scan, support status and gap analysis for the release');
  const sbom = await auditor.get<{ components?: unknown[] }>(`/api/v1/releases/${release.id}/sbom`);
  const scan = await auditor.get<Record<string, unknown>>(`/api/v1/releases/${release.id}/scan`);
  const fleetStatus = await auditor.get<Record<string, unknown>>('/api/v1/compliance/fleet');
  const gaps = await auditor.get<Record<string, unknown>>('/api/v1/compliance/gaps');
  say.fact(`SBOM (CycloneDX): ${String(sbom.components?.length ?? 0)} components; scan: ${summarise(scan)}`);
  say.fact(`fleet support status: ${summarise(fleetStatus)}`);
  say.fact(`gap analysis: ${summarise(gaps)}`);

  const urls = {
    webUi: `${cloud.publicUrl}/ui/`,
    compliance: `${cloud.publicUrl}/compliance`,
    fleet: `${cloud.publicUrl}/compliance/fleet`,
    gaps: `${cloud.publicUrl}/compliance/gaps`,
    release: `${cloud.publicUrl}/compliance/releases/${release.id}`,
    securityTxt: `${cloud.publicUrl}/.well-known/security.txt`,
    csafProvider: `${cloud.publicUrl}/.well-known/csaf/provider-metadata.json`,
    advisory: csafUrl,
  };
  return {
    cloud,
    urls,
    adminTokenFile: cloud.adminTokenFile,
    passwords,
    facts: { devices: SERIALS.length, rollout: final.state, tamperedRefused: true, caseId: report.caseId, advisory: trackingId, ownerNotices: inbox.notices.length },
    stop,
  };
} // prettier-ignore

/** A one-line summary of a JSON answer: its numeric and short string fields. */
function summarise(value: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'number' || typeof v === 'boolean') parts.push(`${key} ${String(v)}`);
    else if (typeof v === 'string' && v.length < 40) parts.push(`${key} ${v}`);
    else if (Array.isArray(v)) parts.push(`${key} ${String(v.length)}`);
    else if (v !== null && typeof v === 'object') {
      const inner = Object.entries(v).filter(([, x]) => typeof x === 'number');
      if (inner.length > 0 && inner.length <= 8)
        parts.push(`${key} {${inner.map(([k, x]) => `${k}: ${String(x)}`).join(', ')}}`);
    }
  }
  return parts.slice(0, 8).join('; ') || '(see the page)';
}
