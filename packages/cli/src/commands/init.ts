import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CommandFamily } from '../command-family.js';
import { CliError } from '../errors.js';
import { json, line } from '../io.js';
import { PRODUCT_PROFILE_TEMPLATE } from '../profile/template.js';

/** The file name `cra init` writes and other commands look for. */
export const PRODUCT_PROFILE_FILE = 'cra.product.yaml';

/** `cra init`: writes a complete, commented example product profile. */
export const initCommand: CommandFamily = {
  name: 'init',
  register(program, { io }) {
    program
      .command('init')
      .description(`write a commented example ${PRODUCT_PROFILE_FILE} to fill in`)
      .option('--dir <dir>', 'directory to write it to', '.')
      .option('--force', 'replace an existing file', false)
      .option('--json', 'print the result as JSON', false)
      .addHelpText('after', `\nExample:\n  $ cra init --dir firmware/product\n  $ cra validate firmware/product/${PRODUCT_PROFILE_FILE}`)
      .action(async (options: { dir: string; force: boolean; json: boolean }) => {
        const dir = resolve(io.cwd, options.dir);
        const path = resolve(dir, PRODUCT_PROFILE_FILE);
        try {
          await mkdir(dir, { recursive: true });
          // 'wx' creates the file or fails: no check-then-write race with another writer.
          await writeFile(path, PRODUCT_PROFILE_TEMPLATE, { flag: options.force ? 'w' : 'wx' });
        } catch (cause) {
          const exists = (cause as NodeJS.ErrnoException).code === 'EEXIST';
          throw exists
            ? new CliError('CLI_FILE_EXISTS', `${path} exists already; pass --force to replace it`, { cause, details: { path } })
            : new CliError('CLI_FILE_UNWRITABLE', `cannot write ${path}: ${(cause as Error).message}`, { cause, details: { path } });
        }
        if (options.json) json(io.stdout, { path });
        else line(io.stdout, `wrote ${path}: fill it in, then run \`cra validate ${path}\``);
      });
  },
}; // prettier-ignore
