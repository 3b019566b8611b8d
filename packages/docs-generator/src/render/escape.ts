const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML element content and quoted attribute values, so a product name such as
 * `<script>` stays text.
 *
 * @param text - Untrusted text.
 * @returns The escaped text.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

/**
 * Escapes text for Markdown: HTML is neutralised (Markdown renderers pass raw HTML through) and
 * the characters of emphasis, links, code and tables are backslash-escaped, and so is a leading
 * heading, list or rule marker.
 *
 * @param text - Untrusted text.
 * @returns The escaped text, on one line.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/[&<>]/g, (c) => HTML_ENTITIES[c] ?? c)
    .replace(/^(\s*)([#+=-])/, '$1\\$2')
    .replace(/^(\s*\d+)\./, '$1\\.');
}
