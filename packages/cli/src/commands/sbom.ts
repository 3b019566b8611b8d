import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { writeFileAtomic } from '@cra-kit/core/node';
import {
  AdvisoryIndex,
  applyVex,
  checkSbom,
  diffSboms,
  fromCycloneDxVex,
  fromOpenVex,
  generateSbom,
  INPUT_KINDS,
  matchSbom,
  missingFieldsByComponent,
  parseInputSpec,
  PROFILE_IDS,
  readCveDirectory,
  readInput,
  readKev,
  streamOsvAdvisories,
  readSbomFile,
  releaseBlockers,
  schemaViolations,
  serializeBom,
  toBom,
  toCycloneDxVex,
  toOpenVex,
  toSpdx23,
  bomLink,
  type IngestResult,
  type VexStatement,
} from '@cra-kit/sbom';
import type { CommandContext, CommandFamily } from '../command-family.js';
import { CliError, EXIT } from '../errors.js';
import { json, line } from '../io.js';
import { loadProductProfile } from '../profile/load-profile.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];
const examples = (...lines: string[]) => `\nExample:\n${lines.map((l) => `  $ ${l}`).join('\n')}`;

/** Writes through a temporary file and a rename, so a failed run never leaves half a file. */
const writeAtomically = (path: string, text: string) =>
  writeFileAtomic(path, text, { mode: 0o644 });

const readJson = async (path: string): Promise<unknown> => {
  const text = await readFile(path, 'utf8').catch((cause: unknown) => {
    throw new CliError('CLI_FILE_UNREADABLE', `cannot read ${path}`, { cause });
  });
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new CliError('CLI_USAGE', `${path} is not JSON`, { cause });
  }
};

function progress(context: CommandContext, quiet: boolean, text: string) {
  if (!quiet) line(context.io.stderr, text);
}

