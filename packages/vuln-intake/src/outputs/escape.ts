/** Escapes text for HTML element content and attribute values. @internal */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for Markdown: characters that could start inline markup are backslash-escaped,
 * `<`/`>` become entities, and line starts that would open a block (heading, list, quote) are
 * escaped, so reported text never turns into links, HTML or headings.
 * @internal
 */
export const escapeMarkdown = (text: string): string =>
  text
    .replace(/[\\`*_{}[\]()#|!~]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/^(\s*)([-+=]|\d+\.)/gm, '$1\\$2')
    .replace(/\r?\n/g, '  \n');
