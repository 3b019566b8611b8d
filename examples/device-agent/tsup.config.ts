import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

// Examples run on Node only, as ESM; no CJS build and no declarations (nothing consumes
// them: type-checking resolves the examples' sources). The bin runs one agent from a JSON config.
export default defineConfig(
  packageBuild({ entry: ['src/index.ts', 'src/bin.ts'], format: ['esm'], dts: false }),
);
