import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

// Two entries: the platform-free main entry and the Node-only `@cra-kit/core/node`.
export default defineConfig(packageBuild({ entry: ['src/index.ts', 'src/node.ts'] }));
