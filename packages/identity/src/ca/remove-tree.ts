import { rm } from 'node:fs/promises';

/** Removes a directory tree; used to clean up a partial output. @internal */
export const removeTree = (path: string) => rm(path, { recursive: true, force: true });
