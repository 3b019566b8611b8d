import { readFile, writeFile } from 'node:fs/promises';
import { SdkError } from '@cra-kit/core';
import { resolve } from 'node:path';
import {
  CA_FILES,
  CERTIFICATE_PROFILES,
  KEY_ALGORITHMS,
  PASSWORD_FILES,
  REVOCATION_REASONS,
  initCaDirectory,
  issueBatch,
  issueDevicePasswords,
  issueToDirectory,
  openCaDirectory,
  readCaTrust,
  resignRootCrl,
  toPem,
  verifyDeviceCertificate,
  type CertificateProfileId,
  type KeyAlgorithm,
  type RevocationReason,
} from '@cra-kit/identity';
import { Option, type Command } from 'commander';
import type { CommandContext, CommandFamily } from '../command-family.js';
import { CliError } from '../errors.js';
import { json, line } from '../io.js';
import { registerIssuing } from './ca-issuing.js';

/** The environment variable holding the CA passphrase (never a flag: flags show up in `ps`). */
export const CA_PASSPHRASE_ENV = 'CRA_CA_PASSPHRASE';

const passphrase = () => {
  const value = process.env[CA_PASSPHRASE_ENV];
  if (value === undefined || value === '')
    throw new CliError('CLI_USAGE', `set ${CA_PASSPHRASE_ENV} to the CA passphrase`);
  return value;
};
const int = (name: string) => (value: string) => {
  if (!/^[1-9][0-9]{0,8}$/.test(value))
    throw new CliError('CLI_USAGE', `${name} must be a positive integer`);
  return Number(value);
};
const readInput = async (path: string) => {
  try {
    return await readFile(path);
  } catch (cause) {
    throw new CliError('CLI_FILE_UNREADABLE', `cannot read ${path}`, { cause, details: { path } });
  }
};
const help = (text: string) =>
  `\nThe CA passphrase is read from $${CA_PASSPHRASE_ENV}.\n\nExample:\n${text}`;

