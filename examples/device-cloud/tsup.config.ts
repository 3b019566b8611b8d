import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

// Examples run on Node only, as ESM; no CJS build. `bin.ts` is the `cra-cloud` command.
export default defineConfig(
  packageBuild({ format: ['esm'], entry: ['src/index.ts', 'src/bin.ts'] }),
);
