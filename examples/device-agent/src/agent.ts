import { SdkError, parseWith, secureRandom, systemClock } from '@cra-kit/core';
import { renewalTime } from '@cra-kit/identity';
import { httpFetcher, keyIdOfTufKey, type RoleTrust } from '@cra-kit/ota-signing';
import {
  HTTP_PATHS, NoticeSchema, eventsTopic, noticesTopic, telemetryTopic, type DeviceEvent, type Notice,
} from '@cra-kit-examples/device-protocol'; // prettier-ignore
import { bootFromPointer, type BootReport, type RunningFirmware } from './boot.js';
import { eraseDevice } from './reset.js';
import { parseAgentConfig, type AgentConfig, type AgentEvent, type AgentHooks } from './config.js';
import { enroll, loadCredentials, renew, tlsOf, type Credentials } from './credentials.js';
import { AgentError } from './errors.js';
import { createEventLog, type SecurityEvent } from './event-log.js';
import { httpsRequest } from './https.js';
import { dataLayout } from './layout.js';
import { createMqttLink, type LinkEvent, type MqttLink } from './mqtt-link.js';
import { decideUpdate, readSettings, writeSettings, type DeviceSettings } from './settings.js';
import { telemetryMessage } from './telemetry.js';
import {
  pausing,
  runUpdate,
  type UpdateContext,
  type UpdateNotice,
  type UpdateOutcome,
} from './update.js';

const MAX_TIMER_MS = 2 ** 31 - 1;

/** A snapshot of an agent for dashboards and the fleet simulator. */
export interface AgentStatus {
  readonly serial: string;
  readonly enrolled: boolean;
  readonly connected: boolean;
  readonly updating: boolean;
  readonly firmware: { readonly slot: 'a' | 'b'; readonly version: string } | undefined;
}

/** A device in Node: see the package README for its lifecycle. Create with {@link createAgent}. */
export class Agent {
  readonly config: AgentConfig;
  readonly #hooks: AgentHooks;
  readonly #layout;
  readonly #clock;
  readonly #log;
  #creds: Credentials | undefined;
  #running: RunningFirmware | undefined;
  #link: MqttLink | undefined;
  #updating: Promise<UpdateOutcome> | undefined;
  #timers = new Set<NodeJS.Timeout>();
  #renewal: NodeJS.Timeout | undefined;
  #started = false;
  #refusalLogged = false;

  constructor(config: AgentConfig, hooks: AgentHooks = {}) {
    this.config = config;
    this.#hooks = hooks;
    this.#layout = dataLayout(config.dataDir);
    this.#clock = hooks.clock ?? systemClock;
    this.#log = createEventLog(this.#layout.eventLog, config.eventLogMaxBytes);
  }

  /** The firmware running now. @throws {AgentError} AGENT_STOPPED before {@link start} */
  get firmware(): RunningFirmware {
    if (this.#running === undefined)
      throw new AgentError('AGENT_STOPPED', 'the agent has not booted');
    return this.#running;
  }

  status(): AgentStatus {
    return {
      serial: this.config.serial,
      enrolled: this.#creds !== undefined,
      connected: this.#link?.connected ?? false,
      updating: this.#updating !== undefined,
      firmware: this.#running && {
        slot: this.#running.slot,
        version: this.#running.manifest.version,
      },
    };
  }

