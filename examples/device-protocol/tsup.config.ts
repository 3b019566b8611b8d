import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

// Examples run on Node only, as ESM; no CJS build and no declarations (nothing consumes
// them: type-checking resolves the examples' sources).
export default defineConfig(packageBuild({ format: ['esm'], dts: false }));
