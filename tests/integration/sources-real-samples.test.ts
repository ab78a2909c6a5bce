import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readHealthCanadaFile, readHealthCanadaPage } from '../../src/sources/health-canada';
import { readMhraContent } from '../../src/sources/mhra';
import { startFakeSources } from '../support/fake-sources/server';
import { describeWithRealData, sharedData } from '../support/shared';

const early = join(sharedData, 'early-sources');
const hcSample = join(early, 'health-canada/HCRSAMOpenData.medical-devices.sample.json');
const enrichedSample = join(
  early,
  'health-canada/recall-radar-web.detail-enriched.medical-devices.sample.json',
);
const mdaItem = join(early, 'mhra-govuk/content-item.MDA-2015-025.publishing-api-example.json');
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

type SampleRow = {
  NID: string;
  URL: string;
  Detail: {
    brandNames: string[];
    affectedProducts: { fields: { lotOrSerialNumber: string; modelOrCatalogueNumber: string } }[];
  };
};

describeWithRealData('the real early-source samples', () => {
  it('when the real open-data rows are read, then all 37 are notices: 36 recalls and the advisory', () => {
    const { notices, rejects } = readHealthCanadaFile(readJson(hcSample));
    expect(rejects).toEqual([]);
    expect(notices).toHaveLength(37);
    expect(notices.filter((n) => n.sourceClass?.startsWith('Type'))).toHaveLength(36);
    expect(notices.find((n) => n.key === 'HC-82214')).toMatchObject({
      category: 'Medical devices',
      sourceClass: null,
    });
    expect(notices.filter((n) => n.sourceClass === 'Type I').map((n) => n.key)).toEqual([
      'HC-82261',
      'HC-82228',
      'HC-82185',
    ]);
    for (const notice of notices) expect(notice.title).toBe(notice.title.trim());
  });

  it('when the older notice 75928 reappears with a new date, then it reads with that date as its update', () => {
    const { notices } = readHealthCanadaFile(readJson(hcSample));
    expect(notices.find((n) => n.key === 'HC-75928')).toMatchObject({
      title: 'Aisys, Avance, and Aespire Anesthesia Machines',
      sourceUpdated: '2026-07-02',
      sourceClass: 'Type II',
    });
    expect(notices.find((n) => n.key === 'HC-82220')?.title).toBe(
      'Atellica CH Enzymatic Hemoglobin A1c (A1c_E) assay',
    );
  });

  it('when the MDA/2015/025 content item is read, then it is a device notice with its title and issued date', () => {
    const notice = readMhraContent(readJson(mdaItem));
    expect(notice).toMatchObject({
      source: 'mhra',
      title:
        'TransWarmer infant transport mattress, NovaPlus TransWarmer infant heat therapy mattress with WarmGel, infant heel warmer - risk of serious burn',
      noticeDate: '2015-07-06',
      firm: 'CooperSurgical',
      sourceClass: 'Medical device alert',
    });
    expect(notice.key).toMatch(/^MHRA-transwarmer-infant-transport-mattress/);
    expect(notice.models).toContain('V6390');
  });
}, ['early-sources/health-canada/HCRSAMOpenData.medical-devices.sample.json']);

describeWithRealData('the real enriched recall pages through the fake server', () => {
  let fake: Awaited<ReturnType<typeof startFakeSources>>;
  beforeAll(async () => {
    fake = await startFakeSources({ healthCanadaFile: hcSample, enrichedSample });
  });
  afterAll(() => fake.close());

  it('when the 11 enriched rows are served as pages and read back, then lots, models and firm match the sample', async () => {
    const rows = readJson(enrichedSample) as SampleRow[];
    expect(rows).toHaveLength(11);
    let tableRows = 0;
    for (const row of rows) {
      const response = await fetch(`${fake.url}${new URL(row.URL).pathname}`);
      expect(response.status).toBe(200);
      const page = readHealthCanadaPage(await response.text());
      const fields = row.Detail.affectedProducts.map((a) => a.fields);
      const kept = (values: string[]) =>
        [...new Set(values)].filter((v) => !/^(all lots|not applicable|more than \d+ numbers)/i.test(v));
      expect(page.lots, row.NID).toEqual(kept(fields.map((f) => f.lotOrSerialNumber)));
      expect(page.models, row.NID).toEqual(kept(fields.map((f) => f.modelOrCatalogueNumber)));
      expect(page.firm, row.NID).toBe(row.Detail.brandNames[0]);
      tableRows += page.affected.length;
    }
    expect(tableRows).toBe(62);
  });
}, [
  'early-sources/health-canada/HCRSAMOpenData.medical-devices.sample.json',
  'early-sources/health-canada/recall-radar-web.detail-enriched.medical-devices.sample.json',
]);
