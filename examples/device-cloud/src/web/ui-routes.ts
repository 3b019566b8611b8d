import type { FleetSummary } from '@cra-kit/support-period';
import type { GapReport } from '@cra-kit/docs-generator';
import type { Obligation } from '@cra-kit/vuln-intake';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ROLES, type DeviceRecord, type Role } from '../context.js';
import { CloudError } from '../errors.js';
import { errorReplyOf } from '../http/error-reply.js';
import { parseRequest } from '../http/validate.js';
import type { ApiClient } from './api-client.js';
import { APP_CSS, APP_JS } from './assets.js';
import type { WebConfig } from './config.js';
import { type SafeHtml } from './html.js';
import { errorPage, layout, mayUse, PAGES, type PageSpec, type Viewer } from './layout.js';
import * as view from './pages.js';
import {
  acceptFormsOnly,
  cookie,
  cookieOf,
  LOGIN_COOKIE,
  SESSION_COOKIE,
  wantsHtml,
} from './request-parts.js';
import { freshToken, tokensEqual, type Sessions, type SignedIn } from './sessions.js';

/** The UI's Content-Security-Policy: our own script and stylesheet, nothing inline, no framing. */
export const UI_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/);
const IdParams = z.strictObject({ id: Id });
const VerbParams = z.strictObject({ id: Id, verb: z.enum(['pause', 'resume', 'abort']) });
const LoginForm = z.strictObject({
  csrf: z.string().max(100),
  name: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
const CsrfOnly = z.strictObject({ csrf: z.string().max(100) });
const RolloutForm = z.strictObject({
  csrf: z.string().max(100),
  canaryGroup: z
    .string()
    .max(64)
    .regex(/^(?:[A-Za-z0-9][A-Za-z0-9 ._-]{0,63})?$/),
  errorThresholdPercent: z.coerce.number().int().min(1).max(100),
});
const ExploitedForm = z.strictObject({
  csrf: z.string().max(100),
  evidence: z.string().trim().min(1).max(10_000),
});
const PasswordForm = z.strictObject({ csrf: z.string().max(100), password: z.string().max(256) });
const FleetQuery = z.strictObject({ after: z.string().min(1).max(64).optional() });
const LOGIN_TTL_SECONDS = 600;

/** Registers the operator UI under `/ui/` (in its own scope: forms only, HTML errors, the UI CSP). */
export function registerUiRoutes(scope: FastifyInstance, deps: { api: ApiClient; sessions: Sessions; config: WebConfig }): void {
  const { api, sessions, config } = deps;
  acceptFormsOnly(scope);
  scope.addHook('onSend', async (_request, reply, payload) => {
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('text/html')) reply.header('content-security-policy', UI_CSP).header('cache-control', 'no-store');
    return Promise.resolve(payload);
  });
  scope.setErrorHandler((error, request, reply) => {
    const { status, code, message } = errorReplyOf(error);
    if (status >= 500) request.log.error({ err: error }, 'web UI request failed');
    if (!wantsHtml(request)) return reply.code(status).send({ error: { code, message } });
    return reply.code(status).type('text/html; charset=utf-8').send(errorPage(status, code, message));
  });

  const page = (reply: FastifyReply, title: string, body: SafeHtml, viewer: Viewer, current: string, refreshSeconds?: number) =>
    reply.type('text/html; charset=utf-8').send(layout(title, body, viewer, { current, ...(refreshSeconds === undefined ? {} : { refreshSeconds }) }));
  const signedIn = (request: FastifyRequest) => sessions.resolve(cookieOf(request, SESSION_COOKIE));
  const needRoles = (who: SignedIn, roles: readonly Role[]) => {
    if (!mayUse(who.operator, roles)) throw new CloudError('FORBIDDEN', 'your roles do not allow this', { details: { needs: ['admin', ...roles] } });
  };

  /** GET pages: no session → the login page; a session without the roles → 403. */
  const get = (path: string, spec: PageSpec, render: (who: SignedIn, request: FastifyRequest, reply: FastifyReply) => Promise<unknown>) =>
    scope.get(path, async (request, reply) => {
      const who = await signedIn(request);
      if (who === undefined) return reply.code(303).header('location', '/ui/login').send();
      needRoles(who, spec.roles);
      return render(who, request, reply);
    });
  /** POST actions: a session, the session's CSRF token, then the roles; then the API call. */
  const post = <S extends z.ZodType<{ csrf: string }>>(path: string, roles: readonly Role[], form: S, run: (who: SignedIn, body: z.output<S>, request: FastifyRequest) => Promise<string>) =>
    scope.post(path, async (request, reply) => {
      const who = await signedIn(request);
      if (who === undefined) throw new CloudError('AUTH_REQUIRED', 'sign in first');
      const csrf = (request.body as { csrf?: unknown } | undefined)?.csrf;
      if (!tokensEqual(typeof csrf === 'string' ? csrf : undefined, who.csrfToken)) throw new CloudError('FORBIDDEN', 'the form’s CSRF token is missing or wrong; reload the page');
      needRoles(who, roles);
      const location = await run(who, parseRequest(form, request.body, 'form'), request);
      return reply.code(303).header('location', location).send();
    }); // prettier-ignore

  scope.get('/ui/assets/app.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(APP_JS));
  scope.get('/ui/assets/app.css', async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(APP_CSS));
  scope.get('/ui', async (_request, reply) => reply.code(308).header('location', '/ui/').send());

  // Login: a double-submit nonce in a SameSite=Strict cookie guards the form before a session exists.
  const loginForm = (reply: FastifyReply, status: number, error?: string) => {
    const nonce = freshToken();
    return reply.code(status).header('set-cookie', cookie(LOGIN_COOKIE, nonce, LOGIN_TTL_SECONDS)).type('text/html; charset=utf-8').send(layout('Sign in', view.loginPage(error, nonce)));
  };
  scope.get('/ui/login', async (_request, reply) => loginForm(reply, 200));
  scope.post('/ui/login', async (request, reply) => {
    const form = parseRequest(LoginForm, request.body, 'form');
    if (!tokensEqual(cookieOf(request, LOGIN_COOKIE), form.csrf)) return loginForm(reply, 403, 'The sign-in form expired; please try again.');
    try {
      const opened = await sessions.login(form.name, form.password, request.ip);
      if (opened === undefined) return await loginForm(reply, 401, 'Unknown operator or wrong password.');
      return await reply.code(303).header('set-cookie', [cookie(SESSION_COOKIE, opened.id, config.sessionTtlMinutes * 60), cookie(LOGIN_COOKIE, '', 0)]).header('location', '/ui/').send();
    } catch (error) {
      if (error instanceof CloudError && error.code === 'RATE_LIMITED') return loginForm(reply, 429, error.message);
      throw error;
    }
  }); // prettier-ignore
  scope.post('/ui/logout', async (request, reply) => {
    const who = await signedIn(request);
    if (who !== undefined) {
      if (!tokensEqual(parseRequest(CsrfOnly, request.body, 'form').csrf, who.csrfToken)) throw new CloudError('FORBIDDEN', 'the form’s CSRF token is missing or wrong');
      await sessions.logout(who.idHash);
    }
    return reply.code(303).header('set-cookie', cookie(SESSION_COOKIE, '', 0)).header('location', '/ui/login').send();
  });

  get('/ui/', { path: '/ui/', title: 'Overview', roles: ROLES }, async (who, _request, reply) => {
    const links = Object.values(PAGES).filter((p) => mayUse(who.operator, p.roles));
    return page(reply, 'Overview', view.homePage(who, links), who, '/ui/');
  });
  get(PAGES.fleet.path, PAGES.fleet, async (who, request, reply) => {
    const { after } = parseRequest(FleetQuery, request.query, 'query');
    const devices = await api.json<{ devices: DeviceRecord[]; next?: string }>(who.operator, 'GET', `/api/v1/devices?limit=200${after === undefined ? '' : `&after=${encodeURIComponent(after)}`}`);
    const fleet = await api.optional<FleetSummary>(who.operator, '/api/v1/compliance/fleet');
    return page(reply, PAGES.fleet.title, view.fleetPage(devices.devices, devices.next, fleet), who, PAGES.fleet.path);
  }); // prettier-ignore
  get(PAGES.releases.path, PAGES.releases, async (who, _request, reply) => {
    const releases = (await api.optional<{ releases: view.ReleaseView[] }>(who.operator, '/api/v1/releases'))?.releases ?? [];
    const rollouts = (await api.optional<{ rollouts: view.RolloutView[] }>(who.operator, '/api/v1/rollouts'))?.rollouts ?? [];
    return page(reply, PAGES.releases.title, view.releasesPage(who, releases, [...rollouts].reverse()), who, PAGES.releases.path);
  }); // prettier-ignore
  get('/ui/rollouts/:id', PAGES.releases, async (who, request, reply) => {
    const { id } = parseRequest(IdParams, request.params, 'path');
    const rollout = await api.json<view.RolloutView>(who.operator, 'GET', `/api/v1/rollouts/${id}`);
    const live = rollout.state === 'running' || rollout.state === 'paused';
    return page(reply, `Rollout ${rollout.id}`, view.rolloutPage(who, rollout), who, PAGES.releases.path, live ? config.refreshSeconds : undefined);
  }); // prettier-ignore
  get(PAGES.cases.path, PAGES.cases, async (who, _request, reply) => {
    const cases = (await api.json<{ cases: view.CaseSummary[] }>(who.operator, 'GET', '/api/v1/cases')).cases;
    const open = (await api.json<{ obligations: Obligation[] }>(who.operator, 'GET', '/api/v1/obligations')).obligations;
    return page(reply, PAGES.cases.title, view.casesPage(cases, open), who, PAGES.cases.path);
  }); // prettier-ignore
  get('/ui/cases/:id', PAGES.cases, async (who, request, reply) => {
    const { id } = parseRequest(IdParams, request.params, 'path');
    const kase = await api.json<view.CaseView>(who.operator, 'GET', `/api/v1/cases/${id}`);
    return page(reply, `Case ${kase.id}`, view.casePage(who, kase), who, PAGES.cases.path);
  });
  get(PAGES.advisories.path, PAGES.advisories, async (who, _request, reply) => {
    let index = '';
    try {
      index = await api.text(who.operator, '/.well-known/csaf/white/index.txt');
    } catch {
      index = ''; // No advisory published yet (or the vulnerability module is not loaded).
    }
    const paths = index.split('\n').map((l) => l.trim()).filter((l) => /^[0-9]{4}\/[A-Za-z0-9._-]+\.json$/.test(l));
    return page(reply, PAGES.advisories.title, view.advisoriesPage(paths), who, PAGES.advisories.path);
  }); // prettier-ignore
  get(PAGES.gaps.path, PAGES.gaps, async (who, _request, reply) => {
    const gaps = await api.json<GapReport>(who.operator, 'GET', '/api/v1/compliance/gaps');
    return page(reply, PAGES.gaps.title, view.gapsPage(gaps), who, PAGES.gaps.path);
  });
  get(PAGES.operators.path, PAGES.operators, async (who, _request, reply) => {
    const operators = (await api.json<{ operators: view.OperatorView[] }>(who.operator, 'GET', '/api/v1/operators')).operators;
    return page(reply, PAGES.operators.title, view.operatorsPage(who, operators), who, PAGES.operators.path);
  });

  // Actions: each calls the API route that does the work, as the signed-in operator.
  post('/ui/releases/:id/rollouts', ['release-manager'], RolloutForm, async (who, form, request) => {
    const { id } = parseRequest(IdParams, request.params, 'path');
    const threshold = form.errorThresholdPercent / 100;
    const groups = form.canaryGroup === ''
      ? [{ name: 'all', select: { remaining: true }, successThreshold: 1, errorThreshold: threshold }]
      : [{ name: form.canaryGroup, select: { deviceGroup: form.canaryGroup }, successThreshold: 1, errorThreshold: threshold }, { name: 'rest', select: { remaining: true }, successThreshold: 1, errorThreshold: threshold }];
    const created = await api.json<{ id: string }>(who.operator, 'POST', `/api/v1/releases/${id}/rollouts`, { groups });
    return `/ui/rollouts/${encodeURIComponent(created.id)}`;
  }); // prettier-ignore
  post('/ui/rollouts/:id/:verb', ['release-manager'], CsrfOnly, async (who, _form, request) => {
    const { id, verb } = parseRequest(VerbParams, request.params, 'path');
    await api.send(who.operator, 'POST', `/api/v1/rollouts/${id}/${verb}`, {});
    return `/ui/rollouts/${encodeURIComponent(id)}`;
  });
  post('/ui/cases/:id/actively-exploited', ['security-officer'], ExploitedForm, async (who, form, request) => {
    const { id } = parseRequest(IdParams, request.params, 'path');
    await api.send(who.operator, 'POST', `/api/v1/cases/${id}/actively-exploited`, { evidence: form.evidence });
    return `/ui/cases/${encodeURIComponent(id)}`;
  });
  post('/ui/operators/:id/password', [], PasswordForm, async (who, form, request) => {
    const { id } = parseRequest(z.strictObject({ id: z.uuid() }), request.params, 'path');
    await api.send(who.operator, 'PUT', `/api/v1/operators/${id}/password`, { password: form.password });
    return PAGES.operators.path;
  });
} // prettier-ignore
