import { describe, expect, it } from 'vitest';
import { isProblem, parseCsvDevice, parseCsvHeader, parseJsonDevice } from './parse-device.js';

const header = parseCsvHeader('serial,model,hardwareRevision,firmwareVersion');

describe('fleet line parsing', () => {
  it('reads RFC 4180 quoted fields, with commas and doubled quotes', () => {
    expect(parseCsvDevice('"VS3-1","vs300","rev ""b"", v2",1.0.0', header)).toEqual({ serial: 'VS3-1', model: 'vs300', hardwareRevision: 'rev "b", v2', firmwareVersion: '1.0.0' });
  });

  it.each([
    ['VS3-1,vs300,r"ev,1.0.0', 'a quote inside an unquoted field'],
    ['"VS3-1,vs300,rev,1.0.0', 'an unterminated quote'],
    ['VS3-1,vs300,rev,1.0.0,extra', 'too many fields'],
    ['VS3-1,,rev,1.0.0', 'an empty required field'],
    ['VS3 1,vs300,rev,1.0.0', 'an invalid serial'],
  ])('%s is malformed (%s)', (line) => {
    const result = parseCsvDevice(line, header);
    expect(isProblem(result) && result.code).toBe('SUPPORT_FLEET_LINE_MALFORMED');
  });

  it('reports JSON that is not an object as malformed', () => {
    for (const line of ['[1,2]', '"text"', 'null', '{"serial": 1}']) {
      const result = parseJsonDevice(line);
      expect(isProblem(result) && result.code).toBe('SUPPORT_FLEET_LINE_MALFORMED');
    }
  });
}); // prettier-ignore
