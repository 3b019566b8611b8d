import { SbomError } from '../errors.js';
import { IngestedComponentSchema, type IngestedComponent } from './ingested.js';

/**
 * Reads a Yocto image manifest (`<image>.manifest`, one `name arch version` per line). The
 * manifest carries no supplier, licence or identifier; the conformance check names what to add
 * (Yocto's `license.manifest` or a `components.yaml`).
 * @throws {SbomError} SBOM_INPUT_INVALID for a line that is not `name arch version`
 */
export function readYoctoManifest(text: string): IngestedComponent[] {
  const out: IngestedComponent[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const parts = line.split(/\s+/);
    if (parts.length !== 3) {
      throw new SbomError('SBOM_INPUT_INVALID', 'a Yocto manifest line is "name arch version"', {
        details: { line: i + 1 },
      });
    }
    out.push(IngestedComponentSchema.parse({ name: parts[0], version: parts[2] }));
  });
  return out;
}
