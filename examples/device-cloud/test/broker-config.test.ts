import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderAcl, renderMosquittoConf, resolveCloudConfig } from '../src/index.js';
import { PROFILE } from './helpers/cloud-fixture.js';

const base = { dataDir: '/srv/cloud/data', productProfile: PROFILE, ca: {} };
const files = (dir: string) => ({ dir, conf: `${dir}/mosquitto.conf`, acl: `${dir}/acl`, ca: `${dir}/ca.pem`, crl: `${dir}/crl.pem`, cert: `${dir}/server.pem`, key: `${dir}/server.key`, persistence: `${dir}/data` }); // prettier-ignore

describe('broker configuration', () => {
  it('defaults to the embedded broker, without resumable TLS session tickets', () => {
    expect(resolveCloudConfig(base).broker).toEqual({ mode: 'embedded', tlsSessionTickets: false });
    expect(resolveCloudConfig({ ...base, broker: { mode: 'embedded', tlsSessionTickets: true } }).broker).toEqual({ mode: 'embedded', tlsSessionTickets: true });
  }); // prettier-ignore

  it('resolves the external broker’s paths against the config file and dataDir', () => {
    const config = resolveCloudConfig({ ...base, dataDir: 'data', broker: { mode: 'external', url: 'mqtts://mqtt.example.com:8883', pidFile: 'run/m.pid', serviceName: 'cloud-a', serviceNames: ['cloud-b'] } }, '/etc/cra'); // prettier-ignore
    expect(config.broker).toEqual({
      mode: 'external',
      url: 'mqtts://mqtt.example.com:8883',
      configDir: '/etc/cra/data/mosquitto',
      pidFile: '/etc/cra/run/m.pid',
      serviceName: 'cloud-a',
      serviceNames: ['cloud-a', 'cloud-b'],
      sharedGroup: 'cra-cloud',
      manageFiles: true,
      maxQueuedMessages: 100_000,
      receivers: 4,
      persistence: true,
      connectTimeoutSeconds: 30,
    });
  });

  it.each([
    ['a plain mqtt:// URL', { url: 'mqtt://mqtt.example.com:1883' }],
    ['a URL without a port', { url: 'mqtts://mqtt.example.com' }],
    ['a path with a line break (it would add a setting)', { url: 'mqtts://m:8883', configDir: '/x\nlistener 1883' }], // prettier-ignore
    ['a service name a device could have', { url: 'mqtts://m:8883', serviceName: 'Cloud:1' }],
    ['an unknown option', { url: 'mqtts://m:8883', allowAnonymous: true }],
    ['a shared group with a topic separator', { url: 'mqtts://m:8883', sharedGroup: 'a/b' }],
    ['no receiver', { url: 'mqtts://m:8883', receivers: 0 }],
    ['more receivers than the bound', { url: 'mqtts://m:8883', receivers: 33 }],
    ['a fractional receiver count', { url: 'mqtts://m:8883', receivers: 1.5 }],
  ])('refuses %s', (_, broker) => {
    expect(() => resolveCloudConfig({ ...base, broker: { mode: 'external', ...broker } })).toThrow(
      expect.objectContaining({ code: 'CORE_VALIDATION_FAILED' }),
    );
  });

  it('accepts the commented external broker section of the example config', async () => {
    const lines = (await readFile(new URL('../cloud.config.example.yaml', import.meta.url), 'utf8')).split('\n');
    const start = lines.findIndex((l) => l.startsWith('# Or, with an external Mosquitto'));
    const block = lines.slice(start + 1);
    const end = block.findIndex((l) => !l.startsWith('#'));
    const { broker } = parse(block.slice(0, end).map((l) => l.replace(/^# ?/, '')).join('\n')) as { broker: unknown };
    expect(resolveCloudConfig({ ...base, broker }).broker).toMatchObject({ mode: 'external', sharedGroup: 'cra-cloud', manageFiles: true, maxQueuedMessages: 100_000, receivers: 4 });
  }); // prettier-ignore

  it('renders listener options after `listener` and refuses unsafe input', () => {
    const conf = renderMosquittoConf({ files: files('/m'), port: 8883, pidFile: '/m/pid', persistence: false }).split('\n'); // prettier-ignore
    const listener = conf.indexOf('listener 8883');
    for (const option of ['protocol mqtt', 'max_qos 1', 'require_certificate true', 'use_identity_as_username true', 'use_username_as_clientid true']) {
      expect(conf.indexOf(option)).toBeGreaterThan(listener);
    } // prettier-ignore
    expect(conf).not.toContain('persistence_location /m/data/');
    // Queued messages per offline session: a stopped instance's share of device messages waits there.
    const queued = renderMosquittoConf({ files: files('/m'), port: 8883, pidFile: '/m/pid', persistence: false, maxQueuedMessages: 5000 }).split('\n'); // prettier-ignore
    expect(queued.indexOf('max_queued_messages 5000')).toBeGreaterThan(-1);
    expect(queued.indexOf('max_queued_messages 5000')).toBeLessThan(
      queued.indexOf('listener 8883'),
    );
    expect(() => renderMosquittoConf({ files: files('/m\nallow_anonymous true'), port: 8883, pidFile: '/m/pid', persistence: false })).toThrow(expect.objectContaining({ code: 'CORE_VALIDATION_FAILED' })); // prettier-ignore
    expect(() => renderMosquittoConf({ files: files('/m'), port: 0, pidFile: '/m/pid', persistence: false })).toThrow(expect.objectContaining({ code: 'CORE_VALIDATION_FAILED' })); // prettier-ignore
  });

  it('gives full access only to the listed service identities', () => {
    const acl = renderAcl(['cloud-a'], { receivers: 1 });
    expect(acl.match(/^user .*$/gm)).toEqual([
      'user cra-cloud:cloud-a',
      'user cra-cloud:cloud-a:notices',
    ]);
    // The notice identity publishes notices and revocation announcements, nothing else.
    expect(acl.split('user cra-cloud:cloud-a:notices\n')[1]?.trim().split('\n')).toEqual([
      'topic write devices/+/notices',
      'topic write cra-cloud/revocations',
    ]);
    expect(() => renderAcl([])).toThrow(
      expect.objectContaining({ code: 'CORE_VALIDATION_FAILED' }),
    );
    expect(() => renderAcl(['a\ntopic readwrite #'])).toThrow(
      expect.objectContaining({ code: 'CORE_VALIDATION_FAILED' }),
    );
  });

  it('lets the extra receivers of every instance read the two device topics, nothing else', () => {
    const acl = renderAcl(['cloud-a', 'cloud-b'], { receivers: 3 });
    expect(acl.match(/^user .*$/gm)).toEqual([
      'user cra-cloud:cloud-a',
      'user cra-cloud:cloud-a:r1',
      'user cra-cloud:cloud-a:r2',
      'user cra-cloud:cloud-a:notices',
      'user cra-cloud:cloud-b',
      'user cra-cloud:cloud-b:r1',
      'user cra-cloud:cloud-b:r2',
      'user cra-cloud:cloud-b:notices',
    ]);
    const rules = (user: string) => acl.split(`user ${user}\n`)[1]?.split('\n\n')[0]?.split('\n');
    for (const user of ['cra-cloud:cloud-a:r1', 'cra-cloud:cloud-b:r2']) {
      expect(rules(user), user).toEqual(['topic read devices/+/telemetry', 'topic read devices/+/events']);
    }
    // Receiver 0 keeps the identity existing sessions have, with full access.
    expect(rules('cra-cloud:cloud-a')).toEqual(['topic readwrite #', 'topic read $SYS/#']);
    // The config's default, 4 receivers.
    expect(renderAcl(['cloud-a']).match(/^user cra-cloud:cloud-a:r\d+$/gm)).toHaveLength(3);
    for (const receivers of [0, 33, 2.5]) {
      expect(() => renderAcl(['cloud-a'], { receivers })).toThrow(
        expect.objectContaining({ code: 'CORE_VALIDATION_FAILED' }),
      );
    }
  }); // prettier-ignore
});
