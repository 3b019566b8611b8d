import type { Evidence } from './requirement-schema.js';

/** The package that validates the product profile (`cra.product.yaml`). @internal */
export const PROFILE_PROVIDER = '@cra-kit/core';

/** The capability name for evidence the product profile records. @internal */
export const PROFILE_CAPABILITY = 'product-profile';

/**
 * Evidence recorded in the product profile (`cra.product.yaml`, validated by `@cra-kit/core`).
 *
 * @param detail - The profile fields that record the information, e.g. `manufacturer.name`.
 * @returns A one-item evidence list for a catalogue entry.
 * @internal
 */
export function profileEvidence(detail: string): readonly Evidence[] {
  return [{ provider: PROFILE_PROVIDER, capability: PROFILE_CAPABILITY, detail }];
}
