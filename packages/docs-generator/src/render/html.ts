import type { DocumentBlock, GeneratedDocument } from '../documents/model.js';
import type { Messages } from '../i18n/messages.js';
import { escapeHtml as h, parseWith } from '@cra-kit/core';
import { HtmlOptionsSchema, type HtmlOptions } from './html-options.js';

/** The default stylesheet: readable on screen, A4 with page margins and no chrome in print. */
export const DEFAULT_STYLESHEET = `
body { font: 11pt/1.45 system-ui, sans-serif; color: #111; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.15rem; margin-top: 1.6rem; border-bottom: 1px solid #ccc; }
.subtitle { color: #444; margin-top: 0; }
.cite, .evidence { font-size: 0.85rem; color: #555; }
.evidence code, .cite code { word-break: break-all; }
blockquote { border-left: 4px solid #1a4fa0; margin: 0.8rem 0; padding: 0.2rem 0.8rem; background: #f3f6fb; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { border: 1px solid #bbb; padding: 0.25rem 0.4rem; text-align: left; vertical-align: top; }
footer { margin-top: 2rem; font-size: 0.8rem; color: #555; border-top: 1px solid #ccc; }
@media print {
  @page { size: A4; margin: 18mm 16mm; }
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { break-after: avoid; }
  table, blockquote { break-inside: avoid; }
}
`;

function block(b: DocumentBlock): string {
  switch (b.type) {
    case 'paragraph':
      return `<p>${h(b.text)}</p>`;
    case 'verbatim':
      return `<blockquote><p>${h(b.text)}</p></blockquote>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${h(i)}</li>`).join('')}</ul>`;
    case 'table':
      return `<table><thead><tr>${b.head.map((c) => `<th>${h(c)}</th>`).join('')}</tr></thead><tbody>${b.rows.map((r) => `<tr>${r.map((c) => `<td>${h(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  }
} // prettier-ignore

/** The `<head>` element that styles the page: the inline stylesheet, or a link to one. */
function styleElement(options: HtmlOptions): string {
  if (options.stylesheetHref !== undefined) return `<link rel="stylesheet" href="${h(options.stylesheetHref)}">`;
  return `<style>${(options.stylesheet ?? DEFAULT_STYLESHEET).replace(/<\//g, '<\\/')}</style>`;
} // prettier-ignore

/**
 * Renders a generated document as one self-contained HTML file (inline stylesheet with print
 * rules, no scripts, no external resources). Every field is escaped. With `stylesheetHref` the
 * stylesheet is linked instead, for pages served under a CSP without `'unsafe-inline'` styles;
 * such a file is no longer self-contained (print it to PDF from the inline variant).
 *
 * @param doc - The document.
 * @param messages - Labels in the document's language.
 * @param options - A replacement stylesheet, or the stylesheet to link.
 * @returns The HTML text.
 * @throws {ValidationError} CORE_VALIDATION_FAILED for a `stylesheetHref` that is not a relative
 *   reference or an https URL, or for both `stylesheet` and `stylesheetHref`.
 */
export function renderHtml(doc: GeneratedDocument, messages: Messages, options: HtmlOptions = {}): string {
  const style = styleElement(parseWith(HtmlOptionsSchema, options, 'HTML options'));
  const sections = doc.sections.map((s) => {
    const id = s.requirement === undefined ? '' : ` id="${h(s.requirement.replace(/\./g, '_'))}"`;
    const cite = s.citation === undefined || s.requirement === undefined ? '' : `<p class="cite">${h(messages.label.requirement)}: ${h(s.citation)} (<code>${h(s.requirement)}</code>)</p>`;
    const evidence = s.evidence.length === 0 ? '' : `<p class="evidence">${h(messages.label.evidence)}: ${s.evidence.map((e) => (e.sha256 === undefined ? h(e.label) : `${h(e.label)} (sha256 <code>${h(e.sha256)}</code>)`)).join('; ')}</p>`;
    return `<section${id}>\n<h2>${h(s.heading)}</h2>\n${cite}\n${s.blocks.map(block).join('\n')}\n${evidence}\n</section>`;
  });
  return `<!DOCTYPE html>
<html lang="${h(doc.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(doc.title)}</title>
${style}
</head>
<body>
<main>
<h1>${h(doc.title)}</h1>
<p class="subtitle">${h(doc.subtitle)}</p>
${sections.join('\n')}
</main>
<footer><p>${h(doc.footer)}</p></footer>
</body>
</html>
`;
} // prettier-ignore
