// A second, independent JSON Schema engine (@hyperjump/json-schema, not ajv) over the schema
// files shipped in @cyclonedx/cyclonedx-library, so our output does not pass by one engine's quirk.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { registerSchema, validate } from '@hyperjump/json-schema/draft-07';

const BASE = 'http://cyclonedx.org/schema/';
let ready: Promise<void> | undefined;

async function register(): Promise<void> {
  const require = createRequire(import.meta.url);
  const root = join(
    dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')),
    'res/schema',
  );
  for (const name of ['spdx', 'jsf-0.82', 'cryptography-defs', 'bom-1.6']) {
    const schema = JSON.parse(
      await readFile(join(root, `${name}.SNAPSHOT.schema.json`), 'utf8'),
    ) as Record<string, unknown>;
    // The bom schema refers to its neighbours by their SNAPSHOT file names.
    schema.$id = `${BASE}${name}.SNAPSHOT.schema.json`;
    registerSchema(schema as never, schema.$id as string);
  }
}

/** Validates a JSON value against CycloneDX 1.6 with hyperjump; resolves to `valid`. */
export async function hyperjumpValid(value: unknown): Promise<boolean> {
  ready ??= register();
  await ready;
  const output = await validate(`${BASE}bom-1.6.SNAPSHOT.schema.json`, value as never);
  return output.valid;
}
