import { CaseSchema, type Case } from '../case/case-schema.js';
import { VulnIntakeError } from '../errors.js';
import { LogEntrySchema, type LogEntry } from '../log/case-log.js';

// Rows are re-validated on the way out: a database edited behind our back fails loudly.

/** @internal */
export function caseFromRow(doc: string): Case {
  const parsed = CaseSchema.safeParse(JSON.parse(doc));
  if (!parsed.success) {
    throw new VulnIntakeError('VULN_STORAGE_FAILED', 'a stored case does not match its schema', {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/** @internal */
export function entryFromRow(doc: string): LogEntry {
  const parsed = LogEntrySchema.safeParse(JSON.parse(doc));
  if (!parsed.success) {
    throw new VulnIntakeError('VULN_STORAGE_FAILED', 'a stored log entry is malformed', {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/** @internal */
export function assertEntryFor(kase: Case, entry: LogEntry): void {
  if (entry.caseId !== kase.id) {
    throw new VulnIntakeError(
      'VULN_INPUT_INVALID',
      `log entry of ${entry.caseId} given for case ${kase.id}`,
    );
  }
}

/** @internal */
export function conflict(id: string): VulnIntakeError {
  return new VulnIntakeError(
    'VULN_CASE_CONFLICT',
    `case ${id} changed since it was read; nothing was written`,
    {
      details: { id },
    },
  );
}

/** Loads an optional peer dependency, or says which package to install. @internal */
export async function loadPeer<T>(name: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new VulnIntakeError(
        'VULN_DEPENDENCY_MISSING',
        `this store needs the optional package ${name}: install it (npm install ${name})`,
        {
          cause: error,
          details: { package: name },
        },
      );
    }
    throw error;
  }
}
