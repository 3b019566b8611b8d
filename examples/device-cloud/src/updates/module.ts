import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { Signer } from '@cra-kit/core';
import { readKeyFile } from '@cra-kit/ota-signing';
import type { Notifier } from '@cra-kit/support-period';
import { z } from 'zod';
import type { CloudContext, CloudModule } from '../context.js';
import { parseOptions } from '../config/parse-options.js';
import { CloudError } from '../errors.js';
import { serveDirector } from './director.js';
import { installErrorHandler } from './feature-error.js';
import { ownerNotices, type OwnerNotices } from './owner-notices.js';
import { serveRepository } from './repository.js';
import { createRolloutEngine, type RolloutEngine } from './rollout-engine.js';
import { registerUpdateRoutes } from './routes.js';
import { openUpdateStore } from '../db/stores.js';
import { UPDATES_MIGRATIONS } from './sqlite-store.js';
import type { UpdateStore } from './store.js';

const Path = z.string().min(1).max(4096);

/** Options of {@link updatesModule}. */
export const UpdatesOptionsSchema = z.strictObject({
  /** A repository directory written with ota-signing (`initRepository`, `addTarget`, `publish`). */
  repositoryDir: Path,
  /** The director's online key (an ota-signing key file, 0600). */
  directorKeyFile: Path,
  /** The root devices ship with; default `<repositoryDir>/metadata/1.root.json`. */
  trustedRootFile: Path.optional(),
  /** Owner notices (support-period: webhook, e-mail…). Without one, owners are not notified. */
  notifier: z.custom<Notifier>((n) => typeof (n as Notifier | undefined)?.notify === 'function').optional(),
  /** Lifetime of director metadata. */
  directorExpiresHours: z.number().min(1).max(24 * 30).default(24),
  /** How long a device that postponed without naming `until` waits. */
  postponeDefaultHours: z.number().min(1).max(24 * 30).default(24),
  /** How often postponed devices are looked at; 0 turns the timer off (call `tick`). */
  tickIntervalMs: z.number().int().min(0).max(86_400_000).default(60_000),
  /** How long `close` waits for queued owner notices before giving up on them. */
  closeDrainMs: z.number().int().min(0).max(60_000).default(5_000),
  /** Another store; default the cloud's database (SQLite or PostgreSQL, `ctx.database`). */
  store: z.custom<(ctx: CloudContext) => UpdateStore>((f) => typeof f === 'function').optional(),
}); // prettier-ignore
export type UpdatesOptions = z.input<typeof UpdatesOptionsSchema>;

/** The updates module, with the handles the demo and tests use. */
export interface UpdatesModule extends CloudModule {
  /** The store, once the module is registered (for the compliance module's release list). */
  readonly store: () => UpdateStore;
  /** Runs the periodic work now (re-notifies postponed devices whose time has come). */
  tick(): Promise<void>;
  /** Resolves once the owner notices queued so far are delivered (or given up on). */
  idle(): Promise<void>;
}

/**
 * Updates: the offline-signed image repository and the Uptane director on the device listener;
 * releases and rollouts on the operator API; a rollout engine driven by device reports.
 * @throws {CloudError} INVALID_REQUEST for invalid options (at creation)
 * @example
 * ```ts
 * const updates = updatesModule({ repositoryDir: 'ota-repo', directorKeyFile: 'director.key.json', notifier });
 * ```
 */
export function updatesModule(input: UpdatesOptions): UpdatesModule {
  const options = parseOptions(UpdatesOptionsSchema, input, 'updates module options');
  const trustedRootFile =
    options.trustedRootFile ?? join(options.repositoryDir, 'metadata', '1.root.json');
  let state: { store: UpdateStore; engine: RolloutEngine; owners: OwnerNotices } | undefined;
  let timer: NodeJS.Timeout | undefined;
  let signer: Promise<Signer> | undefined;

  // One store and engine per context, made by whichever registration runs first.
  const setup = (ctx: CloudContext) => {
    if (state !== undefined) return state;
    const store =
      options.store?.(ctx) ??
      openUpdateStore(ctx.database, ctx.clock, (e) => {
        ctx.audit(e);
      });
    const owners = ownerNotices({
      notifier: options.notifier,
      profile: ctx.profile,
      clock: ctx.clock,
      log: ctx.log,
    });
    const engine = createRolloutEngine(ctx, {
      store,
      owners,
      postponeDefaultHours: options.postponeDefaultHours,
    });
    ctx.onDeviceEvent(async (deviceId, event) => {
      // One bad report must not stop the broker's event loop; the state in the store is intact.
      await engine.onDeviceEvent(deviceId, event).catch((err: unknown) => {
        ctx.log.error({ err, deviceId }, 'device event not applied');
      });
    });
    state = { store, engine, owners };
    return state;
  };
  const mustExist = async (path: string, what: string) => {
    await access(path).catch((cause: unknown) => {
      throw new CloudError('CLOUD_CONFIG_INVALID', `updates: ${what} ${path} is not readable`, {
        cause,
      });
    });
  };

  return {
    name: 'updates',
    migrations: UPDATES_MIGRATIONS,
    store: () => {
      if (state === undefined) throw new CloudError('CLOUD_STARTUP_FAILED', 'the updates module is not registered yet');
      return state.store;
    },
    async registerPublic(app, ctx) {
      await mustExist(trustedRootFile, 'trusted root');
      const { store, engine } = setup(ctx);
      await app.register((scope) => {
        installErrorHandler(scope);
        registerUpdateRoutes(scope, ctx, { store, engine, repositoryDir: options.repositoryDir, trustedRootFile });
        return Promise.resolve();
      });
    },
    async registerDevice(app, ctx) {
      await mustExist(options.directorKeyFile, 'director key file');
      const { store } = setup(ctx);
      signer ??= readKeyFile(options.directorKeyFile);
      await app.register((scope) => {
        installErrorHandler(scope);
        serveRepository(scope, ctx, options.repositoryDir);
        serveDirector(scope, ctx, { store, signer: () => signer ?? readKeyFile(options.directorKeyFile), expiresHours: options.directorExpiresHours });
        return Promise.resolve();
      });
    },
    start(ctx) {
      const { engine } = setup(ctx);
      if (options.tickIntervalMs > 0) {
        timer = setInterval(() => {
          engine.tick().catch((err: unknown) => { ctx.log.error({ err }, 'rollout tick failed'); });
        }, options.tickIntervalMs);
        timer.unref();
      }
    },
    async tick() {
      await state?.engine.tick();
    },
    async idle() {
      await state?.owners.drain();
    },
    async close() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      // Give queued owner notices a moment to go out, but never hang the shutdown on a receiver.
      let wait: NodeJS.Timeout | undefined;
      await Promise.race([state?.owners.drain(), new Promise((resolve) => { wait = setTimeout(resolve, options.closeDrainMs); })]);
      clearTimeout(wait);
    },
  }; // prettier-ignore
}
