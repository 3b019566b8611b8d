// Renders the product profile reference from the published JSON Schema
// (@cra-kit/core/schemas/product-profile.schema.json): one section per top-level field, one table
// row per property at any depth. Anything the renderer does not understand is a problem, not a
// silent omission, so the page cannot drift from the schema.
import { code, fragment, table, text } from './markdown.mjs';

const CITATION = 'x-cra-citation';
const COLUMNS = ['Field', 'Type', 'Presence', 'Description', 'Citation'];

/**
 * @param {object} schema - The parsed JSON Schema document.
 * @returns {{ markdown: string, fields: number, problems: string[] }}
 */
export function renderProfileReference(schema) {
  const problems = [];
  const resolve = (node, where) => resolveRef(schema, node, where, problems);
  const root = resolve(schema, '(root)');
  const topLevel = Object.entries(root?.properties ?? {});
  if (topLevel.length === 0) {
    problems.push('the product profile schema has no top-level properties');
    return { markdown: '', fields: 0, problems };
  }
  const required = new Set(root.required ?? []);
  checkRequiredExist(root, '(root)', problems);

  let fields = 0;
  const sections = topLevel.map(([name, raw]) => {
    const node = resolve(raw, name);
    const rows = [];
    collectRows(
      { name, node, path: name, required, inherited: undefined },
      rows,
      resolve,
      problems,
    );
    fields += rows.length;
    const intro = [
      node?.description === undefined ? '' : sentence(text(node.description)),
      required.has(name) ? '**Required.**' : '**Optional.**',
      node?.[CITATION] === undefined ? '' : `Cited from ${text(node[CITATION])}.`,
    ];
    return [`## ${name} {#${name}}`, intro.filter(Boolean).join(' '), table(COLUMNS, rows)].join(
      '\n\n',
    );
  });

  const index = table(
    ['Field', 'Presence', 'Description'],
    topLevel.map(([name, raw]) => {
      const node = resolve(raw, name);
      return [
        `[${code(name)}](#${name})`,
        presence(name, node, required),
        text(node?.description ?? ''),
      ];
    }),
  );
  const markdown = fragment(
    `The schema has ${topLevel.length} top-level fields and ${fields} fields in all.`,
    index,
    ...sections,
  );
  return { markdown, fields, problems };
}

/** Adds the row for one property, then rows for whatever it contains. */
function collectRows({ name, node, path, required, inherited }, rows, resolve, problems) {
  if (node === undefined) return;
  if (typeof node.description !== 'string' || node.description.trim() === '') {
    problems.push(`${path}: property has no description`);
  }
  const own = node[CITATION];
  const citation =
    own === undefined ? (inherited === undefined ? '—' : `_${text(inherited)}_`) : text(own);
  rows.push([
    code(path),
    typeOf(node, path, resolve, problems),
    presence(name, node, required),
    text(node.description ?? ''),
    citation,
  ]);

  // Nested objects, and objects inside arrays, get one row per property too.
  const items = node.type === 'array' ? resolve(node.items, `${path}[]`) : undefined;
  const container = items?.type === 'object' ? items : node.type === 'object' ? node : undefined;
  if (container === undefined) return;
  const prefix = container === items ? `${path}[]` : path;
  checkRequiredExist(container, prefix, problems);
  const nested = new Set(container.required ?? []);
  for (const [childName, raw] of Object.entries(container.properties ?? {})) {
    const child = resolve(raw, `${prefix}.${childName}`);
    collectRows(
      {
        name: childName,
        node: child,
        path: `${prefix}.${childName}`,
        required: nested,
        inherited: own ?? inherited,
      },
      rows,
      resolve,
      problems,
    );
  }
}

/** "required", "optional", or "optional, default `x`". */
function presence(name, node, required) {
  if (required.has(name)) return 'required';
  return node !== undefined && 'default' in node
    ? `optional, default ${code(JSON.stringify(node.default))}`
    : 'optional';
}

/** A short, readable type with the constraints a person filling in the file needs. */
function typeOf(node, path, resolve, problems) {
  if (node === undefined) return '';
  const alternatives = node.anyOf ?? node.oneOf;
  if (Array.isArray(alternatives)) {
    return alternatives
      .map((alt, i) => typeOf(resolve(alt, `${path}|${i}`), path, resolve, problems))
      .join(' or ');
  }
  if ('const' in node) return `constant ${code(JSON.stringify(node.const))}`;
  if (Array.isArray(node.enum)) return `one of ${node.enum.map((v) => code(v)).join(', ')}`;
  switch (node.type) {
    case 'string':
      return withParts('string', [
        node.format === undefined ? undefined : (FORMATS[node.format] ?? node.format),
        range(node.minLength, node.maxLength, 'characters'),
        node.format === undefined && node.pattern !== undefined
          ? `matching ${code(node.pattern)}`
          : undefined,
      ]);
    case 'integer':
    case 'number':
      return withParts(node.type, [range(node.minimum, node.maximum, '')]);
    case 'boolean':
      return 'boolean';
    case 'object':
      return 'object';
    case 'array': {
      const items = resolve(node.items, `${path}[]`);
      const of =
        items?.type === 'object' ? 'object' : typeOf(items, `${path}[]`, resolve, problems);
      return withParts(`array of ${of}`, [range(node.minItems, node.maxItems, 'items')]);
    }
    default:
      problems.push(`${path}: unsupported JSON Schema type ${JSON.stringify(node.type)}`);
      return text(String(node.type));
  }
}

/** Readable names for JSON Schema string formats; others are shown as they are. */
const FORMATS = {
  uri: 'URL',
  email: 'e-mail address',
  date: 'date YYYY-MM-DD',
  'date-time': 'RFC 3339 timestamp',
};

const sentence = (s) => (/[.!?]$/.test(s) ? s : `${s}.`);

const withParts = (base, parts) => {
  const present = parts.filter((p) => p !== undefined && p !== '');
  return present.length === 0 ? base : `${base} (${present.join(', ')})`;
};

function range(min, max, unit) {
  const u = unit === '' ? '' : ` ${unit}`;
  if (min !== undefined && max !== undefined) return `${min}–${max}${u}`;
  if (min !== undefined) return `≥ ${min}${u}`;
  if (max !== undefined) return `≤ ${max}${u}`;
  return undefined;
}

/** Follows local `$ref`s (`#/$defs/…`); anything else is reported. */
function resolveRef(rootDoc, node, where, problems) {
  const seen = new Set();
  let current = node;
  while (current !== undefined && typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (seen.has(ref) || !ref.startsWith('#/')) {
      problems.push(`${where}: cannot follow $ref ${ref}`);
      return undefined;
    }
    seen.add(ref);
    current = ref
      .slice(2)
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((n, key) => n?.[key], rootDoc);
    if (current === undefined) problems.push(`${where}: $ref ${ref} points nowhere`);
  }
  return current;
}

function checkRequiredExist(node, where, problems) {
  for (const name of node.required ?? []) {
    if (!(name in (node.properties ?? {})))
      problems.push(`${where}: required "${name}" is not a property`);
  }
}
