import {
  DEVICE_ID_PATTERN,
  eventsTopic,
  MAX_MESSAGE_BYTES,
  noticesTopic,
  telemetryTopic,
  TOPIC_ROOT,
} from '@cra-kit-examples/device-protocol';

/**
 * The topic rules both broker modes apply: Aedes in its authorisation hooks, the external broker's
 * service client again on every message it receives (Mosquitto's ACL is the first line, this is
 * the second, so a misconfigured ACL cannot feed the cloud another device's data).
 */

/** Why a device publish is refused, or `undefined` when it is allowed. */
export function refusedPublish(
  deviceId: string,
  publish: { topic: string; size: number; retain: boolean },
): string | undefined {
  if (publish.topic !== telemetryTopic(deviceId) && publish.topic !== eventsTopic(deviceId)) {
    return 'topic not allowed';
  }
  if (publish.size > MAX_MESSAGE_BYTES) return 'payload too large';
  if (publish.retain) return 'retained messages not allowed';
  return undefined;
}

/** A device subscribes only to its own notices. */
export const subscriptionAllowed = (deviceId: string, topic: string): boolean =>
  topic === noticesTopic(deviceId);

/** The device id a topic `devices/<id>/<kind>` names, when it is a valid id. */
export function deviceIdOfTopic(topic: string): string | undefined {
  const [root, id, kind, ...rest] = topic.split('/');
  if (root !== TOPIC_ROOT || id === undefined || kind === undefined || rest.length > 0) {
    return undefined;
  }
  return DEVICE_ID_PATTERN.test(id) ? id : undefined;
}
