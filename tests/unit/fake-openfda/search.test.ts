import { describe, expect, it } from 'vitest';
import { createDataset } from '../../support/fake-openfda/dataset';
import type { Endpoint } from '../../support/fake-openfda/fields';
import { createSearcher } from '../../support/fake-openfda/search';

const dataset = createDataset({
  enforcement: {
    lastUpdated: '2026-06-24',
    results: [
      {
        recall_number: 'Z-2338-2012',
        product_type: 'Devices',
        status: 'Terminated',
        report_date: '20120815',
        event_id: '62146',
      },
      {
        recall_number: 'Z-0198-2018',
        product_type: 'Devices',
        status: 'Terminated',
        report_date: '20171213',
        event_id: '78527',
      },
      // The enforcement index is shared with drugs and food; the device endpoint must never show this.
      {
        recall_number: 'D-0001-2018',
        product_type: 'Drugs',
        status: 'Ongoing',
        report_date: '20171213',
        event_id: '78000',
      },
    ],
  },
  recall: {
    lastUpdated: '2021-12-09',
    results: [
      {
        product_res_number: 'Z-0001-2020',
        recall_status: 'Terminated',
        event_date_posted: '2020-01-02',
        root_cause_description: 'Device Design',
      },
      {
        product_res_number: 'Z-0002-2020',
        recall_status: 'Terminated',
        event_date_posted: '2020-01-02',
        root_cause_description: 'Employee error',
      },
      {
        product_res_number: 'Z-0003-2020',
        recall_status: 'Completed',
        event_date_posted: '2020-03-04',
        root_cause_description: 'Device Design',
      },
    ],
  },
});
const searcher = createSearcher(dataset);

function ask(endpoint: Endpoint, query: string) {
  const params = [...new URLSearchParams(query)];
  return searcher.answer({ endpoint, params, origin: 'http://fake', path: `/device/${endpoint}.json` });
}
const ids = (answer: ReturnType<typeof ask>) =>
  (answer.body as { results: { recall_number: string }[] }).results.map((r) => r.recall_number);

describe('the enforcement filter (openfda-api.md §6.1)', () => {
  it('when A OR B is searched unwrapped, then A is silently lost with a 200', () => {
    const answer = ask(
      'enforcement',
      'search=recall_number.exact:Z-2338-2012+OR+recall_number.exact:Z-0198-2018&limit=10',
    );
    expect(answer.status).toBe(200);
    expect(ids(answer)).toEqual(['Z-0198-2018']);
  });

  it('when A OR B is wrapped in parentheses, then both come back', () => {
    const answer = ask(
      'enforcement',
      'search=(recall_number.exact:Z-2338-2012+OR+recall_number.exact:Z-0198-2018)&limit=10',
    );
    expect(ids(answer).sort()).toEqual(['Z-0198-2018', 'Z-2338-2012']);
  });

  it('when there is no search, then only device records are served', () => {
    const answer = ask('enforcement', 'limit=10');
    expect((answer.body as { meta: { results: { total: number } } }).meta.results.total).toBe(2);
    expect(ask('enforcement', 'search=status:Ongoing').status).toBe(404);
  });

  it('when the search has unsupported characters, then the message echoes it with the filter, HTML-escaped', () => {
    expect(ask('enforcement', 'search=recalling_firm:"Smith%3B Co"').body).toEqual({
      error: {
        code: 'BAD_REQUEST',
        message: 'Search not supported: recalling_firm:&quot;Smith; Co&quot; AND product_type:devices',
      },
    });
  });
});

describe('parameter checks (api_request.js order and messages)', () => {
  const message = (query: string) =>
    (ask('recall', query).body as { error: { message: string } }).error.message;

  it('when checks fail, then the first failing rule gives its message', () => {
    expect(message('api_key=x')).toBe('Invalid parameter: api_key');
    expect(message('limit=ten')).toBe('Invalid limit parameter value.');
    expect(message('skip=-1')).toBe('Invalid skip parameter value.');
    expect(message('skip=25001&limit=5000')).toBe('Skip value must 25000 or less.');
    expect(message('count=recall_status&limit=1001')).toBe(
      'Limit cannot exceed 1000 results for count requests.',
    );
    expect(message('count=recall_status&skip=1')).toBe('Should not use skip param when using count.');
    expect(message('search_after=0%3DZ-0001-2020&skip=1')).toBe(
      'The skip parameter is not supported when using search_after.',
    );
    expect(message('sort=event_date_posted:asc%7C')).toBe('Sort not supported: event_date_posted:asc|');
  });

  it('when values carry spaces or a trailing %20, then they are trimmed', () => {
    expect(ask('recall', 'search=recall_status:Completed%2520&limit=%205%20').status).toBe(200);
  });

  it('when skip=0 comes with search_after, then it is tolerated', () => {
    expect(ask('recall', 'skip=0&search_after=0%3DZ-0001-2020').status).toBe(200);
  });
});

describe('counts', () => {
  it('when a keyword or .exact field is counted, then buckets are whole values by document count', () => {
    expect(ask('recall', 'count=root_cause_description.exact').body).toMatchObject({
      results: [
        { term: 'Device Design', count: 2 },
        { term: 'Employee error', count: 1 },
      ],
    });
  });

  it('when a text field is counted, then buckets are its tokens', () => {
    expect(ask('recall', 'count=root_cause_description&limit=2').body).toMatchObject({
      results: [
        { term: 'design', count: 2 },
        { term: 'device', count: 2 },
      ],
    });
  });

  it('when a date field is counted, then it is a daily histogram without meta.results', () => {
    const answer = ask('recall', 'count=event_date_posted');
    expect(answer.body).toEqual({
      meta: expect.not.objectContaining({ results: expect.anything() }),
      results: [
        { time: '20200102', count: 2 },
        { time: '20200304', count: 1 },
      ],
    });
  });

  it('when nothing can be counted, then it is 404 Nothing to count', () => {
    expect(ask('recall', 'count=no_such_field').body).toEqual({
      error: { code: 'NOT_FOUND', message: 'Nothing to count' },
    });
  });
});

describe('search results', () => {
  it('when limit=0, then the total comes back with no records; with no hits it is 404', () => {
    expect(ask('recall', 'limit=0').body).toMatchObject({
      meta: { results: { skip: 0, limit: 0, total: 3 } },
      results: [],
    });
    expect(ask('recall', 'limit=0&search=recall_status:Open').status).toBe(404);
  });

  it('when a record is added after a search was cached, then invalidate makes it visible', () => {
    expect(ask('recall', 'search=recall_status:Completed&limit=5').body).toMatchObject({
      meta: { results: { total: 1 } },
    });
    dataset.recall.records.set('Z-0004-2020', {
      product_res_number: 'Z-0004-2020',
      recall_status: 'Completed',
    });
    searcher.invalidate();
    expect(ask('recall', 'search=recall_status:Completed&limit=5').body).toMatchObject({
      meta: { results: { total: 2 } },
    });
  });
});
