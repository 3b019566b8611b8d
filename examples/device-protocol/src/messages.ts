import { z } from 'zod';

const Iso = z.iso.datetime({ offset: true });
const Version = z.string().min(1).max(64);
const ErrorInfo = z.strictObject({ code: z.string().min(1).max(64), message: z.string().max(500) });

/**
 * Telemetry, device → cloud. `values` keys are data-inventory keys of the product profile whose
 * destinations include `manufacturer-cloud`; the cloud rejects (and counts) any other key.
 */
export const TelemetryMessageSchema = z.strictObject({
  at: Iso,
  values: z.record(
    z.string().min(1).max(64),
    z.union([z.number(), z.string().max(256), z.boolean()]),
  ),
});
export type TelemetryMessage = z.infer<typeof TelemetryMessageSchema>;

/** The steps of an update on the device, in order; each is reported as it starts. */
export const UPDATE_PHASES = [
  'notified',
  'downloading',
  'verifying',
  'writing',
  'switching',
  'health-check',
] as const;
/** How an update ended on the device. */
export const UPDATE_OUTCOMES = [
  'committed', // new image booted, health check passed
  'rolled-back', // health check failed: back on the previous image
  'rejected', // verification failed: image never written or never booted
  'postponed', // the owner postponed (until `until`)
  'declined', // automatic updates off and the owner has not approved
] as const;

/** Device → cloud events on `devices/<id>/events`. */
export const DeviceEventSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('boot'),
    at: Iso,
    version: Version,
    /** The device's hardware model/revision: rollouts offer it only images made for it. */
    hardwareId: z.string().min(1).max(128),
    slot: z.enum(['a', 'b']),
  }),
  z.strictObject({
    kind: z.literal('update-progress'),
    at: Iso,
    releaseId: z.string().min(1).max(128),
    phase: z.enum(UPDATE_PHASES),
  }),
  z.strictObject({
    kind: z.literal('update-result'),
    at: Iso,
    releaseId: z.string().min(1).max(128),
    outcome: z.enum(UPDATE_OUTCOMES),
    version: Version.describe('The version running after the attempt'),
    until: Iso.optional().describe('For postponed: when the device will look again'),
    error: ErrorInfo.optional(),
  }),
  z.strictObject({
    kind: z.literal('security-event'),
    at: Iso,
    /** Annex I Part I (2)(l): security-relevant events the device monitors and records. */
    type: z.enum([
      'update-rejected',
      'rollback',
      'factory-reset',
      'certificate-renewed',
      'connection-refused',
      'tamper-suspected',
    ]),
    detail: z.string().max(500),
  }),
]);
export type DeviceEvent = z.infer<typeof DeviceEventSchema>;

/** Cloud → device notices on `devices/<id>/notices`. */
export const NoticeSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('update-available'),
    releaseId: z.string().min(1).max(128),
    /** The TUF target name in the image repository (the director names the same). */
    targetName: z.string().min(1).max(256),
    version: Version,
    releaseType: z.enum(['security', 'feature']),
  }),
  z.strictObject({
    kind: z.literal('end-of-support'),
    supportEnds: z.iso.date(),
    text: z.string().max(2000),
  }),
]);
export type Notice = z.infer<typeof NoticeSchema>;

/** Largest MQTT payload either side accepts. */
export const MAX_MESSAGE_BYTES = 16 * 1024;
