/** What a deployable file is, from its own first bytes (BSI TR-03183-2's three properties). */
export interface FileKind {
  readonly executable: boolean;
  readonly archive: boolean;
  readonly structured: boolean;
  /** The format recognised, e.g. `elf`, `gzip`, `squashfs`; `unknown` otherwise. */
  readonly format: string;
}

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) =>
  b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);
const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

const EXECUTABLE: readonly [string, readonly number[], number?][] = [
  ['elf', [0x7f, 0x45, 0x4c, 0x46]],
  ['pe', ascii('MZ')],
  ['mach-o', [0xcf, 0xfa, 0xed, 0xfe]],
  ['mach-o', [0xce, 0xfa, 0xed, 0xfe]],
  ['script', ascii('#!')],
  ['wasm', [0x00, 0x61, 0x73, 0x6d]],
];
const ARCHIVE: readonly [string, readonly number[], number?][] = [
  ['gzip', [0x1f, 0x8b]],
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['bzip2', ascii('BZh')],
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
  ['7z', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['cpio', ascii('070701')],
  ['tar', ascii('ustar'), 257],
];
const STRUCTURED: readonly [string, readonly number[], number?][] = [
  ['squashfs', ascii('hsqs')],
  ['ext', [0x53, 0xef], 1080],
  ['ubi', ascii('UBI#')],
  ['fit-or-dtb', [0xd0, 0x0d, 0xfe, 0xed]],
  ['uimage', [0x27, 0x05, 0x19, 0x56]],
  ['iso9660', ascii('CD001'), 32769],
];

/** The most bytes {@link detectFileKind} looks at. */
export const FILE_KIND_PROBE_BYTES = 32774;

/**
 * Classifies a file from its first {@link FILE_KIND_PROBE_BYTES} bytes: executable (ELF, PE,
 * Mach-O, WebAssembly, `#!` script), archive (gzip, zip, xz, bzip2, zstd, 7z, cpio, tar) or
 * structured image (squashfs, ext2/3/4, UBI, FIT/device tree, U-Boot uImage, ISO 9660).
 */
export function detectFileKind(head: Uint8Array): FileKind {
  const find = (table: typeof EXECUTABLE) =>
    table.find(([, sig, at]) => startsWith(head, sig, at))?.[0];
  const executable = find(EXECUTABLE);
  const archive = find(ARCHIVE);
  const structured = find(STRUCTURED);
  return {
    executable: executable !== undefined,
    archive: archive !== undefined,
    structured: structured !== undefined,
    format: executable ?? archive ?? structured ?? 'unknown',
  };
}
