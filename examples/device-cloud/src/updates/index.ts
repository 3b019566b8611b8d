export { updatesModule, UpdatesOptionsSchema } from './module.js';
export { createSqliteUpdateStore, UPDATES_MIGRATIONS } from './sqlite-store.js';
export { FEATURE_ERROR_STATUS, FeatureError, featureErrorReply } from './feature-error.js';
export {
  CreateReleaseSchema,
  CreateRolloutSchema,
  MEMBER_STATUSES,
  ROLLOUT_STATES,
} from './model.js';

export type { UpdatesModule, UpdatesOptions } from './module.js';
export type { Assignment, UpdateStore } from './store.js';
export type { FeatureErrorCode } from './feature-error.js';
export type {
  CreateRollout,
  GroupCounts,
  MemberStatus,
  Release,
  Rollout,
  RolloutGroup,
  RolloutMember,
  RolloutState,
} from './model.js';
