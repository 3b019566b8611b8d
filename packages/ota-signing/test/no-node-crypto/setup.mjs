// `node --import ./setup.mjs`: no `node:crypto` through imports (hooks.mjs) nor through
// `process.getBuiltinModule`, which the hash provider would otherwise use.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
const original = process.getBuiltinModule.bind(process);
process.getBuiltinModule = (id) => (/^(node:)?crypto$/.test(id) ? undefined : original(id));
