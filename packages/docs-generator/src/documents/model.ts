import type { SupportingEvidence } from '../gap/analyse.js';

/** A block of content in a generated document. All text is plain text; renderers escape it. */
export type DocumentBlock =
  | { readonly type: 'paragraph'; readonly text: string }
  | { readonly type: 'list'; readonly items: readonly string[] }
  | { readonly type: 'table'; readonly head: readonly string[]; readonly rows: readonly (readonly string[])[] }
  /** Wording prescribed by the law, reproduced verbatim (the Annex VI sentence). */
  | { readonly type: 'verbatim'; readonly text: string }; // prettier-ignore

/** One section of a generated document, citing the requirement it fulfils and its evidence. */
export interface DocumentSection {
  readonly heading: string;
  /** The catalogue id of the requirement the section fulfils, e.g. `annex-v.1`. */
  readonly requirement?: string;
  /** The citation of that requirement, e.g. `Annex V(1)`. */
  readonly citation?: string;
  readonly blocks: readonly DocumentBlock[];
  readonly evidence: readonly SupportingEvidence[];
}

/** A generated document, before rendering to Markdown, HTML or PDF. */
export interface GeneratedDocument {
  /** A {@link DocumentId}, or `gap-analysis`. */
  readonly id: string;
  readonly lang: string;
  readonly title: string;
  /** One line under the title, e.g. the product and model. */
  readonly subtitle: string;
  readonly sections: readonly DocumentSection[];
  /** Footer line: generator, date, and the digests the document rests on. */
  readonly footer: string;
}
