import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AdvisorySchema,
  ComponentSchema,
  DOCUMENT_SCHEMAS,
  DeviceSchema,
  FirmwareReleaseSchema,
  ProductProfileSchema,
  SupportPlanSchema,
  VulnerabilityCaseSchema,
} from '@cra-kit/core';

describe('DOCUMENT_SCHEMAS', () => {
  it('maps each published JSON Schema file name to its schema', () => {
    expect(DOCUMENT_SCHEMAS).toEqual({
      'product-profile': ProductProfileSchema,
      device: DeviceSchema,
      'firmware-release': FirmwareReleaseSchema,
      component: ComponentSchema,
      'vulnerability-case': VulnerabilityCaseSchema,
      advisory: AdvisorySchema,
      'support-plan': SupportPlanSchema,
    });
    expect(Object.isFrozen(DOCUMENT_SCHEMAS)).toBe(true);
  });

  it.each(Object.entries(DOCUMENT_SCHEMAS))(
    'converts %s to JSON Schema as the build does',
    (_, schema) => {
      const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'throw' });
      expect(json.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    },
  );

  it('versions every document except components with a literal schemaVersion 1', () => {
    for (const [name, schema] of Object.entries(DOCUMENT_SCHEMAS)) {
      if (name === 'component') continue;
      const result = schema.safeParse({ schemaVersion: 2 });
      expect(result.success).toBe(false);
      if (!result.success) {
        expect(
          result.error.issues.some(
            (i) => i.path[0] === 'schemaVersion' && i.code === 'invalid_value',
          ),
        ).toBe(true);
      }
    }
  });
});
