import type { Operator, Role } from '../context.js';
import { html, type SafeHtml } from './html.js';

/** A page of the UI and the roles that may open it (admin always may), as the API has them. */
export interface PageSpec {
  readonly path: string;
  readonly title: string;
  readonly roles: readonly Role[];
}

const READ_ALL: Role[] = ['release-manager', 'security-officer', 'auditor'];
const SECURITY_READ: Role[] = ['security-officer', 'auditor'];

/** The navigation; each entry's roles are those of the API routes the page reads. */
export const PAGES = {
  fleet: { path: '/ui/fleet', title: 'Fleet', roles: READ_ALL },
  releases: { path: '/ui/releases', title: 'Releases & rollouts', roles: READ_ALL },
  cases: { path: '/ui/cases', title: 'Vulnerability cases', roles: SECURITY_READ },
  advisories: { path: '/ui/advisories', title: 'Advisories', roles: SECURITY_READ },
  gaps: { path: '/ui/gaps', title: 'Gap analysis', roles: READ_ALL },
  operators: { path: '/ui/operators', title: 'Operators', roles: [] },
} as const satisfies Record<string, PageSpec>;

/** Whether `operator` holds one of `roles` (admin holds all), the API's own rule. */
export const mayUse = (operator: Operator, roles: readonly Role[]): boolean =>
  operator.roles.includes('admin') || operator.roles.some((r) => roles.includes(r));

/** The signed-in part of a page: who, and the token its forms carry. */
export interface Viewer {
  readonly operator: Operator;
  readonly csrfToken: string;
}

/** A hidden field with the session's synchronizer token, for every state-changing form. */
export const csrfField = (viewer: Viewer): SafeHtml =>
  html`<input type="hidden" name="csrf" value="${viewer.csrfToken}" />`;

/** The whole document: one stylesheet, one script, no inline code. */
export function layout(title: string, body: SafeHtml, viewer?: Viewer, options: { current?: string; refreshSeconds?: number } = {}): string {
  const nav = viewer === undefined ? html`` : html`<nav>${Object.values(PAGES).filter((p) => mayUse(viewer.operator, p.roles)).map((p) => html`<a href="${p.path}"${options.current === p.path ? html` aria-current="page"` : ''}>${p.title}</a> `)}</nav>
<div class="who"><span>${viewer.operator.name} (${viewer.operator.roles.join(', ')})</span><form method="post" action="/ui/logout">${csrfField(viewer)}<button class="secondary" type="submit">Log out</button></form></div>`;
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · cra-kit device cloud</title>
<link rel="stylesheet" href="/ui/assets/app.css"><script src="/ui/assets/app.js" defer></script></head>
<body><header><strong>cra-kit cloud</strong>${nav}</header>
<main${options.refreshSeconds === undefined ? '' : html` data-refresh-seconds="${options.refreshSeconds}"`}><h1>${title}</h1>
${body}</main></body></html>`.value;
} // prettier-ignore

/** An error page (the status is on the reply). */
export const errorPage = (status: number, code: string, message: string, viewer?: Viewer): string =>
  layout(
    status === 403 ? 'Not allowed' : status === 404 ? 'Not found' : 'Something went wrong',
    html`<p class="error"><strong>${code}</strong>: ${message}</p>
      <p><a href="/ui/">Back to the overview</a></p>`,
    viewer,
  );
