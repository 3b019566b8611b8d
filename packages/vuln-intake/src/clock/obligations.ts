import type { Case, ReportStage } from '../case/case-schema.js';
import { HOUR_MS, addMonthsUtc, toEpoch, toIso } from './time.js';

/** Where an obligation stands at a given moment. */
export type ObligationStatus = 'waiting' | 'open' | 'due' | 'overdue' | 'done';

/** One Art. 14 duty of a case, with its legal basis and deadline. */
export interface Obligation {
  readonly caseId: string;
  readonly stage: ReportStage;
  /** The article the duty comes from. */
  readonly citation: string;
  /** What the duty is, in a sentence. */
  readonly summary: string;
  /** The event the clock runs from, and when it happened (absent while `waiting`). */
  readonly clockStartsAt?: string;
  /** Deadline in UTC; absent when the Act sets none (informing users, 14(8)). */
  readonly dueAt?: string;
  /** Exact hours from `clockStartsAt` to `dueAt`. */
  readonly hoursAllowed?: number;
  /** True when the deadline depends on a submission not made yet (incident final report). */
  readonly provisional?: boolean;
  readonly status: ObligationStatus;
  readonly submittedAt?: string;
  readonly reference?: string;
}

const submissionOf = (kase: Case, stage: ReportStage) =>
  kase.submissions.find((s) => s.stage === stage);

/**
 * Every Art. 14 obligation of `kase` at `now`: early warning (24 h) and notification (72 h) from
 * awareness (14(2)(a)-(b), 14(4)(a)-(b)); the final report 14 days after a corrective or
 * mitigating measure is available (14(2)(c)) or one month after the incident notification was
 * submitted (14(4)(c)); intermediate reports a CSIRT requested (14(6)); informing users (14(8)),
 * for which the Act sets no fixed deadline. A case that is neither actively exploited nor a
 * severe incident owes nothing under Art. 14.
 *
 * All deadlines are elapsed time in UTC: an awareness at 23:30 on the eve of a DST change still
 * has exactly 24 and 72 hours. Use {@link formatInZone} to show them in a local zone.
 */
export function obligations(kase: Case, now: Date): Obligation[] {
  const incident = kase.severeIncident;
  const awareAt = incident?.awareAt ?? kase.activelyExploited?.awareAt;
  if (awareAt === undefined) return [];
  const nowMs = now.getTime();
  const aware = toEpoch(awareAt);
  const para = incident === undefined ? '14(2)' : '14(4)';
  const out: Obligation[] = [];

  const push = (
    stage: ReportStage,
    citation: string,
    summary: string,
    start: number | undefined,
    due: number | undefined,
    extra: {
      provisional?: boolean;
      submission?: { submittedAt: string; reference?: string } | null;
    } = {},
  ) => {
    const submission =
      extra.submission === undefined ? submissionOf(kase, stage) : (extra.submission ?? undefined);
    const status: ObligationStatus =
      submission !== undefined
        ? 'done'
        : start === undefined
          ? 'waiting'
          : due === undefined
            ? 'open'
            : nowMs > due
              ? 'overdue'
              : 'due';
    out.push({
      caseId: kase.id,
      stage,
      citation,
      summary,
      ...(start === undefined ? {} : { clockStartsAt: toIso(start) }),
      ...(due === undefined ? {} : { dueAt: toIso(due) }),
      ...(start === undefined || due === undefined
        ? {}
        : { hoursAllowed: (due - start) / HOUR_MS }),
      ...(extra.provisional ? { provisional: true } : {}),
      status,
      ...(submission === undefined
        ? {}
        : {
            submittedAt: submission.submittedAt,
            ...(submission.reference === undefined ? {} : { reference: submission.reference }),
          }),
    });
  };

  push(
    'early-warning',
    `Art. ${para}(a)`,
    'Early warning to the coordinator CSIRT and ENISA via the single reporting platform',
    aware,
    aware + 24 * HOUR_MS,
  );
  push(
    'notification',
    `Art. ${para}(b)`,
    'Notification with general information, nature of the exploit or incident, and measures taken',
    aware,
    aware + 72 * HOUR_MS,
  );

  if (incident === undefined) {
    const fix = kase.correctiveMeasureAvailableAt;
    const start = fix === undefined ? undefined : toEpoch(fix);
    push(
      'final-report',
      'Art. 14(2)(c)',
      'Final report, 14 days after a corrective or mitigating measure is available',
      start,
      start === undefined ? undefined : start + 14 * 24 * HOUR_MS,
    );
  } else {
    const notified = submissionOf(kase, 'notification');
    // Until the notification is submitted, count from its deadline: the latest it may be.
    const start = notified === undefined ? aware + 72 * HOUR_MS : toEpoch(notified.submittedAt);
    push(
      'final-report',
      'Art. 14(4)(c)',
      'Final report, one month after the incident notification was submitted',
      start,
      addMonthsUtc(start, 1),
      { provisional: notified === undefined },
    );
  }

  kase.intermediateRequests.forEach((request, i) => {
    const done = kase.submissions.filter((s) => s.stage === 'intermediate-report')[i];
    push(
      'intermediate-report',
      'Art. 14(6)',
      'Intermediate report on status updates, requested by the coordinator CSIRT',
      toEpoch(request.requestedAt),
      toEpoch(request.dueAt),
      { submission: done ?? null },
    );
  });

  push(
    'inform-users',
    'Art. 14(8)',
    'Inform impacted users of the issue and of the mitigations they can deploy (no fixed deadline: in a timely manner)',
    aware,
    undefined,
  );
  return out;
}

/** The obligations of many cases, soonest deadline first, leaving out those done. */
export function openObligations(cases: Iterable<Case>, now: Date): Obligation[] {
  const keyed: { key: number; obligation: Obligation }[] = [];
  for (const kase of cases) {
    for (const o of obligations(kase, now)) {
      // Parse each deadline once, not in every comparison of the sort.
      if (o.status !== 'done')
        keyed.push({ key: o.dueAt === undefined ? Infinity : Date.parse(o.dueAt), obligation: o });
    }
  }
  return keyed.sort((a, b) => a.key - b.key).map((k) => k.obligation);
}
