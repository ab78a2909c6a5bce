import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeWithRealData, openFdaData } from '../support/shared';
import { runVigil, tempDir } from '../support/vigil';

// The MAUDE manufacturer search uses the matcher's firm identity: a business is found under every
// name it is written with, alone or after its parent ("RESPIRONICS, INC.", "PHILIPS / RESPIRONICS,
// INC.", "PHILIPS RESPIRONICS INC", "PHILIPS / REPISRONICS, INC."), on the 37,105 real reports.
describeWithRealData('searching MAUDE by manufacturer with the firm identity', () => {
  let env: Record<string, string>;
  beforeAll(async () => {
    env = { VIGIL_DB: path.join(tempDir(), 'vigil.db') };
    const loaded = await runVigil(
      ['import', path.join(openFdaData, 'device-event.maude-extracts.json.zip')],
      env,
    );
    expect(loaded.code).toBe(0);
  }, 120_000);

  const search = async (manufacturer: string) => {
    const result = await runVigil(
      ['events', 'search', '--manufacturer', manufacturer, '--format', 'json'],
      env,
    );
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as { total: number; variants: { name: string; reports: number }[] };
  };

  it('when "Philips Respironics" and "Respironics" are searched, then both find the same reports, under every spelling', async () => {
    const [parent, business] = [await search('Philips Respironics'), await search('Respironics')];
    expect(parent.total).toBe(business.total);
    expect(parent.variants.map((v) => v.name).sort()).toEqual(business.variants.map((v) => v.name).sort());
    expect(business.total).toBeGreaterThan(4146);
    const names = business.variants.map((v) => v.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'RESPIRONICS, INC.',
        'PHILIPS / RESPIRONICS, INC.',
        'PHILIPS RESPIRONICS INC',
        'PHILIPS / REPISRONICS, INC.',
      ]),
    );
    expect(names).not.toContain('PHILIPS MEDICAL SYSTEMS NEDERLAND B.V.');
  }, 60_000);

  it('when a name the alias table does not know is searched, then only names with a part beginning with it are gathered', async () => {
    const intuitive = await search('Intuitive Surgical');
    expect(intuitive.total).toBeGreaterThan(0);
    expect(intuitive.variants.every((v) => /INTUITIVE SURGICAL/i.test(v.name))).toBe(true);
    expect((await search('Intuit')).total).toBe(0);
  }, 60_000);
});
