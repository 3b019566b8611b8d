import { z } from 'zod';

/**
 * Where a requirement comes from in Regulation (EU) 2024/2847: Annex I Part I (product
 * properties), Annex I Part II (vulnerability handling), Annexes II, V, VI and VII, or
 * Articles 13 and 14.
 */
export const REQUIREMENT_SOURCES = [
  'annex-i-part-i',
  'annex-i-part-ii',
  'annex-ii',
  'annex-v',
  'annex-vi',
  'annex-vii',
  'article-13',
  'article-14',
] as const;

/** The id prefix every requirement of a source starts with (`annex-i.part-1.` for Part I). */
const ID_PREFIXES: Readonly<Record<(typeof REQUIREMENT_SOURCES)[number], string>> = {
  'annex-i-part-i': 'annex-i.part-1.',
  'annex-i-part-ii': 'annex-i.part-2.',
  'annex-ii': 'annex-ii.',
  'annex-v': 'annex-v.',
  'annex-vi': 'annex-vi.',
  'annex-vii': 'annex-vii.',
  'article-13': 'art-13.',
  'article-14': 'art-14.',
};

/** The part of the Regulation a requirement comes from. */
export const RequirementSourceSchema = z
  .enum(REQUIREMENT_SOURCES)
  .describe('The article or annex (Annex I split into Parts I and II) the requirement comes from');

/** One of {@link REQUIREMENT_SOURCES}. */
export type RequirementSource = z.infer<typeof RequirementSourceSchema>;

/** A requirement id: lowercase, dot-separated segments, e.g. `annex-i.part-1.2.c`, `art-14.2.a`. */
export const RequirementIdSchema = z
  .string()
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+$/,
    'must be lowercase, dot-separated segments such as annex-i.part-1.2.c',
  )
  .describe(
    'Stable, lowercase, dot-separated requirement id, e.g. annex-i.part-1.2.c or art-14.2.a',
  );

/**
 * Where evidence that a requirement is met can come from: a cra-kit package (or a third-party
 * one) and the capability of it that produces the evidence.
 */
export const EvidenceSchema = z
  .strictObject({
    provider: z
      .string()
      .regex(
        /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/,
        'must be an npm package name such as @cra-kit/core',
      )
      .max(214)
      .describe('npm package that provides the evidence, e.g. @cra-kit/core'),
    capability: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case, e.g. product-profile')
      .describe('Kebab-case name of what the package does to provide it, e.g. product-profile'),
    detail: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .describe('What the evidence shows, e.g. the product profile fields it records'),
  })
  .readonly()
  .describe('One source of evidence that a requirement is met');

/** One source of evidence for a {@link Requirement}. */
export type Evidence = z.infer<typeof EvidenceSchema>;

/**
 * One requirement of the CRA catalogue: an obligation from Annex I, II, V, VI or VII or from
 * Article 13 or 14 of Regulation (EU) 2024/2847, cited by number and paraphrased in one line.
 *
 * Besides the shape, it checks that the id starts with its source's prefix (`annex-ii.` for
 * `annex-ii`) and that a `parent` is the id minus its last segment.
 */
export const RequirementSchema = z
  .strictObject({
    id: RequirementIdSchema,
    citation: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .describe('Human citation, e.g. "Annex I, Part I, point (2)(c)" or "Article 14(2)(a)"'),
    source: RequirementSourceSchema,
    parent: RequirementIdSchema.optional().describe(
      'Id of the enclosing entry, e.g. annex-ii.8 for annex-ii.8.a; absent for top-level items',
    ),
    title: z
      .string()
      .regex(/^\S+(?: \S+){1,5}$/, 'must be 2 to 6 words separated by single spaces')
      .describe('Short title of 2 to 6 words, e.g. "Security updates"'),
    summary: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(240)
      .regex(/^[^\r\n]+$/, 'must be a single line')
      .describe('One-line paraphrase of the requirement in our own words (not the legal text)'),
    appliesFrom: z.iso
      .date()
      .describe('Date (YYYY-MM-DD) from which the requirement applies (Art. 71(2))'),
    evidence: z
      .array(EvidenceSchema)
      .readonly()
      .describe('Where evidence that the requirement is met can come from; empty if none yet'),
  })
  .superRefine((r, ctx) => {
    if (!r.id.startsWith(ID_PREFIXES[r.source])) {
      ctx.addIssue({
        code: 'custom',
        path: ['id'],
        message: `must start with "${ID_PREFIXES[r.source]}" for source ${r.source}`,
      });
    }
    if (r.parent !== undefined && r.id.slice(0, r.id.lastIndexOf('.')) !== r.parent) {
      ctx.addIssue({
        code: 'custom',
        path: ['parent'],
        message: 'must be the id without its last segment',
      });
    }
  })
  .readonly()
  .describe('One requirement of Regulation (EU) 2024/2847 in the cra-kit catalogue');

/** One entry of the CRA requirement catalogue (see {@link RequirementSchema}). */
export type Requirement = z.infer<typeof RequirementSchema>;
