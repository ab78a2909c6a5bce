import { describe, expect, it } from 'vitest';
import { nextLink } from '../../../src/openfda/link';

describe('nextLink', () => {
  it('when openFDA sends its documented Link header, then the next URL is returned as is', () => {
    const header =
      '<https://api.fda.gov/drug/event.json?search=patient.drug.openfda.product_type.exact%3A%22HUMAN%20PRESCRIPTION%20DRUG%22&limit=100&sort=receivedate%3Aasc&skip=0&search_after=0%3D1068076800000%3B1%3Dsafetyreport%25234022687>; rel="next"';
    expect(nextLink(header)).toBe(
      'https://api.fda.gov/drug/event.json?search=patient.drug.openfda.product_type.exact%3A%22HUMAN%20PRESCRIPTION%20DRUG%22&limit=100&sort=receivedate%3Aasc&skip=0&search_after=0%3D1068076800000%3B1%3Dsafetyreport%25234022687',
    );
  });

  it('when there is no Link or no rel=next, then there is no next page', () => {
    expect(nextLink(undefined)).toBeNull();
    expect(nextLink('<https://x/y>; rel="prev"')).toBeNull();
  });

  it('when several links are listed, then the next one is picked', () => {
    expect(nextLink('<https://x/a>; rel="prev", <https://x/b?c=1,2>; rel=next')).toBe('https://x/b?c=1,2');
  });
});
