import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enrichFdaAlert, readFdaAlertPage, readFdaRss, readFdaTitle } from '../../src/sources/fda-rss';
import {
  enrichHealthCanada,
  readHealthCanadaFile,
  readHealthCanadaPage,
} from '../../src/sources/health-canada';
import { isDeviceAlert, readMhraContent, readMhraSearch } from '../../src/sources/mhra';
import { cleanText, htmlLines, parseDay, slug } from '../../src/sources/text';
import { projectRoot } from '../support/shared';

const fixtures = join(projectRoot, 'tests/fixtures/sources');
const text = (name: string) => readFileSync(join(fixtures, name), 'utf8');
const json = (name: string): unknown => JSON.parse(text(name));

describe('text cleaning', () => {
  it('when a field carries entities, zero-width spaces and padding, then one clean line comes out', () => {
    expect(cleanText('  AirSeal &amp; Port\u200b &nbsp;Optical&#39;s  \n')).toBe("AirSeal & Port Optical's");
    expect(cleanText('RAPIDLab&reg; 348EX &#x2122;')).toBe('RAPIDLab® 348EX ™');
    expect(cleanText(null)).toBe('');
  });

  it('when a day is written in any of the sources’ ways, then it reads as YYYY-MM-DD', () => {
    expect(parseDay('2026-07-03')).toBe('2026-07-03');
    expect(parseDay('April 6, 2018')).toBe('2018-04-06');
    expect(parseDay('August 07, 2013')).toBe('2013-08-07');
    expect(parseDay('Tue, 02 Dec 2025 15:04:05 EST')).toBe('2025-12-02');
    expect(parseDay('2015-07-06T13:38:42+00:00')).toBe('2015-07-06');
    expect(parseDay('2026-07-13T10:00:00.000+01:00')).toBe('2026-07-13');
    expect(parseDay('6 April 2018')).toBe('2018-04-06');
    expect(parseDay('07/02/2026')).toBe('2026-07-02');
  });

  it('when a day is missing or impossible, then it is null', () => {
    expect(parseDay('')).toBeNull();
    expect(parseDay(null)).toBeNull();
    expect(parseDay('--')).toBeNull();
    expect(parseDay('2026-02-30')).toBeNull();
    expect(parseDay('soon')).toBeNull();
  });

  it('when a slug is made, then it is lower-case ASCII with single dashes', () => {
    expect(slug('Impella CP® Sets — SmartAssist')).toBe('impella-cp-sets-smartassist');
    expect(slug('Éclair  Médical')).toBe('eclair-medical');
  });

  it('when HTML is read as lines, then cells, list items and breaks end lines and scripts are dropped', () => {
    const html = '<dl><dt>Recall date</dt><dd>2026-06-24</dd></dl><p>a<br>b &amp; c</p><script>x()</script>';
    expect(htmlLines(html)).toEqual(['Recall date', '2026-06-24', 'a', 'b & c']);
  });
});

