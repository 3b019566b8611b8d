import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  decodeUtf8Text,
  type FirmwareRelease,
  FirmwareReleaseSchema,
  parseWith,
} from '@cra-kit/core';
import {
  endOfSupportStatement,
  formatEndOfSupportLabel,
  planSupport,
  summarizeFleet,
  supportEndForUnit,
} from '@cra-kit/support-period';
import { Option } from 'commander';
import type { CommandFamily } from '../command-family.js';
import { CliError, EXIT } from '../errors.js';
import { json, line } from '../io.js';
import { loadProductProfile } from '../profile/load-profile.js';
import { PRODUCT_PROFILE_FILE } from './init.js';

const MAX_JSON_BYTES = 16 * 1024 * 1024;

async function readJson(path: string, subject: string): Promise<unknown> {
  let bytes: Uint8Array;
  try {
    if ((await stat(path)).size > MAX_JSON_BYTES) throw new Error('too large');
    bytes = await readFile(path);
  } catch (error) {
    throw new CliError('CLI_FILE_UNREADABLE', `cannot read ${subject} ${path}`, { cause: error });
  }
  try {
    return JSON.parse(decodeUtf8Text(bytes, { maxBytes: MAX_JSON_BYTES, subject }));
  } catch (error) {
    if (error instanceof SyntaxError)
      throw new CliError('CLI_USAGE', `${subject} ${path} is not valid JSON`, { cause: error });
    throw error;
  }
}

const readReleases = async (path: string): Promise<FirmwareRelease[]> =>
  parseWith(
    FirmwareReleaseSchema.array().max(100_000),
    await readJson(path, 'releases file'),
    'releases',
  );

const help = (examples: string[]) => `\nExample:\n${examples.map((e) => `  $ ${e}`).join('\n')}`;

