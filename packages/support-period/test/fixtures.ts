import { readFileSync } from 'node:fs';
import {
  type FirmwareRelease,
  parseProductProfile,
  type ProductProfile,
  type ProductProfileInput,
} from '@cra-kit/core';
import { parse } from 'yaml';

const EXAMPLE = new URL(
  '../../../examples/products/vibration-sensor.cra.product.yaml',
  import.meta.url,
).pathname;

/** The worked example profile, parsed. */
export const exampleProfile = (): ProductProfile =>
  parseProductProfile(parse(readFileSync(EXAMPLE, 'utf8')));

/** The example with its lifecycle replaced (not re-validated, so rule breaks get through). */
export function profileWithLifecycle(lifecycle: ProductProfileInput['lifecycle']): ProductProfile {
  const base = exampleProfile();
  return { ...base, lifecycle: lifecycle as ProductProfile['lifecycle'] };
}

/** A valid core FirmwareRelease. */
export function release(overrides: Partial<FirmwareRelease> = {}): FirmwareRelease {
  return {
    schemaVersion: 1,
    model: 'vs300',
    version: '1.0.0',
    releasedAt: '2028-01-15T10:00:00Z',
    type: 'security',
    securityCounter: 1,
    hardwareIds: ['rev-b', 'rev-c'],
    image: { name: 'vs300.bin', length: 1024, sha256: 'a'.repeat(64) },
    advisories: [],
    ...overrides,
  };
}