describe('Health Canada open-data file', () => {
  const read = readHealthCanadaFile(json('health-canada.json'));
  const byKey = new Map(read.notices.map((n) => [n.key, n]));

  it('when the file is read, then only device rows become notices and the food and drug rows are skipped', () => {
    expect(read.notices.map((n) => n.key)).toEqual([
      'HC-82280',
      'HC-82278',
      'HC-82277',
      'HC-82267',
      'HC-82269',
      'HC-82214',
      'HC-66698',
    ]);
    expect(byKey.has('HC-82279')).toBe(false);
    expect(byKey.has('HC-82271')).toBe(false);
    expect(read.rejects).toEqual([]);
  });

  it('when a row is a device recall, then the notice carries its key, class, dates and no firm', () => {
    expect(byKey.get('HC-82280')).toMatchObject({
      source: 'health-canada',
      sourceId: '82280',
      url: 'https://recalls-rappels.canada.ca/en/alert-recall/intramedullary-bone-saw-blade-assembly',
      title: 'Intramedullary Bone Saw Blade Assembly',
      product: 'Intramedullary Bone Saw Blade Assembly',
      firm: null,
      sourceClass: 'Type II',
      issue: 'Sterility',
      category: 'Orthopaedics',
      noticeDate: '2026-07-03',
      sourceUpdated: '2026-07-03',
      models: [],
      lots: [],
    });
    expect(byKey.get('HC-82278')?.sourceClass).toBe('Type I - Type II');
  });

  it('when a title is padded with a zero-width space and &amp;, then title and product are clean', () => {
    const notice = byKey.get('HC-82267')!;
    expect(notice.title).toBe(
      'AirSeal Access Port With Blunt Obturator & AirSeal Access Port With Optical Obturator',
    );
    expect(notice.product).toBe(notice.title);
  });

  it('when the class is "--" or "", then there is none; when Product is null, then the title stands in', () => {
    expect(byKey.get('HC-82269')?.sourceClass).toBeNull();
    expect(byKey.get('HC-82214')?.sourceClass).toBeNull();
    expect(byKey.get('HC-82277')?.product).toBe('Omni-Tract Surgical Retractor System');
  });

  it('when a device advisory comes from the communications branch, then it is kept by its category', () => {
    expect(byKey.get('HC-82214')).toMatchObject({
      category: 'Medical devices',
      issue: 'Unauthorised device',
    });
  });

  it('when a notice is archived, then it is still read, with its row kept as raw', () => {
    expect(byKey.get('HC-66698')).toMatchObject({ noticeDate: '2022-05-04', raw: { Archived: '1' } });
  });

  it('when the file is not an array, then reading throws saying what was expected', () => {
    expect(() => readHealthCanadaFile({ NID: '1' })).toThrow(/should be a JSON array/);
    expect(() => readHealthCanadaFile(null)).toThrow(/JSON array.*null/);
  });

  it('when a row is not an object, lacks a NID or repeats one, then it is a reject with its reason', () => {
    const row = {
      NID: '90001',
      Title: 'Pump',
      Organization: 'Medical devices',
      'Last updated': '2026-07-01',
    };
    const out = readHealthCanadaFile(['oops', { Title: 'No id', Organization: 'Medical devices' }, row, row]);
    expect(out.notices.map((n) => n.key)).toEqual(['HC-90001']);
    expect(out.rejects.map((r) => r.reason)).toEqual([
      'entry 0 is not an object',
      'entry 1 has no NID',
      'NID 90001 appears twice; the first was kept',
    ]);
  });

  it('when the file is empty, then nothing is read and nothing rejected', () => {
    expect(readHealthCanadaFile([])).toEqual({ notices: [], rejects: [] });
  });
});