/** `cra support plan | label | statement | status`: support periods, labels and fleet status. */
export const supportCommand: CommandFamily = {
  name: 'support',
  register(program, context) {
    const { io } = context;
    const support = program.command('support').description('support period (Art. 13(8), (9), (13), (19)): plan, label, fleet status');

    support
      .command('plan')
      .description('derive the support plan: start, end, minimum and why, update and document retention')
      .option('--product <file>', 'the product profile', PRODUCT_PROFILE_FILE)
      .option('--last-unit <date>', 'when the last unit was placed on the market (YYYY-MM-DD)')
      .option('--releases <file>', 'releases.json: an array of FirmwareRelease documents')
      .option('--sbom <file>', 'a CycloneDX JSON SBOM, to compare component support')
      .option('--json', 'print the plan as JSON', false)
      .addHelpText('after', `\nExit code 1 when the support period breaks Art. 13(8).${help(['cra support plan --product cra.product.yaml', 'cra support plan --product cra.product.yaml --last-unit 2030-06-30 --releases releases.json --json'])}`)
      .action(async (o: { product: string; lastUnit?: string; releases?: string; sbom?: string; json: boolean }) => {
        const profile = await loadProductProfile(resolve(io.cwd, o.product));
        const plan = planSupport(profile, {
          ...(o.lastUnit === undefined ? {} : { lastUnitPlacedOnMarket: o.lastUnit }),
          ...(o.releases === undefined ? {} : { releases: await readReleases(resolve(io.cwd, o.releases)) }),
          ...(o.sbom === undefined ? {} : { sbom: await readJson(resolve(io.cwd, o.sbom), 'SBOM') }),
        });
        if (o.json) {
          json(io.stdout, plan);
          return;
        }
        line(io.stdout, `${profile.product.name} (${plan.model}), support counted per ${plan.basis}`);
        line(io.stdout, `  support period      ${plan.supportStart} – ${plan.supportEnd} inclusive (${plan.supportMonths} months)${plan.basis === 'unit' ? ', for the first unit' : ''}`);
        line(io.stdout, `  latest support end  ${plan.latestSupportEnd ?? 'open: units are still being placed on the market'}`);
        line(io.stdout, `  minimum             ${plan.minimumMonths} months, until ${plan.minimumSupportEnd} (${plan.minimumReason})`);
        line(io.stdout, `  keep documentation  until ${plan.documentationRetentionEnd}${plan.documentationRetentionOpen ? ' at least (moves with the last unit placed)' : ''} [Art. 13(13)]`);
        line(io.stdout, `  label               ${plan.endOfSupportLabel} [Art. 13(19)]`);
        for (const u of plan.updateRetention) line(io.stdout, `  keep update ${u.version} (issued ${u.releasedOn}) until ${u.retainUntil ?? 'the support period closes'} [Art. 13(9)]`);
        for (const w of plan.warnings) line(io.stdout, `! ${w.message} [${w.citation}]`);
      });

    support
      .command('label')
      .description('print the end-of-support text for packaging and shops (Art. 13(19))')
      .option('--product <file>', 'the product profile', PRODUCT_PROFILE_FILE)
      .option('--lang <tag>', 'language (en, de, …)', 'en')
      .addOption(new Option('--style <style>', 'numeric (03/2032) or long (March 2032)').choices(['numeric', 'long']).default('numeric'))
      .option('--placed-on <date>', 'with per-unit support: when this unit is placed on the market')
      .option('--json', 'print { lang, supportEnd, label } as JSON', false)
      .addHelpText('after', help(['cra support label --product cra.product.yaml --lang de', 'cra support label --placed-on 2029-03-01 --style long --json']))
      .action(async (o: { product: string; lang: string; style: 'numeric' | 'long'; placedOn?: string; json: boolean }) => {
        const plan = planSupport(await loadProductProfile(resolve(io.cwd, o.product)));
        const end = o.placedOn === undefined ? plan.supportEnd : supportEndForUnit(plan, o.placedOn);
        const label = formatEndOfSupportLabel(end, { lang: o.lang, style: o.style });
        if (o.json) json(io.stdout, { lang: o.lang, supportEnd: end, label });
        else line(io.stdout, label);
      });

    support
      .command('statement')
      .description('print the machine-readable end-of-support statement (JSON, with OpenEoX Core fields)')
      .option('--product <file>', 'the product profile', PRODUCT_PROFILE_FILE)
      .option('--last-unit <date>', 'when the last unit was placed on the market (YYYY-MM-DD)')
      .option('--lang <tag...>', 'label languages', ['en', 'de'])
      .option('--json', 'print JSON (the only output format of this command)', true)
      .addHelpText('after', help(['cra support statement --product cra.product.yaml --last-unit 2030-06-30 > eos.json']))
      .action(async (o: { product: string; lastUnit?: string; lang: string[] }) => {
        const profile = await loadProductProfile(resolve(io.cwd, o.product));
        const plan = planSupport(profile, o.lastUnit === undefined ? {} : { lastUnitPlacedOnMarket: o.lastUnit });
        json(io.stdout, endOfSupportStatement(profile, plan, { langs: o.lang }));
      });

    support
      .command('status')
      .description('classify a fleet: out of support, ending soon, behind the latest security update; per-line errors')
      .requiredOption('--fleet <file>', 'fleet.csv (header: serial,model,hardwareRevision,firmwareVersion,placedOnMarketAt,ownerContactId) or .ndjson')
      .requiredOption('--releases <file>', 'releases.json: an array of FirmwareRelease documents')
      .option('--product <file...>', 'product profiles, one per model', [PRODUCT_PROFILE_FILE])
      .addOption(new Option('--format <format>', 'fleet file format (default: from the extension)').choices(['csv', 'ndjson']))
      .option('--pending-days <n>', 'flag security updates pending longer than this', '30')
      .option('--ending-days <n>', 'flag support ending within this many days', '90')
      .option('--json', 'print the summary as JSON', false)
      .addHelpText('after', `\nExit code 1 when a line could not be read (the other lines are still classified).${help(['cra support status --fleet fleet.csv --releases releases.json', 'cra support status --fleet fleet.ndjson --releases releases.json --product vs300.yaml tx900.yaml --json'])}`)
      .action(async (o: { fleet: string; releases: string; product: string[]; format?: 'csv' | 'ndjson'; pendingDays: string; endingDays: string; json: boolean }) => {
        const days = (value: string, flag: string) => {
          if (!/^\d{1,5}$/.test(value)) throw new CliError('CLI_USAGE', `${flag} must be a whole number of days`);
          return Number(value);
        };
        const pendingAfterDays = days(o.pendingDays, '--pending-days');
        const endingWithinDays = days(o.endingDays, '--ending-days');
        const plans = [];
        for (const p of o.product) plans.push(planSupport(await loadProductProfile(resolve(io.cwd, p))));
        const releases = await readReleases(resolve(io.cwd, o.releases));
        const fleetPath = resolve(io.cwd, o.fleet);
        const format = o.format ?? (/\.(nd)?jsonl?$/i.test(fleetPath) || fleetPath.endsWith('.ndjson') ? 'ndjson' : 'csv');
        const stream = createReadStream(fleetPath);
        const opened = await new Promise<unknown>((ok) => stream.once('open', () => { ok(undefined); }).once('error', ok));
        if (opened !== undefined) throw new CliError('CLI_FILE_UNREADABLE', `cannot read fleet file ${fleetPath}`, { cause: opened });
        const summary = await summarizeFleet(stream, {
          format, plans, releases, pendingAfterDays, endingWithinDays,
          ...(o.json ? {} : { onProgress: (n: number) => io.stderr.write(`… ${n.toLocaleString('en')} lines\n`) }),
        });
        if (summary.lineErrors > 0) context.fail(EXIT.failed);
        if (o.json) {
          json(io.stdout, summary);
          return;
        }
        line(io.stdout, `${summary.devices} devices: ${summary.supported} in support, ${summary.endingSoon} ending within ${endingWithinDays} days, ${summary.ended} out of support`);
        line(io.stdout, `  update available: ${summary.updateAvailable}; security update pending: ${summary.securityUpdatePending}; firmware unknown: ${summary.firmwareUnknown}`);
        if (summary.outOfSupport.length > 0) line(io.stdout, `  out of support: ${summary.outOfSupport.slice(0, 20).join(', ')}${summary.ended > 20 ? ', …' : ''}`);
        if (summary.endingWithinWindow.length > 0) line(io.stdout, `  ending soon: ${summary.endingWithinWindow.slice(0, 20).join(', ')}${summary.endingSoon > 20 ? ', …' : ''}`);
        if (summary.lineErrors > 0) {
          line(io.stdout, `✗ ${summary.lineErrors} line${summary.lineErrors === 1 ? '' : 's'} not classified`);
          for (const e of summary.errors.slice(0, 50)) line(io.stdout, `  line ${String(e.line).padEnd(6)} ${e.code}: ${e.message}`);
        }
      });
  },
}; // prettier-ignore
