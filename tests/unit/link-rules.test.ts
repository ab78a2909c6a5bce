import { describe, expect, it } from 'vitest';
import { createFirmIndex } from '../../src/matching/firms';
import { judgeLink, type LinkNotice, type LinkRecall } from '../../src/sources/link-rules';

const firms = createFirmIndex([
  { name: 'becton dickinson', family: 'bd' },
  { name: 'carefusion', family: 'bd' },
]);

const notice = (over: Partial<LinkNotice> = {}): LinkNotice => ({
  firm: 'Terumo Medical Corporation',
  title: 'Glidesheath Slender® Introducer Sheath',
  product: 'Glidesheath Slender® Introducer Sheath',
  models: ['60-1060'],
  lots: ['0001441871'],
  udiDis: [],
  noticeDate: '2026-07-02',
  ...over,
});

const recall = (over: Partial<LinkRecall> = {}): LinkRecall => ({
  recallingFirm: 'Terumo Medical Corp',
  productDescription: 'Glidesheath Slender Introducer Sheath, Catalog 60-1060',
  codeInfo: 'Lot Numbers: 0001441871',
  initiated: '2026-06-24',
  ...over,
});

describe('whether a notice and an openFDA recall are one event', () => {
  it('when the firm agrees and the catalogue number and lot are the same, then they are linked, saying why', () => {
    const verdict = judgeLink(notice(), recall(), firms);
    expect(verdict?.state).toBe('linked');
    expect(verdict?.reasons.join(' ')).toMatch(/same firm/);
    expect(verdict?.reasons.join(' ')).toMatch(/60-1060/);
  });

  it('when the firm is of the same family by the alias table, then that counts as the same firm', () => {
    const verdict = judgeLink(
      notice({
        firm: 'CareFusion',
        product: 'Alaris Pump Module',
        title: 'Alaris Pump Module',
        models: ['8100'],
        lots: [],
      }),
      recall({
        recallingFirm: 'Becton Dickinson & Co.',
        productDescription: 'Alaris Pump Module, Model 8100',
        codeInfo: null,
      }),
      firms,
    );
    expect(verdict?.state).toBe('linked');
  });

  it('when the firm is another, then never, however the product words agree', () => {
    expect(judgeLink(notice(), recall({ recallingFirm: 'Cook Inc.' }), firms)).toBeNull();
  });

  it('when the same firm recalls another product in the window, then no link is made', () => {
    const other = recall({
      productDescription: 'Pinnacle Destination Peripheral Guiding Sheath',
      codeInfo: 'Lot Numbers: 0001552001',
    });
    expect(judgeLink(notice(), other, firms)).toBeNull();
  });

  it('when the recall began long before or well after the notice, then they are not one event', () => {
    expect(judgeLink(notice(), recall({ initiated: '2025-06-24' }), firms)).toBeNull();
    expect(judgeLink(notice(), recall({ initiated: '2026-09-24' }), firms)).toBeNull();
  });

  it('when the notice names no firm, then only the same devices of ours or a UDI-DI can stand for it', () => {
    const bare = notice({
      firm: null,
      models: [],
      lots: [],
      title: 'A.T.S® 4000 TS Tourniquet Systems Single and Dual Hose',
      product: 'A.T.S® 4000 TS Tourniquet Systems Single and Dual Hose',
    });
    const ats = recall({
      recallingFirm: 'Zimmer Surgical, Inc.',
      productDescription: 'A.T.S. 4000 TS Automatic Tourniquet System, single and dual hose',
      codeInfo: null,
    });
    expect(judgeLink(bare, ats, firms)).toBeNull();
    expect(judgeLink(bare, { ...ats, sharedDevices: ['BME-1'] }, firms)?.state).toBe('linked');
    const stryker = { ...ats, recallingFirm: 'Stryker', productDescription: 'SmartPump Tourniquet System' };
    expect(judgeLink(bare, stryker, firms)).toBeNull();
  });

  it('when only a word of the name and the firm agree, then a person is asked, not told', () => {
    const verdict = judgeLink(
      notice({ models: [], lots: [], title: 'Glidesheath Slender', product: 'Glidesheath Slender' }),
      recall({ productDescription: 'Glidesheath Hydrophilic Coated Introducer, 5 Fr', codeInfo: null }),
      firms,
    );
    expect(verdict?.state).toBe('suggested');
  });
});
