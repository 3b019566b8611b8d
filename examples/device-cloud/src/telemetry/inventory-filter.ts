import type { ProductProfile } from '@cra-kit/core';

type ValueType = ProductProfile['dataInventory'][number]['valueType'];
type Value = number | string | boolean;

/** Why a telemetry field was refused. */
export type RejectionReason = 'undeclared' | 'wrong-type' | 'malformed';

/** The verdict on one telemetry message: all fields allowed, or the whole message refused. */
export type TelemetryVerdict =
  | { readonly accepted: true; readonly values: ReadonlyMap<string, Value> }
  | {
      readonly accepted: false;
      readonly rejected: readonly { key: string; reason: RejectionReason }[];
    };

const matches: Record<ValueType, (v: Value) => boolean> = {
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  integer: (v) => typeof v === 'number' && Number.isSafeInteger(v),
  string: (v) => typeof v === 'string',
  boolean: (v) => typeof v === 'boolean',
};

/**
 * Data minimisation enforced (Annex I Part I (2)(g)): a telemetry field is allowed only if the
 * product's data inventory declares it with `manufacturer-cloud` among its destinations, and
 * with the declared value type. One refused field refuses the whole message.
 */
export function createInventoryFilter(profile: ProductProfile) {
  const allowed = new Map<string, ValueType>(
    profile.dataInventory.filter((d) => d.destinations.includes('manufacturer-cloud')).map((d) => [d.key, d.valueType]),
  );
  return {
    /** Keys the cloud accepts, with their value types. */
    allowed: allowed as ReadonlyMap<string, ValueType>,
    check(values: Readonly<Record<string, Value>>): TelemetryVerdict {
      const rejected: { key: string; reason: RejectionReason }[] = [];
      const accepted = new Map<string, Value>();
      for (const [key, value] of Object.entries(values)) {
        const type = allowed.get(key);
        if (type === undefined) rejected.push({ key, reason: 'undeclared' });
        else if (!matches[type](value)) rejected.push({ key, reason: 'wrong-type' });
        else accepted.set(key, value);
      }
      return rejected.length > 0 ? { accepted: false, rejected } : { accepted: true, values: accepted };
    },
  };
} // prettier-ignore
