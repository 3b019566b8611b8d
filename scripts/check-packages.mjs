// Packs every published package and checks the tarball the way users will get it:
// publint (package.json and exports map) and @arethetypeswrong/cli (types for ESM and CJS).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const packagesDir = join(root, 'packages');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const out = mkdtempSync(join(tmpdir(), 'cra-kit-pack-'));
let failed = 0;

for (const dir of readdirSync(packagesDir)) {
  const pkgDir = join(packagesDir, dir);
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  if (pkg.private) continue;
  // pnpm pack rewrites workspace: and catalog: ranges, as publishing does.
  const tarball = execFileSync('npx', ['-y', 'pnpm@12.4.2', 'pack', '--pack-destination', out], {
    cwd: pkgDir,
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .pop();
  for (const [tool, args] of [
    ['publint', ['--strict', tarball]],
    ['attw', [tarball, '--profile', 'node16', '--format', 'table-flipped']],
  ]) {
    try {
      execFileSync(bin(tool), args, { cwd: pkgDir, stdio: 'inherit' });
    } catch {
      failed += 1;
      console.error(`✗ ${tool} found problems in ${pkg.name}`);
    }
  }
}
rmSync(out, { recursive: true, force: true });
if (failed > 0) process.exit(1);
console.log('publint and attw: all published packages clean');
