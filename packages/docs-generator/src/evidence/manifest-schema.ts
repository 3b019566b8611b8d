import { RequirementIdSchema, Sha256HexSchema, TextSchema, hasRequirement } from '@cra-kit/core';
import { z } from 'zod';

/**
 * The kinds of evidence a bundle can hold. Each is recognised by its standard format where
 * one exists (CycloneDX, CSAF/OpenVEX, TUF, JUnit XML, RFC 9116), not by a cra-kit API.
 */
export const EVIDENCE_KINDS = [
  'product-profile',
  'risk-assessment',
  'sbom',
  'sbom-check',
  'vulnerability-scan',
  'vex',
  'ota-config',
  'identity-config',
  'cvd-policy',
  'security-txt',
  'support-plan',
  'test-report',
  'standards',
  'document',
] as const;

/** One of {@link EVIDENCE_KINDS}. */
export const EvidenceKindSchema = z.enum(EVIDENCE_KINDS);

/** A kind of evidence file. */
export type EvidenceKind = z.infer<typeof EvidenceKindSchema>;

/** A relative path with forward slashes; absolute paths and NUL bytes are refused. */
const RelativePathSchema = z
  .string()
  .min(1)
  .max(1024)
  .refine((p) => !p.startsWith('/') && !/^[A-Za-z]:/.test(p) && !p.includes('\0'), {
    message: 'must be a path relative to the evidence manifest',
  });

/** One evidence file of a bundle. */
export const EvidenceEntrySchema = z
  .strictObject({
    kind: EvidenceKindSchema,
    path: RelativePathSchema.describe('Path of the file, relative to evidence.yaml'),
    sha256: Sha256HexSchema.optional().describe('Expected SHA-256 of the file (hex)'),
    title: TextSchema.optional().describe('What the file is, e.g. "Penetration test report"'),
    covers: z
      .array(RequirementIdSchema)
      .default([])
      .describe('For kind document: the requirement ids the document is evidence for'),
  })
  .superRefine((e, ctx) => {
    e.covers.forEach((id, i) => {
      if (!hasRequirement(id)) {
        ctx.addIssue({ code: 'custom', path: ['covers', i], message: 'unknown requirement id' });
      }
    });
    if (e.kind === 'document' && e.covers.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['covers'],
        message: 'a document must name the requirements it is evidence for',
      });
    }
  });

/** One evidence file (see {@link EvidenceEntrySchema}). */
export type EvidenceEntry = z.infer<typeof EvidenceEntrySchema>;

/** The evidence manifest (`evidence.yaml`): the files a product's documents rest on. */
export const EvidenceManifestSchema = z
  .strictObject({
    schemaVersion: z.literal(1).describe('Version of this file format; always 1'),
    model: TextSchema.describe('Product model (product.model of the profile)'),
    entries: z.array(EvidenceEntrySchema).max(10_000),
  })
  .meta({ id: 'EvidenceManifest', title: 'cra-kit evidence manifest (evidence.yaml)' });

/** A validated evidence manifest. */
export type EvidenceManifest = z.infer<typeof EvidenceManifestSchema>;
