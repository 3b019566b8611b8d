import { SdkError, type SdkErrorOptions } from '../errors/sdk-error.js';

/** One problem found in an input: where it is, what kind, and which article it comes from. */
export interface ValidationIssue {
  /** Path into the input, e.g. `['manufacturer', 'securityContact']`; `[]` for the root. */
  readonly path: readonly (string | number)[];
  /** zod's stable issue code (`invalid_type`, `too_small`, `unrecognized_keys`, `custom`, …). */
  readonly code: string;
  /** A sentence for people. Not API: match on `code` and `path`, never on the message. */
  readonly message: string;
  /** The article or annex the rule comes from, e.g. `Art. 32(3)`, when there is one. */
  readonly citation?: string;
  /** For `unrecognized_keys`: the keys that are not allowed at `path`. */
  readonly keys?: readonly string[];
}

/**
 * Thrown when input does not match its schema. `issues` keeps every problem with its path, so
 * nothing is reported one at a time; zod's own error classes never leak into our API.
 */
export class ValidationError<C extends string = 'CORE_VALIDATION_FAILED'> extends SdkError<C> {
  readonly issues: readonly ValidationIssue[];

  constructor(
    issues: readonly ValidationIssue[],
    options: SdkErrorOptions & { code?: C; subject?: string } = {},
  ) {
    const subject = options.subject ?? 'input';
    const first = issues[0];
    const where = first === undefined ? '' : `: ${formatPath(first.path)} ${first.message}`;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super(
      options.code ?? ('CORE_VALIDATION_FAILED' as C),
      `invalid ${subject}${where}${more}`,
      options,
    );
    this.issues = Object.freeze([...issues]);
  }

  override toJSON() {
    return { ...super.toJSON(), issues: this.issues };
  }
}

/** `['a', 0, 'b']` → `a[0].b`; `[]` → `(root)`. */
export function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(root)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
