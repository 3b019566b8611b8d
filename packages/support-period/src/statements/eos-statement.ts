import {
  type Clock,
  IsoDateSchema,
  type ProductProfile,
  SUPPORT_PERIOD_BASES,
  systemClock,
  TextSchema,
  TimestampSchema,
} from '@cra-kit/core';
import { z } from 'zod';
import type { SupportPlanDetail } from '../plan/schema.js';
import { formatEndOfSupportLabel } from './labels.js';

/** The `$schema` value of the OpenEoX Core draft (OASIS OpenEoX TC, Committee Specification Draft 01). */
export const OPENEOX_CORE_SCHEMA = 'https://docs.oasis-open.org/openeox/v1.0/schema/core.json';

const EoxTimestampSchema = z.union([TimestampSchema, z.literal('tba')]);

/**
 * The machine-readable end-of-support statement (Art. 13(19); Annex II(7)). Our own shape,
 * versioned by `schemaVersion`; its `openEox` member follows the fields of the OpenEoX Core
 * draft (end_of_security_support, end_of_life, last_updated), which is not final yet.
 */
export const EndOfSupportStatementSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    manufacturer: TextSchema,
    product: TextSchema.describe('Product name'),
    model: TextSchema,
    basis: z.enum(SUPPORT_PERIOD_BASES).describe('model: one end date; unit: counted per unit'),
    supportMonths: z.int().positive().describe('Length of the support period'),
    supportStart: IsoDateSchema.describe('Placing on the market of the first unit'),
    supportEnd: IsoDateSchema.describe('Inclusive end for the first unit (for every unit with basis model)'),
    latestSupportEnd: IsoDateSchema.nullable().describe('Inclusive end for the last unit; null while still sold'),
    labels: z.record(z.string(), TextSchema).describe('The end-of-support label by language'),
    citation: z.literal('Art. 13(19)'),
    openEox: z
      .strictObject({
        $schema: z.literal(OPENEOX_CORE_SCHEMA),
        end_of_security_support: EoxTimestampSchema,
        end_of_life: EoxTimestampSchema,
        last_updated: TimestampSchema,
      })
      .describe('OpenEoX Core fields for the whole model'),
  })
  .meta({ id: 'EndOfSupportStatement', title: 'End-of-support statement' }); // prettier-ignore
export type EndOfSupportStatement = z.infer<typeof EndOfSupportStatementSchema>;

/** Options of {@link endOfSupportStatement}. */
export interface StatementOptions {
  /** Languages of `labels`. Default `['en', 'de']`. */
  readonly langs?: readonly string[];
  /** End of life, if announced (RFC 3339); default `tba`. */
  readonly endOfLife?: string;
  readonly clock?: Clock;
}

/**
 * Builds the JSON end-of-support statement for a plan. OpenEoX's `end_of_security_support` is
 * the last instant of the inclusive end date of the last unit, or `tba` while units are still
 * being placed with per-unit support.
 *
 * @throws {SupportPeriodError} SUPPORT_LANGUAGE_UNSUPPORTED for a language without label texts
 * @example
 * ```ts
 * const json = JSON.stringify(endOfSupportStatement(profile, planSupport(profile)));
 * ```
 */
export function endOfSupportStatement(
  profile: ProductProfile,
  plan: SupportPlanDetail,
  options: StatementOptions = {},
): EndOfSupportStatement {
  const langs = options.langs ?? ['en', 'de'];
  const now = (options.clock ?? systemClock).now();
  return EndOfSupportStatementSchema.parse({
    schemaVersion: 1,
    manufacturer: profile.manufacturer.name,
    product: profile.product.name,
    model: plan.model,
    basis: plan.basis,
    supportMonths: plan.supportMonths,
    supportStart: plan.supportStart,
    supportEnd: plan.supportEnd,
    latestSupportEnd: plan.latestSupportEnd,
    labels: Object.fromEntries(
      langs.map((lang) => [lang, formatEndOfSupportLabel(plan.supportEnd, { lang })]),
    ),
    citation: 'Art. 13(19)',
    openEox: {
      $schema: OPENEOX_CORE_SCHEMA,
      end_of_security_support:
        plan.latestSupportEnd === null ? 'tba' : `${plan.latestSupportEnd}T23:59:59Z`,
      end_of_life: options.endOfLife ?? 'tba',
      last_updated: now.toISOString(),
    },
  });
}

/** The JSON Schema (draft 2020-12) of {@link EndOfSupportStatementSchema}, for other languages. */
export function endOfSupportStatementJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(EndOfSupportStatementSchema);
}
