import type { DocumentBlock, GeneratedDocument } from '../documents/model.js';
import type { Messages } from '../i18n/messages.js';
import { escapeMarkdown } from '@cra-kit/core';

/** One line of escaped Markdown (table cells and headings cannot hold line breaks). */
const md = (text: string) => escapeMarkdown(text);

function block(b: DocumentBlock): string {
  switch (b.type) {
    case 'paragraph':
      return md(b.text);
    case 'verbatim':
      return `> ${md(b.text)}`;
    case 'list':
      return b.items.map((i) => `- ${md(i)}`).join('\n');
    case 'table':
      return [
        `| ${b.head.map(md).join(' | ')} |`,
        `| ${b.head.map(() => '---').join(' | ')} |`,
        ...b.rows.map((r) => `| ${r.map(md).join(' | ')} |`),
      ].join('\n');
  }
}

/**
 * Renders a generated document as Markdown (CommonMark + GFM tables). Every field is escaped.
 *
 * @param doc - The document.
 * @param messages - Labels in the document's language.
 * @returns The Markdown text.
 */
export function renderMarkdown(doc: GeneratedDocument, messages: Messages): string {
  const out = [`# ${md(doc.title)}`, '', `_${md(doc.subtitle)}_`, ''];
  for (const s of doc.sections) {
    out.push(`## ${md(s.heading)}`, '');
    if (s.citation !== undefined && s.requirement !== undefined) {
      out.push(`${messages.label.requirement}: ${md(s.citation)} (\`${s.requirement}\`)`, '');
    }
    for (const b of s.blocks) out.push(block(b), '');
    if (s.evidence.length > 0) {
      const items = s.evidence.map((e) => (e.sha256 === undefined ? md(e.label) : `${md(e.label)} (sha256 \`${e.sha256}\`)`));
      out.push(`${messages.label.evidence}: ${items.join('; ')}`, '');
    }
  }
  out.push('---', '', md(doc.footer), '');
  return out.join('\n');
} // prettier-ignore
