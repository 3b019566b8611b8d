import type { Command } from 'commander';
import type { CliIo } from './io.js';

/**
 * A command or family of commands of `cra` (`validate`, `ca …`, `ota …`). Adding one is a
 * matter of writing `register` and listing it in {@link DEFAULT_FAMILIES} (or passing it to
 * `createProgram`): the program wires `--json`, help examples and error handling for all.
 */
export interface CommandFamily {
  readonly name: string;
  /** Adds the family's command(s) to `program`. */
  register(program: Command, context: CommandContext): void;
}

/** What a command's action gets besides its arguments. */
export interface CommandContext {
  readonly io: CliIo;
  /** Sets the exit code the process ends with (the highest one set wins). */
  fail(exitCode: number): void;
}
