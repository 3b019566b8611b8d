import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseProductProfile } from '@cra-kit/core';
import {
  generateSbom,
  parseBom,
  readDpkgStatus,
  readInput,
  schemaViolations,
  serializeBom,
  type IngestResult,
} from '@cra-kit/sbom';
import { fixedClock, seededRandom } from '@cra-kit/testing';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { hyperjumpValid } from './second-engine.js';

const PROFILE = new URL(
  '../../../examples/products/vibration-sensor.cra.product.yaml',
  import.meta.url,
).pathname;
const profile = parseProductProfile(parseYaml(await readFile(PROFILE, 'utf8')));
const at = () => ({ clock: fixedClock(new Date('2026-11-25T12:00:00Z')), random: seededRandom(7) });

describe('an SBOM from this machine’s own dpkg status', async () => {
  const status = await readFile('/var/lib/dpkg/status', 'utf8');
  const input: IngestResult = {
    source: 'dpkg-status:/var/lib/dpkg/status',
    components: readDpkgStatus(status),
  };
  const bom = generateSbom({ inputs: [input], product: profile, productVersion: '1.0.0', ...at() });
  const text = serializeBom(bom);

  it('lists several hundred installed packages with purls', () => {
    expect(input.components.length).toBeGreaterThan(300);
    expect(bom.components?.length).toBe(input.components.length);
    expect(bom.components?.every((c) => c.purl?.startsWith('pkg:deb/debian/'))).toBe(true);
  });

  it('passes the CycloneDX 1.6 strict schema with the library validator and with hyperjump', async () => {
    expect(await schemaViolations(text)).toEqual([]);
    expect(await hyperjumpValid(JSON.parse(text))).toBe(true);
  });

  it('reads back with parseBom (unique refs, no dangling dependency)', () => {
    expect(parseBom(text).components?.length).toBe(bom.components?.length);
  });

  it('is deterministic: same inputs, clock and random give the same bytes', () => {
    const again = generateSbom({
      inputs: [input],
      product: profile,
      productVersion: '1.0.0',
      ...at(),
    });
    expect(serializeBom(again)).toBe(text);
  });

  it('links the product to every component through the dependency graph', () => {
    const graph = new Map(bom.dependencies!.map((d) => [d.ref, d.dependsOn ?? []]));
    const seen = new Set<string>();
    const todo = ['product'];
    for (let r = todo.pop(); r !== undefined; r = todo.pop()) {
      if (seen.has(r)) continue;
      seen.add(r);
      todo.push(...(graph.get(r) ?? []));
    }
    expect(seen.size).toBe(bom.components!.length + 1);
  });
});

describe('merging inputs', () => {
  it('dedupes by purl, then CPE, then hash, filling missing fields', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sbom-'));
    const blob = join(dir, 'wifi-fw.bin');
    await writeFile(blob, new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 1, 2, 3]));
    await writeFile(join(dir, 'components.yaml'), [
      'components:',
      '  - { name: openssl, version: 3.0.15, purl: "pkg:deb/debian/openssl@3.0.15", licenses: [Apache-2.0] }',
      '  - { name: wifi-firmware, version: "7.45", supplier: Acme Radio, cpe: "cpe:2.3:o:acme:wifi:7.45:*:*:*:*:*:*:*", file: wifi-fw.bin }',
      '  - { name: wifi-fw-alias, version: "7.45", cpe: "cpe:2.3:o:acme:wifi:7.45:*:*:*:*:*:*:*", licenses: [LicenseRef-Acme] }',
    ].join('\n')); // prettier-ignore
    const yaml = await readInput('components', join(dir, 'components.yaml'));
    const dpkg: IngestResult = {
      source: 'dpkg',
      components: readDpkgStatus(
        'Package: openssl\nStatus: install ok installed\nVersion: 3.0.15\nMaintainer: Debian <debian@example.org>\n',
      ),
    };
    const bom = generateSbom({ inputs: [dpkg, yaml], ...at() });
    expect(bom.components).toHaveLength(2);
    const openssl = bom.components!.find((c) => c.name === 'openssl')!;
    expect(openssl.supplier?.name).toBe('Debian');
    expect(openssl.licenses).toEqual([
      { license: { id: 'Apache-2.0', acknowledgement: 'declared' } },
    ]);
    const wifi = bom.components!.find((c) => c.name === 'wifi-firmware')!;
    expect(wifi.hashes?.map((h) => h.alg)).toEqual(['SHA-256', 'SHA-512']);
    expect(wifi.properties).toContainEqual({
      name: 'bsi:component:executable',
      value: 'executable',
    });
    expect(wifi.licenses).toEqual([{ expression: 'LicenseRef-Acme', acknowledgement: 'declared' }]);
    expect(await schemaViolations(serializeBom(bom))).toEqual([]);
  });
});
