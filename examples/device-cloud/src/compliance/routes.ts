import {
  allComponents,
  generateSbom,
  parseBom,
  readComponentsFile,
  serializeBom,
  toBom,
  type Advisory,
} from '@cra-kit/sbom';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CloudContext, Role } from '../context.js';
import { CloudError } from '../errors.js';
import { parseRequest } from '../http/validate.js';
import { FeatureError } from '../updates/feature-error.js';
import { IdParamsSchema, type Release } from '../updates/model.js';
import type { UpdateStore } from '../updates/store.js';
import { serveDocumentStylesheet } from './document-style.js';
import type { documentSource } from './documents.js';
import { PAGE_STYLESHEET, fleetPage, gapsPage, indexPage, releasePage } from './pages.js';
import { fleetStatus, scanRelease } from './release-facts.js';
import type { SbomStore } from './sbom-store.js';

/** Releases as the updates module keeps them. */
export type ReleaseCatalog = Pick<UpdateStore, 'getRelease' | 'listReleases'>;

const READERS: Role[] = ['auditor', 'release-manager', 'security-officer'];
const DOCUMENT_NAME = /^[a-z0-9][a-z0-9.-]{0,100}\.html$/;

export interface ComplianceRouteOptions {
  readonly releases: () => ReleaseCatalog;
  readonly sboms: SbomStore;
  readonly advisories: () => Promise<readonly Advisory[]>;
  readonly documents: ReturnType<typeof documentSource>;
  readonly maxSbomBytes: number;
}

/** Registers the compliance API and pages on the public listener (auditor and up can read). */
export function registerComplianceRoutes(app: FastifyInstance, ctx: CloudContext, options: ComplianceRouteOptions): void {
  const { sboms } = options;
  const read = { preHandler: ctx.requireRole(...READERS) };
  const write = { preHandler: ctx.requireRole('release-manager'), bodyLimit: options.maxSbomBytes };
  const html = (reply: FastifyReply, body: string) => reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
  const releaseOf = async (request: FastifyRequest): Promise<Release> => {
    const release = await options.releases().getRelease(parseRequest(IdParamsSchema, request.params, 'path').id);
    if (release === undefined) throw new CloudError('NOT_FOUND', 'no such release');
    return release;
  };
  const store = async (request: FastifyRequest, release: Release, json: string, source: 'given' | 'generated') => {
    await sboms.put({ releaseId: release.id, json, source, storedAt: ctx.clock.now().toISOString() }, { actor: `operator:${ctx.operatorOf(request).id}`, action: `sbom.${source === 'given' ? 'upload' : 'generate'}`, subject: `release:${release.id}` });
  };
  const scanOf = async (release: Release) => {
    const sbom = await sboms.get(release.id);
    const bom = sbom === undefined ? undefined : parseBom(sbom.json);
    return { sbom, bom, scan: bom === undefined ? undefined : scanRelease(bom, await options.advisories()) };
  };

  // The SBOM given with the release: CycloneDX 1.6/1.7 JSON, schema-checked before it is kept.
  app.put('/api/v1/releases/:id/sbom', write, async (request, reply) => {
    const release = await releaseOf(request);
    const bom = toBom(request.body);
    await store(request, release, serializeBom(bom), 'given');
    return reply.code(201).send({ releaseId: release.id, components: bom.components?.length ?? 0 });
  }); // prettier-ignore
  // Or generated here from a components list (the `components.yaml` shape, as JSON).
  app.post('/api/v1/releases/:id/sbom/generate', write, async (request, reply) => {
    const release = await releaseOf(request);
    const components = readComponentsFile(request.body);
    const bom = generateSbom({ inputs: [{ source: 'api:components', components }], product: ctx.profile, productVersion: release.version, clock: ctx.clock });
    await store(request, release, serializeBom(bom), 'generated');
    return reply.code(201).send({ releaseId: release.id, components: bom.components?.length ?? 0 });
  }); // prettier-ignore
  app.get('/api/v1/releases/:id/sbom', read, async (request, reply) => {
    const sbom = await sboms.get((await releaseOf(request)).id);
    if (sbom === undefined) throw new FeatureError('NO_SBOM', 'the release has no SBOM yet');
    return reply.header('content-type', 'application/vnd.cyclonedx+json; charset=utf-8').send(sbom.json);
  });
  app.get('/api/v1/releases/:id/scan', read, async (request) => {
    const { sbom, scan } = await scanOf(await releaseOf(request));
    if (sbom === undefined || scan === undefined) throw new FeatureError('NO_SBOM', 'the release has no SBOM yet');
    return { source: sbom.source, storedAt: sbom.storedAt, ...scan };
  });
  app.get('/api/v1/compliance/fleet', read, async () => fleetStatus(ctx, await options.releases().listReleases()));
  app.get('/api/v1/compliance/gaps', read, async () => (await options.documents()).gaps);
  app.get('/api/v1/compliance/documents', read, async () => ({ documents: (await options.documents()).files.filter((f) => DOCUMENT_NAME.test(f.name)).map((f) => f.name) }));

  serveDocumentStylesheet(app);
  app.get('/compliance/style.css', async (_request, reply) => reply.header('content-type', 'text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(PAGE_STYLESHEET));
  app.get('/compliance', read, async (_request, reply) => {
    const releases = await options.releases().listReleases();
    const withSbom = new Set<string>();
    for (const r of releases) if ((await sboms.get(r.id)) !== undefined) withSbom.add(r.id);
    const documents = (await options.documents()).files.filter((f) => DOCUMENT_NAME.test(f.name)).map((f) => f.name);
    return html(reply, indexPage(ctx.profile, releases, withSbom, documents));
  });
  app.get('/compliance/releases/:id', read, async (request, reply) => {
    const release = await releaseOf(request);
    const { sbom, bom, scan } = await scanOf(release);
    return html(reply, releasePage(release, sbom, scan, bom === undefined ? [] : allComponents(bom).map((c) => c.component)));
  });
  app.get('/compliance/fleet', read, async (_request, reply) => html(reply, fleetPage(await fleetStatus(ctx, await options.releases().listReleases()))));
  app.get('/compliance/gaps', read, async (_request, reply) => html(reply, gapsPage((await options.documents()).gaps)));
  app.get('/compliance/documents/:name', read, async (request, reply) => {
    const { name } = request.params as { name?: string };
    const file = (await options.documents()).files.find((f) => f.name === name && DOCUMENT_NAME.test(f.name));
    if (file === undefined) throw new CloudError('NOT_FOUND', 'no such document');
    return html(reply, file.content);
  });
} // prettier-ignore
