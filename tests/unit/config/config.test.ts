import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, projectRoot } from '../../../src/config';

describe('loadConfig', () => {
  it('when nothing is set, then the defaults are sensible: embedded database, api.fda.gov, a nightly sync', () => {
    const config = loadConfig({});
    expect(config.dbPath).toBe(path.join(projectRoot, 'data', 'vigil.db'));
    expect(config.port).toBe(3000);
    expect(config.openFda).toMatchObject({
      baseUrl: 'https://api.fda.gov',
      requestsPerMinute: 240,
      pageSize: 1000,
    });
    expect(config.sync).toMatchObject({ schedule: '0 3 * * *', repullDays: 90 });
    expect(config.maude).toMatchObject({ scope: 'followed', years: 5, productCodes: [] });
    expect(config.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it("when the facility's time zone is set, then it is taken", () => {
    expect(loadConfig({ VIGIL_TIME_ZONE: 'America/Chicago' }).timeZone).toBe('America/Chicago');
  });

  it('when values are given, then they are parsed, lists split and trimmed, relative paths resolved', () => {
    const config = loadConfig({
      INIT_CWD: '/srv/hospital',
      VIGIL_DB: 'db/vigil.db',
      OPENFDA_BASE_URL: 'http://127.0.0.1:8080/',
      VIGIL_MAUDE_PRODUCT_CODES: 'frn, dqa,,',
      VIGIL_SYNC_SCHEDULE: 'off',
      VIGIL_SYNC_ON_START: 'no',
    });
    expect(config.dbPath).toBe('/srv/hospital/db/vigil.db');
    expect(config.openFda.baseUrl).toBe('http://127.0.0.1:8080');
    expect(config.maude.productCodes).toEqual(['FRN', 'DQA']);
    expect(config.sync).toMatchObject({ schedule: null, onStart: false });
  });

  it.each([
    ['PORT', '70000', 'expected a whole number from 1 to 65535'],
    ['OPENFDA_REQUESTS_PER_MINUTE', '600', 'expected a whole number from 1 to 240'],
    ['OPENFDA_PAGE_SIZE', '5000', 'expected a whole number from 1 to 1000'],
    ['VIGIL_SYNC_SCHEDULE', 'every night', 'expected a cron expression such as "0 3 * * *", or "off"'],
    ['VIGIL_SYNC_ON_START', 'maybe', 'expected true or false'],
    ['VIGIL_MAUDE_SCOPE', 'everything', 'expected "followed" or "all"'],
    ['OPENFDA_BASE_URL', 'ftp://x', 'expected an http(s) URL such as https://api.fda.gov'],
    ['VIGIL_TIME_ZONE', 'Eastern', 'expected a time zone such as America/New_York or Europe/London'],
  ])('when %s=%s, then start-up stops naming the variable and what it expects', (name, value, expected) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(
      `${name}=${JSON.stringify(value)} is not valid: ${expected}`,
    );
  });
});

describe('VIGIL_TRUST_PROXY', () => {
  it('when not set or off, then no proxy is trusted; when set, then its addresses are', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ VIGIL_TRUST_PROXY: 'off' }).trustProxy).toEqual([]);
    expect(loadConfig({ VIGIL_TRUST_PROXY: '127.0.0.1, ::1' }).trustProxy).toEqual(['127.0.0.1', '::1']);
  });

  it('when it is not a list of addresses, then start-up fails naming it', () => {
    expect(() => loadConfig({ VIGIL_TRUST_PROXY: 'true' })).toThrow(/VIGIL_TRUST_PROXY="true" is not valid/);
  });
});
