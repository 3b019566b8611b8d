import type { FleetSummary } from '@cra-kit/support-period';
import type { GapReport } from '@cra-kit/docs-generator';
import type { Obligation } from '@cra-kit/vuln-intake';
import type { DeviceRecord, Role } from '../context.js';
import { html, table, type SafeHtml } from './html.js';
import { csrfField, mayUse, type Viewer } from './layout.js';

/** The API's views the pages read (JSON from the operator API, in-process). */
export interface ReleaseView {
  id: string;
  targetName: string;
  version: string;
  releaseType: string;
  hardwareIds: string[];
  createdAt: string;
}
export interface GroupView {
  name: string;
  started: boolean;
  successThreshold: number;
  errorThreshold: number;
  counts: Record<string, number> & { total: number };
}
export interface RolloutView {
  id: string;
  releaseId: string;
  state: string;
  currentGroup: number;
  pausedReason?: string;
  createdAt: string;
  updatedAt: string;
  release?: ReleaseView;
  groups: GroupView[];
}
export interface CaseSummary {
  id: string;
  title: string;
  state: string;
  receivedAt: string;
  activelyExploited: boolean;
  severeIncident: boolean;
}
export interface CaseView {
  id: string;
  title: string;
  state: string;
  receivedAt: string;
  activelyExploited?: { awareAt: string; evidence: string };
  obligations: Obligation[];
}
export interface OperatorView {
  id: string;
  name: string;
  roles: Role[];
  createdAt: string;
}

const can = (viewer: Viewer, ...roles: Role[]) => mayUse(viewer.operator, roles);
const when = (iso: string | undefined) =>
  iso === undefined
    ? ''
    : html`<time datetime="${iso}">${iso.replace('T', ' ').slice(0, 16)} UTC</time>`;
const percent = (n: number, total: number) => (total === 0 ? 0 : Math.round((n / total) * 100));

export const loginPage = (error: string | undefined, csrf: string): SafeHtml => html`<form class="card login" method="post" action="/ui/login">
${error === undefined ? '' : html`<p class="error" role="alert">${error}</p>`}
<input type="hidden" name="csrf" value="${csrf}">
<label for="name">Operator name</label><input id="name" name="name" autocomplete="username" required maxlength="64">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required maxlength="256">
<p><button type="submit">Log in</button></p></form>`; // prettier-ignore

export function homePage(
  viewer: Viewer,
  links: readonly { path: string; title: string }[],
): SafeHtml {
  return html`<p>Signed in as <strong>${viewer.operator.name}</strong>. Pages your roles open:</p>
    <ul>
      ${links.map((l) => html`<li><a href="${l.path}">${l.title}</a></li>`)}
    </ul>`;
}

export function fleetPage(devices: readonly DeviceRecord[], next: string | undefined, fleet: FleetSummary | undefined): SafeHtml {
  const flags = (id: string) => fleet === undefined ? '' : fleet.outOfSupport.includes(id) ? html`<span class="badge bad">support ended</span>` : fleet.behindSecurity.includes(id) ? html`<span class="badge bad">security update pending</span>` : fleet.endingWithinWindow.includes(id) ? html`<span class="badge">support ending soon</span>` : html`<span class="badge ok">supported</span>`;
  const summary = fleet === undefined ? html`<p class="muted">Support status needs the compliance module.</p>` : html`<p class="card" id="fleet-summary">${fleet.devices} devices · ${fleet.supported} supported · ${fleet.endingSoon} ending soon · ${fleet.ended} out of support · ${fleet.securityUpdatePending} behind a security update · ${fleet.firmwareUnknown} firmware unknown</p>`;
  return html`${summary}${table(['Device', 'Hardware', 'Firmware', 'Group', 'Status', 'Support', 'Last seen'], devices.map((d) => [html`<code>${d.id}</code>`, d.hardwareId ?? '—', d.firmwareVersion ?? 'unknown', d.group ?? '—', d.status, d.status === 'active' ? flags(d.id) : '', when(d.lastSeenAt)]), 'No devices enrolled yet.')}
${next === undefined ? '' : html`<p><a href="/ui/fleet?after=${next}">Next page</a></p>`}`;
} // prettier-ignore

