import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  dep5Licenses,
  formatPurl,
  hashFile,
  parseInputSpec,
  parsePurl,
  readApkInstalled,
  readBuildrootManifest,
  readComponentsFile,
  readDpkgStatus,
  readInput,
  readPnpmLock,
  readSpdx2,
  readYoctoManifest,
  SbomError,
} from '@cra-kit/sbom';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

describe('ingest readers', () => {
  it('dpkg status: only fully installed packages, dependencies from Pre-Depends and Depends', () => {
    const status = [
      'Package: a\nStatus: install ok installed\nVersion: 1:2.0-1\nPre-Depends: c\nDepends: b (>= 1), d | e\n',
      'Package: b\nStatus: install ok half-installed\nVersion: 1.0\n',
      'Package: c\nStatus: deinstall ok config-files\nVersion: 1.0\n',
      'Package: d\nStatus: install ok unpacked\nVersion: 1.0\n',
    ].join('\n');
    const components = readDpkgStatus(status);
    expect(components.map((c) => c.name)).toEqual(['a']);
    expect(components[0]).toMatchObject({
      purl: 'pkg:deb/debian/a@1:2.0-1',
      dependsOn: ['c', 'b', 'd', 'e'],
    });
  });

  it('apk installed database', () => {
    const db =
      'C:Q1abc=\nP:musl\nV:1.2.5-r0\nA:x86_64\nT:the musl c library\nU:https://musl.libc.org/\nL:MIT\no:musl\nm:Natanael Copa <ncopa@alpinelinux.org>\n\nP:busybox\nV:1.36.1-r29\nA:x86_64\nL:GPL-2.0-only\nD:so:libc.musl-x86_64.so.1 musl>=1.2\n';
    const [musl, busybox] = readApkInstalled(db);
    expect(musl).toMatchObject({
      name: 'musl',
      purl: 'pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64',
      licenses: ['MIT'],
      supplierEmail: 'ncopa@alpinelinux.org',
    });
    expect(busybox?.dependsOn).toEqual(['musl']);
  });

  it('Yocto image manifest', () => {
    expect(
      readYoctoManifest('busybox core2-64 1.36.1\nlibc6 core2-64 2.38+git0+abc\n').map(
        (c) => `${c.name}@${c.version}`,
      ),
    ).toEqual(['busybox@1.36.1', 'libc6@2.38+git0+abc']);
    expect(() => readYoctoManifest('busybox 1.36.1\n')).toThrowWithCode(
      SbomError,
      'SBOM_INPUT_INVALID',
    );
  });

  it('Buildroot legal-info manifest.csv (quoted fields)', () => {
    const csv =
      '"PACKAGE","VERSION","LICENSE","LICENSE FILES","SOURCE ARCHIVE","SOURCE SITE","DEPENDENCIES WITH LICENSES"\n"busybox","1.36.1","GPL-2.0","LICENSE","busybox-1.36.1.tar.bz2","https://www.busybox.net/downloads",""\n"zlib","1.3.1","Zlib","LICENSE","zlib-1.3.1.tar.xz","https://www.zlib.net",""\n';
    const [busybox] = readBuildrootManifest(csv);
    expect(busybox).toMatchObject({
      name: 'busybox',
      version: '1.36.1',
      licenses: ['GPL-2.0'],
      sourceUrl: 'https://www.busybox.net/downloads/busybox-1.36.1.tar.bz2',
    });
    expect(() => readBuildrootManifest('"NAME"\n"x"\n')).toThrowWithCode(
      SbomError,
      'SBOM_INPUT_INVALID',
    );
  });

  it('pnpm-lock.yaml v9 with integrity hashes and snapshots', () => {
    const lock = parseYaml(`lockfileVersion: '9.0'
importers:
  .:
    dependencies:
      mqtt: { specifier: 5.10.1, version: 5.10.1 }
packages:
  mqtt@5.10.1:
    resolution: { integrity: sha512-${Buffer.alloc(64, 7).toString('base64')} }
  '@types/ws@8.5.12':
    resolution: { integrity: sha512-${Buffer.alloc(64, 9).toString('base64')} }
snapshots:
  mqtt@5.10.1:
    dependencies:
      '@types/ws': 8.5.12
  '@types/ws@8.5.12': {}
`);
    const [mqtt, ws] = readPnpmLock(lock);
    expect(mqtt).toMatchObject({
      purl: 'pkg:npm/mqtt@5.10.1',
      topLevel: true,
      dependsOn: ['@types/ws'],
      sha512: '07'.repeat(64),
    });
    expect(ws).toMatchObject({ purl: 'pkg:npm/%40types/ws@8.5.12', topLevel: false });
    expect(() => readPnpmLock({ lockfileVersion: '6.0' })).toThrowWithCode(
      SbomError,
      'SBOM_INPUT_INVALID',
    );
  });

  it('SPDX 2.2 JSON as Yocto create-spdx writes it', () => {
    const doc = {
      spdxVersion: 'SPDX-2.2', SPDXID: 'SPDXRef-DOCUMENT', name: 'core-image-minimal',
      packages: [
        { SPDXID: 'SPDXRef-Package-busybox', name: 'busybox', versionInfo: '1.36.1', supplier: 'Organization: OpenEmbedded ()', downloadLocation: 'https://busybox.net/downloads/busybox-1.36.1.tar.bz2', licenseDeclared: 'GPL-2.0-only', licenseConcluded: 'NOASSERTION',
          externalRefs: [{ referenceCategory: 'SECURITY', referenceType: 'cpe23Type', referenceLocator: 'cpe:2.3:*:busybox:busybox:1.36.1:*:*:*:*:*:*:*' }],
          checksums: [{ algorithm: 'SHA256', checksumValue: 'B'.repeat(64) }] },
        { SPDXID: 'SPDXRef-Package-glibc', name: 'glibc', versionInfo: '2.39+git0+abc', supplier: 'NOASSERTION', licenseDeclared: 'GPL-2.0-only AND LGPL-2.1-or-later' },
      ],
      relationships: [{ spdxElementId: 'SPDXRef-Package-busybox', relationshipType: 'DEPENDS_ON', relatedSpdxElement: 'SPDXRef-Package-glibc' }],
    };
    const [busybox, glibc] = readSpdx2(doc);
    expect(busybox).toMatchObject({ name: 'busybox', supplier: 'OpenEmbedded', cpe: expect.stringContaining('busybox:busybox'), licenses: ['GPL-2.0-only'], sha256: 'b'.repeat(64), sourceUrl: expect.stringContaining('busybox-1.36.1'), dependsOn: ['glibc'] });
    expect(busybox?.concludedLicense).toBeUndefined();
    expect(glibc?.supplier).toBeUndefined();
    expect(() => readSpdx2({ spdxVersion: 'SPDX-3.0' })).toThrowWithCode(SbomError, 'SBOM_INPUT_INVALID');
  }); // prettier-ignore

  it('components.yaml is validated with every problem reported', () => {
    expect(() => readComponentsFile({ components: [{ name: '', sha512: 'xyz' }] })).toThrowWithCode(
      SbomError,
      'SBOM_INPUT_INVALID',
    );
  });

  it('unknown input kinds and unreadable inputs are typed errors', async () => {
    expect(() => parseInputSpec('rpmdb:/var/lib/rpm')).toThrowWithCode(
      SbomError,
      'SBOM_INPUT_KIND_UNKNOWN',
    );
    await expect(readInput('npm-lock', '/nonexistent/package-lock.json')).rejects.toBeErrorWithCode(
      SbomError,
      'SBOM_INPUT_INVALID',
    );
  });
});