  /**
   * Boots from the A/B pointer, enrolls on first boot, arms certificate renewal, connects MQTT
   * (when configured) and starts telemetry. `bootstrapToken` overrides the configured one
   * (after a factory reset the owner supplies a new token).
   * @throws {AgentError} AGENT_NO_BOOTABLE_IMAGE, AGENT_NOT_ENROLLED, AGENT_ENROLLMENT_FAILED, AGENT_HTTP_FAILED
   */
  async start(options: { bootstrapToken?: string } = {}): Promise<BootReport> {
    if (this.#started) throw new AgentError('AGENT_ALREADY_STARTED', 'stop the agent first');
    this.#started = true;
    try {
      return await this.#boot(options.bootstrapToken);
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  async #boot(bootstrapToken: string | undefined): Promise<BootReport> {
    const report = await bootFromPointer(this.#layout, this.config.factoryImage);
    this.#running = report.firmware;
    if (report.revertedTrial) await this.#security('rollback', `${report.revertedTrial.releaseId}: switch to slot ${report.revertedTrial.slot} never passed its health check; reverted`);
    if (report.fellBack) await this.#security('tamper-suspected', `committed slot failed verification; booted slot ${report.fellBack}`);
    this.#creds = await loadCredentials(this.#layout);
    if (this.#creds === undefined) {
      const token = bootstrapToken ?? this.config.bootstrapToken;
      if (token === undefined) throw new AgentError('AGENT_NOT_ENROLLED', 'no credentials and no bootstrap token');
      this.#creds = await enroll(this.#layout, this.config.cloud, this.config.serial, token);
      this.#emit({ type: 'enrolled', serial: this.config.serial });
    }
    this.#armRenewal();
    if (this.config.cloud.mqttUrl !== undefined) this.#connect(this.config.cloud.mqttUrl);
    if (this.config.telemetry.keys.length > 0 && this.#hooks.telemetrySource) this.#every(this.config.telemetry.intervalMs, () => this.sendTelemetry());
    await this.#publish({ kind: 'boot', at: this.#now(), version: report.firmware.manifest.version, hardwareId: this.config.hardwareId, slot: report.firmware.slot });
    return report;
  } // prettier-ignore

  /** Stops timers and the MQTT link (`flush`: wait briefly for queued messages); the data directory stays. */
  async stop(options: { flush?: boolean } = {}): Promise<void> {
    this.#started = false;
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    await this.#link?.stop(options.flush);
    this.#link = undefined;
    await this.#updating?.catch(() => undefined);
  }

  settings(): Promise<DeviceSettings> {
    return readSettings(this.#layout.settings);
  }

  /** Owner settings: automatic updates, postpone, approvals (2)(c); the event log opt-out (2)(l). */
  async updateSettings(change: Partial<DeviceSettings>): Promise<DeviceSettings> {
    const next = { ...(await this.settings()), ...change };
    await writeSettings(this.#layout.settings, next);
    return next;
  }

  /**
   * Handles a cloud notice (from MQTT, or directly in offline mode). An update notice is
   * decided by the owner's settings, then installed, postponed or declined; the outcome is
   * published as `update-result`.
   * @throws {AgentError} AGENT_UPDATE_IN_PROGRESS; {@link ValidationError} for a malformed notice
   */
  async handleNotice(input: unknown): Promise<UpdateOutcome | undefined> {
    const notice: Notice = parseAgentNotice(input);
    if (notice.kind !== 'update-available') return undefined;
    if (this.#updating !== undefined)
      throw new AgentError('AGENT_UPDATE_IN_PROGRESS', 'an update is running');
    const run = this.#update(notice);
    this.#updating = run;
    try {
      return await run;
    } finally {
      this.#updating = undefined;
    }
  }

  async #update(notice: UpdateNotice): Promise<UpdateOutcome> {
    const base = { kind: 'update-result' as const, releaseId: notice.releaseId, version: this.firmware.manifest.version };
    await this.#publish({ kind: 'update-progress', at: this.#now(), releaseId: notice.releaseId, phase: 'notified' });
    let outcome: UpdateOutcome;
    const decision = decideUpdate(await this.settings(), notice, this.#clock);
    if (this.firmware.manifest.name === notice.targetName && this.firmware.manifest.version === notice.version) outcome = { ...base, at: this.#now(), outcome: 'committed' };
    else if (decision.action === 'postponed') outcome = { ...base, at: this.#now(), outcome: 'postponed', until: decision.until };
    else if (decision.action === 'declined') outcome = { ...base, at: this.#now(), outcome: 'declined' };
    else outcome = await runUpdate(this.#updateContext(), notice);
    await this.#publish(outcome);
    return outcome;
  } // prettier-ignore

  #updateContext(): UpdateContext {
    const creds = this.#requireCreds();
    const tls = () => tlsOf(this.config.cloud, this.#creds ?? creds);
    const keys = Object.fromEntries(this.config.ota.director.keys.map((k) => [keyIdOfTufKey(k), k]));
    const directorTrust: RoleTrust = { role: 'director', keys, roleKeys: { keyids: Object.keys(keys), threshold: this.config.ota.director.threshold } };
    const repo = this.config.ota.repositoryUrl ?? new URL(HTTP_PATHS.otaRepository, this.config.cloud.deviceUrl).href;
    return {
      layout: this.#layout, serial: this.config.serial, hardwareId: this.config.hardwareId, clock: this.#clock,
      fetcher: pausing(httpFetcher(repo, { tls: tls(), timeoutMs: 120_000 }), this.#hooks.pause), initialRoot: this.config.ota.initialRoot, directorTrust,
      fetchDirector: async () => {
        const res = await httpsRequest(new URL(HTTP_PATHS.otaDirectorTargets, this.config.cloud.deviceUrl), tls(), { maxBytes: 512 * 1024 });
        if (res.status !== 200) throw new AgentError('AGENT_HTTP_FAILED', `director answered HTTP ${res.status}`, { details: { status: res.status } });
        return new Uint8Array(res.body);
      },
      healthCheck: this.#hooks.healthCheck ?? (() => true),
      running: () => this.firmware,
      setRunning: (fw) => { this.#running = fw; },
      emit: (event) => this.#publish(event),
      security: (type, detail) => this.#security(type, detail),
      ...(this.#hooks.pause ? { pause: this.#hooks.pause } : {}),
    };
  } // prettier-ignore

  /** Reads the telemetry source and publishes the declared keys only. */
  async sendTelemetry(): Promise<void> {
    const source = this.#hooks.telemetrySource;
    if (source === undefined) return;
    const { message, dropped } = telemetryMessage(await source(), new Set(this.config.telemetry.keys), this.#clock.now());
    this.#emit({ type: 'telemetry', keys: Object.keys(message.values), dropped });
    this.#link?.publish(telemetryTopic(this.config.serial), JSON.stringify(message));
  } // prettier-ignore

  /**
   * Renews the certificate now (`simplereenroll`, new key) and reconnects with it.
   * @throws {AgentError} AGENT_NOT_ENROLLED, AGENT_RENEWAL_FAILED, AGENT_HTTP_FAILED
   */
  async renewCertificate(): Promise<void> {
    this.#creds = await renew(this.#layout, this.config.cloud, this.config.serial, this.#requireCreds());
    await this.#security('certificate-renewed', `new certificate valid until renewal at ${renewalTime(this.#creds.certificate).toISOString()}`);
    this.#armRenewal();
    this.#link?.restart();
  } // prettier-ignore

  /**
   * Factory reset (Annex I Part I (2)(m)): stops, overwrites and removes the key and every
   * certificate, the settings, the trusted update metadata and the event log, puts the factory
   * image back in slot a and leaves the device in its first-boot state.
   */
  async factoryReset(): Promise<void> {
    await this.#publish({ kind: 'security-event', at: this.#now(), type: 'factory-reset', detail: 'owner requested a factory reset' });
    await this.stop({ flush: true });
    await eraseDevice(this.#layout, this.config.factoryImage);
    this.#creds = undefined;
    this.#running = undefined;
  } // prettier-ignore

  #requireCreds(): Credentials {
    if (this.#creds === undefined)
      throw new AgentError('AGENT_NOT_ENROLLED', 'the device is not enrolled');
    return this.#creds;
  }

  #connect(url: string): void {
    const creds = this.#requireCreds();
    const link = createMqttLink({
      url, clientId: this.config.serial, tls: () => tlsOf(this.config.cloud, this.#creds ?? creds),
      subscriptions: [noticesTopic(this.config.serial)], random: this.#hooks.random ?? secureRandom, backoff: this.config.backoff,
      onEvent: (event) => { this.#emit({ type: 'link', event }); this.#watchRefusals(event); },
      onMessage: (_topic, payload) => {
        let json: unknown;
        try { json = JSON.parse(payload.toString('utf8')); } catch { json = undefined; }
        this.handleNotice(json).catch((error: unknown) => { this.#emitError(error); });
      },
    });
    this.#link = link;
    link.start();
  } // prettier-ignore

  /**
   * A refused connection (bad or revoked certificate, wrong server, broker saying no) is a
   * security event ((2)(d)): logged once per outage, sent when the link is back.
   */
  #watchRefusals(event: LinkEvent): void {
    if (event.type === 'connected') this.#refusalLogged = false;
    if (event.type !== 'disconnected' || event.error === undefined || this.#refusalLogged) return;
    this.#refusalLogged = true;
    this.#security('connection-refused', `MQTT: ${event.error}`).catch((error: unknown) => { this.#emitError(error); });
  } // prettier-ignore

  #armRenewal(): void {
    const creds = this.#creds;
    if (creds === undefined) return;
    const delay = Math.max(0, renewalTime(creds.certificate).getTime() - this.#clock.now().getTime());
    if (this.#renewal !== undefined) clearTimeout(this.#renewal);
    this.#renewal = this.#after(Math.min(delay, MAX_TIMER_MS), () => {
      if (delay > MAX_TIMER_MS) { this.#armRenewal(); return Promise.resolve(); }
      // A failed renewal retries in a minute; the certificate still has a third of its life.
      return this.renewCertificate().catch((error: unknown) => { this.#emitError(error); this.#after(60_000, () => this.renewCertificate()); });
    });
  } // prettier-ignore

  #after(ms: number, run: () => Promise<void>): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.#timers.delete(t);
      run().catch((error: unknown) => { this.#emitError(error); });
    }, ms); // prettier-ignore
    t.unref();
    this.#timers.add(t);
    return t;
  }

  #every(ms: number, run: () => Promise<void>): void {
    this.#after(ms, async () => {
      await run().catch((error: unknown) => { this.#emitError(error); }); // prettier-ignore
      this.#every(ms, run);
    });
  }

  async #security(type: SecurityEvent['type'], detail: string): Promise<void> {
    await this.#publish({
      kind: 'security-event',
      at: this.#now(),
      type,
      detail: detail.slice(0, 500),
    });
  }

  async #publish(event: DeviceEvent): Promise<void> {
    if (event.kind === 'security-event' && (await this.settings()).securityEventLog)
      await this.#log.append(event);
    this.#emit({ type: 'device-event', event });
    this.#link?.publish(eventsTopic(this.config.serial), JSON.stringify(event));
  }

  #emit(event: AgentEvent): void {
    this.#hooks.onEvent?.(event);
  }

  #emitError(error: unknown): void {
    const code = SdkError.isInstance(error) ? error.code : 'AGENT_INTERNAL';
    this.#emit({ type: 'error', code, message: error instanceof Error ? error.message : String(error) });
  } // prettier-ignore

  #now(): string {
    return this.#clock.now().toISOString();
  }
}

/** Validates a notice. @throws {ValidationError} CORE_VALIDATION_FAILED */
const parseAgentNotice = (input: unknown): Notice => parseWith(NoticeSchema, input, 'notice');

/**
 * Creates an agent from a validated configuration. Call {@link Agent.start} to boot it.
 * @throws {ValidationError} CORE_VALIDATION_FAILED
 */
export function createAgent(config: unknown, hooks: AgentHooks = {}): Agent {
  return new Agent(parseAgentConfig(config), hooks);
}
