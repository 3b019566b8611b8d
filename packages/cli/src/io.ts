import type { Writable } from 'node:stream';

/** Where a command writes, and whether it writes JSON for scripts or text for people. */
export interface CliIo {
  readonly stdout: Pick<Writable, 'write'>;
  readonly stderr: Pick<Writable, 'write'>;
  /** The working directory relative paths are resolved against. */
  readonly cwd: string;
}

/** Writes one line of text. */
export function line(out: Pick<Writable, 'write'>, text = ''): void {
  out.write(`${text}\n`);
}

/** Writes a value as pretty JSON, the `--json` output of every command. */
export function json(out: Pick<Writable, 'write'>, value: unknown): void {
  out.write(`${JSON.stringify(value, null, 2)}\n`);
}
