import type { Case } from '../case/case-schema.js';
import { scoreCvss } from '../case/cvss.js';
import {
  escapeHtml,
  escapeMarkdown as escapeMarkdownLine,
  type ProductProfile,
} from '@cra-kit/core';

const escapeMarkdown = (text: string) => escapeMarkdownLine(text, { multiline: true });

/** Options of {@link toMarkdownAdvisory} and {@link toHtmlAdvisory}. */
export interface TextAdvisoryOptions {
  readonly advisoryId: string;
  readonly publishedAt: string;
  /** How users remediate; default: update to the fixed version. */
  readonly remediation?: string;
}

interface Section {
  readonly heading: string;
  readonly paragraphs: readonly string[];
}

/** The content of a human-readable advisory (Annex I, Part II (4) and (8)), format-neutral. */
function sections(
  kase: Case,
  profile: ProductProfile,
  options: TextAdvisoryOptions,
  e: (text: string) => string,
): Section[] {
  const scores = [kase.cvss?.v40, kase.cvss?.v31].flatMap((v) =>
    v === undefined ? [] : [scoreCvss(v)],
  );
  const fixes = kase.affected.flatMap((a) =>
    a.fixedIn === undefined ? [] : [`${a.model} ${a.fixedIn}`],
  );
  return [
    { heading: 'Summary', paragraphs: [e(kase.description)] },
    {
      heading: 'Affected products',
      paragraphs: kase.affected.map(
        (a) =>
          `${e(profile.product.name)} (${e(a.model)}): ${a.versions.map(e).join(', ')}${a.fixedIn === undefined ? '' : `; fixed in ${e(a.fixedIn)}`}`,
      ),
    },
    {
      heading: 'Severity',
      paragraphs:
        scores.length === 0
          ? ['Not yet scored.']
          : scores.map(
              (s) => `CVSS v${s.version} base score ${s.baseScore} (${s.severity}): ${e(s.vector)}`,
            ),
    },
    {
      heading: 'Remediation',
      paragraphs: [
        options.remediation !== undefined
          ? e(options.remediation)
          : fixes.length > 0
            ? `Update to ${fixes.map(e).join(', ')}. The update is free of charge.`
            : 'No fix is available yet; this advisory will be updated.',
      ],
    },
    ...(kase.activelyExploited === undefined
      ? []
      : [
          {
            heading: 'Exploitation',
            paragraphs: ['This vulnerability is known to be actively exploited.'],
          },
        ]),
    {
      heading: 'Identifiers',
      paragraphs: [
        `Advisory: ${e(options.advisoryId)}`,
        ...(kase.cveId === undefined ? [] : [`CVE: ${kase.cveId}`]),
        ...kase.cwe.map((c) => `Weakness: ${c}`),
      ],
    },
    {
      heading: 'Credit',
      paragraphs: [
        kase.reporter.credit && kase.reporter.name !== undefined
          ? `Reported by ${e(kase.reporter.name)}.`
          : 'Reported under our coordinated vulnerability disclosure policy.',
      ],
    },
  ];
}

/** The advisory as Markdown; every piece of reported text is escaped. */
export function toMarkdownAdvisory(
  kase: Case,
  profile: ProductProfile,
  options: TextAdvisoryOptions,
): string {
  const body = sections(kase, profile, options, escapeMarkdown).flatMap((s) => [
    `## ${s.heading}`,
    '',
    ...s.paragraphs.map((p) => `${p}\n`),
  ]);
  return [
    `# ${escapeMarkdown(kase.title)}`,
    '',
    `${escapeMarkdown(profile.manufacturer.name)}, ${escapeMarkdown(options.advisoryId)}, published ${options.publishedAt}`,
    '',
    ...body,
  ].join('\n');
}

const shorten = (t: string, n: number) => (t.length <= n ? t : `${t.slice(0, n - 1)}…`);

/** The advisory as a complete HTML page; every piece of reported text is escaped. */
export function toHtmlAdvisory(
  kase: Case,
  profile: ProductProfile,
  options: TextAdvisoryOptions,
): string {
  const body = sections(kase, profile, options, escapeHtml).map(
    (s) => `    <h2>${s.heading}</h2>\n${s.paragraphs.map((p) => `    <p>${p}</p>`).join('\n')}`,
  );
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '  <head>',
    '    <meta charset="utf-8">',
    `    <title>Security advisory ${escapeHtml(shorten(options.advisoryId, 48))}</title>`,
    '  </head>',
    '  <body>',
    '    <main>',
    `    <h1>${escapeHtml(kase.title)}</h1>`,
    `    <p>${escapeHtml(profile.manufacturer.name)}, ${escapeHtml(options.advisoryId)}, published <time datetime="${escapeHtml(options.publishedAt)}">${escapeHtml(options.publishedAt)}</time></p>`,
    ...body,
    '    </main>',
    '  </body>',
    '</html>',
    '',
  ].join('\n');
}
