import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitepress';

// The reference pages include fragments that scripts/generate.mjs writes from @cra-kit/core.
// VitePress silently drops an include whose file is missing, so refuse to start without them.
const GENERATED = [
  'product-profile.md',
  'annex-entries.md',
  'requirements.md',
  'core-error-codes.md',
  'cli-error-codes.md',
];
const missing = GENERATED.filter(
  (file) => !existsSync(fileURLToPath(new URL(`../generated/${file}`, import.meta.url))),
);
if (missing.length > 0) {
  throw new Error(
    `docs/generated/ lacks ${missing.join(', ')}: run \`node scripts/generate.mjs\` (or \`pnpm build\`) in docs/ first`,
  );
}

const PACKAGES = [
  'core',
  'identity',
  'ota-signing',
  'sbom',
  'vuln-intake',
  'docs-generator',
  'support-period',
  'cli',
  'testing',
];

/** A page link, usable both in the nav and in the sidebar. */
type Link = { text: string; link: string };

const guide: Link[] = [
  { text: 'Getting started', link: '/guide/getting-started' },
  { text: 'Product profile guide', link: '/guide/product-profile' },
];
const reference: Link[] = [
  { text: 'Product profile reference', link: '/reference/product-profile' },
  { text: 'CRA requirement catalogue', link: '/reference/requirements' },
  { text: 'CLI', link: '/reference/cli' },
];
const deployment: Link[] = [
  { text: 'Architecture', link: '/examples/architecture' },
  { text: 'Device cloud', link: '/examples/device-cloud' },
  { text: 'Device agent', link: '/examples/device-agent' },
  { text: 'Enrollment flow', link: '/examples/enrollment-flow' },
  { text: 'Update flow', link: '/examples/update-flow' },
  { text: 'Vulnerability report flow', link: '/examples/vulnerability-flow' },
  { text: 'Operator web UI', link: '/examples/web-ui' },
  { text: 'Scaling out (PostgreSQL, several instances)', link: '/examples/scale-out' },
  { text: 'External MQTT broker', link: '/examples/external-broker' },
];
const packages: Link[] = PACKAGES.map((name) => ({
  text: `@cra-kit/${name}`,
  link: `/packages/${name}`,
}));

// eslint-disable-next-line no-restricted-syntax -- VitePress loads its config from the default export.
export default defineConfig({
  title: 'cra-kit',
  description:
    'TypeScript SDK that helps IoT device makers meet the EU Cyber Resilience Act (Regulation (EU) 2024/2847)',
  lang: 'en',
  cleanUrls: true,
  lastUpdated: false,
  // Generated fragments are included into pages, never pages of their own.
  srcExclude: ['generated/**', 'generated.tmp/**', 'README.md'],
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/guide/getting-started', activeMatch: '^/guide/' },
      { text: 'Reference', items: reference, activeMatch: '^/reference/' },
      { text: 'Reference deployment', items: deployment, activeMatch: '^/examples/' },
      { text: 'Packages', items: packages, activeMatch: '^/packages/' },
    ],
    sidebar: [
      { text: 'Guide', items: guide },
      { text: 'Reference', items: reference },
      { text: 'Reference deployment', items: deployment },
      { text: 'Packages', items: packages },
    ],
    // Built into the site at build time; no external search service.
    search: { provider: 'local' },
    outline: { level: [2, 3] },
    socialLinks: [{ icon: 'github', link: 'https://github.com/cra-kit/cra-kit' }],
    footer: {
      message:
        'Apache-2.0. cra-kit paraphrases Regulation (EU) 2024/2847 and cites it by article; it is not legal advice.',
    },
  },
});
