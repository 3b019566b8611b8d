// Writes a JSON Schema (draft 2020-12) for every document schema into schemas/, from the built
// package, so integrators who do not write TypeScript validate against the same contract.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { DOCUMENT_SCHEMAS } from '../dist/index.js';

const outDir = new URL('../schemas/', import.meta.url);
await rm(outDir, { recursive: true, force: true });
await mkdir(outDir, { recursive: true });
for (const [name, schema] of Object.entries(DOCUMENT_SCHEMAS)) {
  // io: 'input' describes the document as written by hand: fields with defaults are optional.
  const jsonSchema = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'throw' });
  jsonSchema.$id = `https://unpkg.com/@cra-kit/core/schemas/${name}.schema.json`;
  await writeFile(
    new URL(`${name}.schema.json`, outDir),
    `${JSON.stringify(jsonSchema, null, 2)}\n`,
  );
}
console.log(`wrote ${Object.keys(DOCUMENT_SCHEMAS).length} JSON Schemas to schemas/`);
