// Module hooks for the child: `node:crypto` (and bare `crypto`) cannot be imported, as on a
// runtime without it. `process.getBuiltinModule` is cut off in setup.mjs.
const CRYPTO = /^(node:)?crypto$/;

export async function resolve(specifier, context, next) {
  if (CRYPTO.test(specifier)) throw new Error(`${specifier} is not available in this runtime`);
  return next(specifier, context);
}
