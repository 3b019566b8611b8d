import { SemverSchema, type FirmwareRelease, type ProductProfile } from '@cra-kit/core';
import { checkSbom, matchSbom, type Advisory, type Bom } from '@cra-kit/sbom';
import { planSupport, summarizeFleet, type FleetSummary } from '@cra-kit/support-period';
import type { CloudContext } from '../context.js';
import type { Release } from '../updates/model.js';

/** The SBOM conformance profile releases are checked against (Annex I Part II (1)). */
export const SBOM_PROFILE = 'cra-minimum';

/** A release as core's `FirmwareRelease` (what support-period reasons about). */
export function toFirmwareRelease(release: Release, profile: ProductProfile): FirmwareRelease {
  return {
    schemaVersion: 1, model: profile.product.model, version: release.version, releasedAt: release.createdAt,
    type: release.releaseType, securityCounter: release.securityCounter, hardwareIds: [...release.hardwareIds],
    image: { name: release.targetName, length: release.target.length, sha256: release.target.hashes['sha256'] ?? '' },
    advisories: [],
  }; // prettier-ignore
}

/** The scan of one release: SBOM conformance and known vulnerabilities of its components. */
export function scanRelease(bom: Bom, advisories: readonly Advisory[]) {
  const conformance = checkSbom(bom, SBOM_PROFILE);
  return {
    conformance: { profile: conformance.profile, passed: conformance.passed, summary: conformance.summary, findings: conformance.findings.slice(0, 200) },
    vulnerabilities: matchSbom(bom, { advisories }),
    advisoriesConsulted: advisories.length,
  }; // prettier-ignore
}
export type ReleaseScan = ReturnType<typeof scanRelease>;

/**
 * The support status of the fleet from the device registry: support-period's streaming scan
 * over the active devices as NDJSON, with the plan derived from the profile and the releases
 * (Art. 13(8), 13(9)). No notices are sent from here; the summary is a view.
 */
export async function fleetStatus(ctx: CloudContext, releases: readonly Release[]): Promise<FleetSummary> {
  const firmware = releases.map((r) => toFirmwareRelease(r, ctx.profile));
  const plan = planSupport(ctx.profile, { releases: firmware });
  const devices = (await ctx.devices.list()).filter((d) => d.status === 'active');
  const lines = devices.map((d) => {
    const version = SemverSchema.safeParse(d.firmwareVersion);
    // The registry does not record when a unit was placed on the market; its first enrolment
    // is the closest date it has (per-unit support periods need one). See the docs page.
    return `${JSON.stringify({ serial: d.id, model: ctx.profile.product.model, hardwareRevision: d.hardwareId ?? 'unknown', placedOnMarketAt: d.enrolledAt.slice(0, 10), ...(version.success ? { firmwareVersion: version.data } : {}) })}\n`;
  });
  return summarizeFleet(lines, { format: 'ndjson', plans: [plan], releases: firmware, clock: ctx.clock });
} // prettier-ignore
