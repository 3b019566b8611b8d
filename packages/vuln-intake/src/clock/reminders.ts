import type { Case } from '../case/case-schema.js';
import { obligations, type Obligation } from './obligations.js';

/** A reminder: an open obligation whose deadline is within one of the lead times. */
export interface Reminder {
  readonly obligation: Obligation;
  /** The lead time (ms before the deadline) that fired; 0 means the deadline has passed. */
  readonly leadMs: number;
}

/** Options of {@link createReminders}. */
export interface ReminderOptions {
  /** How long before a deadline to remind, in ms; e.g. `[12 * HOUR_MS, 2 * HOUR_MS]`. */
  readonly leadTimes: readonly number[];
  /** Called once per obligation and lead time (and once more when it becomes overdue). */
  readonly onReminder: (reminder: Reminder) => void | Promise<void>;
}

/**
 * A reminder hook. Call `check(cases, now)` from a timer, a cron job or after every change: it
 * fires `onReminder` once for each lead time an open obligation has entered, and once when it
 * is overdue. It keeps which reminders fired, so checking often never repeats one.
 */
export function createReminders(options: ReminderOptions) {
  const leads = [...new Set([...options.leadTimes, 0])].sort((a, b) => b - a);
  const fired = new Set<string>();
  return {
    async check(cases: Iterable<Case>, now: Date): Promise<Reminder[]> {
      const sent: Reminder[] = [];
      for (const kase of cases) {
        for (const obligation of obligations(kase, now)) {
          if (obligation.dueAt === undefined || obligation.status === 'done') continue;
          const left = Date.parse(obligation.dueAt) - now.getTime();
          // Only the tightest lead time entered fires; wider ones it passed are marked as well.
          const entered = leads.filter((lead) => (lead === 0 ? left < 0 : left <= lead));
          const tightest = entered[entered.length - 1];
          if (tightest === undefined) continue;
          const key = `${obligation.caseId}|${obligation.stage}|${obligation.dueAt}|${tightest}`;
          if (fired.has(key)) continue;
          for (const lead of entered) {
            fired.add(`${obligation.caseId}|${obligation.stage}|${obligation.dueAt}|${lead}`);
          }
          const reminder = { obligation, leadMs: tightest };
          sent.push(reminder);
          await options.onReminder(reminder);
        }
      }
      return sent;
    },
  };
}
