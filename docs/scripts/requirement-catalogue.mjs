// Renders the CRA requirement catalogue of @cra-kit/core (listRequirements()) as one table per
// source, with counts, and the Annex III/IV points the product profile's classification uses.
import { code, fragment, table, text } from './markdown.mjs';

/** Section titles per catalogue source; a source without a title here fails the build. */
const SOURCE_TITLES = {
  'annex-i-part-i': 'Annex I, Part I: properties of the product',
  'annex-i-part-ii': 'Annex I, Part II: vulnerability handling',
  'annex-ii': 'Annex II: information and instructions to the user',
  'annex-v': 'Annex V: EU declaration of conformity',
  'annex-vi': 'Annex VI: simplified EU declaration of conformity',
  'annex-vii': 'Annex VII: technical documentation',
  'article-13': 'Article 13: obligations of manufacturers',
  'article-14': 'Article 14: reporting obligations',
};

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

const evidenceCell = (r) =>
  r.evidence.length === 0
    ? '—'
    : r.evidence
        .map((e) => `${code(e.provider)}: ${text(e.capability)} (${text(e.detail)})`)
        .join('<br>');

/**
 * @param {readonly object[]} requirements - `listRequirements()` of @cra-kit/core.
 * @param {readonly string[]} sources - `REQUIREMENT_SOURCES`, in catalogue order.
 * @returns {{ markdown: string, problems: string[] }}
 */
export function renderRequirementCatalogue(requirements, sources) {
  const problems = [];
  if (requirements.length === 0) problems.push('the requirement catalogue is empty');
  const ids = new Set();
  for (const r of requirements) {
    if (ids.has(r.id)) problems.push(`duplicate requirement id ${r.id}`);
    ids.add(r.id);
    if (!sources.includes(r.source)) problems.push(`${r.id}: unknown source ${r.source}`);
  }
  for (const source of sources) {
    if (SOURCE_TITLES[source] === undefined) problems.push(`no section title for source ${source}`);
  }

  const groups = sources.map((source) => ({
    source,
    title: SOURCE_TITLES[source] ?? source,
    entries: requirements.filter((r) => r.source === source),
  }));
  const withEvidence = requirements.filter((r) => r.evidence.length > 0).length;
  const byDate = new Map();
  for (const r of requirements) byDate.set(r.appliesFrom, (byDate.get(r.appliesFrom) ?? 0) + 1);
  const dates = [...byDate.keys()].sort();

  const summary = [
    `The catalogue has **${plural(requirements.length, 'entry', 'entries')}**;`,
    `${withEvidence} of them already name evidence a cra-kit package records.`,
    'By date of application (Art. 71(2)):',
    `${dates.map((d) => `${byDate.get(d)} from ${d}`).join(', ')}.`,
  ].join(' ');
  const overview = table(
    ['Source', 'Entries', 'With evidence'],
    groups.map((g) => [
      `[${text(g.title)}](#${g.source})`,
      String(g.entries.length),
      String(g.entries.filter((r) => r.evidence.length > 0).length),
    ]),
  );
  const sections = groups.map((g) => {
    const counts = `${plural(g.entries.length, 'requirement', 'requirements')}; \`cra requirements --source ${g.source}\` lists them.`;
    const rows = g.entries.map((r) => [
      code(r.id),
      text(r.citation),
      text(r.title),
      text(r.summary),
      text(r.appliesFrom),
      evidenceCell(r),
    ]);
    const body =
      rows.length === 0
        ? 'No entries.'
        : table(['Id', 'Citation', 'Title', 'Summary', 'Applies from', 'Evidence'], rows);
    return `## ${text(g.title)} {#${g.source}}\n\n${counts}\n\n${body}`;
  });
  return { markdown: fragment(summary, overview, ...sections), problems };
}

/**
 * @param {readonly object[]} entries - `ANNEX_ENTRIES` of @cra-kit/core.
 * @returns {{ markdown: string, problems: string[] }}
 */
export function renderAnnexEntries(entries) {
  const problems = entries.length === 0 ? ['ANNEX_ENTRIES is empty'] : [];
  const rows = entries.map((e) => [code(e.id), text(e.category), text(e.citation), text(e.title)]);
  return {
    markdown: fragment(
      table(['annexEntry', 'category', 'Citation', 'Product type (paraphrased)'], rows),
    ),
    problems,
  };
}
