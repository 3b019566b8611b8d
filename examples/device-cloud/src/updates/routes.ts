import { randomUUID } from 'node:crypto';
import { firmwareOf } from '@cra-kit/ota-signing';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CloudContext, Role } from '../context.js';
import { CloudError } from '../errors.js';
import { parseRequest } from '../http/validate.js';
import { FeatureError } from './feature-error.js';
import { resolveMembers } from './members.js';
import { CreateReleaseSchema, CreateRolloutSchema, IdParamsSchema, type Release, type Rollout, type RolloutState } from './model.js'; // prettier-ignore
import { verifiedTarget } from './repository.js';
import type { RolloutEngine } from './rollout-engine.js';
import type { UpdateStore } from './store.js';

const READERS: Role[] = ['release-manager', 'security-officer', 'auditor'];

/** What a release looks like on the API. */
const releaseView = (r: Release) => ({
  id: r.id, targetName: r.targetName, version: r.version, releaseType: r.releaseType, securityCounter: r.securityCounter,
  hardwareIds: r.hardwareIds, length: r.target.length, hashes: r.target.hashes, createdAt: r.createdAt, createdBy: r.createdBy,
}); // prettier-ignore

/** Registers the release and rollout API on the public listener (inside the module's scope). */
export function registerUpdateRoutes(app: FastifyInstance, ctx: CloudContext, options: { store: UpdateStore; engine: RolloutEngine; repositoryDir: string; trustedRootFile: string }): void {
  const { store, engine } = options;
  const actor = (request: FastifyRequest) => `operator:${ctx.operatorOf(request).id}`;
  const idOf = (request: FastifyRequest) => parseRequest(IdParamsSchema, request.params, 'path').id;

  async function progress(rollout: Rollout) {
    const release = await store.getRelease(rollout.releaseId);
    const groups = await Promise.all(rollout.groups.map(async (g, i) => ({ ...g, started: i <= rollout.currentGroup, counts: await store.groupCounts(rollout, i) })));
    return { ...rollout, release: release === undefined ? undefined : releaseView(release), groups };
  } // prettier-ignore

  app.post('/api/v1/releases', { preHandler: ctx.requireRole('release-manager'), bodyLimit: 16 * 1024 }, async (request, reply) => {
    const body = parseRequest(CreateReleaseSchema, request.body, 'release');
    const found = await verifiedTarget({ repositoryDir: options.repositoryDir, trustedRootFile: options.trustedRootFile, clock: ctx.clock, name: body.targetName });
    const firmware = firmwareOf(found.target);
    const release: Release = {
      id: `rel-${randomUUID()}`, targetName: found.name, version: firmware.version, releaseType: firmware.releaseType,
      securityCounter: firmware.securityCounter, hardwareIds: firmware.hardwareIds, target: found.target,
      createdAt: ctx.clock.now().toISOString(), createdBy: actor(request),
    };
    await store.createRelease(release, { actor: release.createdBy, action: 'release.create', subject: `release:${release.id}`, detail: { targetName: release.targetName, version: release.version, releaseType: release.releaseType } });
    return reply.code(201).send(releaseView(release));
  }); // prettier-ignore

  app.get('/api/v1/releases', { preHandler: ctx.requireRole(...READERS) }, async () => ({ releases: (await store.listReleases()).map(releaseView) }));

  app.get('/api/v1/releases/:id', { preHandler: ctx.requireRole(...READERS) }, async (request) => {
    const release = await store.getRelease(idOf(request));
    if (release === undefined) throw new CloudError('NOT_FOUND', 'no such release');
    return releaseView(release);
  });

  app.post('/api/v1/releases/:id/rollouts', { preHandler: ctx.requireRole('release-manager'), bodyLimit: 512 * 1024 }, async (request, reply) => {
    const release = await store.getRelease(idOf(request));
    if (release === undefined) throw new CloudError('NOT_FOUND', 'no such release');
    const body = parseRequest(CreateRolloutSchema, request.body, 'rollout');
    const at = ctx.clock.now().toISOString();
    const id = `ro-${randomUUID()}`;
    const { members, ineligible } = resolveMembers(body, await ctx.devices.list(), release, id, at);
    const groups = body.groups.map((g) => ({ name: g.name, successThreshold: g.successThreshold, errorThreshold: g.errorThreshold }));
    const rollout: Rollout = { id, releaseId: release.id, state: 'running', currentGroup: 0, groups, pausedReason: undefined, errorsResetAt: at, createdAt: at, createdBy: actor(request), updatedAt: at };
    await store.createRollout(rollout, members, { actor: rollout.createdBy, action: 'rollout.create', subject: `rollout:${id}`, detail: { releaseId: release.id, groups: groups.map((g) => g.name), devices: members.length, ineligible: ineligible.length } });
    await engine.startGroup(rollout, 0);
    await engine.evaluate(id);
    const created = await store.getRollout(id);
    return reply.code(201).send({ ...(await progress(created ?? rollout)), ineligible });
  }); // prettier-ignore

  app.get('/api/v1/rollouts', { preHandler: ctx.requireRole(...READERS) }, async () => ({ rollouts: await store.listRollouts() }));

  app.get('/api/v1/rollouts/:id', { preHandler: ctx.requireRole(...READERS) }, async (request) => {
    const rollout = await store.getRollout(idOf(request));
    if (rollout === undefined) throw new CloudError('NOT_FOUND', 'no such rollout');
    return progress(rollout);
  });

  const control = (verb: 'pause' | 'resume' | 'abort', from: RolloutState[], to: RolloutState) =>
    app.post(`/api/v1/rollouts/:id/${verb}`, { preHandler: ctx.requireRole('release-manager'), bodyLimit: 1024 }, async (request) => {
      const id = idOf(request);
      const at = ctx.clock.now().toISOString();
      const patch = verb === 'resume' ? { at, errorsResetAt: at } : verb === 'pause' ? { at, pausedReason: `paused by ${actor(request)}` } : { at };
      const moved = await store.setState(id, from, to, patch, { actor: actor(request), action: `rollout.${verb}`, subject: `rollout:${id}` });
      if (moved === undefined) {
        if ((await store.getRollout(id)) === undefined) throw new CloudError('NOT_FOUND', 'no such rollout');
        throw new FeatureError('ROLLOUT_STATE', `the rollout cannot ${verb} from its current state`);
      }
      // Resuming applies the thresholds at once: the group may already have passed.
      if (verb === 'resume') await engine.evaluate(id);
      return progress((await store.getRollout(id)) ?? moved);
    }); // prettier-ignore
  control('pause', ['running'], 'paused');
  control('resume', ['paused'], 'running');
  control('abort', ['running', 'paused'], 'aborted');
} // prettier-ignore
