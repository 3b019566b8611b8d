import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throw-away PostgreSQL server from Debian's package: initdb in a temp dir, a free port. */
export interface PostgresServer {
  readonly connectionString: string;
  readonly port: number;
  /** `pg_ctl restart -m fast`: every connection is cut, the server comes back on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root))
    throw new Error(
      'PostgreSQL is not installed: apt-get install postgresql (listed in .ci/apt-packages.txt)',
    );
  const version = readdirSync(root).sort((a, b) => Number(b) - Number(a))[0];
  if (version === undefined) throw new Error('no PostgreSQL version under /usr/lib/postgresql');
  return join(root, version, 'bin');
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (typeof address === 'object' && address !== null) resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });

/** Starts PostgreSQL as the `postgres` user when running as root (initdb refuses root). */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'cra-vuln-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    (asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]) as [
      string,
      string[],
    ];
  if (asRoot) {
    const pw = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gw = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    chownSync(dir, Number(pw.stdout.trim()), Number(gw.stdout.trim()));
  }
  chmodSync(dir, 0o700);
  const init = spawnSync(
    ...run(join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      'postgres',
      '-A',
      'trust',
      '--no-sync',
      '-E',
      'UTF8',
    ]),
    { encoding: 'utf8' },
  );
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const port = await freePort();
  const child: ChildProcess = spawn(
    ...run(join(bin, 'postgres'), [
      '-D',
      data,
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=on',
      '-c',
      'max_connections=50',
    ]),
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const connectionString = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const ready = spawnSync(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)]);
    if (ready.status === 0) break;
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`postgres did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  // After a restart the server is pg_ctl's daemon, no longer our child.
  let restarted = false;
  return {
    connectionString,
    port,
    async restart() {
      // Asynchronous, so the caller's event loop (a cloud under load) keeps running meanwhile.
      const pgCtl = spawn(
        ...run(join(bin, 'pg_ctl'), [
          'restart',
          '-D',
          data,
          '-m',
          'fast',
          '-w',
          '-l',
          join(dir, 'restart.log'),
        ]),
        { stdio: 'ignore' },
      );
      const code = await new Promise((r) => pgCtl.once('exit', r));
      if (code !== 0) throw new Error(`pg_ctl restart exited with ${String(code)}`);
      restarted = true;
    },
    async stop() {
      // runuser does not forward signals, so ask the server itself to shut down (fast mode).
      const alive = child.exitCode === null && child.signalCode === null;
      if (alive || restarted) {
        const exited = alive ? new Promise((r) => child.once('exit', r)) : Promise.resolve();
        spawnSync(...run(join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'fast', '-w']));
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
