import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseProductProfile } from '@cra-kit/core';
import {
  checkSbom,
  CONFORMANCE_PROFILES,
  generateSbom,
  missingFieldsByComponent,
  parseBom,
  readDpkgStatus,
  readInput,
  SbomError,
  schemaViolations,
  serializeBom,
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
const opts = { clock: fixedClock(new Date('2026-11-25T12:00:00Z')), random: seededRandom(1) };

describe('checkSbom', () => {
  it('lists the exact missing fields per component of a dpkg SBOM, naming the input to complete', async () => {
    const components = readDpkgStatus(await readFile('/var/lib/dpkg/status', 'utf8'));
    const bom = generateSbom({ inputs: [{ source: 'dpkg-status:/var/lib/dpkg/status', components }], product: profile, ...opts });
    const result = checkSbom(bom, 'bsi-tr-03183-2@2.1');
    expect(result.passed).toBe(false);
    const missing = missingFieldsByComponent(result);
    expect(missing.size).toBe(components.length);
    const first = components[0]!;
    expect(missing.get(`${first.name}@${first.version}`)).toEqual(expect.arrayContaining(['component.license-declared', 'component.deployable-hash', 'component.filename']));
    expect(missing.get(`${first.name}@${first.version}`)).not.toContain('component.unique-id');
    const f = result.findings.find((x) => x.rule === 'component.filename')!;
    expect(f).toMatchObject({ clause: expect.stringContaining('§5.2.2'), inputs: ['dpkg-status:/var/lib/dpkg/status'], path: expect.stringMatching(/^\$\.components\[\d+\]$/) });
    // BOM-level fields come from the product profile and the generator.
    expect(result.findings.filter((x) => x.path === '$')).toEqual([]);
    // The CRA minimum only asks for top-level dependencies: a dpkg SBOM meets it.
    expect(checkSbom(bom, 'cra-minimum').passed).toBe(true);
  });

  it('passes BSI TR-03183-2 v2.1 when the inputs carry every field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sbom-bsi-'));
    await writeFile(join(dir, 'app.bin'), new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]));
    await writeFile(join(dir, 'components.yaml'), `components:
  - name: sensor-app
    version: 2.4.1
    supplier: Acme Sensortechnik GmbH
    supplierEmail: firmware@acme-sensors.example
    purl: pkg:generic/acme/sensor-app@2.4.1
    licenses: [LicenseRef-Acme-Proprietary]
    concludedLicense: LicenseRef-Acme-Proprietary
    file: app.bin
    downloadUrl: https://acme-sensors.example/fw/2.4.1/app.bin
    sourceUrl: https://git.acme-sensors.example/sensor-app/archive/v2.4.1.tar.gz
    topLevel: true
`);
    const bom = generateSbom({ inputs: [await readInput('components', join(dir, 'components.yaml'))], product: profile, productVersion: '2.4.1', completeness: 'complete', ...opts });
    for (const id of Object.keys(CONFORMANCE_PROFILES)) {
      expect({ id, findings: checkSbom(bom, id).findings }).toEqual({ id, findings: [] });
    }
    expect(await schemaViolations(serializeBom(bom))).toEqual([]);
    expect(await hyperjumpValid(JSON.parse(serializeBom(bom)))).toBe(true);
  });

  it('reports dependency cycles as findings, never loops', () => {
    const bom = parseBom(JSON.stringify({
      bomFormat: 'CycloneDX', specVersion: '1.6',
      components: ['a', 'b', 'c'].map((n) => ({ type: 'library', name: n, 'bom-ref': n })),
      dependencies: [{ ref: 'a', dependsOn: ['b'] }, { ref: 'b', dependsOn: ['c'] }, { ref: 'c', dependsOn: ['a'] }],
    })); // prettier-ignore
    const cycles = checkSbom(bom, 'ntia-2021').findings.filter((f) => f.rule === 'graph.cycle');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.ref).toBe('a → b → c → a');
  });

  it('an SBOM carrying vulnerabilities fails BSI v2.1', () => {
    const bom = parseBom(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', vulnerabilities: [{ id: 'CVE-2024-0001' }] }));
    expect(checkSbom(bom, 'bsi-tr-03183-2@2.1').findings.map((f) => f.rule)).toContain('bom.no-vulnerabilities');
  });

  it('unknown profile', () => {
    const bom = parseBom('{"bomFormat":"CycloneDX","specVersion":"1.6"}');
    expect(() => checkSbom(bom, 'iso-9999')).toThrowWithCode(SbomError, 'SBOM_PROFILE_UNKNOWN');
  });
}); // prettier-ignore

describe('clause provenance of the BSI profiles', () => {
  it('marks every clause number with how far it was checked; disputed ones say so', () => {
    const v21 = CONFORMANCE_PROFILES['bsi-tr-03183-2@2.1']?.rules ?? [];
    const v20 = CONFORMANCE_PROFILES['bsi-tr-03183-2@2.0']?.rules ?? [];
    expect(v21.length).toBeGreaterThan(15);
    for (const rule of v21) expect(['secondary-sources-agree', 'unverified']).toContain(rule.clauseStatus);
    expect(v20.every((rule) => rule.clauseStatus === 'unverified')).toBe(true);
    const disputed = ['bom.sbom-uri', 'component.source-uri', 'component.deployable-uri', 'component.unique-id', 'component.license-declared'];
    for (const id of disputed) {
      expect(v21.find((rule) => rule.id === id)).toMatchObject({ clauseStatus: 'unverified', clause: expect.stringContaining('unverified') });
    }
    expect(v21.find((rule) => rule.id === 'component.deployable-hash')).toMatchObject({ clauseStatus: 'secondary-sources-agree', clause: expect.stringMatching(/^§5\.2\.2 /) });
    expect(CONFORMANCE_PROFILES['cra-minimum']?.rules.every((rule) => rule.clauseStatus === 'primary')).toBe(true);
  }); // prettier-ignore
});
