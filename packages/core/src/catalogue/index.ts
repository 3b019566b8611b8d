/**
 * The CRA requirement catalogue: every requirement of Annexes I, II, V, VI and VII and the
 * tracked obligations of Articles 13 and 14 of Regulation (EU) 2024/2847, as typed, cited data.
 */
export {
  REQUIREMENTS,
  getRequirement,
  hasRequirement,
  listRequirements,
  requirementChildren,
} from './query.js';
export {
  EvidenceSchema,
  REQUIREMENT_SOURCES,
  RequirementIdSchema,
  RequirementSchema,
  RequirementSourceSchema,
} from './requirement-schema.js';

export type { RequirementFilter } from './query.js';
export type { Evidence, Requirement, RequirementSource } from './requirement-schema.js';
