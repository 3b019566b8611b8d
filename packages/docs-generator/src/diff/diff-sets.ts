import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { DocsGeneratorError } from '../errors.js';
import { DOCUMENT_SET_FILE } from '../generate.js';

const SectionSchema = z.object({
  heading: z.string(),
  requirement: z.string().optional(),
  blocks: z.array(z.unknown()),
  evidence: z.array(z.unknown()),
});
const SetSchema = z.object({
  schemaVersion: z.literal(1),
  evidence: z.array(z.object({ kind: z.string(), path: z.string(), sha256: z.string().nullable() })),
  documents: z.array(z.object({ id: z.string(), lang: z.string(), title: z.string(), sections: z.array(SectionSchema) })),
}); // prettier-ignore

/** The `document-set.json` record of a generated set, as `diffDocumentSets` reads it. */
export type DocumentSetRecord = z.infer<typeof SetSchema>;

/** One difference between two document sets. */
export interface DocumentChange {
  readonly kind: 'document-added' | 'document-removed' | 'section-added' | 'section-removed' | 'section-changed' | 'evidence-added' | 'evidence-removed' | 'evidence-changed';
  /** `declaration.en`, or the evidence path. */
  readonly subject: string;
  /** The section's requirement id or heading. */
  readonly section?: string;
  readonly before?: string;
  readonly after?: string;
} // prettier-ignore

const text = (s: z.infer<typeof SectionSchema>) =>
  JSON.stringify({ blocks: s.blocks, evidence: s.evidence });
const key = (s: z.infer<typeof SectionSchema>) => s.requirement ?? s.heading;

/**
 * Compares two generated document sets, e.g. of two firmware versions, section by section, and
 * lists the evidence files whose digest changed, so a manufacturer sees why a declaration or the
 * technical documentation must be re-issued.
 *
 * @param before - The older set's record.
 * @param after - The newer set's record.
 * @returns The changes; empty when the sets say the same.
 */
export function diffDocumentSets(before: DocumentSetRecord, after: DocumentSetRecord): DocumentChange[] {
  const changes: DocumentChange[] = [];
  const docs = (r: DocumentSetRecord) => new Map(r.documents.map((d) => [`${d.id}.${d.lang}`, d]));
  const [a, b] = [docs(before), docs(after)];
  for (const [id, doc] of a) {
    const next = b.get(id);
    if (next === undefined) { changes.push({ kind: 'document-removed', subject: id }); continue; }
    const old = new Map(doc.sections.map((s) => [key(s), s]));
    const now = new Map(next.sections.map((s) => [key(s), s]));
    for (const [k, s] of old) {
      const n = now.get(k);
      if (n === undefined) changes.push({ kind: 'section-removed', subject: id, section: k });
      else if (text(s) !== text(n)) changes.push({ kind: 'section-changed', subject: id, section: k, before: text(s), after: text(n) });
    }
    for (const k of now.keys()) if (!old.has(k)) changes.push({ kind: 'section-added', subject: id, section: k });
  }
  for (const id of b.keys()) if (!a.has(id)) changes.push({ kind: 'document-added', subject: id });
  const ev = (r: DocumentSetRecord) => new Map(r.evidence.map((e) => [`${e.kind}:${e.path}`, e.sha256]));
  const [ea, eb] = [ev(before), ev(after)];
  for (const [k, sha] of ea) {
    if (!eb.has(k)) changes.push({ kind: 'evidence-removed', subject: k });
    else if (eb.get(k) !== sha) changes.push({ kind: 'evidence-changed', subject: k, before: sha ?? 'missing', after: eb.get(k) ?? 'missing' });
  }
  for (const k of eb.keys()) if (!ea.has(k)) changes.push({ kind: 'evidence-added', subject: k });
  return changes;
} // prettier-ignore

/**
 * Reads the `document-set.json` of a generated output directory.
 *
 * @param dir - A directory written by `writeDocumentSet` or `cra docs generate`.
 * @returns The record.
 * @throws {DocsGeneratorError} DOCS_NOT_A_DOCUMENT_SET
 */
export async function readDocumentSet(dir: string): Promise<DocumentSetRecord> {
  try {
    return SetSchema.parse(JSON.parse(await readFile(join(dir, DOCUMENT_SET_FILE), 'utf8')));
  } catch (cause) {
    throw new DocsGeneratorError('DOCS_NOT_A_DOCUMENT_SET', `${dir} holds no generated document set (${DOCUMENT_SET_FILE})`, { cause, details: { dir } });
  }
} // prettier-ignore
