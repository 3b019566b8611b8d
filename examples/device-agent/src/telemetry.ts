import { parseWith, type ProductProfile } from '@cra-kit/core';
import { TelemetryMessageSchema, type TelemetryMessage } from '@cra-kit-examples/device-protocol';

export type TelemetryValue = string | number | boolean;
/** Reads the current sensor values; the agent keeps only the declared keys. */
export type TelemetrySource = () =>
  Record<string, TelemetryValue> | Promise<Record<string, TelemetryValue>>;

/**
 * The data-inventory keys a device may send to the manufacturer's cloud: items whose
 * destinations include `manufacturer-cloud` (Annex I Part I (2)(g), data minimisation).
 */
export function telemetryKeysOf(profile: ProductProfile): string[] {
  return profile.dataInventory.filter((item) => item.destinations.includes('manufacturer-cloud')).map((item) => item.key);
} // prettier-ignore

/**
 * Builds a telemetry message from a reading, dropping every key the configuration did not
 * declare (so a careless sensor driver cannot leak data the product never declared).
 */
export function telemetryMessage(reading: Record<string, TelemetryValue>, declared: ReadonlySet<string>, at: Date): { message: TelemetryMessage; dropped: string[] } {
  const values: Record<string, TelemetryValue> = {};
  const dropped: string[] = [];
  for (const [key, value] of Object.entries(reading)) {
    if (declared.has(key)) values[key] = value;
    else dropped.push(key);
  }
  return { message: parseWith(TelemetryMessageSchema, { at: at.toISOString(), values }, 'telemetry'), dropped };
} // prettier-ignore
