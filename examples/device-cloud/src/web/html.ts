import { escapeHtml } from '@cra-kit/core';

/** Markup that is already escaped (made only by {@link html} or {@link raw}). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = SafeHtml | string | number | boolean | null | undefined | readonly Part[];

const render = (part: Part): string => {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
};

/**
 * Template tag for HTML: every interpolated value is escaped with core's `escapeHtml` unless it
 * is {@link SafeHtml} from another `html` template, so escaping cannot be forgotten.
 */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Marks constant markup written in this folder as safe (never pass data through it). */
export const raw = (markup: string): SafeHtml => new SafeHtml(markup);

/** A table: header cells, then rows of cells (each escaped unless SafeHtml). */
export function table(headers: readonly string[], rows: readonly (readonly Part[])[], empty = 'Nothing yet.'): SafeHtml {
  if (rows.length === 0) return html`<p class="empty">${empty}</p>`;
  return html`<table><thead><tr>${headers.map((hd) => html`<th scope="col">${hd}</th>`)}</tr></thead><tbody>${rows.map((r) => html`<tr>${r.map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody></table>`;
} // prettier-ignore
