// Runs in its own process (see million.test.ts): classifies a fleet file in one streaming pass
// and prints the summary counts, the time taken and the peak RSS as one JSON line.
import { createReadStream, readFileSync } from 'node:fs';
import { FirmwareReleaseSchema } from '@cra-kit/core';
import { SupportPlanDetailSchema, summarizeFleet } from '@cra-kit/support-period';

const [fleetPath, planPath, releasesPath] = process.argv.slice(2) as [string, string, string];
const plans = [SupportPlanDetailSchema.parse(JSON.parse(readFileSync(planPath, 'utf8')))];
const releases = FirmwareReleaseSchema.array().parse(
  JSON.parse(readFileSync(releasesPath, 'utf8')),
);
const started = performance.now();
const summary = await summarizeFleet(createReadStream(fleetPath, { highWaterMark: 1 << 16 }), {
  format: 'csv',
  plans,
  releases,
  clock: { now: () => new Date('2036-01-01T00:00:00Z') },
});
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  `${JSON.stringify({
    devices: summary.devices,
    ended: summary.ended,
    endingSoon: summary.endingSoon,
    lineErrors: summary.lineErrors,
    seconds,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  })}\n`,
);
