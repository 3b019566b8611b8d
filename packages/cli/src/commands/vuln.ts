import { mkdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CASE_STATES, type CaseState, type ProductProfile } from '@cra-kit/core';
import {
  REPORT_STAGES,
  createCaseService,
  formatInZone,
  openObligations,
  openSqliteCaseStore,
  toCsafAdvisory,
  toCsafVex,
  toCveCnaContainer,
  toMarkdownAdvisory,
  signSecurityTxt,
  toSecurityTxt,
  type Case,
  type CaseService,
  type ReportStage,
} from '@cra-kit/vuln-intake';
import type { Command } from 'commander';
import type { CommandFamily } from '../command-family.js';
import { CliError, EXIT } from '../errors.js';
import { json, line, type CliIo } from '../io.js';
import { loadProductProfile } from '../profile/load-profile.js';
import { readYamlFile } from '../profile/yaml-document.js';

interface DirOption {
  dir?: string;
  json: boolean;
}

const STORE_FILE = 'cases.db';
const example = (...lines: string[]) => `\nExample:\n${lines.map((l) => `  $ ${l}`).join('\n')}`;

/** The case directory: --dir, else $CRA_VULN_DIR, else ./.cra/vuln. */
const caseDir = (io: CliIo, dir?: string) =>
  resolve(io.cwd, dir ?? process.env.CRA_VULN_DIR ?? '.cra/vuln');

async function withService<T>(
  io: CliIo,
  dir: string | undefined,
  fn: (service: CaseService) => Promise<T>,
): Promise<T> {
  const path = join(caseDir(io, dir), STORE_FILE);
  const exists = await stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
  if (!exists)
    throw new CliError(
      'CLI_FILE_UNREADABLE',
      `no case store at ${path}: run \`cra vuln init\` first`,
      { details: { path } },
    );
  const store = await openSqliteCaseStore({ path });
  try {
    return await fn(createCaseService({ store }));
  } finally {
    await store.close();
  }
}

const summary = (c: Case) =>
  `${c.id}  ${c.state.padEnd(19)} ${c.activelyExploited ? 'EXPLOITED ' : ''}${c.title}`;

function common(command: Command, help: string): Command {
  return command
    .option('--dir <dir>', 'case store directory (default $CRA_VULN_DIR or ./.cra/vuln)')
    .option('--json', 'print the result as JSON', false)
    .addHelpText('after', help);
}