export function releasesPage(viewer: Viewer, releases: readonly ReleaseView[], rollouts: readonly RolloutView[]): SafeHtml {
  const starter = (r: ReleaseView) => can(viewer, 'release-manager') ? html`<form class="inline" method="post" action="/ui/releases/${r.id}/rollouts">${csrfField(viewer)}
<label class="inline" for="canary-${r.id}">Canary group</label><input id="canary-${r.id}" name="canaryGroup" placeholder="e.g. canary" maxlength="64">
<label class="inline" for="err-${r.id}">Error threshold %</label><input id="err-${r.id}" name="errorThresholdPercent" type="number" min="1" max="100" value="20">
<button type="submit">Start rollout</button></form>` : '';
  const byId = new Map(releases.map((r) => [r.id, r]));
  return html`<h2>Releases</h2>${table(['Version', 'Type', 'Target', 'Hardware', 'Created', ''], releases.map((r) => [r.version, html`<span class="badge${r.releaseType === 'security' ? ' bad' : ''}">${r.releaseType}</span>`, html`<code>${r.targetName}</code>`, r.hardwareIds.join(', '), when(r.createdAt), starter(r)]), 'No releases yet.')}
<h2>Rollouts</h2>${table(['Rollout', 'Release', 'State', 'Updated'], rollouts.map((ro) => [html`<a href="/ui/rollouts/${ro.id}">${ro.id}</a>`, byId.get(ro.releaseId)?.version ?? ro.releaseId, html`<span class="badge" data-state="${ro.state}">${ro.state}</span>`, when(ro.updatedAt)]), 'No rollouts yet.')}`;
} // prettier-ignore

export function rolloutPage(viewer: Viewer, ro: RolloutView): SafeHtml {
  const action = (verb: string, label: string, style = '') => html`<form class="inline" method="post" action="/ui/rollouts/${ro.id}/${verb}">${csrfField(viewer)}<button type="submit"${style === '' ? '' : html` class="${style}"`}>${label}</button></form> `;
  const controls = !can(viewer, 'release-manager') ? '' : html`<div class="card">${ro.state === 'running' ? action('pause', 'Pause', 'secondary') : ''}${ro.state === 'paused' ? action('resume', 'Resume') : ''}${ro.state === 'running' || ro.state === 'paused' ? action('abort', 'Abort', 'danger') : ''}</div>`;
  const groups = table(['Group', 'Started', 'Committed', 'In progress', 'Notified', 'Failed', 'Declined / postponed', 'Progress'], ro.groups.map((g) => [
    g.name, g.started ? 'yes' : 'not yet', html`<span data-group="${g.name}" data-count="committed">${g.counts.committed ?? 0}</span> / ${g.counts.total}`,
    html`<span data-group="${g.name}" data-count="in-progress">${g.counts['in-progress'] ?? 0}</span>`, g.counts.notified ?? 0, g.counts.failed ?? 0, (g.counts.declined ?? 0) + (g.counts.postponed ?? 0),
    html`<progress max="100" value="${percent(g.counts.committed ?? 0, g.counts.total)}">${percent(g.counts.committed ?? 0, g.counts.total)} %</progress> ${percent(g.counts.committed ?? 0, g.counts.total)} %`,
  ]));
  return html`<p>Release <strong>${ro.release?.version ?? ro.releaseId}</strong> (${ro.release?.releaseType ?? ''}) · state <span class="badge" id="rollout-state">${ro.state}</span>${ro.pausedReason === undefined ? '' : html` · <span class="muted">${ro.pausedReason}</span>`}</p>
${controls}<h2>Groups</h2>${groups}<p class="muted">This page refreshes itself while the rollout runs.</p>`;
} // prettier-ignore