function registerCa(program: Command, context: CommandContext) {
  const { io } = context;
  const ca = program.command('ca').description('manufacturing CA: device certificates for mutual TLS, revocation');
  const at = (p: string) => resolve(io.cwd, p);
  const issuingOption = () => new Option('--issuing <name>', 'issuing CA to use (default: the first; see `cra ca issuing`)');
  const open = (o: { ca: string; issuing?: string }) => openCaDirectory({ dir: at(o.ca), passphrase: passphrase(), ...(o.issuing ? { issuingCa: o.issuing } : {}) });

  ca.command('init')
    .description('create an offline root CA and a first issuing CA (keys encrypted, 0600)')
    .requiredOption('--dir <ca>', 'CA directory to create')
    .requiredOption('--org <name>', 'organisation (subject O)')
    .addOption(new Option('--algorithm <alg>', 'key algorithm').choices(Object.keys(KEY_ALGORITHMS)).default('p256'))
    .option('--hw-type <oid>', 'hwType OID of the 802.1AR hardwareModuleName (enables idevid-8021ar)')
    .option('--json', 'print the result as JSON', false)
    .addHelpText('after', help('  $ CRA_CA_PASSPHRASE=... cra ca init --dir ./ca --org "Acme Sensors" --algorithm p384'))
    .action(async (o: { dir: string; org: string; algorithm: KeyAlgorithm; hwType?: string; json: boolean }) => {
      const dir = at(o.dir);
      const config = await initCaDirectory({ dir, organization: o.org, passphrase: passphrase(), algorithm: KEY_ALGORITHMS[o.algorithm], ...(o.hwType ? { hardwareModuleType: o.hwType } : {}) });
      if (o.json) json(io.stdout, { dir, ...config, files: CA_FILES });
      else line(io.stdout, `created CA in ${dir}: ${CA_FILES.root}, ${CA_FILES.issuing} (${config.algorithm}); keep ${CA_FILES.rootKey} offline`);
    });

  ca.command('issue')
    .description('issue one device certificate (from a CSR, or with a key generated here)')
    .requiredOption('--ca <ca>', 'CA directory')
    .requiredOption('--serial <sn>', 'device serial')
    .option('--csr <file>', 'PKCS#10 CSR (PEM or DER) from the device')
    .addOption(new Option('--profile <id>', 'certificate profile').choices([...CERTIFICATE_PROFILES]).default('ldevid-mtls'))
    .requiredOption('--out <dir>', 'directory to create: cert.pem, chain.pem (and key.pem)')
    .option('--product <name>', 'product line (subject OU)')
    .option('--validity-days <n>', 'lifetime in days', int('--validity-days'))
    .option('--vendor-id <hex>', 'matter-dac vendor id')
    .option('--product-id <hex>', 'matter-dac product id')
    .option('--dns <name>', 'tls-server DNS name')
    .addOption(issuingOption())
    .option('--json', 'print the result as JSON', false)
    .addHelpText('after', help('  $ cra ca issue --ca ./ca --serial VS-0001 --csr device.csr --profile idevid-8021ar --out ./devices/VS-0001'))
    .action(async (o: { ca: string; serial: string; csr?: string; profile: CertificateProfileId; out: string; product?: string; validityDays?: number; vendorId?: string; productId?: string; dns?: string; issuing?: string; json: boolean }) => {
      const dir = await open(o);
      const request = { profile: o.profile, serial: o.serial, ...(o.product ? { product: o.product } : {}), ...(o.validityDays ? { validityDays: o.validityDays } : {}), ...(o.vendorId ? { vendorId: o.vendorId } : {}), ...(o.productId ? { productId: o.productId } : {}), ...(o.dns ? { dnsNames: [o.dns] } : {}) };
      const csr = o.csr === undefined ? undefined : await readInput(at(o.csr));
      const out = at(o.out);
      const issued = await issueToDirectory({ ca: dir, request, out, ...(csr ? { csr: new Uint8Array(csr) } : {}) });
      const result = { out, issuingCa: dir.issuingCa, deviceSerial: issued.deviceSerial, serialNumber: issued.serialNumber, fingerprint: issued.fingerprint, notAfter: issued.notAfter.toISOString(), keyGenerated: csr === undefined };
      if (o.json) json(io.stdout, result);
      else line(io.stdout, `issued ${o.profile} certificate ${issued.serialNumber} for ${issued.deviceSerial} into ${out}`);
    });

  ca.command('batch')
    .description('issue N devices at once with keys generated here; resumable, with a manifest')
    .requiredOption('--ca <ca>', 'CA directory')
    .requiredOption('--count <n>', 'number of devices', int('--count'))
    .requiredOption('--serial-prefix <p>', 'device serials are <p>000001, <p>000002, …')
    .requiredOption('--out <dir>', 'output directory (one directory per device + manifest.jsonl)')
    .addOption(new Option('--profile <id>', 'certificate profile').choices(['idevid-8021ar', 'ldevid-mtls']))
    .addOption(issuingOption())
    .option('--json', 'print the result as JSON', false)
    .addHelpText('after', help('  $ cra ca batch --ca ./ca --count 1000 --serial-prefix VS-2026- --out ./batch-1'))
    .action(async (o: { ca: string; count: number; serialPrefix: string; out: string; profile?: CertificateProfileId; issuing?: string; json: boolean }) => {
      const dir = await open(o);
      const started = Date.now();
      const result = await issueBatch({ ca: dir, count: o.count, serialPrefix: o.serialPrefix, out: at(o.out), ...(o.profile ? { profile: o.profile } : {}),
        ...(o.json ? {} : { onProgress: (p: { done: number; total: number }) => io.stderr.write(`\r  ${p.done}/${p.total} devices (${Math.round((p.done / p.total) * 100)}%)${p.done === p.total ? '\n' : ''}`) }) });
      if (o.json) json(io.stdout, { ...result, seconds: (Date.now() - started) / 1000 });
      else line(io.stdout, `issued ${result.issued} devices (${result.resumed} from an earlier run); manifest ${result.manifest}`);
    }); // prettier-ignore

  ca.command('revoke')
    .description('revoke every certificate issued to a device serial')
    .requiredOption('--ca <ca>', 'CA directory')
    .requiredOption('--serial <sn>', 'device serial')
    .addOption(new Option('--reason <r>', 'RFC 5280 reason').choices(Object.keys(REVOCATION_REASONS)).makeOptionMandatory())
    .addOption(issuingOption())
    .option('--json', 'print the result as JSON', false)
    .addHelpText('after', help('  $ cra ca revoke --ca ./ca --serial VS-0001 --reason keyCompromise\n  $ cra ca crl --ca ./ca --out crl.pem\n  (a whole issuing CA: cra ca issuing revoke <name>)'))
    .action(async (o: { ca: string; serial: string; reason: RevocationReason; issuing?: string; json: boolean }) => {
      const dir = await open(o);
      const entries = await dir.revoke(o.serial, o.reason);
      if (o.json) json(io.stdout, { revoked: entries });
      else line(io.stdout, `revoked ${entries.length} certificate(s) of ${o.serial} (${o.reason}); publish a new CRL with \`cra ca crl\``);
    });

  ca.command('crl')
    .description('sign a fresh CRL for an issuing CA (written with the root CRL after it), or with --root re-sign the root CRL')
    .requiredOption('--ca <ca>', 'CA directory')
    .requiredOption('--out <file>', 'CRL file (PEM) for servers and brokers')
    .option('--days <n>', 'days until nextUpdate (default 7; with --root 365)', int('--days'))
    .option('--root', 're-sign the root CRL with the offline root key (do it before it expires)', false)
    .addOption(issuingOption())
    .option('--json', 'print the result as JSON', false)
    .addHelpText('after', help('  $ cra ca crl --ca ./ca --out /etc/mosquitto/crl.pem\n  $ cra ca crl --ca ./ca --issuing vs-2027 --out crl-vs-2027.pem\n  $ cra ca crl --ca ./ca --root --out root.crl.pem   # yearly, with the root key'))
    .action(async (o: { ca: string; out: string; days?: number; root: boolean; issuing?: string; json: boolean }) => {
      const out = at(o.out);
      if (o.root) {
        if (o.issuing) throw new CliError('CLI_USAGE', '--root and --issuing exclude each other');
        const root = await resignRootCrl({ dir: at(o.ca), passphrase: passphrase(), nextUpdateDays: o.days ?? 365 });
        await writeFile(out, toPem(root.crl, 'X509 CRL'));
        if (o.json) json(io.stdout, { out, root: true, crlNumber: root.crlNumber, nextUpdate: root.nextUpdate.toISOString(), revokedIssuingCas: root.revokedIssuingCas });
        else line(io.stdout, `re-signed root CRL #${root.crlNumber} (valid until ${root.nextUpdate.toISOString()}, ${root.revokedIssuingCas.length} revoked issuing CA(s)) to ${out} and ${CA_FILES.rootCrl}`);
        return;
      }
      const dir = await open(o);
      const crl = await dir.createCrl(o.days ?? 7);
      const rootCrl = await readFile(resolve(dir.dir, CA_FILES.rootCrl), 'utf8');
      await writeFile(out, toPem(crl, 'X509 CRL') + rootCrl);
      const entries = (await dir.revocations()).entries.length;
      if (o.json) json(io.stdout, { out, issuingCa: dir.issuingCa, crlNumber: dir.crlNumber, entries });
      else line(io.stdout, `wrote CRL #${dir.crlNumber} of issuing CA ${dir.issuingCa} with ${entries} revoked certificate(s) to ${out}`);
    }); // prettier-ignore

  ca.command('verify')
    .description('verify a device certificate against the CA and its revocation list')
    .argument('<cert>', 'certificate (PEM)')
    .requiredOption('--ca <ca>', 'CA directory (no passphrase needed)')
    .addOption(issuingOption())
    .option('--json', 'print the result as JSON', false)
    .addHelpText('after', '\nExit code 0 when the certificate is valid, 1 when it is not.\n\nExample:\n  $ cra ca verify ./devices/VS-0001/cert.pem --ca ./ca')
    .action(async (cert: string, o: { ca: string; issuing?: string; json: boolean }) => {
      const trust = await readCaTrust(at(o.ca), o.issuing ? { issuingCa: o.issuing } : {});
      const pem = (await readInput(at(cert))).toString('utf8');
      const der = new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
      try {
        const identity = await verifyDeviceCertificate({ certificate: der, ...trust });
        if (o.json) json(io.stdout, { valid: true, identity });
        else line(io.stdout, `✓ ${cert}: device ${identity.serial} (${identity.profile}), certificate ${identity.certificateSerial}`);
      } catch (error) {
        if (!SdkError.isInstance(error)) throw error;
        context.fail(1);
        if (o.json) json(io.stdout, { valid: false, code: error.code, message: error.message });
        else line(io.stdout, `✗ ${cert}: ${error.message} (${error.code})`);
      }
    });

  registerIssuing(ca, context, { at, passphrase, help });
} // prettier-ignore

