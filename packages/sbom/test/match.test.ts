import { readFile } from 'node:fs/promises';
import {
  applyVex,
  fromCveRecord,
  fromCycloneDxVex,
  fromOpenVex,
  generateSbom,
  matchSbom,
  parseBom,
  readCveDirectory,
  readDpkgStatus,
  readKev,
  readNpmLock,
  readOsvDirectory,
  releaseBlockers,
  SbomError,
  schemaViolations,
  serializeBom,
  toCycloneDxVex,
  toOpenVex,
  type IngestResult,
} from '@cra-kit/sbom';
import { fixedClock, seededRandom } from '@cra-kit/testing';
import { describe, expect, it } from 'vitest';
import { hyperjumpValid } from './second-engine.js';

const fixtures = new URL('./fixtures/advisories/', import.meta.url).pathname;
const osv = await readOsvDirectory(`${fixtures}osv`);
const cve = await readCveDirectory(`${fixtures}cve`);
const kev = readKev(JSON.parse(await readFile(`${fixtures}kev.json`, 'utf8')));
const opts = { clock: fixedClock(new Date('2026-11-25T12:00:00Z')), random: seededRandom(3) };

const dpkg = (version: string): IngestResult => ({
  source: 'test',
  components: readDpkgStatus(
    `Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nSource: glibc\nVersion: ${version}\nMaintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>\n`,
  ),
});
const npm = (version: string): IngestResult => ({
  source: 'npm',
  components: readNpmLock({
    lockfileVersion: 3,
    packages: {
      '': { dependencies: { lodash: version } },
      'node_modules/lodash': { version, license: 'MIT' },
    },
  }),
});
const sbomOf = (...inputs: IngestResult[]) =>
  parseBom(serializeBom(generateSbom({ inputs, ...opts })));

describe('matching against real OSV and CVE records', () => {
  it('finds lodash 4.17.20 (GHSA-35jh-r3h4-6jhm) by purl, explaining range and confidence', () => {
    const [m, ...rest] = matchSbom(sbomOf(npm('4.17.20')), { advisories: osv });
    expect(rest).toEqual([]);
    expect(m).toMatchObject({
      vulnerability: 'GHSA-35jh-r3h4-6jhm',
      aliases: ['CVE-2021-23337'],
      identifier: 'purl',
      matchedOn: 'pkg:npm/lodash@4.17.20',
      range: 'ECOSYSTEM >=0 <4.17.21',
      fixed: '4.17.21',
      confidence: 'high',
      status: 'affected',
    });
  });

  it('does not flag the fixed version', () => {
    expect(matchSbom(sbomOf(npm('4.17.21')), { advisories: osv })).toEqual([]);
  });

  it('matches a Debian binary package through its source package, per release', () => {
    const [m] = matchSbom(sbomOf(dpkg('2.36-9+deb12u1')), { advisories: osv, kev });
    expect(m).toMatchObject({
      vulnerability: 'DSA-5514-1',
      matchedOn: expect.stringContaining('source package glibc'),
      ecosystem: 'Debian:12',
      fixed: '2.36-9+deb12u3',
      confidence: 'high',
      knownExploited: true,
    });
    expect(matchSbom(sbomOf(dpkg('2.36-9+deb12u3')), { advisories: osv })).toEqual([]);
  });

  it('this machine’s own glibc is past the DSA-5514-1 fix and is not flagged', async () => {
    const components = readDpkgStatus(await readFile('/var/lib/dpkg/status', 'utf8'));
    const bom = sbomOf({ source: 'dpkg', components });
    expect(
      matchSbom(bom, { advisories: osv }).filter((m) => m.vulnerability === 'DSA-5514-1'),
    ).toEqual([]);
  });

  it('CVE JSON 5: matches an upstream glibc by name (low confidence) and leaves Debian packages to Debian', () => {
    const yocto: IngestResult = {
      source: 'yocto',
      components: [
        {
          name: 'glibc',
          version: '2.37',
          type: 'library',
          licenses: [],
          dependsOn: [],
          topLevel: false,
        },
      ],
    };
    const [m] = matchSbom(sbomOf(yocto), { advisories: cve, kev });
    expect(m).toMatchObject({
      vulnerability: 'CVE-2023-4911',
      identifier: 'name',
      range: 'ECOSYSTEM >=2.34 <2.39',
      confidence: 'low',
      knownExploited: true,
    });
    expect(matchSbom(sbomOf(dpkg('2.36-9+deb12u1')), { advisories: cve })).toEqual([]);
    expect(
      matchSbom(sbomOf(dpkg('2.36-9+deb12u1')), { advisories: cve, nameMatching: 'all' }),
    ).toHaveLength(1);
  });

  it('GIT ranges are reported as needing a commit graph, never dropped', () => {
    const app: IngestResult = {
      source: 'npm',
      components: readNpmLock({
        lockfileVersion: 3,
        packages: { 'node_modules/sensor-sdk': { version: '1.0.0' } },
      }),
    };
    const [m] = matchSbom(sbomOf(app), { advisories: osv });
    expect(m).toMatchObject({ vulnerability: 'CRA-KIT-TEST-GIT-1', status: 'needs-commit-graph' });
  });

  it('rejects malformed advisory data with a typed error', () => {
    expect(() =>
      fromCveRecord({ dataType: 'CVE_RECORD', cveMetadata: { cveId: 'CVE-1' } }),
    ).toThrowWithCode(SbomError, 'SBOM_ADVISORY_INVALID');
    expect(() => readKev({ vulns: [] })).toThrowWithCode(SbomError, 'SBOM_ADVISORY_INVALID');
  });
});

