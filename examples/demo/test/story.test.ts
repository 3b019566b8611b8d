import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createNarrator, runStory, type StoryResult } from '../src/index.js';

const products = fileURLToPath(new URL('../../products/', import.meta.url));

// The demo is the end-to-end test of the reference deployment: real cloud (HTTPS, mutual-TLS
// MQTT, SQLite), five real agents, real signatures. runStory throws when any step of the story
// does not happen as told (e.g. the tampered image is not refused).
describe('pnpm demo', () => {
  let dir = '';
  let result: StoryResult | undefined;
  afterAll(async () => {
    await result?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('tells the whole CRA story and leaves the expected state behind', async () => {
    dir = await mkdtemp(join(tmpdir(), 'cra-demo-test-'));
    const lines: string[] = [];
    const out = { write: (chunk: string) => lines.push(chunk) } as unknown as NodeJS.WritableStream;
    result = await runStory({
      workDir: dir,
      productFile: join(products, 'vibration-sensor.cra.product.yaml'),
      evidenceFile: join(products, 'vibration-sensor.evidence/evidence.yaml'),
      narrator: createNarrator({ json: true, out }),
    });
    expect(result.facts).toMatchObject({
      devices: 5,
      tamperedRefused: true,
      advisory: expect.stringMatching(/^ACME-SA-\d{4}-001$/),
    });
    const steps = lines
      .map((l) => JSON.parse(l) as { kind: string; text: string })
      .filter((l) => l.kind === 'step');
    expect(steps.map((s) => s.text)).toHaveLength(8);
    const text = lines.join('');
    expect(text).toContain('VS-0005 got its image from a compromised mirror');
    expect(text).toContain('HTTP 403');
    expect(text).toMatch(/final-report due/);
  }, 120_000);
});
