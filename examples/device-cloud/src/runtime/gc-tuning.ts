import { setFlagsFromString } from 'node:v8';
import { z } from 'zod';
import { parseOptions } from '../config/parse-options.js';

/** `runtime.heapGrowingPercent`: 0 leaves V8's own heuristics. */
export const HeapGrowingPercentSchema = z.number().int().min(0).max(400);

/**
 * Lets V8's old generation grow by `percent` after a full collection before it starts the next
 * one. Each held MQTT connection keeps about 13 KiB of objects alive, so during a connection storm
 * the old generation grows steadily; V8 then kept its limit about 10 % above the live size and ran
 * a full marking every few hundred connects (38 for 4,000 connects in the load harness, the
 * largest single cost of the broker after OpenSSL). With 50 %: 23 full collections and 1.58
 * instead of 2.29 ms of CPU per connect; idle memory per connection is unchanged, peak heap can be
 * up to that much above the live size.
 *
 * V8 flags are process-wide, so the `cra-cloud` command applies this, not `startCloud` (an
 * application embedding the cloud decides for its own process). V8 reads this flag at each full
 * collection, so setting it after start takes effect.
 * @throws {CloudError} CLOUD_CONFIG_INVALID when `percent` is outside 0–400
 */
export function tuneGarbageCollection(percent: number): void {
  const valid = parseOptions(HeapGrowingPercentSchema, percent, 'heapGrowingPercent (an integer from 0 to 400)');
  if (valid > 0) setFlagsFromString(`--heap-growing-percent=${String(valid)}`);
} // prettier-ignore
