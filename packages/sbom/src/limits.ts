/**
 * Limits for reading untrusted SBOMs and advisory data. Override per call; every reader refuses
 * input beyond them with a typed error before it allocates for it.
 */
export const defaultSbomLimits = Object.freeze({
  /** Largest SBOM read, in bytes (64 MiB: a 100,000-component firmware SBOM is about 40 MiB). */
  maxSbomBytes: 64 * 1024 * 1024,
  /** Deepest nesting of JSON arrays/objects (nested components, pedigree ancestors). */
  maxDepth: 96,
  /** Most components, counted through every level of nesting. */
  maxComponents: 500_000,
  /** Largest single ingest input or advisory file, in bytes. */
  maxInputBytes: 256 * 1024 * 1024,
});

/** Limits accepted by readers; any field left out takes its {@link defaultSbomLimits} value. */
export type SbomLimits = { -readonly [K in keyof typeof defaultSbomLimits]?: number };
