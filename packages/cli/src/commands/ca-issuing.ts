import {
  REVOCATION_REASONS,
  addIssuingCa,
  listIssuingCas,
  revokeIssuingCa,
  type RevocationReason,
} from '@cra-kit/identity';
import { Option, type Command } from 'commander';
import type { CommandContext } from '../command-family.js';
import { json, line } from '../io.js';

/** `cra ca issuing add|list|revoke`: several issuing CAs per CA directory (product line, batch). */
export function registerIssuing(ca: Command, { io }: CommandContext, helpers: { at: (p: string) => string; passphrase: () => string; help: (text: string) => string }) {
  const { at, passphrase, help } = helpers;
  const issuing = ca.command('issuing').description('issuing CAs under the root: one per product line or batch');

  issuing.command('add')
    .description('create another issuing CA (pathLen 0) signed by the offline root')
    .argument('<name>', 'name: lower-case letters, digits and "-" (e.g. vs-2027)')
    .requiredOption('--ca <ca>', 'CA directory')
    .option('--json', 'print the result as JSON', false)
    .addHelpText('after', help('  $ cra ca issuing add vs-2027 --ca ./ca\n  $ cra ca issue --ca ./ca --issuing vs-2027 --serial VS-0001 --out ./VS-0001'))
    .action(async (name: string, o: { ca: string; json: boolean }) => {
      const info = await addIssuingCa({ dir: at(o.ca), name, passphrase: passphrase() });
      if (o.json) json(io.stdout, info);
      else line(io.stdout, `created issuing CA ${info.name} (${info.subject}, serial ${info.serialNumber}); select it with --issuing ${info.name}`);
    });

  issuing.command('list')
    .description('list the issuing CAs and whether the root revoked them (no passphrase needed)')
    .requiredOption('--ca <ca>', 'CA directory')
    .option('--json', 'print the result as JSON', false)
    .addHelpText('after', '\nExample:\n  $ cra ca issuing list --ca ./ca')
    .action(async (o: { ca: string; json: boolean }) => {
      const list = await listIssuingCas(at(o.ca));
      if (o.json) json(io.stdout, { issuingCas: list });
      else for (const c of list) line(io.stdout, `${c.name}\t${c.serialNumber}\t${c.subject}\tuntil ${c.notAfter.toISOString().slice(0, 10)}${c.revoked ? '\tREVOKED' : ''}`);
    });

  issuing.command('revoke')
    .description('revoke a whole issuing CA at the root and re-sign the root CRL (needs the root key)')
    .argument('<name>', 'issuing CA name')
    .requiredOption('--ca <ca>', 'CA directory')
    .addOption(new Option('--reason <r>', 'RFC 5280 reason').choices(Object.keys(REVOCATION_REASONS)).makeOptionMandatory())
    .option('--json', 'print the result as JSON', false)
    .addHelpText('after', help('  $ cra ca issuing revoke vs-2027 --ca ./ca --reason cACompromise\n  $ cra ca crl --ca ./ca --out crl.pem   # issuing CRL + the new root CRL'))
    .action(async (name: string, o: { ca: string; reason: RevocationReason; json: boolean }) => {
      const result = await revokeIssuingCa({ dir: at(o.ca), name, reason: o.reason, passphrase: passphrase() });
      if (o.json) json(io.stdout, { revoked: name, crlNumber: result.crlNumber, nextUpdate: result.nextUpdate.toISOString(), revokedIssuingCas: result.revokedIssuingCas });
      else line(io.stdout, `revoked issuing CA ${name} (${o.reason}); root CRL #${result.crlNumber} valid until ${result.nextUpdate.toISOString()}`);
    });
} // prettier-ignore
