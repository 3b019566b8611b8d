import { z } from 'zod';

const HexSchema = z.string().regex(/^[0-9a-f]+$/, 'lower-case hex');
/** TUF times: UTC, whole seconds, `Z` suffix (e.g. `2030-01-01T00:00:00Z`). */
export const TufTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, 'a TUF time (YYYY-MM-DDTHH:MM:SSZ)');
const VersionSchema = z.int().min(1);
const LengthSchema = z.int().min(0);
export const HashesSchema = z.record(z.string().min(1), HexSchema);

/** A TUF public key (spec §4.2). Unknown fields are kept: they are part of the key id. */
export const TufKeySchema = z.looseObject({
  keytype: z.string().min(1),
  scheme: z.string().min(1),
  keyval: z.looseObject({ public: z.string().min(1) }),
});
export type TufKey = z.infer<typeof TufKeySchema>;

export const TufSignatureSchema = z.looseObject({ keyid: HexSchema, sig: z.string() });
export type TufSignature = z.infer<typeof TufSignatureSchema>;

export const RoleKeysSchema = z.looseObject({
  keyids: z.array(HexSchema),
  threshold: z.int().min(1),
});
export type RoleKeys = z.infer<typeof RoleKeysSchema>;

const common = {
  spec_version: z.string().regex(/^1\.\d+(\.\d+)?$/, 'a TUF 1.x spec version'),
  version: VersionSchema,
  expires: TufTimeSchema,
};

export const TOP_LEVEL_ROLES = ['root', 'targets', 'snapshot', 'timestamp'] as const;
export type TopLevelRole = (typeof TOP_LEVEL_ROLES)[number];

/** `root.json`'s signed part (spec §4.3). */
export const RootSchema = z.looseObject({
  _type: z.literal('root'),
  ...common,
  consistent_snapshot: z.boolean(),
  keys: z.record(HexSchema, TufKeySchema),
  roles: z.looseObject({
    root: RoleKeysSchema,
    targets: RoleKeysSchema,
    snapshot: RoleKeysSchema,
    timestamp: RoleKeysSchema,
  }),
});
export type Root = z.infer<typeof RootSchema>;

/** A file a role lists: its length and hashes, and `custom` for targets. */
export const TargetFileSchema = z.looseObject({
  length: LengthSchema,
  hashes: HashesSchema.refine((h) => Object.keys(h).length > 0, 'at least one hash'),
  custom: z.record(z.string(), z.unknown()).optional(),
});
export type TargetFile = z.infer<typeof TargetFileSchema>;

/** A delegated role (spec §4.5): `paths` globs or `path_hash_prefixes` (hash-bin delegation). */
export const DelegatedRoleSchema = RoleKeysSchema.extend({
  // Also a file name on the device: never one of the top-level roles, whose trust it would shadow.
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a role name safe as a file name')
    .refine(
      (n) => !['root', 'targets', 'snapshot', 'timestamp'].includes(n),
      'not a top-level role name',
    ),
  terminating: z.boolean(),
  paths: z.array(z.string()).optional(),
  path_hash_prefixes: z.array(HexSchema).optional(),
}).refine(
  (r) => (r.paths === undefined) !== (r.path_hash_prefixes === undefined),
  'exactly one of paths and path_hash_prefixes',
);
export type DelegatedRole = z.infer<typeof DelegatedRoleSchema>;

export const DelegationsSchema = z.looseObject({
  keys: z.record(HexSchema, TufKeySchema),
  roles: z.array(DelegatedRoleSchema),
});
export type Delegations = z.infer<typeof DelegationsSchema>;

/** `targets.json` (and delegated roles), spec §4.5. */
export const TargetsSchema = z.looseObject({
  _type: z.literal('targets'),
  ...common,
  targets: z.record(z.string().min(1), TargetFileSchema),
  delegations: DelegationsSchema.optional(),
});
export type Targets = z.infer<typeof TargetsSchema>;

/** What snapshot and timestamp say about a metadata file (spec §4.4, §4.6). */
export const MetaFileSchema = z.looseObject({
  version: VersionSchema,
  length: LengthSchema.optional(),
  hashes: HashesSchema.optional(),
});
export type MetaFile = z.infer<typeof MetaFileSchema>;

export const SnapshotSchema = z.looseObject({
  _type: z.literal('snapshot'),
  ...common,
  meta: z.record(z.string().regex(/\.json$/), MetaFileSchema),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

export const TimestampSchema = z.looseObject({
  _type: z.literal('timestamp'),
  ...common,
  meta: z.looseObject({ 'snapshot.json': MetaFileSchema }),
});
export type Timestamp = z.infer<typeof TimestampSchema>;

/** The signed envelope of every TUF metadata file. */
export const EnvelopeSchema = z.looseObject({
  signatures: z.array(TufSignatureSchema),
  signed: z.looseObject({ _type: z.string() }),
});

/** A metadata file: the signatures and the signed part, typed by role. */
export interface Envelope<T> {
  signatures: TufSignature[];
  signed: T;
}

export const ROLE_SCHEMAS = {
  root: RootSchema,
  targets: TargetsSchema,
  snapshot: SnapshotSchema,
  timestamp: TimestampSchema,
} as const;
export type RoleType = keyof typeof ROLE_SCHEMAS;
export type SignedOf<R extends RoleType> = z.infer<(typeof ROLE_SCHEMAS)[R]>;