/** `cra sbom …`: CycloneDX SBOMs for firmware, conformance checks, vulnerability scans, release diffs. */
export const sbomCommand: CommandFamily = {
  name: 'sbom',
  register(program, context) {
    const { io } = context;
    const sbom = program.command('sbom').description('CycloneDX SBOMs for firmware: generate, check conformance, scan for vulnerabilities with VEX, diff releases');

    sbom.command('generate').description('build a CycloneDX 1.6 SBOM from firmware build outputs, validated against the strict schema')
      .requiredOption('--from <kind:path>', `an input, repeatable; kinds: ${INPUT_KINDS.join(', ')}`, collect)
      .requiredOption('--out <file>', 'where to write the SBOM (e.g. sbom.cdx.json)')
      .option('--product <file>', 'cra.product.yaml: manufacturer and product become the SBOM metadata')
      .option('--product-version <version>', 'the firmware version this SBOM describes')
      .option('--complete', 'declare the inputs complete (compositions aggregate "complete")', false)
      .option('--vendor <name>', 'purl namespace for dpkg inputs (debian, ubuntu)', 'debian')
      .option('--distro <id>', 'purl distro qualifier for dpkg/apk inputs, e.g. debian-12')
      .option('--spdx <file>', 'also write the SBOM as SPDX 2.3 JSON (e.g. sbom.spdx.json)')
      .option('--json', 'print the result as JSON', false)
      .addHelpText('after', examples('cra sbom generate --from dpkg-status:rootfs/var/lib/dpkg/status --from components:components.yaml --product cra.product.yaml --product-version 2.4.1 --out sbom.cdx.json'))
      .action(async (o: { from: string[]; out: string; product?: string; productVersion?: string; complete: boolean; vendor: string; distro?: string; spdx?: string; json: boolean }) => {
        const inputs: IngestResult[] = [];
        for (const spec of o.from) {
          const { kind, path } = parseInputSpec(spec);
          const input = await readInput(kind, resolve(io.cwd, path), { vendor: o.vendor, ...(o.distro ? { distro: o.distro } : {}) });
          progress(context, o.json, `read ${input.components.length} components from ${spec}`);
          inputs.push(input);
        }
        const product = o.product ? await loadProductProfile(resolve(io.cwd, o.product)) : undefined;
        const bom = generateSbom({ inputs, ...(product ? { product } : {}), ...(o.productVersion ? { productVersion: o.productVersion } : {}), completeness: o.complete ? 'complete' : 'unknown' });
        const text = serializeBom(bom);
        progress(context, o.json, `validating ${bom.components?.length ?? 0} components against the CycloneDX 1.6 strict schema`);
        const violations = await schemaViolations(text);
        if (violations.length > 0) throw new CliError('CLI_USAGE', 'the generated SBOM fails the CycloneDX schema (a bug: please report it)', { details: { violations: violations.slice(0, 20) } });
        const out = resolve(io.cwd, o.out);
        await writeAtomically(out, text);
        const spdx = o.spdx ? resolve(io.cwd, o.spdx) : undefined;
        if (spdx) await writeAtomically(spdx, `${JSON.stringify(toSpdx23(bom), null, 2)}\n`);
        const summary = { file: out, ...(spdx ? { spdx } : {}), serialNumber: bom.serialNumber, components: bom.components?.length ?? 0, inputs: inputs.map((i) => ({ source: i.source, components: i.components.length })) };
        if (o.json) json(io.stdout, summary);
        else line(io.stdout, `✓ wrote ${o.out}: ${summary.components} components, CycloneDX 1.6, schema-valid`);
      });

    sbom.command('check').description('check an SBOM against a conformance profile: every missing field with rule, clause, JSON path and fix')
      .argument('<sbom>', 'CycloneDX JSON SBOM')
      .requiredOption('--profile <id>', `one of ${PROFILE_IDS.join(', ')}`)
      .option('--json', 'print the result as JSON', false)
      .addHelpText('after', `\nExit code 0 when every required field is present, 1 otherwise.${examples('cra sbom check sbom.cdx.json --profile bsi-tr-03183-2@2.1', 'cra sbom check sbom.cdx.json --profile cra-minimum --json')}`)
      .action(async (file: string, o: { profile: string; json: boolean }) => {
        if (!PROFILE_IDS.includes(o.profile)) throw new CliError('CLI_USAGE', `--profile must be one of ${PROFILE_IDS.join(', ')}`);
        const result = checkSbom(await readSbomFile(resolve(io.cwd, file)), o.profile);
        if (!result.passed) context.fail(EXIT.failed);
        if (o.json) {
          json(io.stdout, result);
          return;
        }
        line(io.stdout, `${result.passed ? '✓' : '✗'} ${file} against ${result.profile}: ${result.summary.errors} missing required, ${result.summary.warnings} recommended, ${result.summary.components} components`);
        for (const f of result.findings.filter((x) => x.component === undefined)) line(io.stdout, `  ${f.level} ${f.rule} [${f.clause}] at ${f.path}: ${f.fix}`);
        const byComponent = missingFieldsByComponent(result);
        for (const [component, rules] of byComponent) line(io.stdout, `  ${component}: ${rules.join(', ')}`);
        const hints = new Map(result.findings.filter((f) => f.component !== undefined).map((f) => [f.rule, f]));
        if (hints.size > 0) line(io.stdout, '  How to complete them:');
        for (const [rule, f] of hints) line(io.stdout, `    ${rule} [${f.clause}]: ${f.fix}${f.inputs ? ` (input: ${f.inputs.join(', ')})` : ''}`);
      });

    sbom.command('scan').description('match an SBOM against offline OSV / CVE JSON 5 / KEV data, apply VEX, and gate the release')
      .argument('<sbom>', 'CycloneDX JSON SBOM')
      .option('--osv <dir|zip>', 'OSV records: a directory of JSON files or a zip such as all.zip (repeatable)', collect)
      .option('--cve <dir>', 'directory of CVE JSON 5 records (repeatable)', collect)
      .option('--kev <file>', 'known-exploited list in CISA KEV JSON format')
      .option('--vex <file>', 'earlier VEX (CycloneDX or OpenVEX) to apply, repeatable', collect)
      .option('--out <file>', 'write the analysis as a CycloneDX VEX BOM')
      .option('--openvex <file>', 'also write it as OpenVEX 0.2.0')
      .option('--fail-on <what>', 'affected: any untriaged match blocks; kev: only known-exploited ones', 'affected')
      .option('--name-matching <mode>', 'non-distro, all or none', 'non-distro')
      .option('--json', 'print the result as JSON', false)
      .addHelpText('after', `\nExit code 1 when the release would ship with a matched vulnerability that no VEX statement settles.${examples('cra sbom scan sbom.cdx.json --osv osv/ --kev kev.json --vex triage.cdx.json --out vex.cdx.json')}`)
      .action(async (file: string, o: { osv?: string[]; cve?: string[]; kev?: string; vex?: string[]; out?: string; openvex?: string; failOn: string; nameMatching: string; json: boolean }) => {
        if (o.failOn !== 'affected' && o.failOn !== 'kev') throw new CliError('CLI_USAGE', '--fail-on must be affected or kev');
        if (o.nameMatching !== 'non-distro' && o.nameMatching !== 'all' && o.nameMatching !== 'none') throw new CliError('CLI_USAGE', '--name-matching must be non-distro, all or none');
        if ((o.osv ?? []).length + (o.cve ?? []).length === 0) throw new CliError('CLI_USAGE', 'give advisory data with --osv and/or --cve');
        const bom = await readSbomFile(resolve(io.cwd, file));
        // Streamed into an index: one advisory file in memory at a time, never the whole set.
        const advisories = new AdvisoryIndex();
        for (const dir of o.osv ?? []) for await (const a of streamOsvAdvisories(resolve(io.cwd, dir))) advisories.add(a);
        for (const dir of o.cve ?? []) for (const a of await readCveDirectory(resolve(io.cwd, dir))) advisories.add(a);
        progress(context, o.json, `loaded ${advisories.size} advisories; matching ${bom.components?.length ?? 0} components`);
        const kev = o.kev ? readKev(await readJson(resolve(io.cwd, o.kev))) : undefined;
        const statements: VexStatement[] = [];
        for (const v of o.vex ?? []) {
          const doc = await readJson(resolve(io.cwd, v));
          statements.push(...(typeof doc === 'object' && doc !== null && '@context' in doc ? fromOpenVex(doc) : fromCycloneDxVex(toBom(doc))));
        }
        const analysed = applyVex(matchSbom(bom, { advisories, ...(kev ? { kev } : {}), nameMatching: o.nameMatching }), statements);
        const blockers = releaseBlockers(analysed, { onlyKnownExploited: o.failOn === 'kev' });
        if (blockers.length > 0) context.fail(EXIT.failed);
        if (o.out) await writeAtomically(resolve(io.cwd, o.out), serializeBom(toCycloneDxVex(bom, analysed)));
        if (o.openvex) {
          const purls = new Map((bom.components ?? []).flatMap((c) => (c['bom-ref'] ? [[c['bom-ref'], c.purl ?? bomLink(bom, c['bom-ref'])] as const] : [])));
          const doc = toOpenVex(analysed, { id: `urn:uuid:${randomUUID()}`, author: bom.metadata?.manufacturer?.name ?? 'unknown', productIds: purls });
          await writeAtomically(resolve(io.cwd, o.openvex), `${JSON.stringify(doc, null, 2)}\n`);
        }
        if (o.json) {
          json(io.stdout, { sbom: file, matches: analysed, blocking: blockers.length, passed: blockers.length === 0 });
          return;
        }
        line(io.stdout, `${blockers.length === 0 ? '✓' : '✗'} ${analysed.length} matches, ${blockers.length} blocking the release`);
        for (const m of analysed) {
          const state = m.statement ? ` [VEX: ${m.statement.state}]` : '';
          line(io.stdout, `  ${m.blocking ? '!' : ' '} ${m.vulnerability}${m.knownExploited ? ' (KEV)' : ''} in ${m.component}: ${m.status}, ${m.range}, by ${m.identifier} ${m.matchedOn}, confidence ${m.confidence}${state}`);
        }
      });

    sbom.command('diff').description('components added, removed and changed between two releases')
      .argument('<old>', 'SBOM of the earlier release')
      .argument('<new>', 'SBOM of the later release')
      .option('--json', 'print the result as JSON', false)
      .addHelpText('after', examples('cra sbom diff release-2.4.0.cdx.json release-2.4.1.cdx.json'))
      .action(async (before: string, after: string, o: { json: boolean }) => {
        const diff = diffSboms(await readSbomFile(resolve(io.cwd, before)), await readSbomFile(resolve(io.cwd, after)));
        if (o.json) {
          json(io.stdout, diff);
          return;
        }
        line(io.stdout, `${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed, ${diff.unchanged} unchanged`);
        for (const d of diff.added) line(io.stdout, `  + ${d.name} ${d.to ?? ''}`);
        for (const d of diff.removed) line(io.stdout, `  - ${d.name} ${d.from ?? ''}`);
        for (const d of diff.changed) line(io.stdout, `  ~ ${d.name} ${d.from ?? '?'} → ${d.to ?? '?'}`);
      });
  },
}; // prettier-ignore
