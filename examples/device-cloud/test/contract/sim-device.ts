import { eventsTopic, HTTP_PATHS, noticesTopic } from '@cra-kit-examples/device-protocol';
import { connect, type MqttClient } from 'mqtt';
import { httpsCall } from '../helpers/cloud-fixture.js';
import type { DeviceCredentials } from '../helpers/cloud-fixture.js';

/** Where a simulated device talks to: one cloud instance's broker and device listener. */
export interface Endpoint {
  readonly mqttUrl: string;
  readonly deviceUrl: string;
}

/**
 * A device as the fault tests need it: it installs a release at most once (it then runs it;
 * a later instruction is only recorded), reports the result again on every reconnect, and learns
 * of releases from notices or, after a reconnect, from the director.
 */
export class SimDevice {
  /** `notice` or `director`, and whether it arrived after the device had installed the release. */
  readonly instructions: { source: 'notice' | 'director'; afterInstall: boolean }[] = [];
  /** Called on every instruction (the fault tests time their kill by it). */
  onInstruction: (() => void) | undefined;
  private installed: string | undefined;
  private client: MqttClient | undefined;
  private reporting: Promise<void> = Promise.resolve();

  constructor(readonly creds: DeviceCredentials, private readonly rootPem: string, private readonly releaseId: () => string) {}

  get serial(): string { return this.creds.serial; }

  /** Connects to `at` (no reconnect: the test moves the device), then catches up on what it missed. */
  async connect(at: Endpoint): Promise<void> {
    this.client?.end(true);
    const client = connect(at.mqttUrl, { clientId: this.serial, key: this.creds.keyPem, cert: this.creds.certPem, ca: this.rootPem, servername: 'localhost', rejectUnauthorized: true, reconnectPeriod: 0, connectTimeout: 15_000, protocolVersion: 4 });
    client.on('error', () => undefined); // a killed instance: the test reconnects the device elsewhere
    await new Promise<void>((resolve, reject) => { client.once('connect', () => { resolve(); }); client.once('close', () => { reject(new Error(`${this.serial}: closed before CONNACK`)); }); });
    this.client = client;
    client.on('message', (_topic, payload) => {
      const notice = JSON.parse(payload.toString('utf8')) as { kind: string; releaseId?: string };
      if (notice.kind === 'update-available' && notice.releaseId !== undefined) this.instruct('notice', notice.releaseId);
    });
    await client.subscribeAsync(noticesTopic(this.serial), { qos: 1 });
    // A report the dead instance never acknowledged is sent again; duplicates are harmless.
    if (this.installed !== undefined) this.report(this.installed);
    await this.reporting;
    const director = await httpsCall(at.deviceUrl + HTTP_PATHS.otaDirectorTargets, { ca: this.rootPem, key: this.creds.keyPem, cert: this.creds.certPem });
    // 404 NO_UPDATE: nothing assigned (its group has not started, or it is done).
    if (director.status === 200) this.instruct('director', this.releaseId());
    else if (director.status !== 404) throw new Error(`${this.serial}: director ${director.status} ${director.text}`);
  }

  /** Publishes a `boot` event (firmware 1.0.0 on hardware `rev-b`), acknowledged by the broker. */
  async boot(): Promise<void> {
    await this.client?.publishAsync(eventsTopic(this.serial), JSON.stringify({ kind: 'boot', at: new Date().toISOString(), version: '1.0.0', hardwareId: 'rev-b', slot: 'a' }), { qos: 1 });
  }

  /** Resolves once every report so far was acknowledged (or the connection died under it). */
  settled(): Promise<void> { return this.reporting; }

  close(): void { this.client?.end(true); }

  private instruct(source: 'notice' | 'director', releaseId: string): void {
    this.instructions.push({ source, afterInstall: this.installed !== undefined });
    this.onInstruction?.();
    if (this.installed !== undefined) return;
    this.installed = releaseId;
    this.report(releaseId);
  }

  private report(releaseId: string): void {
    const client = this.client;
    if (client === undefined) return;
    const send = (event: object) => client.publishAsync(eventsTopic(this.serial), JSON.stringify({ at: new Date().toISOString(), ...event }), { qos: 1 });
    this.reporting = this.reporting.then(async () => {
      await send({ kind: 'update-progress', releaseId, phase: 'health-check' });
      await send({ kind: 'update-result', releaseId, outcome: 'committed', version: '1.1.0' });
    }).catch(() => undefined);
  }
} // prettier-ignore
