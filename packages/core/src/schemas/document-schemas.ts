import type { z } from 'zod';
import { AdvisorySchema } from './advisory.js';
import { ComponentSchema } from './component.js';
import { DeviceSchema } from './device.js';
import { FirmwareReleaseSchema } from './firmware-release.js';
import { ProductProfileSchema } from './product-profile/product-profile.js';
import { SupportPlanSchema } from './support-plan.js';
import { VulnerabilityCaseSchema } from './vulnerability-case.js';

/**
 * Every document schema, by the file name its JSON Schema is published under
 * (`@cra-kit/core/schemas/<name>.schema.json`).
 */
export const DOCUMENT_SCHEMAS: Readonly<Record<string, z.ZodType>> = Object.freeze({
  'product-profile': ProductProfileSchema,
  device: DeviceSchema,
  'firmware-release': FirmwareReleaseSchema,
  component: ComponentSchema,
  'vulnerability-case': VulnerabilityCaseSchema,
  advisory: AdvisorySchema,
  'support-plan': SupportPlanSchema,
});
