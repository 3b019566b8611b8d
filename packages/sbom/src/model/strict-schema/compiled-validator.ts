import { readFile } from 'node:fs/promises';
import * as CycloneDX from '@cyclonedx/cyclonedx-library';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { firstDuplicate } from '../unique-items.js';

// Ships no types; the one call we make is typed where it is loaded.
const DRAFT_2019_FORMATS: string = 'ajv-formats-draft2019';

/** The keyword that replaces `uniqueItems: true` in the schema we compile. @internal */
export const LINEAR_UNIQUE_ITEMS = 'craLinearUniqueItems';

// The schemas and ajv options are those of @cyclonedx/cyclonedx-library's JsonStrictValidator,
// so the verdict is the library's; only `uniqueItems` is checked by our linear keyword.
const SPEC = {
  '1.6': CycloneDX.Spec.Version.v1dot6,
  '1.7': CycloneDX.Spec.Version.v1dot7,
} as const;

/** The library's table of its schema files: exported at run time, left out of its types. */
interface SchemaFiles {
  readonly CDX: { readonly JSON_STRICT_SCHEMA: Readonly<Record<string, string | undefined>> };
  readonly SPDX: { readonly JSON_SCHEMA: string };
  readonly CryptoDefs: { readonly JSON_SCHEMA: string };
  readonly JSF: { readonly JSON_SCHEMA: string };
}

function schemaFiles(): SchemaFiles {
  const files = (CycloneDX as unknown as { _Resources?: { FILES?: SchemaFiles } })._Resources
    ?.FILES;
  if (files === undefined)
    throw new Error('@cyclonedx/cyclonedx-library no longer exports _Resources.FILES');
  return files;
}

/** Replaces every `uniqueItems: true` by the linear keyword, in place. */
function swapUniqueItems(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) swapUniqueItems(item);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  if (record.uniqueItems === true) {
    delete record.uniqueItems;
    record[LINEAR_UNIQUE_ITEMS] = true;
  }
  for (const value of Object.values(record)) swapUniqueItems(value);
}

const readJson = async (path: string) =>
  JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;

/**
 * Compiles the CycloneDX JSON strict schema of a spec version with ajv, `uniqueItems` swapped
 * for a linear check that reports under the keyword `uniqueItems`, as ajv would.
 * @internal
 */
export async function compileStrictValidator(
  version: keyof typeof SPEC,
): Promise<ValidateFunction> {
  const files = schemaFiles();
  const path = files.CDX.JSON_STRICT_SCHEMA[SPEC[version]];
  if (path === undefined) throw new Error(`no CycloneDX ${version} JSON schema`);
  const schema = await readJson(path);
  const schemas: Record<string, Record<string, unknown>> = {};
  const neighbours = {
    spdx: files.SPDX,
    'cryptography-defs': files.CryptoDefs,
    'jsf-0.82': files.JSF,
  };
  for (const [name, { JSON_SCHEMA }] of Object.entries(neighbours)) {
    schemas[`http://cyclonedx.org/schema/${name}.SNAPSHOT.schema.json`] =
      await readJson(JSON_SCHEMA);
  }
  for (const s of [schema, ...Object.values(schemas)]) swapUniqueItems(s);
  const ajv = new Ajv({
    useDefaults: false,
    strict: false,
    strictSchema: false,
    addUsedSchema: false,
    allErrors: false,
    schemas,
    loadSchema: (uri: string) => Promise.reject(new Error(`remote schemas are disabled: ${uri}`)),
  });
  addFormats(ajv);
  const draft2019 = (await import(DRAFT_2019_FORMATS)) as {
    default: (ajv: Ajv, options: { formats: string[] }) => void;
  };
  draft2019.default(ajv, { formats: ['idn-email'] });
  ajv.addFormat('iri-reference', true);
  ajv.addKeyword({
    keyword: LINEAR_UNIQUE_ITEMS,
    type: 'array',
    schemaType: 'boolean',
    errors: true,
    validate: function unique(this: unknown, _schema: boolean, data: unknown[]): boolean {
      const pair = firstDuplicate(data);
      if (pair === undefined) return true;
      const self = unique as unknown as { errors: Partial<ErrorObject>[] };
      self.errors = [{
        keyword: 'uniqueItems',
        params: { i: pair[1], j: pair[0] },
        message: `must NOT have duplicate items (items ## ${pair[1]} and ${pair[0]} are identical)`,
      }]; // prettier-ignore
      return false;
    },
  });
  return ajv.compile(schema);
}