describe('Health Canada recall pages', () => {
  const page = (nid: string) => readHealthCanadaPage(text(`health-canada-pages/${nid}.html`));

  it('when the page has the current layout, then firm, lots, models and both dates are read', () => {
    expect(page('82280')).toMatchObject({
      firm: 'Biomet Orthopedics, Ata Biomet Sports Medicine, Ata Biomet Biologics, Ata Biomet Trauma',
      products: ['Intramedullary Bone Saw Blade Assembly'],
      lots: ['67818764', '67818770', '67818791'],
      models: ['475630', '475635', '475620'],
      recallDate: '2026-06-24',
      publishedDate: '2026-07-03',
    });
  });

  it('when lots say "More than 10 numbers" or "All lots." and models "Not applicable", then they are not lots or models', () => {
    expect(page('82278').lots).toEqual(['0232612916', '0232602300', '0232745036']);
    expect(page('82278').models).toEqual(['78222', '78322', '77722', '77422']);
    expect(page('82277')).toMatchObject({ lots: [], models: [], firm: 'Integra Lifesciences Corporation' });
    expect(page('82277').recallDate).toBe('2026-06-30');
  });

  it('when a cell holds several models on separate lines, or the header says "catalog", then each is read', () => {
    expect(page('82267').models).toEqual([
      'IASB12-100',
      'IASB5-150',
      'IASB12-120',
      'IAS12-150LPI',
      'IAS12-100LPI',
      'IAS5-75LP',
    ]);
    expect(page('82267').products).toHaveLength(2);
    expect(page('82269')).toMatchObject({
      lots: ['W087-0147', 'W087-0148'],
      models: ['W087'],
      firm: 'Copan Wasp S.R.L.',
    });
  });

  it('when the page has the legacy layout, then product blocks, "Starting date" and "Posting date" are read', () => {
    expect(page('66698')).toMatchObject({
      firm: 'Becton Dickinson and Company',
      products: ['BD Vacutainer Heparin Tubes', 'BD Vacutainer EDTA Tubes'],
      lots: [],
      recallDate: '2018-04-06',
      publishedDate: '2018-05-04',
    });
    expect(page('66698').models).toHaveLength(12);
    expect(page('66698').models).not.toContain(
      'Recalls and alerts more than 4 years old are automatically archived.',
    );
  });

  it('when the manufacturer is "Not Applicable", then the firm is null', () => {
    const html =
      '<h2>Affected products</h2><p>Soft Tissue Retractor</p><p>Lot or serial number</p><p>Not applicable</p>' +
      '<p>Model or catalog number</p><p>325.010</p><h2>Companies</h2><p>Manufacturer</p><p>Not Applicable</p>';
    expect(readHealthCanadaPage(html)).toMatchObject({ firm: null, models: ['325.010'], lots: [] });
  });

  it('when a notice is enriched from its page, then the page’s firm, numbers and recall date join it', () => {
    const notice = readHealthCanadaFile(json('health-canada.json')).notices.find(
      (n) => n.key === 'HC-82278',
    )!;
    const enriched = enrichHealthCanada(notice, page('82278'));
    expect(enriched).toMatchObject({
      firm: 'MEDTRONIC INC.',
      lots: ['0232612916', '0232602300', '0232745036'],
      noticeDate: '2026-06-19',
      sourceUpdated: '2026-07-03',
      product: 'DLP Select 3D Arterial Cannula and DLP Elongated One Piece Arterial Cannulae',
    });
    const legacy = readHealthCanadaFile(json('health-canada.json')).notices.find(
      (n) => n.key === 'HC-66698',
    )!;
    expect(enrichHealthCanada(legacy, page('66698')).product).toBe(
      'BD Vacutainer Heparin and EDTA Tubes (2018-04-06); BD Vacutainer Heparin Tubes; BD Vacutainer EDTA Tubes',
    );
  });

  it('when a page gives no dates, then the notice keeps its own', () => {
    const notice = readHealthCanadaFile(json('health-canada.json')).notices[0]!;
    expect(enrichHealthCanada(notice, readHealthCanadaPage('<p>nothing here</p>')).noticeDate).toBe(
      '2026-07-03',
    );
  });
});

