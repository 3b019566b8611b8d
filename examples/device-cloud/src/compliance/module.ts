import { readOsvDirectory, type Advisory } from '@cra-kit/sbom';
import { z } from 'zod';
import type { CloudModule } from '../context.js';
import { parseOptions } from '../config/parse-options.js';
import { installErrorHandler } from '../updates/feature-error.js';
import { documentSource } from './documents.js';
import { registerComplianceRoutes, type ReleaseCatalog } from './routes.js';
import { openSbomStore } from '../db/stores.js';
import { COMPLIANCE_MIGRATIONS } from './sbom-store.js';

const Path = z.string().min(1).max(4096);

/** Options of {@link complianceModule}. */
export const ComplianceOptionsSchema = z.strictObject({
  /** Where releases come from: pass the updates module's `store`. */
  releases: z.custom<() => ReleaseCatalog>((f) => typeof f === 'function'),
  /** Offline OSV advisories (a directory of OSV JSON files or an OSV zip) for the release scans. */
  osvDir: Path.optional(),
  /** Advisories given directly (added to those of `osvDir`). */
  advisories: z.custom<readonly Advisory[]>((a) => Array.isArray(a)).optional(),
  /** The product profile file the documents are generated from; default `ctx.config.productProfile`. */
  productFile: Path.optional(),
  /** The evidence manifest (`evidence.yaml`) the documents and gap analysis cite. */
  evidenceFile: Path.optional(),
  maxSbomBytes: z.number().int().min(1024).max(64 * 1024 * 1024).default(8 * 1024 * 1024),
}); // prettier-ignore
export type ComplianceOptions = z.input<typeof ComplianceOptionsSchema>;

/**
 * Compliance: per release the SBOM (given, or generated with `@cra-kit/sbom`) and its scan; the
 * support status of the fleet (`@cra-kit/support-period`); the generated documents and gap
 * analysis (`@cra-kit/docs-generator`). JSON on the operator API and escaped HTML pages.
 * @throws {CloudError} CLOUD_CONFIG_INVALID for invalid options (at creation)
 */
export function complianceModule(input: ComplianceOptions): CloudModule {
  const options = parseOptions(ComplianceOptionsSchema, input, 'compliance module options');
  let advisories: Promise<readonly Advisory[]> | undefined;
  const loadAdvisories = () => {
    advisories ??= (
      options.osvDir === undefined ? Promise.resolve([]) : readOsvDirectory(options.osvDir)
    ).then((read) => [...read, ...(options.advisories ?? [])]);
    return advisories;
  };
  return {
    name: 'compliance',
    migrations: COMPLIANCE_MIGRATIONS,
    async registerPublic(app, ctx) {
      const sboms = openSbomStore(ctx.database, ctx.clock, (e) => { ctx.audit(e); });
      const documents = documentSource(ctx, { productFile: options.productFile ?? ctx.config.productProfile, evidenceFile: options.evidenceFile });
      await app.register((scope) => {
        installErrorHandler(scope);
        registerComplianceRoutes(scope, ctx, { releases: options.releases, sboms, advisories: loadAdvisories, documents, maxSbomBytes: options.maxSbomBytes });
        return Promise.resolve();
      });
    },
  }; // prettier-ignore
}
