import { CASE_STATES, IdentifierSchema, type ProductProfile } from '@cra-kit/core';
import {
  REPORT_STAGES,
  csafFileName,
  obligations,
  openObligations,
  toCsafAdvisory,
  type Case,
  type CaseService,
} from '@cra-kit/vuln-intake';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CloudContext, Role } from '../context.js';
import { parseRequest } from '../http/validate.js';
import { FeatureError } from '../updates/feature-error.js';
import type { AdvisoryStore } from './advisory-store.js';

const READERS: Role[] = ['security-officer', 'auditor'];
const Iso = z.iso.datetime({ offset: true });
const Params = z.strictObject({ id: IdentifierSchema });

const TransitionSchema = z.strictObject({
  to: z.enum(CASE_STATES),
  duplicateOf: IdentifierSchema.optional(),
});
const ExploitedSchema = z.strictObject({
  awareAt: Iso.optional(),
  evidence: z.string().min(1).max(10_000),
});
const SevereSchema = z.strictObject({
  awareAt: Iso.optional(),
  description: z.string().min(1).max(10_000),
});
const SubmissionSchema = z.strictObject({
  stage: z.enum(REPORT_STAGES),
  submittedAt: Iso.optional(),
  reference: z.string().min(1).max(200).optional(),
});
const PublishSchema = z.strictObject({
  trackingId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/),
  /** First fixed firmware version, if the case does not name it yet. */
  fixedIn: z.string().regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]{1,60})?$/).optional(),
  remediation: z.string().min(1).max(2000).optional(),
  remediationUrl: z.url({ protocol: /^https$/ }).max(2000).optional(),
}); // prettier-ignore
/** Advisories go out once the fix has (Annex I Part II (4)). */
const PUBLISHABLE = new Set(['released', 'disclosed', 'closed']);

/** A case as operators see it: never the reporter token's hash. */
const caseView = (kase: Case, now: Date) => {
  return { ...kase, reporterTokenHash: undefined, obligations: obligations(kase, now) };
};

/** Registers the security officer's case API (audited) on the public listener. */
export function registerCaseRoutes(
  app: FastifyInstance,
  ctx: CloudContext,
  options: {
    service: CaseService;
    advisories: AdvisoryStore;
    profile: ProductProfile;
  },
): void {
  const { service } = options;
  const actor = (request: FastifyRequest) => `operator:${ctx.operatorOf(request).id}`;
  const idOf = (request: FastifyRequest) => parseRequest(Params, request.params, 'path').id;
  const now = () => ctx.clock.now();
  const write = { preHandler: ctx.requireRole('security-officer'), bodyLimit: 64 * 1024 };

  app.get('/api/v1/cases', { preHandler: ctx.requireRole(...READERS) }, async () => ({
    cases: (await service.list()).map((k) => ({ id: k.id, title: k.title, state: k.state, receivedAt: k.receivedAt, activelyExploited: k.activelyExploited !== undefined, severeIncident: k.severeIncident !== undefined })),
  })); // prettier-ignore
  app.get('/api/v1/cases/:id', { preHandler: ctx.requireRole(...READERS) }, async (request) =>
    caseView(await service.get(idOf(request)), now()),
  );
  app.get('/api/v1/cases/:id/log', { preHandler: ctx.requireRole(...READERS) }, async (request) => {
    const id = idOf(request);
    return { entries: await service.log(id), verification: await service.verify(id) };
  });
  app.get('/api/v1/obligations', { preHandler: ctx.requireRole(...READERS) }, async () => ({
    obligations: openObligations(await service.list(), now()),
  }));

  const change = <S extends z.ZodType>(path: string, schema: S, action: string, run: (id: string, body: z.output<S>) => Promise<Case>) =>
    app.post(`/api/v1/cases/:id/${path}`, write, async (request) => {
      const id = idOf(request);
      const body = parseRequest(schema, request.body ?? {}, path);
      const kase = await run(id, body);
      ctx.audit({ actor: actor(request), action, subject: `case:${id}`, detail: { state: kase.state } });
      return caseView(kase, now());
    }); // prettier-ignore
  change('transition', TransitionSchema, 'case.transition', (id, b) =>
    service.transition(id, b.to, b.duplicateOf === undefined ? {} : { duplicateOf: b.duplicateOf }),
  );
  change('actively-exploited', ExploitedSchema, 'case.actively-exploited', (id, b) =>
    service.markActivelyExploited(id, {
      awareAt: b.awareAt ?? now().toISOString(),
      evidence: b.evidence,
    }),
  );
  change('severe-incident', SevereSchema, 'case.severe-incident', (id, b) =>
    service.openSevereIncident(id, {
      awareAt: b.awareAt ?? now().toISOString(),
      description: b.description,
    }),
  );
  change('submissions', SubmissionSchema, 'case.submission', (id, b) =>
    service.recordSubmission(id, {
      stage: b.stage,
      submittedAt: b.submittedAt ?? now().toISOString(),
      ...(b.reference === undefined ? {} : { reference: b.reference }),
    }),
  );

  app.post('/api/v1/cases/:id/advisory', write, async (request, reply) => {
    const id = idOf(request);
    const body = parseRequest(PublishSchema, request.body, 'advisory');
    const kase = await service.get(id);
    if (!PUBLISHABLE.has(kase.state)) throw new FeatureError('CASE_STATE', `publish the advisory once the fix is released (case is ${kase.state})`);
    const at = now().toISOString();
    // The fixed version goes into the advisory; the case itself is not rewritten.
    const fixed = body.fixedIn === undefined ? kase : { ...kase, affected: kase.affected.map((a) => ({ ...a, fixedIn: a.fixedIn ?? body.fixedIn })) };
    const document = toCsafAdvisory(fixed, options.profile, { trackingId: body.trackingId, publishedAt: at, baseUrl: `${ctx.publicUrl}/.well-known/csaf/white/${at.slice(0, 4)}/`, ...(body.remediation === undefined ? {} : { remediation: body.remediation }), ...(body.remediationUrl === undefined ? {} : { remediationUrl: body.remediationUrl }) });
    // Ids that differ only in case or punctuation share one CSAF file name: the directory every
    // instance renders could not hold both.
    const name = csafFileName(body.trackingId);
    if ((await options.advisories.list()).some((a) => csafFileName(a.trackingId) === name)) throw new FeatureError('ADVISORY_EXISTS', `an advisory with the file name ${name} is published already`);
    await options.advisories.add({ trackingId: body.trackingId, caseId: id, document, publishedAt: at }, { actor: actor(request), action: 'advisory.publish', subject: `case:${id}`, detail: { trackingId: body.trackingId } });
    await service.recordAdvisoryPublished(id, { advisoryId: body.trackingId, url: `${ctx.publicUrl}/.well-known/csaf/provider-metadata.json` });
    return reply.code(201).send({ trackingId: body.trackingId, publishedAt: at, document });
  }); // prettier-ignore
}
