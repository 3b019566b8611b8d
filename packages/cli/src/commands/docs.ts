import { resolve } from 'node:path';
import {
  DOCUMENT_SET_FILE,
  LANGUAGES,
  analyseGaps,
  checkRiskAssessment,
  diffDocumentSets,
  generateDocumentSet,
  loadEvidenceBundle,
  loadProductInputs,
  parseRiskAssessment,
  readDocumentSet,
  writeDocumentSet,
  type GapReport,
  type ProductInputs,
  type TextFormat,
} from '@cra-kit/docs-generator';
import type { Clock } from '@cra-kit/core';
import type { Command } from 'commander';
import type { CommandFamily } from '../command-family.js';
import { CliError, EXIT } from '../errors.js';
import { json, line } from '../io.js';
import { readYamlFile } from '../profile/yaml-document.js';

const list = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

const withInputs = (command: Command) =>
  command
    .requiredOption('--product <file>', 'the cra.product.yaml')
    .option(
      '--evidence <file>',
      'the evidence manifest (evidence.yaml); without it every requirement that needs evidence is a gap',
    )
    .option(
      '--date <yyyy-mm-dd>',
      'date of issue and of the expiry checks (default: today), for reproducible output',
    );

/** `--date` → a clock standing still at noon UTC of that day; undefined means the system clock. */
function clockOf(date: string | undefined): Clock | undefined {
  if (date === undefined) return undefined;
  const at = new Date(`${date}T12:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(at.getTime()))
    throw new CliError('CLI_USAGE', '--date takes a date such as 2027-12-11');
  return { now: () => new Date(at) };
}

async function load(
  cwd: string,
  options: { product: string; evidence?: string },
  clock: Clock | undefined,
): Promise<ProductInputs> {
  return loadProductInputs({
    product: resolve(cwd, options.product),
    ...(options.evidence === undefined ? {} : { evidence: resolve(cwd, options.evidence) }),
    ...(clock === undefined ? {} : { clock }),
  });
}

/** `--signatory "name;function;place"` → a signatory, or undefined when not given. */
function signatoryOf(value: string | undefined) {
  if (value === undefined) return undefined;
  const [name, fn, place] = value.split(';').map((s) => s.trim());
  if (!name || !fn || !place)
    throw new CliError('CLI_USAGE', '--signatory takes "name;function;place"');
  return { name, function: fn, place };
}

const mark = { met: '✓', 'partly-met': '~', 'not-met': '✗', 'not-applicable': '–' } as const;

function printGaps(out: Parameters<typeof line>[0], report: GapReport, all: boolean): void {
  for (const r of report.requirements) {
    if (!all && (r.status === 'met' || r.status === 'not-applicable')) continue;
    line(out, `${mark[r.status]} ${r.id.padEnd(26)} ${r.citation}: ${r.title} (${r.status})`);
    if (r.status === 'not-applicable') line(out, `    justification: ${r.justification ?? ''}`);
    for (const m of r.missing) line(out, `    missing: ${m}`);
    if (r.nextStep !== undefined) line(out, `    next step: ${r.nextStep}`);
  }
  const s = report.summary;
  line(
    out,
    `${report.product.name}: ${s.met} met, ${s['partly-met']} partly met, ${s['not-met']} not met, ${s['not-applicable']} not applicable`,
  );
}

/** `cra docs …`: gap analysis, document generation and re-issue diffs (`@cra-kit/docs-generator`). */
export const docsCommand: CommandFamily = {
  name: 'docs',
  register(program, context) {
    const { io } = context;
    const docs = program.command('docs').description('CRA gap analysis, EU declaration of conformity, technical documentation, user information');

    withInputs(docs.command('gap').description('analyse every CRA requirement: met, partly met, not met, not applicable'))
      .option('--signatory <name;function;place>', 'who signs the declaration (Annex V(8))')
      .option('--all', 'also list met and not applicable requirements', false)
      .option('--fail-on-gap', 'exit 1 when any requirement is partly met or not met', false)
      .option('--json', 'print the report as JSON', false)
      .addHelpText('after', '\nExit code 0, or 1 with --fail-on-gap when there are gaps or for bad input.\n\nExample:\n  $ cra docs gap --product cra.product.yaml --evidence evidence.yaml --fail-on-gap\n  $ cra docs gap --product cra.product.yaml --json | jq \'.requirements[] | select(.status == "not-met") | .id\'')
      .action(async (options: { product: string; evidence?: string; date?: string; signatory?: string; all: boolean; failOnGap: boolean; json: boolean }) => {
        const signatory = signatoryOf(options.signatory);
        const inputs = await load(io.cwd, options, clockOf(options.date));
        const report = analyseGaps({ ...inputs, ...(signatory === undefined ? {} : { signatory }) });
        if (options.failOnGap && report.hasGaps) context.fail(EXIT.failed);
        if (options.json) {
          json(io.stdout, { ...report, evidenceFindings: inputs.bundle?.findings ?? [] });
          return;
        }
        for (const f of inputs.bundle?.findings ?? []) line(io.stdout, `! ${f.path}: ${f.message} (${f.code})`);
        printGaps(io.stdout, report, options.all);
      });

    withInputs(docs.command('generate').description('generate the declaration, simplified declaration, technical documentation, user information and CVD policy page'))
      .requiredOption('--out <dir>', 'output directory')
      .option('--format <formats>', 'comma-separated: md, html, pdf (PDF needs playwright-core and Chromium)', 'md,html')
      .option('--lang <languages>', `comma-separated: ${LANGUAGES.join(', ')}`, 'en')
      .option('--signatory <name;function;place>', 'who signs the declaration (Annex V(8))')
      .option('--json', 'print the files written as JSON', false)
      .addHelpText('after', '\nExample:\n  $ cra docs generate --product cra.product.yaml --evidence evidence.yaml --out technical-file/docs --format md,html,pdf --lang en,de')
      .action(async (options: { product: string; evidence?: string; date?: string; out: string; format: string; lang: string; signatory?: string; json: boolean }) => {
        const formats = list(options.format);
        const unknown = formats.filter((f) => !['md', 'html', 'pdf'].includes(f));
        if (unknown.length > 0 || formats.length === 0) throw new CliError('CLI_USAGE', `--format takes md, html and pdf, not ${unknown.join(', ') || 'nothing'}`);
        const signatory = signatoryOf(options.signatory);
        const clock = clockOf(options.date);
        const inputs = await load(io.cwd, options, clock);
        const text = formats.filter((f): f is TextFormat => f === 'md' || f === 'html');
        const set = generateDocumentSet({ ...inputs, languages: list(options.lang), formats: formats.includes('pdf') && !text.includes('html') ? [...text, 'html'] : text, ...(signatory === undefined ? {} : { signatory }), ...(clock === undefined ? {} : { clock }) });
        const out = resolve(io.cwd, options.out);
        const progress = (file: string) => { if (!options.json) line(io.stderr, `  wrote ${file}`); };
        const written = await writeDocumentSet(set, out, { pdf: formats.includes('pdf'), onFile: progress });
        if (options.json) json(io.stdout, { out, files: written, summary: set.gaps.summary });
        else line(io.stdout, `✓ ${written.length} files in ${out} (${DOCUMENT_SET_FILE} records what they rest on)`);
      });

    docs.command('risk').description('check a risk assessment: every Annex I Part I requirement applicable with its implementation, or not applicable with a justification')
      .argument('<file>', 'the risk assessment YAML')
      .option('--json', 'print the result as JSON', false)
      .addHelpText('after', '\nExit code 0 when every item is addressed, 1 when some are not or the file is invalid.\n\nExample:\n  $ cra docs risk vibration-sensor.risk-assessment.yaml')
      .action(async (file: string, options: { json: boolean }) => {
        const check = checkRiskAssessment(parseRiskAssessment(await readYamlFile(resolve(io.cwd, file)).then((s) => s.data)));
        if (!check.complete) context.fail(EXIT.failed);
        if (options.json) {
          json(io.stdout, { complete: check.complete, unaddressed: check.unaddressed.map((r) => r.id), notApplicable: check.notApplicable });
          return;
        }
        for (const r of check.unaddressed) line(io.stdout, `✗ ${r.id.padEnd(20)} ${r.citation}: ${r.title} — not addressed`);
        for (const n of check.notApplicable) line(io.stdout, `– ${n.id.padEnd(20)} not applicable: ${n.justification}`);
        line(io.stdout, check.complete ? `✓ ${file}: every Annex I Part I requirement is addressed` : `✗ ${file}: ${check.unaddressed.length} requirement(s) not addressed (Art. 13(3))`);
      });

    docs.command('evidence').description('check every file of an evidence manifest: present, SHA-256 as pinned, format, expiry')
      .argument('<manifest>', 'the evidence.yaml')
      .option('--date <yyyy-mm-dd>', 'date of the expiry checks (default: today)')
      .option('--json', 'print the checked entries as JSON', false)
      .addHelpText('after', '\nExit code 0 when every file is usable, 1 otherwise.\n\nExample:\n  $ cra docs evidence evidence.yaml --json | jq \'.entries[] | {path, sha256}\'')
      .action(async (manifest: string, options: { date?: string; json: boolean }) => {
        const clock = clockOf(options.date);
        const bundle = await loadEvidenceBundle(resolve(io.cwd, manifest), clock === undefined ? {} : { clock });
        if (bundle.entries.some((e) => !e.usable)) context.fail(EXIT.failed);
        if (options.json) {
          json(io.stdout, bundle);
          return;
        }
        for (const e of bundle.entries) {
          line(io.stdout, `${e.usable ? '✓' : '✗'} ${e.kind.padEnd(18)} ${e.path}  ${e.format ?? ''}`);
          for (const f of e.findings) line(io.stdout, `    ${f.severity}: ${f.message} (${f.code})`);
        }
      });

    docs.command('diff').description('compare two generated document sets, e.g. of two firmware versions')
      .argument('<before>', 'directory of the older set')
      .argument('<after>', 'directory of the newer set')
      .option('--json', 'print the changes as JSON', false)
      .addHelpText('after', '\nExit code 0 when the sets say the same, 1 when they differ.\n\nExample:\n  $ cra docs diff docs-2.4.0 docs-2.4.1')
      .action(async (before: string, after: string, options: { json: boolean }) => {
        const changes = diffDocumentSets(await readDocumentSet(resolve(io.cwd, before)), await readDocumentSet(resolve(io.cwd, after)));
        if (changes.length > 0) context.fail(EXIT.failed);
        if (options.json) {
          json(io.stdout, { changes });
          return;
        }
        for (const c of changes) line(io.stdout, `${c.kind.padEnd(17)} ${c.subject}${c.section === undefined ? '' : ` § ${c.section}`}`);
        line(io.stdout, changes.length === 0 ? 'no changes' : `${changes.length} change${changes.length === 1 ? '' : 's'}`);
      });
  },
}; // prettier-ignore
