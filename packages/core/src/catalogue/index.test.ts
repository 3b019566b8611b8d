import { describe, expect, it } from 'vitest';
import * as catalogue from './index.js';

describe('catalogue public surface', () => {
  it('exports exactly the documented values', () => {
    expect(Object.keys(catalogue).sort()).toEqual([
      'EvidenceSchema',
      'REQUIREMENTS',
      'REQUIREMENT_SOURCES',
      'RequirementIdSchema',
      'RequirementSchema',
      'RequirementSourceSchema',
      'getRequirement',
      'hasRequirement',
      'listRequirements',
      'requirementChildren',
    ]);
  });

  it('lists every source the schema accepts, in catalogue order', () => {
    expect(catalogue.REQUIREMENT_SOURCES).toEqual([
      ...new Set(catalogue.REQUIREMENTS.map((r) => r.source)),
    ]);
    expect(catalogue.RequirementSourceSchema.options).toEqual(catalogue.REQUIREMENT_SOURCES);
  });
});
