import { SdkError } from '@cra-kit/core';
import { Command, CommanderError } from 'commander';
import type { CommandFamily } from './command-family.js';
import { caCommand, deviceCommand } from './commands/ca.js';
import { docsCommand } from './commands/docs.js';
import { initCommand } from './commands/init.js';
import { otaCommand } from './commands/ota.js';
import { requirementsCommand } from './commands/requirements.js';
import { sbomCommand } from './commands/sbom.js';
import { supportCommand } from './commands/support.js';
import { validateCommand } from './commands/validate.js';
import { vulnCommand } from './commands/vuln.js';
import { CLI_ERROR_CODES, EXIT } from './errors.js';
import { json, line, type CliIo } from './io.js';

declare const __VERSION__: string;

/** The command families of `cra`, in help order. */
export const DEFAULT_FAMILIES: readonly CommandFamily[] = [
  initCommand,
  validateCommand,
  requirementsCommand,
  supportCommand,
  docsCommand,
  otaCommand,
  caCommand,
  deviceCommand,
  sbomCommand,
  vulnCommand,
];

/**
 * Runs `cra` with `argv` (without the node and script paths) and resolves to the exit code.
 * Never calls `process.exit` and never throws for bad input, so it is easy to test and embed.
 *
 * @example
 * ```ts
 * const code = await runCli(['validate', 'cra.product.yaml', '--json']);
 * ```
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() },
  families: readonly CommandFamily[] = DEFAULT_FAMILIES,
): Promise<number> {
  let exitCode: number = EXIT.ok;
  const fail = (code: number) => {
    exitCode = Math.max(exitCode, code);
  };
  const program = new Command('cra')
    .description('cra-kit: tools for the EU Cyber Resilience Act (Regulation (EU) 2024/2847)')
    .version(__VERSION__)
    .exitOverride()
    // Program options (cra's own --version) count only before the command name, so commands can
    // take options of the same name, such as `cra ota add --version <semver>`.
    .enablePositionalOptions()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(add --help for usage)');
  for (const family of families) family.register(program, { io, fail });
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (!SdkError.isInstance(error)) throw error;
    if (argv.includes('--json')) json(io.stdout, { error: error.toJSON() });
    else line(io.stderr, `cra: ${error.message} (${error.code})`);
    return error.code === CLI_ERROR_CODES.CLI_USAGE ? EXIT.usage : EXIT.failed;
  }
  return exitCode;
}