describe('FDA recalls RSS feed', () => {
  const read = readFdaRss(text('fda-rss.xml'));
  const byKey = new Map(read.notices.map((n) => [n.key, n]));

  it('when the feed is read, then every item is a notice keyed on its address', () => {
    expect(read.notices).toHaveLength(7);
    expect(read.rejects).toEqual([]);
    expect(byKey.get('FDA-early-alert-glucose-monitor-sensor-issue-abbott-diabetes-care')).toMatchObject({
      source: 'fda-rss',
      sourceId:
        'https://www.fda.gov/medical-devices/medical-device-recalls-and-early-alerts/early-alert-glucose-monitor-sensor-issue-abbott-diabetes-care',
      firm: 'Abbott Diabetes Care',
      product: 'Glucose Monitor Sensor',
      sourceClass: 'Early Alert',
      noticeDate: '2025-12-02',
    });
  });

  it('when a title follows the recall pattern, then firm and product come from it', () => {
    expect(byKey.get('FDA-heart-pump-recall-abiomed-removes-impella-cp-sets-smartassist')).toMatchObject({
      firm: 'Abiomed',
      product: 'Impella CP Sets SmartAssist',
      category: 'Heart Pump',
      noticeDate: '2026-07-02',
    });
    expect(
      byKey.get(
        'FDA-infusion-pump-correction-b-braun-medical-inc-issues-correction-lnfusomat-space-infusion-systemlarge',
      ),
    ).toMatchObject({
      firm: 'B. Braun Medical Inc.',
      product: 'lnfusomat Space Infusion System/Large Volume Pump',
    });
    expect(
      byKey.get(
        'FDA-megadyne-recalls-mega-2000-and-mega-soft-reusable-patient-return-electrodes-risk-serious-burn',
      ),
    ).toMatchObject({
      firm: 'Megadyne',
      product: 'MEGA 2000 and MEGA SOFT Reusable Patient Return Electrodes',
    });
  });

  it('when a title follows neither pattern, then the firm is null and the title is the product', () => {
    const notice = byKey.get('FDA-medtronic-recalls-bravo-esophageal-ph-monitoring-capsules')!;
    expect(notice.firm).toBeNull();
    expect(notice.product).toBe(notice.title);
    expect(readFdaTitle('Update: device labels').firm).toBeNull();
  });

  it('when a description is HTML, escaped or in CDATA, then the issue is its plain text', () => {
    expect(byKey.get('FDA-cryoprobe-recall-erbe-usa-removes-flexible-cryoprobes')?.issue).toBe(
      'ERBE USA is removing 20402-401, 20402-410 and 20402-411 flexible cryoprobes. Updated for additional affected lots.',
    );
    expect(byKey.get('FDA-early-alert-glucose-monitor-sensor-issue-abbott-diabetes-care')?.issue).toContain(
      'FreeStyle Libre 3 & FreeStyle Libre 3 Plus',
    );
  });

  it('when the feed has one item or none, then it reads as a list of one or none', () => {
    const one = `<rss version="2.0"><channel><title>x</title><item><title>Early Alert: Ventilator Issue from Resmed</title>
      <link>https://www.fda.gov/medical-devices/medical-device-recalls-and-early-alerts/early-alert-ventilator-issue-resmed</link>
      <pubDate>Mon, 06 Jul 2026 09:00:00 EDT</pubDate></item></channel></rss>`;
    expect(readFdaRss(one).notices.map((n) => [n.key, n.firm])).toEqual([
      ['FDA-early-alert-ventilator-issue-resmed', 'Resmed'],
    ]);
    expect(readFdaRss('<rss version="2.0"><channel><title>x</title></channel></rss>')).toEqual({
      notices: [],
      rejects: [],
    });
  });

  it('when an item has no link, then it is a reject', () => {
    const feed = '<rss version="2.0"><channel><item><title>Orphan</title></item></channel></rss>';
    expect(readFdaRss(feed).rejects.map((r) => r.reason)).toEqual(['the item has no link']);
  });

  it('when the XML is malformed or not RSS, then reading throws a clear error', () => {
    expect(() => readFdaRss('<rss><channel><item></channel></rss>')).toThrow(/not well-formed XML/);
    expect(() => readFdaRss('<feed xmlns="http://www.w3.org/2005/Atom"></feed>')).toThrow(/not RSS 2.0/);
  });
});

describe('FDA item pages', () => {
  const impella = readFdaAlertPage(
    text('fda-alert-pages/heart-pump-recall-abiomed-removes-impella-cp-sets-smartassist.html'),
  );

  it('when the page lists the affected devices, then product, code, UDI-DI and serials are read', () => {
    expect(impella).toMatchObject({
      products: ['Impella CP Set with SmartAssist'],
      models: ['0048-0003'],
      udiDis: ['00813502012279'],
      lots: ['613525', '644314', '645428', '644591', '672986', '673252', '677223'],
      letterFirm: 'Abiomed',
      pageDate: '2026-07-02',
      letterDate: '2026-05-18',
    });
  });

  it('when the letter has no year and the page no date, then the fallback year is used', () => {
    const html = '<p>On May 18, Abiomed sent affected customers a letter recommending removal.</p>';
    expect(readFdaAlertPage(html, 2026).letterDate).toBe('2026-05-18');
    expect(readFdaAlertPage(html).letterDate).toBeNull();
  });

  it('when the letter’s month is after the page’s date, then it was the year before', () => {
    const html =
      '<p>On December 20, Acme sent affected customers a letter.</p><p>Content current as of: 01/09/2026</p>';
    expect(readFdaAlertPage(html).letterDate).toBe('2025-12-20');
  });

  it('when an item is enriched from its page, then the letter date replaces the posting date', () => {
    const notice = readFdaRss(text('fda-rss.xml')).notices.find((n) => n.firm === 'Abbott Diabetes Care')!;
    const page = readFdaAlertPage(
      text('fda-alert-pages/early-alert-glucose-monitor-sensor-issue-abbott-diabetes-care.html'),
    );
    expect(enrichFdaAlert(notice, page)).toMatchObject({
      noticeDate: '2025-11-24',
      sourceUpdated: '2025-12-02',
      product: 'Glucose Monitor Sensor; FreeStyle Libre 3 sensors; FreeStyle Libre 3 Plus sensors',
    });
  });
});

