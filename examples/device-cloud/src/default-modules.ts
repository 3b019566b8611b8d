import type { Notifier } from '@cra-kit/support-period';
import type { CloudConfig } from './config/schema.js';
import type { CloudModule } from './context.js';
import { complianceModule } from './compliance/index.js';
import { CloudError } from './errors.js';
import { updatesModule, type UpdatesModule } from './updates/index.js';
import { vulnModule, type VulnModule } from './vuln/index.js';

/** The feature modules of a standard deployment, with handles to the two that have state. */
export interface DefaultModules {
  readonly modules: readonly CloudModule[];
  readonly updates: UpdatesModule;
  readonly vuln: VulnModule;
}

/** Options of {@link defaultModules} that are not in the configuration file (objects, not paths). */
export interface DefaultModulesOptions {
  /** Owner notices for updates (support-period's webhook or SMTP notifier). */
  readonly notifier?: Notifier;
  /** How often postponed devices are re-checked; 0 = only on `updates.tick()` (the demo). */
  readonly tickIntervalMs?: number;
  /** Offline OSV advisories for the release scans. */
  readonly osvDir?: string;
  /** The evidence manifest the documents and gap analysis cite. */
  readonly evidenceFile?: string;
}

/**
 * Updates, vulnerability handling and compliance, configured from `config.ota` — what
 * `cra-cloud` runs and what the demo starts.
 * @throws {CloudError} CLOUD_CONFIG_INVALID when `ota.repositoryDir` or `ota.directorKeyFile` is missing
 */
export function defaultModules(
  config: CloudConfig,
  options: DefaultModulesOptions = {},
): DefaultModules {
  const { repositoryDir, directorKeyFile, trustedRoot } = config.ota;
  if (repositoryDir === undefined || directorKeyFile === undefined)
    throw new CloudError(
      'CLOUD_CONFIG_INVALID',
      'ota.repositoryDir and ota.directorKeyFile are required',
    );
  const updates = updatesModule({
    repositoryDir,
    directorKeyFile,
    ...(trustedRoot === undefined ? {} : { trustedRootFile: trustedRoot }),
    ...(options.notifier === undefined ? {} : { notifier: options.notifier }),
    ...(options.tickIntervalMs === undefined ? {} : { tickIntervalMs: options.tickIntervalMs }),
  });
  const vuln = vulnModule();
  const compliance = complianceModule({
    releases: updates.store,
    ...(options.osvDir === undefined ? {} : { osvDir: options.osvDir }),
    ...(options.evidenceFile === undefined ? {} : { evidenceFile: options.evidenceFile }),
  });
  return { modules: [updates, vuln, compliance], updates, vuln };
}