function registerDevice(program: Command, { io }: CommandContext) {
  const device = program.command('device').description('per-device credentials without PKI');
  device
    .command('passwords')
    .description('unique per-device passwords (EN 303 645 5.1): labels once, scrypt hashes to store')
    .requiredOption('--count <n>', 'number of devices', int('--count'))
    .requiredOption('--out <dir>', `directory for ${PASSWORD_FILES.labels} (0600) and ${PASSWORD_FILES.hashes}`)
    .option('--serial-prefix <p>', 'device serials are <p>000001, …', 'device-')
    .option('--json', 'print the result as JSON', false)
    .addHelpText('after', '\nPrint the labels, then destroy labels.csv: it is the only copy of the passwords.\n\nExample:\n  $ cra device passwords --count 500 --serial-prefix VS- --out ./passwords')
    .action(async (o: { count: number; out: string; serialPrefix: string; json: boolean }) => {
      const result = await issueDevicePasswords({ count: o.count, serialPrefix: o.serialPrefix, out: resolve(io.cwd, o.out),
        ...(o.json ? {} : { onProgress: (done: number, total: number) => io.stderr.write(`\r  ${done}/${total} passwords${done === total ? '\n' : ''}`) }) });
      if (o.json) json(io.stdout, { count: o.count, ...result });
      else line(io.stdout, `wrote ${o.count} passwords to ${result.labels} (print, then destroy) and hashes to ${result.hashes}`);
    }); // prettier-ignore
}

/** `cra ca …`: the manufacturing CA. */
export const caCommand: CommandFamily = { name: 'ca', register: registerCa };

/** `cra device …`: per-device credentials without PKI. */
export const deviceCommand: CommandFamily = { name: 'device', register: registerDevice };