/** `cra vuln …`: coordinated vulnerability disclosure and the Art. 14 reporting clock. */
export const vulnCommand: CommandFamily = {
  name: 'vuln',
  register(program, context) {
    const { io } = context;
    const vuln = program.command('vuln').description('vulnerability cases, the Art. 14 reporting clock, advisories and security.txt');
    vuln.addHelpText('after', example('cra vuln init', 'cra vuln add --title "Telnet open" --description "Port 2323" --product cra.product.yaml', 'cra vuln obligations --tz Europe/Berlin'));

    common(vuln.command('init').description('create the case store (SQLite) in the case directory'), example('cra vuln init --dir .cra/vuln')).action(async (o: DirOption) => {
      const dir = caseDir(io, o.dir);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const store = await openSqliteCaseStore({ path: join(dir, STORE_FILE) });
      await store.close();
      if (o.json) json(io.stdout, { dir, store: join(dir, STORE_FILE) });
      else line(io.stdout, `case store ready in ${dir}`);
    });

    common(
      vuln.command('add').description('open a case from a JSON/YAML report file, or from flags').argument('[file]', 'report (title, description, reporter, affected, cwe, cvss …)')
        .option('--title <text>', 'short title').option('--description <text>', 'what was reported').option('--product <profile>', 'the product profile of the affected product')
        .option('--versions <list>', 'affected versions, comma-separated', 'unknown').option('--cvss <vector>', 'a CVSS v3.1 or v4.0 vector'),
      example('cra vuln add report.yaml', 'cra vuln add --title "Auth bypass" --description "…" --product cra.product.yaml --versions 2.4.0 --json'),
    ).action(async (file: string | undefined, o: DirOption & { title?: string; description?: string; product?: string; versions: string; cvss?: string }) => {
      const fromFile = file === undefined ? {} : ((await readYamlFile(resolve(io.cwd, file))).data as Record<string, unknown>);
      const profile = o.product === undefined ? undefined : await loadProductProfile(resolve(io.cwd, o.product));
      if (file === undefined && (o.title === undefined || o.description === undefined)) throw new CliError('CLI_USAGE', 'give a report file, or --title and --description');
      const input = {
        reporter: {},
        ...fromFile,
        ...(o.title === undefined ? {} : { title: o.title }),
        ...(o.description === undefined ? {} : { description: o.description }),
        ...(profile === undefined ? {} : { affected: [{ model: profile.product.model, versions: o.versions.split(',').map((v) => v.trim()) }], productProfiles: [o.product] }),
        ...(o.cvss === undefined ? {} : { cvss: o.cvss.startsWith('CVSS:4.0/') ? { v40: o.cvss } : { v31: o.cvss } }),
      };
      const opened = await withService(io, o.dir, (s) => s.open(input as Parameters<CaseService['open']>[0]));
      if (o.json) json(io.stdout, { id: opened.case.id, case: opened.case, reporterToken: opened.reporterToken });
      else line(io.stdout, `opened ${opened.case.id}; reporter token (give it to the reporter, it is not stored): ${opened.reporterToken}`);
    });

    common(vuln.command('list').description('list the cases'), example('cra vuln list --json')).action(async (o: DirOption) => {
      const cases = await withService(io, o.dir, (s) => s.list());
      if (o.json) json(io.stdout, { cases });
      else for (const c of cases) line(io.stdout, summary(c));
    });

    common(vuln.command('show').description('show a case and its log').argument('<id>'), example('cra vuln show VC-2026-1a2b3c4d5e6f')).action(async (id: string, o: DirOption) => {
      const [kase, log] = await withService(io, o.dir, async (s) => [await s.get(id), await s.log(id)] as const);
      if (o.json) json(io.stdout, { case: kase, log });
      else {
        line(io.stdout, summary(kase));
        for (const e of log) line(io.stdout, `  ${e.seq}  ${e.at}  ${e.event}  ${JSON.stringify(e.data)}`);
      }
    });

    common(vuln.command('transition').description(`move a case: ${CASE_STATES.join(', ')}`).argument('<id>').argument('<state>').option('--duplicate-of <id>', 'the original case, for duplicate'), example('cra vuln transition VC-2026-1a2b3c4d5e6f acknowledged')).action(
      async (id: string, state: string, o: DirOption & { duplicateOf?: string }) => {
        if (!(CASE_STATES as readonly string[]).includes(state)) throw new CliError('CLI_USAGE', `unknown state ${state}; one of ${CASE_STATES.join(', ')}`);
        const kase = await withService(io, o.dir, (s) => s.transition(id, state as CaseState, o.duplicateOf === undefined ? {} : { duplicateOf: o.duplicateOf }));
        if (o.json) json(io.stdout, { id, state: kase.state });
        else line(io.stdout, `${id} is now ${kase.state}`);
      },
    );

    common(vuln.command('exploited').description('mark a case actively exploited: starts the Art. 14 clock').argument('<id>').requiredOption('--aware-at <time>', 'when you became aware (ISO 8601 with offset)').option('--evidence <text>', 'the reliable evidence of exploitation (Art. 3(42))', 'recorded with cra vuln exploited'), example('cra vuln exploited VC-2026-1a2b3c4d5e6f --aware-at 2026-10-01T09:30:00+02:00 --evidence "seen in honeypot"')).action(
      async (id: string, o: DirOption & { awareAt: string; evidence: string }) => {
        const kase = await withService(io, o.dir, (s) => s.markActivelyExploited(id, { awareAt: o.awareAt, evidence: o.evidence }));
        if (o.json) json(io.stdout, { id, activelyExploited: kase.activelyExploited });
        else line(io.stdout, `${id}: aware at ${kase.activelyExploited?.awareAt ?? o.awareAt}; see \`cra vuln obligations\``);
      },
    );

    common(vuln.command('submitted').description('record that an Art. 14 report was submitted, with its reference').argument('<id>').argument('<stage>', REPORT_STAGES.join(', ')).requiredOption('--at <time>', 'when it was submitted (ISO 8601)').option('--reference <ref>', 'the reference the platform returned'), example('cra vuln submitted VC-2026-1a2b3c4d5e6f early-warning --at 2026-10-01T18:00:00Z --reference SRP-42')).action(
      async (id: string, stage: string, o: DirOption & { at: string; reference?: string }) => {
        if (!(REPORT_STAGES as readonly string[]).includes(stage)) throw new CliError('CLI_USAGE', `unknown stage ${stage}; one of ${REPORT_STAGES.join(', ')}`);
        await withService(io, o.dir, (s) => s.recordSubmission(id, { stage: stage as ReportStage, submittedAt: o.at, ...(o.reference === undefined ? {} : { reference: o.reference }) }));
        if (o.json) json(io.stdout, { id, stage, submittedAt: o.at });
        else line(io.stdout, `${id}: ${stage} recorded`);
      },
    );

    common(vuln.command('obligations').description('what Art. 14 reports are due when, soonest first').option('--tz <zone>', 'also show times in this IANA time zone', 'UTC'), example('cra vuln obligations --tz Europe/Berlin', 'cra vuln obligations --json')).action(async (o: DirOption & { tz: string }) => {
      const now = new Date();
      const open = await withService(io, o.dir, async (s) => openObligations(await s.list(), now));
      if (open.some((x) => x.status === 'overdue')) context.fail(EXIT.failed);
      if (o.json) {
        json(io.stdout, { now: now.toISOString(), obligations: open });
        return;
      }
      if (open.length === 0) line(io.stdout, 'nothing due');
      for (const x of open) line(io.stdout, `${x.status.toUpperCase().padEnd(8)} ${x.caseId}  ${x.stage.padEnd(19)} ${x.dueAt === undefined ? 'no fixed deadline' : `due ${formatInZone(x.dueAt, o.tz)}`}  [${x.citation}]`);
    });

    common(
      vuln.command('advisory').description('write an advisory for a case: CSAF, CSAF VEX, CVE JSON 5 CNA container or Markdown').argument('<id>')
        .requiredOption('--product <profile>', 'the product profile').option('--format <format>', 'csaf, vex, cve or md', 'csaf').option('--advisory-id <id>', 'tracking id of the advisory', '')
        .option('--base-url <url>', 'https folder URL the CSAF document is published under').option('--org-id <uuid>', 'CNA org id (cve)').option('--reference <url...>', 'public references (cve)'),
      example('cra vuln advisory VC-2026-1a2b3c4d5e6f --product cra.product.yaml --format csaf --advisory-id ACME-SA-2026-004 --base-url https://acme.example/.well-known/csaf/white/2026'),
    ).action(async (id: string, o: DirOption & { product: string; format: string; advisoryId: string; baseUrl?: string; orgId?: string; reference?: string[] }) => {
      const profile: ProductProfile = await loadProductProfile(resolve(io.cwd, o.product));
      const kase = await withService(io, o.dir, (s) => s.get(id));
      const publishedAt = new Date().toISOString();
      const trackingId = o.advisoryId === '' ? kase.id : o.advisoryId;
      const baseUrl = o.baseUrl ?? `${profile.manufacturer.website.replace(/\/+$/, '')}/.well-known/csaf/white/${publishedAt.slice(0, 4)}`;
      let out: unknown;
      if (o.format === 'csaf') out = toCsafAdvisory(kase, profile, { trackingId, publishedAt, baseUrl });
      else if (o.format === 'vex') out = toCsafVex(kase, profile, { trackingId, publishedAt, baseUrl });
      else if (o.format === 'cve') out = toCveCnaContainer(kase, profile, { orgId: o.orgId ?? '', references: o.reference ?? [] });
      else if (o.format === 'md') out = toMarkdownAdvisory(kase, profile, { advisoryId: trackingId, publishedAt });
      else throw new CliError('CLI_USAGE', `unknown format ${o.format}; one of csaf, vex, cve, md`);
      if (typeof out === 'string') {
        if (o.json) json(io.stdout, { id, format: o.format, markdown: out });
        else io.stdout.write(out);
      } else json(io.stdout, out);
    });

    common(vuln.command('securitytxt').description('write an RFC 9116 security.txt from the product profile').requiredOption('--product <profile>', 'the product profile').option('--expires-days <days>', 'days until Expires (at most 365)', '335').option('--csaf <url>', 'URL of provider-metadata.json').option('--sign-key <file>', 'OpenPGP private key (armored) to cleartext-sign with; passphrase from $CRA_VULN_PGP_PASSPHRASE'), example('cra vuln securitytxt --product cra.product.yaml > .well-known/security.txt', 'cra vuln securitytxt --product cra.product.yaml --sign-key psirt.key.asc')).action(
      async (o: DirOption & { product: string; expiresDays: string; csaf?: string; signKey?: string }) => {
        const profile = await loadProductProfile(resolve(io.cwd, o.product));
        const now = new Date();
        const c = profile.manufacturer.securityContact;
        const text = toSecurityTxt({
          contact: [...(c.email === undefined ? [] : [`mailto:${c.email}`]), ...(c.url === undefined ? [] : [c.url])],
          expires: new Date(now.getTime() + Number(o.expiresDays) * 86_400_000).toISOString(),
          ...(c.encryptionKeyUrl === undefined ? {} : { encryption: [c.encryptionKeyUrl] }),
          policy: [profile.manufacturer.cvdPolicyUrl],
          preferredLanguages: ['en'],
          canonical: [`${profile.manufacturer.website.replace(/\/+$/, '')}/.well-known/security.txt`],
          ...(o.csaf === undefined ? {} : { csaf: [o.csaf] }),
        }, now);
        const passphrase = process.env.CRA_VULN_PGP_PASSPHRASE;
        const out = o.signKey === undefined ? text : await signSecurityTxt(text, { armoredPrivateKey: await readFile(resolve(io.cwd, o.signKey), 'utf8'), ...(passphrase === undefined ? {} : { passphrase }) });
        if (o.json) json(io.stdout, { securityTxt: out, signed: o.signKey !== undefined });
        else io.stdout.write(out);
      },
    );

    const log = vuln.command('log').description('the tamper-evident case log');
    common(log.command('verify').description('verify the hash chain of every case (or one)').argument('[id]'), example('cra vuln log verify', 'cra vuln log verify VC-2026-1a2b3c4d5e6f --json')).action(async (id: string | undefined, o: DirOption) => {
      const results = await withService(io, o.dir, async (s) => {
        const ids = id === undefined ? (await s.list()).map((c) => c.id) : [id];
        const out = [];
        for (const [i, caseId] of ids.entries()) {
          if (!o.json && ids.length > 50 && i % 50 === 0) io.stderr.write(`verifying ${i}/${ids.length}\n`);
          out.push({ id: caseId, ...(await s.verify(caseId)) });
        }
        return out;
      });
      const bad = results.filter((r) => !r.valid);
      if (bad.length > 0) context.fail(EXIT.failed);
      if (o.json) json(io.stdout, { valid: bad.length === 0, cases: results });
      else {
        for (const r of results) line(io.stdout, r.valid ? `✓ ${r.id}: ${r.entries} entries` : `✗ ${r.id}: ${r.problem} at entry ${r.index}`);
        line(io.stdout, bad.length === 0 ? `all ${results.length} logs verify` : `${bad.length} of ${results.length} logs do NOT verify`);
      }
    });
  },
}; // prettier-ignore
