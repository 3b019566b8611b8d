import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

export default defineConfig([
  packageBuild(),
  // The executable: ESM only, with a shebang, no types.
  packageBuild({ entry: ['src/bin.ts'], format: ['esm'], dts: false, clean: false }),
]);
