import { escapeHtml as h, type ProductProfile } from '@cra-kit/core';
import type { GapReport } from '@cra-kit/docs-generator';
import type { CdxComponent } from '@cra-kit/sbom';
import type { FleetSummary } from '@cra-kit/support-period';
import type { Release } from '../updates/model.js';
import type { ReleaseScan } from './release-facts.js';
import type { StoredSbom } from './sbom-store.js';

/** Pages link this stylesheet (the listener's CSP allows same-origin styles only). */
export const PAGE_STYLESHEET = `body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}.bad{color:#a40000;font-weight:600}.ok{color:#1d6b1d;font-weight:600}code{font-size:90%}nav a{margin-right:1rem}`;

const page = (title: string, body: string) => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)}</title><link rel="stylesheet" href="/compliance/style.css"></head>
<body><nav><a href="/compliance">Compliance</a><a href="/compliance/fleet">Fleet</a><a href="/compliance/gaps">Gap analysis</a></nav>
<h1>${h(title)}</h1>
${body}
</body></html>
`;

const table = (head: readonly string[], rows: readonly (readonly string[])[]) =>
  `<table><thead><tr>${head.map((c) => `<th>${h(c)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;

/** The start page: product, releases with their SBOM state, generated documents. */
export function indexPage(profile: ProductProfile, releases: readonly Release[], withSbom: ReadonlySet<string>, documents: readonly string[]): string {
  return page(`${profile.product.name} (${profile.product.model})`, `
<h2>Releases</h2>
${table(['Version', 'Type', 'Target', 'SBOM'], releases.map((r) => [`<a href="/compliance/releases/${encodeURIComponent(r.id)}">${h(r.version)}</a>`, h(r.releaseType), `<code>${h(r.targetName)}</code>`, withSbom.has(r.id) ? '<span class="ok">yes</span>' : '<span class="bad">missing</span>']))}
<h2>Documents</h2>
<ul>${documents.map((d) => `<li><a href="/compliance/documents/${encodeURIComponent(d)}">${h(d)}</a></li>`).join('')}</ul>`);
} // prettier-ignore

/** One release: its SBOM summary, conformance findings and matched vulnerabilities. */
export function releasePage(release: Release, sbom: StoredSbom | undefined, scan: ReleaseScan | undefined, components: readonly CdxComponent[] = []): string {
  const facts = table(['Field', 'Value'], [
    ['Version', h(release.version)], ['Type', h(release.releaseType)], ['Security counter', String(release.securityCounter)],
    ['Hardware', h(release.hardwareIds.join(', '))], ['Image', `<code>${h(release.targetName)}</code> ${release.target.length} bytes`],
    ['SBOM', sbom === undefined ? '<span class="bad">none yet</span>' : `${h(sbom.source)}, ${h(sbom.storedAt)}`],
  ]); // prettier-ignore
  if (scan === undefined) return page(`Release ${release.version}`, facts);
  const c = scan.conformance;
  return page(`Release ${release.version}`, `${facts}
<h2>SBOM conformance (${h(c.profile)})</h2>
<p class="${c.passed ? 'ok' : 'bad'}">${c.passed ? 'passed' : 'failed'}: ${c.summary.errors} errors, ${c.summary.warnings} warnings over ${c.summary.components} components</p>
${table(['Level', 'Rule', 'Clause', 'Component', 'Fix'], c.findings.filter((f) => f.level !== 'info').map((f) => [h(f.level), h(f.rule), h(f.clause), h(f.component ?? ''), h(f.fix)]))}
<h2>Components</h2>
${table(['Name', 'Version', 'Supplier', 'Package URL'], components.slice(0, 1000).map((x) => [h(x.name), h(x.version ?? ''), h(x.supplier?.name ?? ''), `<code>${h(x.purl ?? '')}</code>`]))}
<h2>Known vulnerabilities (${scan.advisoriesConsulted} advisories consulted)</h2>
${table(['Vulnerability', 'Component', 'Status', 'Summary'], scan.vulnerabilities.map((v) => [h(v.vulnerability), h(v.component), h(v.status), h(v.summary ?? '')]))}`);
} // prettier-ignore

/** The fleet's support status (Art. 13(8)) and pending security updates. */
export function fleetPage(summary: FleetSummary): string {
  return page('Fleet support status', `
${table(['Measure', 'Devices'], [['Devices', String(summary.devices)], ['In support', String(summary.supported)], ['Support ending soon', String(summary.endingSoon)], ['Out of support', String(summary.ended)], ['Update available', String(summary.updateAvailable)], ['Security update pending', String(summary.securityUpdatePending)], ['Firmware unknown', String(summary.firmwareUnknown)]])}
<p>Registry lines not understood: ${summary.lineErrors}</p>
<h2>Behind on security updates</h2><ul>${summary.behindSecurity.map((s) => `<li><code>${h(s)}</code></li>`).join('')}</ul>
<h2>Out of support</h2><ul>${summary.outOfSupport.map((s) => `<li><code>${h(s)}</code></li>`).join('')}</ul>`);
} // prettier-ignore

/** The gap analysis over the CRA catalogue. */
export function gapsPage(gaps: GapReport): string {
  return page(`Gap analysis: ${gaps.product.name}`, `
<p>${Object.entries(gaps.summary).map(([k, v]) => `${h(k)}: ${v}`).join(' · ')}</p>
${table(['Requirement', 'Citation', 'Status', 'Missing', 'Next step'], gaps.requirements.map((r) => [`${h(r.title)} <code>${h(r.id)}</code>`, h(r.citation), `<span class="${r.status === 'not-met' ? 'bad' : r.status === 'met' ? 'ok' : ''}">${h(r.status)}</span>`, h(r.missing.join('; ')), h(r.nextStep ?? '')]))}`);
} // prettier-ignore
