import {
  DeviceEventSchema,
  eventsTopic,
  telemetryTopic,
  TelemetryMessageSchema,
  type DeviceEvent,
} from '@cra-kit-examples/device-protocol';
import type { Clock, ProductProfile } from '@cra-kit/core';
import type { FastifyBaseLogger } from 'fastify';
import type { DeviceStore } from '../devices/device-store.js';
import { deviceEventTime } from '../devices/event-time.js';
import { createInventoryFilter } from '../telemetry/inventory-filter.js';
import type { TelemetryStore } from '../telemetry/telemetry-store.js';

type Listener = (deviceId: string, event: DeviceEvent) => void | Promise<void>;

const parseJson = (payload: Buffer): unknown => {
  try {
    return JSON.parse(payload.toString('utf8'));
  } catch {
    return undefined;
  }
};

/**
 * Handles what devices publish (after topic authorisation): telemetry filtered against the data
 * inventory and stored or counted; events validated and dispatched to listeners.
 */
export function createDeviceMessageHandler(options: { profile: ProductProfile; devices: DeviceStore; telemetry: TelemetryStore; clock: Clock; log: FastifyBaseLogger }) {
  const filter = createInventoryFilter(options.profile);
  const listeners: Listener[] = [];
  async function onTelemetry(deviceId: string, payload: Buffer) {
    const now = options.clock.now();
    const parsed = TelemetryMessageSchema.safeParse(parseJson(payload));
    if (!parsed.success) return options.telemetry.countRejected(deviceId, [{ key: '*', reason: 'malformed' }], now);
    const verdict = filter.check(parsed.data.values);
    if (!verdict.accepted) return options.telemetry.countRejected(deviceId, verdict.rejected, now);
    await options.telemetry.storeAccepted(deviceId, verdict.values, new Date(parsed.data.at));
    await options.devices.touch(deviceId, now);
  }
  async function onEvent(deviceId: string, payload: Buffer) {
    const parsed = DeviceEventSchema.safeParse(parseJson(payload));
    if (!parsed.success) {
      options.log.warn({ deviceId }, 'malformed device event dropped');
      return;
    }
    const event = parsed.data;
    const now = options.clock.now();
    // A committed update or a rollback changes what runs without a reboot report; the device's
    // time keeps an older report from undoing a newer one that another instance handled first.
    if (event.kind === 'boot') await options.devices.recordBoot(deviceId, event.version, now, event.hardwareId, deviceEventTime(event.at, now));
    else if (event.kind === 'update-result') await options.devices.recordBoot(deviceId, event.version, now, undefined, deviceEventTime(event.at, now));
    else await options.devices.touch(deviceId, options.clock.now());
    for (const listener of listeners) {
      try {
        await listener(deviceId, event);
      } catch (err) {
        options.log.error({ err, deviceId, kind: event.kind }, 'device event listener failed');
      }
    }
  }
  // One queue per device: its messages are handled in the order this process received them,
  // while different devices proceed in parallel. With several instances behind shared
  // subscriptions one device's messages are spread over instances, so the stores do not rely
  // on this order: they order a device's reports by its own `at` (see deviceEventTime).
  const queues = new Map<string, Promise<void>>();
  return {
    onDeviceEvent(listener: Listener) {
      listeners.push(listener);
    },
    /** Called for every authorised publish from a device. */
    handle(deviceId: string, topic: string, payload: Buffer): Promise<void> {
      const run = async () => {
        if (topic === telemetryTopic(deviceId)) await onTelemetry(deviceId, payload);
        else if (topic === eventsTopic(deviceId)) await onEvent(deviceId, payload);
      };
      const next = (queues.get(deviceId) ?? Promise.resolve()).then(run);
      const tail = next.catch(() => undefined);
      queues.set(deviceId, tail);
      void tail.then(() => {
        if (queues.get(deviceId) === tail) queues.delete(deviceId);
      });
      return next;
    },
  };
} // prettier-ignore

export type DeviceMessageHandler = ReturnType<typeof createDeviceMessageHandler>;
