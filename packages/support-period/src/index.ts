/**
 * `@cra-kit/support-period`: the CRA's support-period duties as code. Support plans per model
 * and unit (Art. 13(8)), update and document retention (Art. 13(9), 13(13)), end-of-support
 * labels and statements (Art. 13(19)), fleet status and update / end-of-support notices.
 * @module
 */

// Errors
export { SUPPORT_ERROR_CODES, SupportPeriodError } from './errors.js';

// Dates
export { addCalendarMonths, formatIsoDate, toUtcDate } from './dates/calendar.js';

// Rules
export { planSupport, TEN_YEARS_IN_MONTHS } from './plan/plan-support.js';
export {
  SupportPlanDetailSchema,
  SupportWarningSchema,
  UpdateRetentionSchema,
} from './plan/schema.js';
export {
  COMPONENT_SUPPORT_END_PROPERTY,
  SbomSupportInputSchema,
} from './plan/component-support.js';
export { supportEndForUnit } from './plan/unit-support.js';
export { updateRetention } from './retention/update-retention.js';
export { assertDeletionAllowed } from './retention/deletion-guard.js';

// Statements
export { formatEndOfSupportLabel, LABEL_TEXTS } from './statements/labels.js';
export {
  EndOfSupportStatementSchema,
  OPENEOX_CORE_SCHEMA,
  endOfSupportStatement,
  endOfSupportStatementJsonSchema,
} from './statements/eos-statement.js';
export { supportPeriodProperties } from './statements/cyclonedx-properties.js';

// Fleet status and notices
export { FLEET_CSV_COLUMNS, FleetDeviceSchema } from './fleet/parse-device.js';
export { defaultFleetConfig, scanFleet } from './fleet/fleet-status.js';
export { summarizeFleet } from './fleet/summarize.js';
export { SUPPORT_EVENT_KINDS, SupportEventSchema } from './notify/event.js';
export { NOTICE_TEXTS } from './notify/notice-text.js';
export {
  signWebhookBody,
  verifyWebhookSignature,
  WEBHOOK_HEADERS,
} from './notify/webhook-signature.js';
export { createWebhookNotifier } from './notify/webhook-notifier.js';
export { createSmtpNotifier } from './notify/smtp-notifier.js';

export type { SupportErrorCode } from './errors.js';
export type { PlanSupportOptions } from './plan/plan-support.js';
export type { SupportPlanDetail, SupportWarning, UpdateRetention } from './plan/schema.js';
export type { ComponentSupport } from './plan/component-support.js';
export type { DeletionCheck, RetainedArtefact } from './retention/deletion-guard.js';
export type { LabelOptions, LabelTexts } from './statements/labels.js';
export type { EndOfSupportStatement, StatementOptions } from './statements/eos-statement.js';
export type { CycloneDxProperty } from './statements/cyclonedx-properties.js';
export type { FleetDevice } from './fleet/parse-device.js';
export type { ClassifyThresholds, DeviceStatus, SupportState } from './fleet/classify.js';
export type { FleetLineError, FleetRecord, ScanFleetOptions } from './fleet/fleet-status.js';
export type { FleetSummary, SummarizeFleetOptions } from './fleet/summarize.js';
export type { Notifier, SupportEvent, SupportEventKind } from './notify/event.js';
export type { NoticeTexts } from './notify/notice-text.js';
export type { VerifyWebhookOptions } from './notify/webhook-signature.js';
export type { WebhookNotifierOptions } from './notify/webhook-notifier.js';
export type { SmtpNotifierOptions } from './notify/smtp-notifier.js';
