/**
 * MQTT topics. A device's id is the device serial in its certificate (subject serialNumber,
 * `deviceIdentityOf(cert).serial`); its MQTT client id must equal it, and it may publish and
 * subscribe only under its own prefix.
 */
export const TOPIC_ROOT = 'devices';

/** The prefix every topic of one device starts with. */
export function devicePrefix(deviceId: string): string {
  return `${TOPIC_ROOT}/${deviceId}/`;
}

/** device → cloud: telemetry ({@link TelemetryMessageSchema}). */
export const telemetryTopic = (deviceId: string): string => `${devicePrefix(deviceId)}telemetry`;
/** device → cloud: update progress, boots, security events ({@link DeviceEventSchema}). */
export const eventsTopic = (deviceId: string): string => `${devicePrefix(deviceId)}events`;
/** cloud → device: update-available and support notices ({@link NoticeSchema}). */
export const noticesTopic = (deviceId: string): string => `${devicePrefix(deviceId)}notices`;

/** Device ids are certificate serials: printable, no MQTT wildcards or separators. */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
