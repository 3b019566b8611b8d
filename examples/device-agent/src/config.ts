import { parseWith, type Clock, type RandomSource } from '@cra-kit/core';
import { TufKeySchema } from '@cra-kit/ota-signing';
import { DEVICE_ID_PATTERN, type DeviceEvent } from '@cra-kit-examples/device-protocol';
import { z } from 'zod';
import type { LinkEvent } from './mqtt-link.js';
import type { PauseHook } from './slots.js';
import type { TelemetrySource } from './telemetry.js';
import type { HealthCheck } from './update.js';

/** An agent's configuration: serialisable, so `bin.ts` reads it from a JSON file. */
export const AgentConfigSchema = z.strictObject({
  dataDir: z.string().min(1),
  /** The device serial: certificate serialNumber, MQTT client id, topic segment. */
  serial: z.string().regex(DEVICE_ID_PATTERN),
  hardwareId: z.string().min(1).max(128),
  cloud: z.strictObject({
    /** Public HTTPS listener (first enrollment, cacerts). */
    publicUrl: z.url({ protocol: /^https$/ }),
    /** Device HTTPS listener (mutual TLS: renewal, OTA repository, director). */
    deviceUrl: z.url({ protocol: /^https$/ }),
    /** `mqtts://host:port`; without it the agent runs offline (updates by {@link Agent.handleNotice}). */
    mqttUrl: z.url({ protocol: /^mqtts$/ }).optional(),
    /** Root CA (PEM): the only trust anchor for every server. */
    caPem: z.string().includes('-----BEGIN CERTIFICATE-----'),
    /** TLS server name when the URLs use an IP address. */
    servername: z.string().min(1).max(253).optional(),
  }),
  /** Single-use token for first enrollment (EST simpleenroll). */
  bootstrapToken: z.string().min(1).max(512).optional(),
  ota: z.strictObject({
    /** The image repository's root metadata shipped with the device. */
    initialRoot: z.instanceof(Uint8Array),
    /**
     * Where to fetch repository metadata and images, when not from the device listener (a
     * mirror or CDN). Nothing from it is trusted: TUF and the director verify every byte.
     */
    repositoryUrl: z.url({ protocol: /^https$/ }).optional(),
    /** The director's online keys and threshold. */
    director: z.strictObject({ keys: z.array(TufKeySchema).min(1).max(16), threshold: z.int().min(1).max(16) }),
  }),
  factoryImage: z.strictObject({
    path: z.string().min(1),
    version: z.string().min(1).max(64),
    securityCounter: z.int().min(0).default(0),
  }),
  /** Declared telemetry keys (see `telemetryKeysOf(profile)`); empty sends nothing. */
  telemetry: z.strictObject({ keys: z.array(z.string().min(1).max(64)).max(256), intervalMs: z.int().min(100).default(60_000) }).default({ keys: [], intervalMs: 60_000 }),
  backoff: z.strictObject({ baseMs: z.int().min(1), capMs: z.int().min(1) }).default({ baseMs: 1_000, capMs: 300_000 }),
  eventLogMaxBytes: z.int().min(1024).default(256 * 1024),
}); // prettier-ignore
export type AgentConfig = z.infer<typeof AgentConfigSchema>;
export type AgentConfigInput = z.input<typeof AgentConfigSchema>;

/** What an agent reports to its host program (bin prints these as JSON lines). */
export type AgentEvent =
  | { readonly type: 'device-event'; readonly event: DeviceEvent }
  | { readonly type: 'link'; readonly event: LinkEvent }
  | { readonly type: 'enrolled'; readonly serial: string }
  | { readonly type: 'telemetry'; readonly keys: readonly string[]; readonly dropped: readonly string[] }
  | { readonly type: 'error'; readonly code: string; readonly message: string }; // prettier-ignore

/** The agent's non-serialisable parts. */
export interface AgentHooks {
  readonly clock?: Clock;
  readonly random?: RandomSource;
  readonly telemetrySource?: TelemetrySource;
  /** Default: the image verifies (the agent always checks that too). */
  readonly healthCheck?: HealthCheck;
  readonly onEvent?: (event: AgentEvent) => void;
  /** Test only: awaited at each update step so a test can kill the process inside it. */
  readonly pause?: PauseHook;
}

/** @throws {ValidationError} CORE_VALIDATION_FAILED */
export const parseAgentConfig = (input: unknown): AgentConfig =>
  parseWith(AgentConfigSchema, input, 'agent config');
