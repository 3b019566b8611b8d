import { join } from 'node:path';
import { HTTP_PATHS } from '@cra-kit-examples/device-protocol';
import type { Signer } from '@cra-kit/core';
import {
  createCaseService,
  createIntakeHandler,
  fastifyIntake,
  openPostgresCaseStore,
  openSqliteCaseStore,
  type CaseService,
  type CaseStore,
  type IntakeLimiter,
} from '@cra-kit/vuln-intake';
import { z } from 'zod';
import type { CloudContext, CloudModule } from '../context.js';
import { parseOptions } from '../config/parse-options.js';
import { CloudError } from '../errors.js';
import { openAttempts } from '../provisioning/attempts.js';
import { installErrorHandler } from '../updates/feature-error.js';
import { openAdvisoryStore } from '../db/stores.js';
import { VULN_MIGRATIONS, type AdvisoryStore } from './advisory-store.js';
import { registerCaseRoutes } from './case-routes.js';
import { createProviderDirectory } from './csaf-directory.js';
import { serveProviderDirectory } from './csaf-routes.js';
import { serveSecurityTxt } from './security-txt.js';

const Path = z.string().min(1).max(4096);
// The intake's limit per source address: 5 reports, then one a minute.
const DEFAULT_BURST = 5;
const DEFAULT_PER_SECOND = 1 / 60;

/** Options of {@link vulnModule}. */
export const VulnOptionsSchema = z.strictObject({
  /** SQLite file of the cases; default the cloud's own database (its PostgreSQL, or its SQLite file; `<dataDir>/vuln-cases.sqlite` for an in-memory one). */
  caseDatabase: Path.optional(),
  /** Largest report accepted, in bytes. */
  maxReportBytes: z.number().int().min(1024).max(1024 * 1024).default(64 * 1024),
  /** Reports per source address: a burst, then a steady rate. */
  rateLimit: z.strictObject({ burst: z.number().int().min(1).max(1000).optional(), perSecond: z.number().positive().max(100).optional(), maxSources: z.number().int().min(1).optional() }).default({ burst: DEFAULT_BURST, perSecond: DEFAULT_PER_SECOND }),
  securityTxt: z.strictObject({ expiresDays: z.number().int().min(1).max(365).default(180), preferredLanguages: z.array(z.string().max(35)).max(10).optional(), acknowledgments: z.array(z.string().max(500)).max(5).optional() }).prefault({}),
  /** Signs every case log entry (a KMS or key file through the core Signer). */
  signer: z.custom<Signer>((s) => typeof (s as Signer | undefined)?.sign === 'function').optional(),
}); // prettier-ignore
export type VulnOptions = z.input<typeof VulnOptionsSchema>;
type VulnOptionsOutput = z.output<typeof VulnOptionsSchema>;

/** The vulnerability module, with the case service for the demo and tests. */
export interface VulnModule extends CloudModule {
  readonly service: () => CaseService;
}

/** The database file the case store shares with the cloud, when the cloud's is a file. */
const casePathOf = (ctx: CloudContext, configured: string | undefined) => {
  if (configured !== undefined) return configured;
  const name = ctx.db.name;
  return name === '' || name === ':memory:' ? join(ctx.dataDir, 'vuln-cases.sqlite') : name;
};

/** Cases live in the cloud's database: its SQLite file (or `caseDatabase`), or its PostgreSQL. */
const openCaseStore = (ctx: CloudContext, configured: string | undefined): Promise<CaseStore> =>
  ctx.database.kind === 'postgres' && configured === undefined
    ? openPostgresCaseStore({ connectionString: ctx.database.url, max: 2, onConnectionError: (err) => { ctx.log.warn({ err }, 'a case store connection failed'); } })
    : openSqliteCaseStore({ path: casePathOf(ctx, configured) }); // prettier-ignore

/**
 * The intake's per-address limit counted in the cloud's database, so N instances allow it once,
 * not N times: `burst` reports per `burst / perSecond` seconds (the sliding-window reading of
 * the intake's token bucket).
 */
function reportLimiter(ctx: CloudContext, rateLimit: VulnOptionsOutput['rateLimit']): IntakeLimiter {
  const attempts = openAttempts(ctx.database, 'report_attempts');
  const burst = rateLimit.burst ?? DEFAULT_BURST;
  const limit = { attempts: burst, windowMs: Math.ceil((burst / (rateLimit.perSecond ?? DEFAULT_PER_SECOND)) * 1000) };
  return {
    async take(source, nowMs) {
      const decision = await attempts.take(source, nowMs, limit);
      return decision.allowed ? 0 : Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    },
  };
} // prettier-ignore

/**
 * Vulnerability handling on the public listener: the report intake (rate limited, size capped),
 * `/.well-known/security.txt`, the CSAF provider directory, and the security officer's API for
 * cases, Art. 14 obligations and advisories. Every change to a case is audited.
 * @throws {CloudError} CLOUD_CONFIG_INVALID for invalid options (at creation)
 */
export function vulnModule(input: VulnOptions = {}): VulnModule {
  const options = parseOptions(VulnOptionsSchema, input, 'vulnerability module options');
  let state: { store: CaseStore; service: CaseService; advisories: AdvisoryStore } | undefined;

  return {
    name: 'vuln',
    migrations: VULN_MIGRATIONS,
    service: () => {
      if (state === undefined) throw new CloudError('CLOUD_STARTUP_FAILED', 'the vulnerability module is not registered yet');
      return state.service;
    },
    async registerPublic(app, ctx) {
      const store = await openCaseStore(ctx, options.caseDatabase);
      const service = createCaseService({ store, clock: ctx.clock, ...(options.signer === undefined ? {} : { signer: options.signer }) });
      const advisories = openAdvisoryStore(ctx.database, ctx.clock, (e) => { ctx.audit(e); });
      state = { store, service, advisories };
      // No files: every instance renders the directory from the shared advisory store.
      const directory = createProviderDirectory({ store: advisories, profile: ctx.profile, origin: new URL(ctx.publicUrl).origin, now: () => ctx.clock.now() });
      // New cases come from researchers: audited once committed, the token never logged.
      const audited: CaseService = { ...service, open: async (report) => {
        const opened = await service.open(report);
        ctx.audit({ actor: 'researcher', action: 'case.open', subject: `case:${opened.case.id}` });
        return opened;
      } };
      const handler = createIntakeHandler({ service: audited, maxBytes: options.maxReportBytes, limiter: reportLimiter(ctx, options.rateLimit), clock: ctx.clock });
      await app.register(async (scope) => { await fastifyIntake(handler)(scope); }, { prefix: HTTP_PATHS.vulnReports });
      await app.register((scope) => {
        installErrorHandler(scope);
        serveSecurityTxt(scope, ctx, options.securityTxt);
        serveProviderDirectory(scope, directory);
        registerCaseRoutes(scope, ctx, { service, advisories, profile: ctx.profile });
        return Promise.resolve();
      });
    },
    async close() {
      await state?.store.close();
      state = undefined;
    },
  }; // prettier-ignore
}
