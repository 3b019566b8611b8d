// Generates the reference fragments of the docs site from @cra-kit/core, so they cannot drift:
//   generated/product-profile.md   from the product profile JSON Schema
//   generated/annex-entries.md     from ANNEX_ENTRIES
//   generated/requirements.md      from listRequirements()
//   generated/core-error-codes.md  from CORE_ERROR_CODES (packages/core/src/errors/codes.ts)
//   generated/cli-error-codes.md   from CLI_ERROR_CODES (packages/cli/src/errors.ts)
// Hand-written pages pull them in with <!--@include: …-->. The output is git-ignored and
// rebuilt on every `pnpm build` / `pnpm dev`. Any gap (empty schema or catalogue, a property
// without a description, an undocumented error code) exits non-zero, so CI catches drift.
//
// Needs the built core package: `pnpm --filter @cra-kit/core build`.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  ANNEX_ENTRIES,
  CORE_ERROR_CODES,
  REQUIREMENT_SOURCES,
  listRequirements,
} from '@cra-kit/core';
import { renderErrorCodes } from './error-codes.mjs';
import { renderProfileReference } from './profile-reference.mjs';
import { renderAnnexEntries, renderRequirementCatalogue } from './requirement-catalogue.mjs';

const docsDir = new URL('../', import.meta.url);
const repoDir = new URL('../../', import.meta.url);
const outDir = new URL('generated/', docsDir);
const schemaUrl = new URL(import.meta.resolve('@cra-kit/core/schemas/product-profile.schema.json'));

/** Reads a file, turning "not there" into a message that says what to run. */
async function read(url, hint) {
  try {
    return await readFile(url, 'utf8');
  } catch (cause) {
    throw new Error(`cannot read ${fileURLToPath(url)}${hint ? ` (${hint})` : ''}`, { cause });
  }
}

const schema = JSON.parse(
  await read(schemaUrl, 'build core first: pnpm --filter @cra-kit/core build'),
);
const profile = renderProfileReference(schema);
const catalogue = renderRequirementCatalogue(listRequirements(), REQUIREMENT_SOURCES);
const annex = renderAnnexEntries(ANNEX_ENTRIES);
const coreCodes = renderErrorCodes(
  await read(new URL('packages/core/src/errors/codes.ts', repoDir)),
  'CORE_ERROR_CODES',
  Object.keys(CORE_ERROR_CODES),
);
const cliCodes = renderErrorCodes(
  await read(new URL('packages/cli/src/errors.ts', repoDir)),
  'CLI_ERROR_CODES',
  undefined,
);

const outputs = {
  'product-profile.md': profile,
  'annex-entries.md': annex,
  'requirements.md': catalogue,
  'core-error-codes.md': coreCodes,
  'cli-error-codes.md': cliCodes,
};
const problems = Object.entries(outputs).flatMap(([file, o]) =>
  o.problems.map((p) => `${file}: ${p}`),
);
if (problems.length > 0) {
  console.error(`docs/scripts/generate.mjs: ${problems.length} problem(s), nothing written:`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}

// Write into a fresh directory, then swap it in, so a failed run never leaves half a reference.
const tmpDir = new URL('generated.tmp/', docsDir);
await rm(tmpDir, { recursive: true, force: true });
await mkdir(tmpDir, { recursive: true });
for (const [file, { markdown }] of Object.entries(outputs)) {
  await writeFile(new URL(file, tmpDir), markdown);
}
await rm(outDir, { recursive: true, force: true });
await rename(tmpDir, outDir);

console.log(
  `docs: wrote ${Object.keys(outputs).length} fragments to docs/generated/ ` +
    `(${profile.fields} profile fields, ${listRequirements().length} requirements, ` +
    `${ANNEX_ENTRIES.length} Annex III/IV points, ` +
    `${coreCodes.codes.length + cliCodes.codes.length} error codes)`,
);
