import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

// Examples run on Node only, as ESM; no CJS build.
export default defineConfig(packageBuild({ format: ['esm'] }));