describe('licences from Debian copyright files', () => {
  it('reads DEP-5 License fields, ignores free-text files', () => {
    const dep5 =
      'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\nUpstream-Name: x\n\nFiles: *\nCopyright: 2020 A\nLicense: Apache-2.0\n\nFiles: debian/*\nLicense: GPL-2+\n This program is free software\n\nLicense: Apache-2.0\n full text\n';
    expect(dep5Licenses(dep5)).toEqual(['Apache-2.0', 'GPL-2+']);
    expect(dep5Licenses('This package was debianized by someone.\nLicense: MIT\n')).toEqual([]);
  });

  it('fills declared licences for this machine’s packages from /usr/share/doc', async () => {
    const { components } = await readInput('dpkg-status', '/var/lib/dpkg/status');
    const openssl = components.find((c) => c.name === 'openssl');
    expect(openssl?.licenses.length).toBeGreaterThan(0);
    expect(components.filter((c) => c.licenses.length > 0).length).toBeGreaterThan(
      components.length / 2,
    );
  });
});

describe('deployable files', () => {
  it('hashes agree with sha256sum/sha512sum and the kind is read from the bytes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sbom-files-'));
    const gz = join(dir, 'rootfs.tar.gz');
    await writeFile(gz, gzipSync(new Uint8Array(3_000_000).fill(65)));
    const file = await hashFile(gz);
    expect(file.sha256).toBe(execFileSync('sha256sum', [gz], { encoding: 'utf8' }).split(' ')[0]);
    expect(file.sha512).toBe(execFileSync('sha512sum', [gz], { encoding: 'utf8' }).split(' ')[0]);
    expect(file.kind).toMatchObject({ archive: true, executable: false, format: 'gzip' });
    expect((await hashFile(process.execPath)).kind).toMatchObject({
      executable: true,
      format: 'elf',
    });
    const script = join(dir, 'start.sh');
    await writeFile(script, '#!/bin/sh\necho hi\n');
    expect((await hashFile(script)).kind.format).toBe('script');
  });
});

describe('package URLs', () => {
  it('round-trip and percent-encode', () => {
    const p = { type: 'npm', namespace: '@acme', name: 'sensor sdk', version: '1.0.0', qualifiers: { arch: 'arm64' } };
    expect(formatPurl(p)).toBe('pkg:npm/%40acme/sensor%20sdk@1.0.0?arch=arm64');
    expect(parsePurl(formatPurl(p))).toEqual(p);
  });
  it('refuse injection attempts', () => {
    for (const bad of ['pkg:npm/a b@1', 'pkg:npm/a\n@1', 'pkg:npm/%E0%A4%A@1', 'pkg:/x', 'javascript:alert(1)', `pkg:npm/${'a'.repeat(5000)}`]) {
      expect(() => parsePurl(bad)).toThrowWithCode(SbomError, 'SBOM_INPUT_INVALID');
    }
  });
}); // prettier-ignore
