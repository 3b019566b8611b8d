/** The Art. 13(2)–(4) risk assessment format and its completeness check. */
export {
  RISK_LEVELS,
  RISK_TREATMENTS,
  RequirementApplicabilitySchema,
  RiskAssessmentSchema,
  SECURITY_PROPERTIES,
} from './schema.js';
export { checkRiskAssessment, parseRiskAssessment } from './check.js';

export type { RequirementApplicability, RiskAssessment } from './schema.js';
export type { RiskAssessmentCheck } from './check.js';
