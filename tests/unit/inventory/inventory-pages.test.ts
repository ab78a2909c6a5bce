import { describe, expect, it } from 'vitest';
import { modelSpellings, sameModel } from '../../../src/events/model-spellings';
import { listingOf, pageSpan } from '../../../src/inventory/listing';
import {
  buildSearchIndex,
  type IndexedAsset,
  queryWords,
  searchWords,
} from '../../../src/inventory/search-index';
import { assetHref, listingHref } from '../../../views/inventory/listing';

const asset = (assetTag: string, fields: Partial<IndexedAsset> = {}): IndexedAsset => ({
  assetTag,
  manufacturer: null,
  model: null,
  serialNumber: null,
  deviceName: null,
  location: null,
  department: null,
  status: null,
  ...fields,
});

const inventory = buildSearchIndex([
  asset('BME-1001', {
    manufacturer: 'BD',
    model: 'Alaris PC Unit 8015',
    serialNumber: '12840771',
    department: 'ICU',
    location: 'ICU Bay 4',
    deviceName: 'Infusion pump controller',
    status: 'In Service',
  }),
  asset('BME-1004', {
    manufacturer: 'Philips Medical Systems',
    model: 'IntelliVue MX450',
    serialNumber: 'DE71200150',
    department: 'ICU',
    location: 'ICU Bay 1',
    status: 'In Service',
  }),
  asset('BME-1006', {
    manufacturer: 'ICU Medical',
    model: 'Medfusion 4000',
    serialNumber: 'MF4073318',
    department: 'NICU',
    deviceName: 'Syringe pump',
    status: 'Retired',
  }),
  asset('CSM-7', { manufacturer: 'Dräger', model: 'CSM-1901', location: 'OR 9' }),
]);
const find = (
  q: string,
  filters: Partial<{ department: string; manufacturer: string; status: string }> = {},
) =>
  inventory.find({ terms: queryWords(q), department: '', manufacturer: '', status: '', ...filters }, 0, 50)
    .tags;

describe('the inventory word index', () => {
  it('when a word is searched, then assets with a word that begins with it are found, in tag order', () => {
    expect(find('pump')).toEqual(['BME-1001', 'BME-1006']);
    expect(find('intelli')).toEqual(['BME-1004']);
    expect(find('12840')).toEqual(['BME-1001']);
    expect(find('bay 4')).toEqual(['BME-1001']);
    expect(find('ICU')).toEqual(['BME-1001', 'BME-1004', 'BME-1006']);
    expect(find('840771')).toEqual([]);
  });

  it('when a code is typed with or without its hyphen, or with accents left off, then it is found', () => {
    expect(find('CSM-1901')).toEqual(['CSM-7']);
    expect(find('csm1901')).toEqual(['CSM-7']);
    expect(find('bme-1004')).toEqual(['BME-1004']);
    expect(find('Dräger')).toEqual(['CSM-7']);
    expect(find('drager')).toEqual(['CSM-7']);
  });

  it('when filters are set, then only assets with exactly those values stay, and the total counts them all', () => {
    expect(find('', { department: 'ICU' })).toEqual(['BME-1001', 'BME-1004']);
    expect(find('pump', { status: 'Retired' })).toEqual(['BME-1006']);
    expect(find('pump', { manufacturer: 'BD', department: 'NICU' })).toEqual([]);
    expect(inventory.find({ terms: [], department: '', manufacturer: '', status: '' }, 1, 2)).toEqual({
      total: 4,
      tags: ['BME-1004', 'BME-1006'],
    });
    expect(inventory.find({ terms: ['icu'], department: '', manufacturer: '', status: '' }, 2, 2)).toEqual({
      total: 3,
      tags: ['BME-1006'],
    });
  });

  it('when the filters are offered, then each column gives its distinct values, sorted', () => {
    expect(inventory.choices).toEqual({
      departments: ['ICU', 'NICU'],
      statuses: ['In Service', 'Retired'],
    });
  });

  it('when text is split into words, then punctuation separates and the whole field is one more word', () => {
    expect(searchWords('CSM-1901')).toEqual(['csm', '1901', 'csm1901']);
    expect(searchWords('DE71200150')).toEqual(['de71200150']);
    expect(searchWords(null)).toEqual([]);
    expect(queryWords('  Bay 4, bay ')).toEqual(['bay', '4']);
  });
});

describe('the inventory list address', () => {
  it('when the query string is odd, then the listing is made sane', () => {
    expect(listingOf({ q: '  Alaris   8015 ', page: '-3' })).toEqual({
      q: 'Alaris 8015',
      terms: ['alaris', '8015'],
      department: '',
      manufacturer: '',
      status: '',
      page: 1,
    });
    expect(listingOf({ page: 'x' }).page).toBe(1);
    expect(listingOf({ page: '4' }).page).toBe(4);
    expect(listingOf({ q: 'x'.repeat(5000) }).q).toHaveLength(200);
  });

  it('when a page link is made, then it keeps the search and filters and leaves out the defaults', () => {
    const listing = listingOf({ q: 'pump & co', department: 'Med/Surg', status: '' });
    expect(listingHref(listing, 2)).toBe('/inventory?q=pump+%26+co&department=Med%2FSurg&page=2');
    expect(listingHref(listingOf({}))).toBe('/inventory');
    expect(assetHref('ICU/4 #7')).toBe('/inventory/ICU%2F4%20%237');
  });

  it('when the page is placed among the assets found, then the rows and the number of pages follow', () => {
    expect(pageSpan(1, 120)).toEqual({ from: 1, to: 50, total: 120, pages: 3 });
    expect(pageSpan(3, 120)).toEqual({ from: 101, to: 120, total: 120, pages: 3 });
    expect(pageSpan(4, 120)).toEqual({ from: 0, to: 0, total: 120, pages: 3 });
    expect(pageSpan(1, 0)).toEqual({ from: 0, to: 0, total: 0, pages: 1 });
  });
});

describe('MAUDE reports for a model', () => {
  it('when a model is looked up, then its usual spellings are tried', () => {
    expect(modelSpellings('CSM-1901')).toEqual(['CSM-1901', 'csm-1901', 'CSM1901', 'CSM 1901']);
    expect(modelSpellings('Alaris PC Unit 8015')).toEqual([
      'Alaris PC Unit 8015',
      'ALARIS PC UNIT 8015',
      'alaris pc unit 8015',
      'ALARISPCUNIT8015',
      'ALARIS-PC-UNIT-8015',
    ]);
    expect(modelSpellings('20')).toEqual([]);
    expect(modelSpellings(null)).toEqual([]);
  });

  it('when a reported model is compared, then spacing and case do not matter but a longer number does', () => {
    expect(sameModel('CSM-1901', 'CSM 1901')).toBe(true);
    expect(sameModel('Infusion-8000', 'INFUSION 8000')).toBe(true);
    expect(sameModel('8015', '18015')).toBe(false);
    expect(sameModel('8015', null)).toBe(false);
  });
});
