import { ParagraphSchema, TextSchema, TimestampSchema } from '@cra-kit/core';
import { z } from 'zod';
import type { Case, ReportStage } from '../case/case-schema.js';
import { ReportStageSchema } from '../case/case-schema.js';
import { VulnIntakeError } from '../errors.js';
import { parseInput } from '../internal/parse.js';

const AwarenessSchema = z.strictObject({
  awareAt: TimestampSchema,
  evidence: ParagraphSchema,
});

/**
 * Marks a case actively exploited (Art. 3(42), 14(1)) and records when the manufacturer became
 * aware: that moment starts the 24 h and 72 h clocks. An earlier awareness is kept: the clock
 * cannot be restarted by marking the case again.
 * @throws {ValidationError} VULN_INPUT_INVALID
 */
export function markActivelyExploited(
  kase: Case,
  input: { awareAt: string; evidence: string },
): Case {
  const awareness = parseInput(AwarenessSchema, input, 'awareness');
  const existing = kase.activelyExploited;
  if (existing !== undefined && Date.parse(existing.awareAt) <= Date.parse(awareness.awareAt)) {
    return kase;
  }
  return { ...kase, activelyExploited: awareness, updatedAt: awareness.awareAt };
}

/** Records a severe incident (Art. 14(3), 14(5)) on a case; same rules as awareness. */
export function openSevereIncident(
  kase: Case,
  input: { awareAt: string; description: string },
): Case {
  const incident = parseInput(
    z.strictObject({ awareAt: TimestampSchema, description: ParagraphSchema }),
    input,
    'severe incident',
  );
  const existing = kase.severeIncident;
  if (existing !== undefined && Date.parse(existing.awareAt) <= Date.parse(incident.awareAt)) {
    return kase;
  }
  return { ...kase, severeIncident: incident, updatedAt: incident.awareAt };
}

/** Records that the coordinator CSIRT asked for an intermediate report (Art. 14(6)). */
export function requestIntermediateReport(
  kase: Case,
  input: { requestedAt: string; dueAt: string },
): Case {
  const request = parseInput(
    z.strictObject({ requestedAt: TimestampSchema, dueAt: TimestampSchema }),
    input,
    'intermediate report request',
  );
  return { ...kase, intermediateRequests: [...kase.intermediateRequests, request] };
}

const SubmissionInputSchema = z.strictObject({
  stage: ReportStageSchema,
  submittedAt: TimestampSchema,
  reference: TextSchema.optional(),
});

/**
 * Records that a stage's report was submitted (through ENISA's single reporting platform, or
 * users informed for 14(8)), with the reference received. A stage other than intermediate
 * reports is recorded once; recording it again is refused rather than silently overwritten.
 * @throws {VulnIntakeError} VULN_STAGE_NOT_APPLICABLE
 */
export function recordSubmission(
  kase: Case,
  input: { stage: ReportStage; submittedAt: string; reference?: string },
): Case {
  const submission = parseInput(SubmissionInputSchema, input, 'submission');
  if (kase.activelyExploited === undefined && kase.severeIncident === undefined) {
    throw new VulnIntakeError(
      'VULN_STAGE_NOT_APPLICABLE',
      `case ${kase.id} is neither actively exploited nor a severe incident: Art. 14 does not apply`,
    );
  }
  const repeatable = submission.stage === 'intermediate-report';
  if (!repeatable && kase.submissions.some((s) => s.stage === submission.stage)) {
    throw new VulnIntakeError(
      'VULN_STAGE_NOT_APPLICABLE',
      `the ${submission.stage} of case ${kase.id} is already recorded`,
    );
  }
  return { ...kase, submissions: [...kase.submissions, submission] };
}
