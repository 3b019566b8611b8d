import { EmailSchema, ParagraphSchema, TextSchema } from '@cra-kit/core';
import { z } from 'zod';

const flag = z.union([
  z.boolean(),
  z.enum(['true', 'false', 'on', 'yes', 'no']).transform((v) => v !== 'false' && v !== 'no'),
]);
const optionalText = TextSchema.optional().or(z.literal('').transform(() => undefined));

/**
 * What a reporter may send to the intake endpoint, as JSON or as a form. Every field is plain
 * text: it is stored as given (nothing is lost) and escaped wherever it is shown.
 */
export const IntakeReportSchema = z.strictObject({
  title: TextSchema,
  description: ParagraphSchema,
  name: optionalText,
  email: EmailSchema.optional().or(z.literal('').transform(() => undefined)),
  preferredContact: optionalText,
  credit: flag.optional(),
  product: optionalText,
  versions: optionalText,
  cwe: z
    .string()
    .regex(/^CWE-\d{1,5}$/)
    .optional()
    .or(z.literal('').transform(() => undefined)),
});
export type IntakeReport = z.infer<typeof IntakeReportSchema>;