describe('MHRA on GOV.UK', () => {
  it('when a search page is read, then every result keeps its alert types as a list', () => {
    const page = readMhraSearch(json('mhra-search.json'));
    expect(page.total).toBe(7);
    expect(page.results.map((r) => r.alertType)).toContainEqual(['national-patient-safety']);
    const devices = page.results.filter((r) => isDeviceAlert(r.alertType));
    expect(devices.map((r) => r.alertType[0])).toEqual([
      'field-safety-notices',
      'device-safety-information',
      'national-patient-safety',
      'devices',
    ]);
    expect(page.results.find((r) => r.title.startsWith('Class 3 Medicines Recall'))?.issuedDate).toBe(
      '2026-07-03',
    );
  });

  it('when alert types are medicines ones, then they are not device alerts', () => {
    expect(isDeviceAlert('medicines-recall-notification')).toBe(false);
    expect(isDeviceAlert(['mhra-safety-round-up', 'drugs', 'company-led-drugs'])).toBe(false);
    expect(isDeviceAlert(['drugs', 'medical-device-alert'])).toBe(true);
  });

  it('when a search response has no results array, then reading throws; a result without link is a reject', () => {
    expect(() => readMhraSearch({ error: 'bad' })).toThrow(/results array/);
    const page = readMhraSearch({ results: [{ title: 'no link' }], total: 1 });
    expect(page.results).toEqual([]);
    expect(page.rejects).toHaveLength(1);
  });

  it('when a content item has a device table, then firm, models and lots come from its columns', () => {
    const name = readdirSync(join(fixtures, 'mhra-content')).find((f) => f.startsWith('glidesheath'))!;
    expect(readMhraContent(json(`mhra-content/${name}`))).toMatchObject({
      key: 'MHRA-glidesheath-slender-introducer-sheath-risk-of-sheath-separation-during-removal-dsi-slash-2026-slash-006',
      firm: 'Terumo Medical Corporation',
      models: ['60-1060', '60-1070'],
      lots: ['0001441871', '0001441872', '0001441873'],
      sourceClass: 'Device safety information',
      noticeDate: '2026-07-06',
      sourceUpdated: '2026-07-08T14:30:00.000+01:00',
    });
  });

  it('when a content item names the maker in "Manufacturer:" lines, then the firm and numbers come from them', () => {
    const name = readdirSync(join(fixtures, 'mhra-content')).find((f) => f.startsWith('infusion-pumps'))!;
    expect(readMhraContent(json(`mhra-content/${name}`))).toMatchObject({
      firm: 'Becton, Dickinson and Company',
      models: ['2260-0500', '2420-0500', '2426-0007'],
      lots: ['25061234', '25071301'],
      sourceClass: 'National patient safety alert',
    });
  });

  it('when a content item has no body, then the notice has no firm and no numbers', () => {
    const notice = readMhraContent({
      base_path: '/drug-device-alerts/x-ray-unit',
      title: 'X-ray unit - risk of fire',
    });
    expect(notice).toMatchObject({
      key: 'MHRA-x-ray-unit',
      firm: null,
      models: [],
      product: 'X-ray unit',
      noticeDate: null,
    });
    expect(() => readMhraContent({ title: 'no path' })).toThrow(/base_path/);
  });
});
