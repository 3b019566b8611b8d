#!/usr/bin/env node
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createNarrator } from './narrator.js';
import { runStory } from './story.js';

const USAGE = `cra-demo [--keep-running] [--json] [--dir <work dir>]

The CRA story end to end on the reference device cloud and five device agents.
  --keep-running  keep the cloud up after the story (Ctrl-C stops it)
  --json          one JSON line per step instead of the narrative
  --dir           where keys, repository and data go (default: a new temp directory,
                  removed at exit unless --keep-running)
`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      'keep-running': { type: 'boolean' },
      json: { type: 'boolean' },
      dir: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help === true) {
    process.stdout.write(USAGE);
    return 0;
  }
  const repo = resolve(import.meta.dirname, '../../..');
  const workDir =
    values.dir === undefined ? await mkdtemp(join(tmpdir(), 'cra-demo-')) : resolve(values.dir);
  const narrator = createNarrator({ json: values.json === true });
  const started = performance.now();
  const result = await runStory({
    workDir,
    productFile: join(repo, 'examples/products/vibration-sensor.cra.product.yaml'),
    evidenceFile: join(repo, 'examples/products/vibration-sensor.evidence/evidence.yaml'),
    narrator,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  narrator.step(
    `Done in ${seconds} s. Look at (the web UI takes the logins below; the API and /compliance pages an API token):`,
  );
  for (const [name, url] of Object.entries(result.urls)) narrator.fact(`${name.padEnd(13)} ${url}`);
  narrator.fact(`admin API token file (0600): ${result.adminTokenFile}`);
  // Passwords go to a 0600 file, not to the output (which CI logs keep).
  const logins = join(workDir, 'DEMO-KEYS-DO-NOT-SHIP', 'web-ui-logins.txt');
  await writeFile(
    logins,
    Object.entries(result.passwords)
      .map(([name, password]) => `${name} ${password}\n`)
      .join(''),
    { mode: 0o600 },
  );
  narrator.fact(`web UI logins (rita, sam, aude; file 0600): ${logins}`);
  narrator.done({ seconds: Number(seconds), urls: result.urls, ...result.facts });
  if (values['keep-running'] === true) {
    narrator.fact('the cloud keeps running; Ctrl-C stops it');
    await new Promise<void>((done) => {
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    });
  }
  await result.stop();
  if (values.dir === undefined && values['keep-running'] !== true)
    await rm(workDir, { recursive: true, force: true });
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
