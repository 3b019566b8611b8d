// What the benchmarks under bench/ share: a free port and a Mosquitto process of their own.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

/** A TCP port nothing listens on right now (for the broker URL written into its config). */
export async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

/**
 * Starts Debian's Mosquitto on `conf` and resolves once it runs. `fds`: the descriptor limit it
 * needs (one per connection), raised in its shell before it starts.
 */
export function startMosquitto(conf, { fds } = {}) {
  const script = `${fds ? `ulimit -n ${fds}; ` : ''}exec /usr/sbin/mosquitto -c "$0"`;
  const proc = spawn('sh', ['-c', script, conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  return new Promise((resolve, reject) => {
    proc.stderr.on('data', (c) => {
      log += c;
      if (/running/.test(log)) resolve(proc);
    });
    proc.once('exit', (code) => reject(new Error(`mosquitto exited ${code}: ${log}`)));
  });
}
