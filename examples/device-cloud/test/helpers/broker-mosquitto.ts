import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { userInfo } from 'node:os';
import { prepareExternalBroker } from '../../src/index.js';
import { PASSPHRASE, startFixture, type Fixture } from './cloud-fixture.js';

export const MOSQUITTO = '/usr/sbin/mosquitto';

/** A TCP port free right now (Mosquitto cannot listen on 0 and report the port). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A Mosquitto process the test started; `kill` really kills it (SIGKILL), `start` runs it again. */
export interface MosquittoProcess {
  readonly pid: number;
  /** Its stderr so far (for failure messages). */
  output(): string;
  start(): Promise<void>;
  kill(): Promise<void>;
}

/** Starts `mosquitto -c conf` and resolves once it reports it is running. */
export async function startMosquitto(conf: string): Promise<MosquittoProcess> {
  let child: ChildProcess | undefined;
  let log = '';
  const start = async () => {
    const proc = spawn(MOSQUITTO, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`mosquitto did not start:\n${log}`));
      }, 20_000);
      proc.stderr.on('data', (chunk: Buffer) => {
        log += chunk.toString('utf8');
        if (/running/.test(log.slice(-4096))) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`mosquitto exited with ${String(code)}:\n${log}`));
      });
    });
  };
  await start();
  return {
    get pid() {
      return child?.pid ?? 0;
    },
    output: () => log,
    start: async () => {
      log = '';
      await start();
    },
    async kill() {
      const proc = child;
      if (proc === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = once(proc, 'exit');
      proc.kill('SIGKILL');
      await exited;
    },
  };
}

export type BrokerMode = 'embedded' | 'external';

/** A cloud on the given broker; for `external`, a real Mosquitto started from the generated config. */
export async function startOn(mode: BrokerMode, options: Omit<Parameters<typeof startFixture>[0] & object, 'broker' | 'beforeStart'> = {}): Promise<{ f: Fixture; mosquitto?: MosquittoProcess }> {
  let mosquitto: MosquittoProcess | undefined;
  const f = await startFixture({
    ...options,
    ...(mode === 'external'
      ? {
          broker: async () => ({ mode: 'external' as const, url: `mqtts://localhost:${await freePort()}`, bindAddress: '127.0.0.1', persistence: false, runAsUser: userInfo().username }),
          beforeStart: async (config) => {
            const files = await prepareExternalBroker({ config, env: { TEST_CA_PASSPHRASE: PASSPHRASE } });
            mosquitto = await startMosquitto(files.conf);
          },
        }
      : {}),
  });
  return { f, ...(mosquitto ? { mosquitto } : {}) };
} // prettier-ignore
