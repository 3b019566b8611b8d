import { open, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cra, EXAMPLE_PROFILE, tempDir } from './run.js';

const fixtures = new URL('../../sbom/test/fixtures/advisories/', import.meta.url).pathname;
const lock = (version: string) =>
  JSON.stringify({
    lockfileVersion: 3,
    packages: {
      '': { dependencies: { lodash: version } },
      'node_modules/lodash': {
        version,
        license: 'MIT',
        resolved: `https://registry.npmjs.org/lodash/-/lodash-${version}.tgz`,
      },
    },
  });

describe('cra sbom', () => {
  it('generate: this machine’s dpkg status + the product profile → a schema-valid SBOM; check lists what is missing', async () => {
    const dir = await tempDir();
    const out = join(dir, 'sbom.cdx.json');
    const gen = await cra(['sbom', 'generate', '--from', 'dpkg-status:/var/lib/dpkg/status', '--product', EXAMPLE_PROFILE, '--product-version', '1.0.0', '--out', out, '--json']);
    expect(gen.stderr).toBe('');
    expect(gen.code).toBe(0);
    expect(JSON.parse(gen.stdout)).toMatchObject({ components: expect.any(Number) });
    const bom = JSON.parse(await readFile(out, 'utf8')) as { metadata: { manufacturer: { name: string } } };
    expect(bom.metadata.manufacturer.name).toBe('Acme Sensortechnik GmbH');

    const bsi = await cra(['sbom', 'check', out, '--profile', 'bsi-tr-03183-2@2.1', '--json']);
    expect(bsi.code).toBe(1);
    const result = JSON.parse(bsi.stdout) as { passed: boolean; findings: { rule: string; path: string; inputs?: string[] }[] };
    expect(result.passed).toBe(false);
    expect(result.findings.find((f) => f.rule === 'component.license-declared')).toMatchObject({ path: expect.stringMatching(/^\$\.components\[\d+\]$/), inputs: ['dpkg-status:/var/lib/dpkg/status'] });

    const text = await cra(['sbom', 'check', out, '--profile', 'bsi-tr-03183-2@2.1']);
    expect(text.stdout).toContain('How to complete them:');
    expect((await cra(['sbom', 'check', out, '--profile', 'cra-minimum'])).code).toBe(0);
  });

  it('generate --spdx: an SPDX 3.0 Yocto input → CycloneDX and SPDX 2.3 side by side', async () => {
    const dir = await tempDir();
    const spdxIn = new URL('../../sbom/test/fixtures/spdx/yocto-core-image-minimal.spdx3.json', import.meta.url).pathname;
    const gen = await cra(['sbom', 'generate', '--from', `spdx:${spdxIn}`, '--out', join(dir, 'sbom.cdx.json'), '--spdx', join(dir, 'sbom.spdx.json'), '--json']);
    expect(gen.code).toBe(0);
    expect(JSON.parse(gen.stdout)).toMatchObject({ components: 4, spdx: join(dir, 'sbom.spdx.json') });
    const doc = JSON.parse(await readFile(join(dir, 'sbom.spdx.json'), 'utf8')) as { spdxVersion: string; packages: { name: string }[] };
    expect(doc.spdxVersion).toBe('SPDX-2.3');
    expect(doc.packages.map((p) => p.name)).toContain('busybox');
  });

  it('scan: a vulnerable lodash fails the gate; a not_affected VEX lets it pass; VEX round-trips', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'package-lock.json'), lock('4.17.20'));
    const sbom = join(dir, 'sbom.cdx.json');
    expect((await cra(['sbom', 'generate', '--from', `npm-lock:${join(dir, 'package-lock.json')}`, '--out', sbom])).code).toBe(0);

    const vex = join(dir, 'vex.cdx.json');
    const first = await cra(['sbom', 'scan', sbom, '--osv', `${fixtures}osv`, '--kev', `${fixtures}kev.json`, '--out', vex, '--openvex', join(dir, 'vex.openvex.json'), '--json']);
    expect(first.code).toBe(1);
    expect(JSON.parse(first.stdout)).toMatchObject({ blocking: 1, matches: [{ vulnerability: 'GHSA-35jh-r3h4-6jhm', identifier: 'purl', confidence: 'high' }] });

    // Triage: mark it not affected in the VEX the scan wrote, then scan again with it.
    const doc = JSON.parse(await readFile(vex, 'utf8')) as { vulnerabilities: { analysis: Record<string, unknown> }[] };
    doc.vulnerabilities[0]!.analysis = { state: 'not_affected', justification: 'code_not_reachable', detail: 'template() is never called' };
    await writeFile(vex, JSON.stringify(doc));
    const second = await cra(['sbom', 'scan', sbom, '--osv', `${fixtures}osv`, '--vex', vex]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('[VEX: not_affected]');

    const open = await cra(['sbom', 'scan', sbom, '--osv', `${fixtures}osv`, '--vex', join(dir, 'vex.openvex.json')]);
    expect(open.code).toBe(1); // the OpenVEX from the first scan says under_investigation
  });

  it('diff: upgraded, added and removed components between two releases', async () => {
    const dir = await tempDir();
    const make = async (name: string, lockText: string) => {
      await writeFile(join(dir, `${name}.json`), lockText);
      expect((await cra(['sbom', 'generate', '--from', `npm-lock:${join(dir, `${name}.json`)}`, '--out', join(dir, `${name}.cdx.json`)])).code).toBe(0);
      return join(dir, `${name}.cdx.json`);
    };
    const a = await make('a', lock('4.17.20'));
    const b = await make('b', JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/lodash': { version: '4.17.21' }, 'node_modules/mqtt': { version: '5.10.1' } } }));
    const { code, stdout } = await cra(['sbom', 'diff', a, b, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ added: [{ name: 'mqtt', to: '5.10.1' }], removed: [], changed: [{ name: 'lodash', from: '4.17.20', to: '4.17.21' }] });
  });

  it('a 200 MB SBOM ends in a typed error without being read', async () => {
    const dir = await tempDir();
    const big = join(dir, 'huge.cdx.json');
    const handle = await open(big, 'w');
    await handle.truncate(200 * 1024 * 1024);
    await handle.close();
    const before = process.memoryUsage().rss;
    const { code, stdout } = await cra(['sbom', 'check', big, '--profile', 'ntia-2021', '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ error: { code: 'SBOM_TOO_LARGE' } });
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * 1024 * 1024);
  });

  it('usage errors exit 2; bad input exits 1; every command has an example', async () => {
    expect((await cra(['sbom', 'check', 'x.json'])).code).toBe(2);
    expect((await cra(['sbom', 'generate', '--from', 'rpmdb:/var/lib/rpm', '--out', 'x.json', '--json'])).code).toBe(1);
    for (const sub of ['generate', 'check', 'scan', 'diff']) {
      const help = await cra(['sbom', sub, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('Example:');
      expect(help.stdout).toContain('--json');
    }
  });
}); // prettier-ignore
