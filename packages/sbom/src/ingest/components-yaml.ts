import { toValidationIssues } from '@cra-kit/core';
import { z } from 'zod';
import { SbomError } from '../errors.js';
import { IngestedComponentSchema, type IngestedComponent } from './ingested.js';

/** A hand-written `components.yaml`: vendor code and binary blobs the package managers miss. */
export const ComponentsFileSchema = z.strictObject({
  components: z.array(IngestedComponentSchema).max(100_000),
});

/**
 * Validates a parsed `components.yaml` (`components: [{ name, version, supplier, licenses, purl,
 * cpe, file, … }]`). `file` paths are hashed by the generator, relative to the YAML file.
 * @throws {SbomError} SBOM_INPUT_INVALID with `details.issues`
 */
export function readComponentsFile(doc: unknown): IngestedComponent[] {
  const parsed = ComponentsFileSchema.safeParse(doc);
  if (!parsed.success) {
    throw new SbomError('SBOM_INPUT_INVALID', 'invalid components.yaml', {
      cause: parsed.error,
      details: { issues: toValidationIssues(ComponentsFileSchema, parsed.error.issues) },
    });
  }
  return parsed.data.components;
}
