import { describe, expect, it } from 'vitest';
import { COMPONENT_KINDS, ComponentSchema, parseWith } from '@cra-kit/core';
import { issuesOf } from '../../test/fixtures/errors.js';

const component = () => ({
  name: 'mbedtls',
  version: '3.6.2',
  kind: 'library',
  supplier: 'Trusted Firmware',
  purl: 'pkg:github/Mbed-TLS/mbedtls@v3.6.2',
  cpe: 'cpe:2.3:a:arm:mbed_tls:3.6.2:*:*:*:*:*:*:*',
  licenses: ['Apache-2.0 OR GPL-2.0-or-later'],
  hashes: { sha256: 'd4'.repeat(32) },
  topLevel: true,
});

describe('ComponentSchema', () => {
  it('accepts a component and defaults licenses and topLevel', () => {
    expect(ComponentSchema.parse(component())).toEqual(component());
    const minimal = { name: 'zlib', version: '1.3.1', kind: 'library' };
    expect(ComponentSchema.parse(minimal)).toEqual({ ...minimal, licenses: [], topLevel: false });
  });

  it('knows the component kinds', () => {
    expect(COMPONENT_KINDS).toContain('operating-system');
    expect(COMPONENT_KINDS).toContain('firmware');
  });

  it.each([
    'pkg:npm/lodash@4.17.21',
    'pkg:npm/%40angular/core@17.0.0',
    'pkg:maven/org.apache.commons/commons-lang3@3.14.0',
    'pkg:generic/openssl@3.0.13?download_url=https://example.org/openssl.tgz',
    'pkg:deb/debian/curl@7.88.1-10?arch=arm64',
  ])('accepts the package URL %s', (purl) => {
    expect(ComponentSchema.safeParse({ ...component(), purl }).success).toBe(true);
  });

  it.each([
    ['no scheme', 'npm/lodash@4.17.21'],
    ['another scheme', 'https://npmjs.com/lodash'],
    ['no name', 'pkg:npm'],
    ['no type', 'pkg:/lodash'],
    ['a space', 'pkg:npm/lo dash@4'],
    ['an upper-case type', 'pkg:NPM/lodash'],
    ['a type that does not start with a letter', 'pkg:-/lodash'],
    ['a type made of punctuation', 'pkg:.+/lodash'],
  ])('refuses a package URL with %s', (_, purl) => {
    expect(
      issuesOf(() => parseWith(ComponentSchema, { ...component(), purl })).map((i) => i.path),
    ).toEqual([['purl']]);
  });

  it.each([
    'cpe:2.2:a:arm:mbed_tls',
    'cpe:/a:arm:mbed_tls:3.6.2',
    'cpe:2.3:x:arm:mbed_tls',
    'cpe:2.3:a:',
  ])('refuses the CPE %s', (cpe) => {
    expect(
      issuesOf(() => parseWith(ComponentSchema, { ...component(), cpe })).map((i) => i.path),
    ).toEqual([['cpe']]);
  });

  it('refuses bad hashes and unknown hash algorithms', () => {
    const bad = { ...component(), hashes: { sha256: 'D4'.repeat(32) } };
    expect(issuesOf(() => parseWith(ComponentSchema, bad)).map((i) => i.path)).toEqual([
      ['hashes', 'sha256'],
    ]);
    const md5 = { ...component(), hashes: { md5: 'd4'.repeat(16) } };
    expect(issuesOf(() => parseWith(ComponentSchema, md5)).map((i) => [i.path, i.code])).toEqual([
      [['hashes'], 'unrecognized_keys'],
    ]);
  });
});
