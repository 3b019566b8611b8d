/** Limits of the device-side verifier; override any of them through the options. */
export interface ClientConfig {
  /** Most root versions followed in one refresh (spec §5.3.3). */
  readonly maxRootRotations: number;
  readonly rootMaxBytes: number;
  readonly timestampMaxBytes: number;
  /** Used when the timestamp does not list the snapshot's length. */
  readonly snapshotMaxBytes: number;
  /** Used when the snapshot does not list a targets role's length. */
  readonly targetsMaxBytes: number;
  /** Most roles visited while looking up one target (spec §5.7). */
  readonly maxDelegations: number;
}

/** Default limits, in the spirit of tuf-js's `rootMaxLength` and friends. */
export const defaultClientConfig: ClientConfig = Object.freeze({
  maxRootRotations: 32,
  rootMaxBytes: 512 * 1024,
  timestampMaxBytes: 16 * 1024,
  snapshotMaxBytes: 2 * 1024 * 1024,
  targetsMaxBytes: 32 * 1024 * 1024,
  maxDelegations: 32,
});
