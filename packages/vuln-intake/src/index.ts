/**
 * `@cra-kit/vuln-intake`: coordinated vulnerability disclosure for the EU Cyber Resilience Act.
 * Report intake, the ISO/IEC 30111 case workflow, the Art. 14 reporting clocks, a tamper-evident
 * case log, SQLite and PostgreSQL storage, CSAF advisories and security.txt.
 * @module
 */

// Errors
export { VULN_ERROR_CODES, VulnIntakeError } from './errors.js';

// Cases and their workflow
export {
  CaseSchema,
  CoordinationPartySchema,
  PARTY_ROLES,
  REPORT_STAGES,
  ReportStageSchema,
  SubmissionSchema,
} from './case/case-schema.js';
export { TRANSITIONS, canTransition, transition } from './case/state-machine.js';
export { scoreCvss, severityOf } from './case/cvss.js';
export { createCaseService } from './case/case-service.js';

// Art. 14 clocks
export { obligations, openObligations } from './clock/obligations.js';
export {
  markActivelyExploited,
  openSevereIncident,
  recordSubmission,
  requestIntermediateReport,
} from './clock/record.js';
export { createReminders } from './clock/reminders.js';
export { fieldPack, fieldPackMarkdown } from './clock/field-pack.js';
export { HOUR_MS, addMonthsUtc, formatInZone } from './clock/time.js';

// Tamper-evident log
export {
  GENESIS_HASH,
  LOG_EVENTS,
  LogEntrySchema,
  nextLogEntry,
  verifyLog,
} from './log/case-log.js';

// Storage
export { openSqliteCaseStore } from './store/sqlite-store.js';
export { openPostgresCaseStore } from './store/postgres-store.js';

// Intake endpoint
export { createIntakeHandler } from './intake/handler.js';
export { toNodeListener } from './intake/node-adapter.js';
export { fastifyIntake } from './intake/fastify-adapter.js';
export { createRateLimiter } from './intake/rate-limit.js';
export { createOpenPgpDecryptor } from './intake/openpgp-decryptor.js';
export { IntakeReportSchema } from './intake/report-schema.js';

// Outputs
export { csafFileName, toCsafAdvisory, toCsafVex } from './outputs/csaf-advisory.js';
export { csafProviderFiles } from './outputs/csaf-provider.js';
export { toCveCnaContainer } from './outputs/cve-record.js';
export { toHtmlAdvisory, toMarkdownAdvisory } from './outputs/advisory-text.js';
export { toSecurityTxt } from './outputs/security-txt.js';
export { signSecurityTxt } from './outputs/sign-security-txt.js';
export { toCvdPolicy } from './outputs/cvd-policy.js';

export type { VulnErrorCode } from './errors.js';
export type {
  Case,
  CaseInput,
  CoordinationParty,
  ReportStage,
  Submission,
} from './case/case-schema.js';
export type { TransitionOptions } from './case/state-machine.js';
export type { CvssScore, CvssSeverity } from './case/cvss.js';
export type {
  CaseService,
  CaseServiceOptions,
  NewCaseInput,
  OpenedCase,
} from './case/case-service.js';
export type { Obligation, ObligationStatus } from './clock/obligations.js';
export type { Reminder, ReminderOptions } from './clock/reminders.js';
export type { FieldPack, PackField } from './clock/field-pack.js';
export type {
  LogAppend,
  LogEntry,
  LogEvent,
  LogProblem,
  LogVerification,
  VerifyLogOptions,
} from './log/case-log.js';
export type { CaseStore, StoredCase } from './store/case-store.js';
export type {
  IntakeContext,
  IntakeHandler,
  IntakeHandlerOptions,
  IntakeLimiter,
} from './intake/handler.js';
export type { RateLimitOptions } from './intake/rate-limit.js';
export type { OpenPgpDecryptorOptions } from './intake/openpgp-decryptor.js';
export type { IntakeReport } from './intake/report-schema.js';
export type { CsafOptions } from './outputs/csaf-advisory.js';
export type { CsafProviderOptions, ProviderFile } from './outputs/csaf-provider.js';
export type { CveOptions } from './outputs/cve-record.js';
export type { TextAdvisoryOptions } from './outputs/advisory-text.js';
export type { SecurityTxtFields } from './outputs/security-txt.js';
export type { SignSecurityTxtOptions } from './outputs/sign-security-txt.js';
export type { CvdPolicyOptions } from './outputs/cvd-policy.js';
export type { SqliteStoreOptions } from './store/sqlite-store.js';
export type { PostgresStoreOptions } from './store/postgres-store.js';
