import { resolve } from 'node:path';
import type { CommandFamily } from '../command-family.js';
import { EXIT } from '../errors.js';
import { json, line } from '../io.js';
import { checkProductProfileFile, type LocatedFinding } from '../profile/load-profile.js';

const describe = (f: LocatedFinding) =>
  `  line ${String(f.line).padEnd(4)} ${f.field}: ${f.message}${f.citation ? ` [${f.citation}]` : ''}`;

/** `cra validate <file>`: checks a product profile against the schema and the CRA's rules. */
export const validateCommand: CommandFamily = {
  name: 'validate',
  register(program, context) {
    const { io } = context;
    program
      .command('validate')
      .description('check a product profile: every problem with its YAML path, line and article')
      .argument('<file>', 'the cra.product.yaml to check')
      .option('--json', 'print the result as JSON', false)
      .addHelpText('after', '\nExit code 0 when valid (warnings do not fail), 1 when invalid.\n\nExample:\n  $ cra validate cra.product.yaml\n  $ cra validate cra.product.yaml --json | jq \'.errors[] | .citation\'')
      .action(async (file: string, options: { json: boolean }) => {
        const path = resolve(io.cwd, file);
        const check = await checkProductProfileFile(path);
        if (!check.valid) context.fail(EXIT.failed);
        if (options.json) {
          json(io.stdout, check.valid
            ? { file: path, valid: true, errors: [], warnings: check.warnings }
            : { file: path, valid: false, errors: check.errors, warnings: [] });
          return;
        }
        if (check.valid) {
          const { product, classification } = check.profile;
          line(io.stdout, `✓ ${file}: valid product profile for ${product.name} (${product.model}), category ${classification.category}`);
        } else {
          line(io.stdout, `✗ ${file}: ${check.errors.length} problem${check.errors.length === 1 ? '' : 's'}`);
          for (const e of check.errors) line(io.stdout, describe(e));
        }
        const warnings = check.valid ? check.warnings : [];
        if (warnings.length > 0) {
          line(io.stdout, `! ${warnings.length} warning${warnings.length === 1 ? '' : 's'}`);
          for (const w of warnings) line(io.stdout, describe(w));
        }
      });
  },
}; // prettier-ignore
