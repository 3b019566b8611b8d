import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cra, tempDir } from './run.js';

const advisories = new URL('../../sbom/test/fixtures/advisories/', import.meta.url).pathname;
const errorCode = (stdout: string) =>
  (JSON.parse(stdout) as { error: { code: string } }).error.code;
const bom = (components?: object[]) =>
  JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
    version: 1,
    ...(components ? { components } : {}),
  });

async function fixtures() {
  const dir = await tempDir();
  await writeFile(join(dir, 'empty.cdx.json'), bom());
  await writeFile(
    join(dir, 'glibc.cdx.json'),
    bom([
      { type: 'library', name: 'glibc', version: '2.35', 'bom-ref': 'glibc' },
      { type: 'library', name: 'zlib', version: '1.3' },
    ]),
  );
  await writeFile(
    join(dir, 'old.cdx.json'),
    bom([
      { type: 'library', name: 'a', 'bom-ref': 'a' },
      { type: 'library', name: 'b', version: '1', 'bom-ref': 'b' },
      { type: 'library', name: 'c', version: '1', 'bom-ref': 'c' },
      { type: 'library', name: 'e', 'bom-ref': 'e' },
    ]),
  );
  await writeFile(
    join(dir, 'new.cdx.json'),
    bom([
      { type: 'library', name: 'b', version: '2', 'bom-ref': 'b' },
      { type: 'library', name: 'c', 'bom-ref': 'c' },
      { type: 'library', name: 'd', 'bom-ref': 'd' },
      { type: 'library', name: 'f', version: '1', 'bom-ref': 'f' },
      { type: 'library', name: 'e', version: '3', 'bom-ref': 'e' },
    ]),
  );
  await writeFile(join(dir, 'lock.json'), JSON.stringify({ lockfileVersion: 3, packages: {} }));
  await writeFile(join(dir, 'not.json'), '{ nope');
  return dir;
}

describe('cra sbom: more paths', () => {
  it('generate: an empty input in text mode with --distro shows progress and a summary', async () => {
    const dir = await fixtures();
    const res = await cra(['sbom', 'generate', '--from', 'npm-lock:lock.json', '--distro', 'debian-12', '--complete', '--out', 'out.cdx.json'], dir);
    expect(res.code, res.stdout).toBe(0);
    expect(res.stderr).toContain('validating 0 components');
    expect(res.stdout.startsWith('✓')).toBe(true);
    const json = await cra(['sbom', 'generate', '--from', 'npm-lock:lock.json', '--out', 'out2.cdx.json', '--json'], dir);
    expect(JSON.parse(json.stdout)).toMatchObject({ components: 0 });
  });

  it('check: an unknown profile is a usage error; hand-written components get fixes without inputs', async () => {
    const dir = await fixtures();
    const bad = await cra(['sbom', 'check', 'glibc.cdx.json', '--profile', 'nope', '--json'], dir);
    expect(bad.code).toBe(2);
    expect(errorCode(bad.stdout)).toBe('CLI_USAGE');
    const text = await cra(['sbom', 'check', 'glibc.cdx.json', '--profile', 'bsi-tr-03183-2@2.1'], dir);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('How to complete them:');
    expect(text.stdout).not.toContain('(input:');
  });

  it('scan: option errors exit 2', async () => {
    const dir = await fixtures();
    for (const extra of [['--fail-on', 'all'], ['--name-matching', 'some'], []]) {
      const res = await cra(['sbom', 'scan', 'empty.cdx.json', ...extra, '--json'], dir);
      expect(res.code, extra.join(' ')).toBe(2);
      expect(errorCode(res.stdout)).toBe('CLI_USAGE');
    }
    const notJson = await cra(['sbom', 'scan', 'empty.cdx.json', '--cve', `${advisories}cve`, '--kev', 'not.json', '--json'], dir);
    expect(notJson.code).toBe(2);
    expect(errorCode(notJson.stdout)).toBe('CLI_USAGE');
    const missing = await cra(['sbom', 'scan', 'empty.cdx.json', '--cve', `${advisories}cve`, '--vex', 'missing.json', '--json'], dir);
    expect(missing.code).toBe(1);
    expect(errorCode(missing.stdout)).toBe('CLI_FILE_UNREADABLE');
  });

  it('scan: CVE records by name with KEV in text mode, OpenVEX for components without purl', async () => {
    const dir = await fixtures();
    const none = await cra(['sbom', 'scan', 'empty.cdx.json', '--cve', `${advisories}cve`, '--name-matching', 'none'], dir);
    expect(none.code).toBe(0);
    expect(none.stderr).toContain('matching 0 components');
    const res = await cra(['sbom', 'scan', 'glibc.cdx.json', '--cve', `${advisories}cve`, '--kev', `${advisories}kev.json`, '--name-matching', 'all', '--fail-on', 'kev', '--openvex', 'vex.openvex.json'], dir);
    expect(res.code, res.stdout).toBe(1);
    expect(res.stdout).toMatch(/^ {2}! CVE-2023-4911 \(KEV\) in /m);
    const openvex = JSON.parse(await readFile(join(dir, 'vex.openvex.json'), 'utf8')) as { statements: { products: { '@id': string }[] }[] };
    expect(openvex.statements[0]!.products[0]!['@id']).toMatch(/^urn:cdx:/);
  });

  it('diff: text output lists added, removed and changed, with missing versions', async () => {
    const dir = await fixtures();
    const res = await cra(['sbom', 'diff', 'old.cdx.json', 'new.cdx.json'], dir);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^ {2}\+ d $/m);
    expect(res.stdout).toMatch(/^ {2}\+ f 1$/m);
    expect(res.stdout).toMatch(/^ {2}- a $/m);
    expect(res.stdout).toMatch(/^ {2}~ c 1 → \?$/m);
    expect(res.stdout).toMatch(/^ {2}~ e \? → 3$/m);
  });
}); // prettier-ignore
