/** `&`, `<` and `>` as entities (`&` first, so no entity is escaped twice). */
const escapeMarkup = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/**
 * Escapes untrusted text for HTML element content and quoted attribute values, so a product name
 * such as `<script>` stays text in every generated document.
 *
 * @param text - Untrusted text.
 * @returns The escaped text.
 */
export function escapeHtml(text: string): string {
  return escapeMarkup(text).replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

/**
 * Escapes untrusted text for Markdown: characters that could start inline markup (emphasis,
 * links, images, code, tables, strikethrough) are backslash-escaped; `&`, `<` and `>` become
 * entities (Markdown renderers pass raw HTML through, and so no quote block can open); a line
 * start that would open a heading, list or rule is escaped.
 *
 * @param text - Untrusted text.
 * @param options - `multiline: true` keeps line breaks as Markdown hard breaks; by default the
 *   text is put on one line (for headings and table cells).
 * @returns The escaped text.
 */
export function escapeMarkdown(text: string, options: { multiline?: boolean } = {}): string {
  const escaped = escapeMarkup(text)
    // Brackets are escaped, so `(`, `)` and `!` can no longer form links or images.
    .replace(/[\\`*_[\]|~]/g, '\\$&')
    .replace(/^(\s*)([-+=#])/gm, '$1\\$2')
    // `1.` opens an ordered list; a backslash before a digit is no escape, so escape the dot.
    .replace(/^(\s*\d+)\./gm, '$1\\.');
  return options.multiline === true
    ? escaped.replace(/\r?\n/g, '  \n')
    : escaped.replace(/\s*\r?\n\s*/g, ' ');
}
