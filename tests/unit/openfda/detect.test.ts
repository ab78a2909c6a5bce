import { describe, expect, it } from 'vitest';
import { detectFeed, keyInText } from '../../../src/openfda/bulk/detect';

describe('detectFeed', () => {
  it('when a record has a feed’s own fields, then the feed is recognised', () => {
    expect(detectFeed({ product_res_number: 'Z-1', recalling_firm: 'X' })).toBe('recall');
    expect(detectFeed({ recall_number: 'Z-1', classification: 'Class II' })).toBe('enforcement');
    expect(detectFeed({ product_type: 'Devices', classification: 'Class I' })).toBe('enforcement');
    expect(detectFeed({ report_number: 'MW1', device: [] })).toBe('event');
    expect(detectFeed({ product_code: 'FRN', device_name: 'Pump', device_class: '2' })).toBe(
      'classification',
    );
  });

  it('when a record says nothing recognisable, then there is no guess', () => {
    expect(detectFeed({ brand_name: 'x' })).toBeNull();
    expect(detectFeed('text')).toBeNull();
    expect(detectFeed(null)).toBeNull();
  });
});

describe('keyInText', () => {
  it('when a record is broken JSON, then its key can still be read off the text', () => {
    expect(keyInText('{"product_res_number": "Z-0557-04", "x": tru')).toBe('Z-0557-04');
    expect(keyInText('{"mdr_report_key":"1312172",')).toBe('1312172');
    expect(keyInText('{"nothing": 1')).toBeNull();
  });
});