export function casesPage(cases: readonly CaseSummary[], obligations: readonly Obligation[]): SafeHtml {
  return html`<h2>Open Art. 14 obligations</h2>${obligationTable(obligations, true)}
<h2>Cases</h2>${table(['Case', 'Title', 'State', 'Received', 'Flags'], cases.map((k) => [html`<a href="/ui/cases/${k.id}">${k.id}</a>`, k.title, k.state, when(k.receivedAt), html`${k.activelyExploited ? html`<span class="badge bad">actively exploited</span>` : ''}${k.severeIncident ? html` <span class="badge bad">severe incident</span>` : ''}`]), 'No cases yet.')}`;
} // prettier-ignore

function obligationTable(obligations: readonly Obligation[], withCase: boolean): SafeHtml {
  return table([...(withCase ? ['Case'] : []), 'Report', 'Legal basis', 'Due (UTC)', 'Time left', 'Status'], obligations.map((o) => [
    ...(withCase ? [html`<a href="/ui/cases/${o.caseId}">${o.caseId}</a>`] : []),
    html`<span title="${o.summary}">${o.stage}</span>`, o.citation, when(o.dueAt),
    o.status === 'waiting' ? 'clock not started' : o.dueAt === undefined || o.status === 'done' ? '—' : html`<time class="countdown" data-stage="${o.stage}" datetime="${o.dueAt}">due ${o.dueAt}</time>`,
    o.status,
  ]), 'No obligations under Art. 14.');
} // prettier-ignore

export function casePage(viewer: Viewer, kase: CaseView): SafeHtml {
  const mark = kase.activelyExploited !== undefined || !can(viewer, 'security-officer') ? '' : html`<form class="card" method="post" action="/ui/cases/${kase.id}/actively-exploited">${csrfField(viewer)}
<label for="evidence">Evidence of active exploitation</label><textarea id="evidence" name="evidence" required maxlength="10000"></textarea>
<p><button class="danger" type="submit">Mark actively exploited</button> <span class="muted">Starts the Art. 14(2) clock now.</span></p></form>`;
  return html`<p><strong>${kase.title}</strong> · state ${kase.state} · received ${when(kase.receivedAt)}</p>
${kase.activelyExploited === undefined ? '' : html`<p class="card"><span class="badge bad">actively exploited</span> since ${when(kase.activelyExploited.awareAt)}: ${kase.activelyExploited.evidence}</p>`}
<h2>Art. 14 obligations</h2>${obligationTable(kase.obligations, false)}${mark}`;
} // prettier-ignore

export function advisoriesPage(paths: readonly string[]): SafeHtml {
  return table(['Advisory (CSAF 2.0)', 'Document'], paths.map((p) => [p.replace(/^.*\//, '').replace(/\.json$/, ''), html`<a href="/.well-known/csaf/white/${p}">${p}</a>`]), 'No advisories published yet.');
} // prettier-ignore

export function gapsPage(gaps: GapReport): SafeHtml {
  return html`<p>${gaps.product.name} (${gaps.product.model}) · ${Object.entries(gaps.summary).map(([k, v]) => `${k}: ${v}`).join(' · ')}</p>
${table(['Requirement', 'Citation', 'Status', 'Missing', 'Next step'], gaps.requirements.map((r) => [html`${r.title} <code>${r.id}</code>`, r.citation, html`<span class="${r.status === 'not-met' ? 'bad' : r.status === 'met' ? 'ok' : ''}">${r.status}</span>`, r.missing.join('; '), r.nextStep ?? '']))}`;
} // prettier-ignore

export function operatorsPage(viewer: Viewer, operators: readonly OperatorView[]): SafeHtml {
  return html`<p class="muted">Passwords are stored as scrypt hashes; setting one ends the operator's web sessions. API tokens keep working.</p>
${table(['Operator', 'Roles', 'Created', 'Set a password'], operators.map((o) => [o.name, o.roles.join(', '), when(o.createdAt), html`<form class="inline" method="post" action="/ui/operators/${o.id}/password">${csrfField(viewer)}<input name="password" type="password" autocomplete="new-password" minlength="12" maxlength="256" required aria-label="New password for ${o.name}"> <button type="submit">Set</button></form>`]))}`;
} // prettier-ignore