describe('VEX', () => {
  const sbom = sbomOf(npm('4.17.20'), dpkg('2.36-9+deb12u1'));
  const matches = matchSbom(sbom, { advisories: osv, kev });

  it('untriaged matches block the release; exports are schema-valid CycloneDX VEX with BOM-Links', async () => {
    const analysed = applyVex(matches, []);
    expect(releaseBlockers(analysed)).toHaveLength(2);
    expect(releaseBlockers(analysed, { onlyKnownExploited: true }).map((m) => m.vulnerability)).toEqual(['DSA-5514-1']);
    const vex = toCycloneDxVex(sbom, analysed, opts);
    expect(await schemaViolations(serializeBom(vex))).toEqual([]);
    expect(await hyperjumpValid(JSON.parse(serializeBom(vex)))).toBe(true);
    expect(vex.vulnerabilities![0]!.affects![0]!.ref).toMatch(/^urn:cdx:[0-9a-f-]{36}\/1#pkg%3A/);
  });

  it('a not_affected statement suppresses the later match, read back from CycloneDX VEX and from OpenVEX', () => {
    const triaged = applyVex(matches, [{ vulnerability: 'CVE-2021-23337', aliases: [], component: 'pkg:npm/lodash@4.17.20', state: 'not_affected', justification: 'code_not_reachable', response: [], detail: 'the firmware never calls _.template' }]);
    const vex = toCycloneDxVex(sbom, triaged, opts);
    const back = fromCycloneDxVex(parseBom(serializeBom(vex)));
    const rescanned = applyVex(matchSbom(sbom, { advisories: osv, kev }), back);
    expect(rescanned.find((m) => m.vulnerability === 'GHSA-35jh-r3h4-6jhm')).toMatchObject({ blocking: false, statement: { state: 'not_affected' } });
    expect(releaseBlockers(rescanned).map((m) => m.vulnerability)).toEqual(['DSA-5514-1']);

    const open = toOpenVex(triaged, { id: 'urn:uuid:00000000-0000-4000-8000-000000000000', author: 'ACME PSIRT', productIds: new Map(), ...opts });
    expect(open.statements.find((s) => (s.vulnerability as { name: string }).name === 'GHSA-35jh-r3h4-6jhm')).toMatchObject({ status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' });
    const fromOpen = applyVex(matches, fromOpenVex(JSON.parse(JSON.stringify(open))));
    expect(fromOpen.find((m) => m.vulnerability === 'GHSA-35jh-r3h4-6jhm')?.blocking).toBe(false);
  });

  it('rejects a malformed VEX document', () => {
    expect(() => fromOpenVex({ '@context': 'https://example.org', statements: [] })).toThrowWithCode(SbomError, 'SBOM_VEX_INVALID');
  });
}); // prettier-ignore

describe('OSV zip archives', () => {
  it('reads records from a zip written by Python’s zipfile (deflated), like OSV’s all.zip', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdtemp } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'osv-zip-'));
    const zip = join(dir, 'all.zip');
    const script =
      'import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:\n    for f in sys.argv[2:]: z.write(f, f.rsplit("/", 1)[-1])';
    execFileSync('/usr/bin/python3', [
      '-c',
      script,
      zip,
      `${fixtures}osv/GHSA-35jh-r3h4-6jhm.json`,
      `${fixtures}osv/DSA-5514-1.json`,
    ]);
    const records = await readOsvDirectory(zip);
    expect(records.map((r) => r.id).sort()).toEqual(['DSA-5514-1', 'GHSA-35jh-r3h4-6jhm']);
  });

  it('refuses a zip bomb and garbage with typed errors', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'osv-bomb-'));
    const bomb = join(dir, 'bomb.zip');
    execFileSync('/usr/bin/python3', [
      '-c',
      'import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:\n    z.writestr("x.json", b"[" + b" " * (20 * 1024 * 1024) + b"]")',
      bomb,
    ]);
    await expect(readOsvDirectory(bomb)).rejects.toBeErrorWithCode(SbomError, 'SBOM_TOO_LARGE');
    const junk = join(dir, 'junk.zip');
    await writeFile(junk, 'not a zip at all');
    await expect(readOsvDirectory(junk)).rejects.toBeErrorWithCode(
      SbomError,
      'SBOM_ADVISORY_INVALID',
    );
  });
});
