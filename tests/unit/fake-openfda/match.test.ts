import { describe, expect, it } from 'vitest';
import type { FdaRecord } from '../../support/fake-openfda/dataset';
import type { Endpoint } from '../../support/fake-openfda/fields';
import { compileSearch, valuesAt } from '../../support/fake-openfda/match';
import { QueryError } from '../../support/fake-openfda/query';

const recalls: FdaRecord[] = [
  {
    product_res_number: 'Z-0053-2020',
    recall_status: 'Terminated',
    recalling_firm: 'Arrow International Inc',
    event_date_posted: '2019-10-07',
    product_code: 'FOZ',
    k_numbers: ['K900263'],
    product_description: 'Pediatric Two-Lumen Central Venous Catheterization Kit, REF AK-25502',
    reason_for_recall: 'Lidstock contains a labeling error.',
    openfda: {
      device_name: 'Catheter, Intravascular, Therapeutic, Short-Term',
      regulation_number: '880.5200',
    },
  },
  {
    product_res_number: 'Z-0054-2020',
    recall_status: 'Open, Classified',
    recalling_firm: 'Arrow International Inc',
    event_date_posted: '2019-10-08',
    product_code: 'FOZ',
    product_description: 'Central Venous Catheterization Kit',
    openfda: {},
  },
  {
    product_res_number: 'Z-1022-2003',
    recall_status: 'Terminated',
    recalling_firm: 'Becton Dickinson & Co.',
    event_date_posted: '2003-06-01',
    event_date_terminated: '2005-01-12',
    product_code: 'FRN',
    product_description: 'BD infusion pump ELISA module',
    openfda: { device_name: 'Pump, Infusion', regulation_number: '880.5725' },
  },
];

const events: FdaRecord[] = [
  {
    mdr_report_key: '1000',
    date_received: '20210408',
    event_type: 'Malfunction',
    device: [
      { manufacturer_d_name: 'PHILIPS RESPIRONICS', model_number: 'DSX500' },
      { manufacturer_d_name: 'ACME MEDICAL', model_number: 'TRILOGY100' },
    ],
    mdr_text: [
      { text_type_code: 'Description of Event or Problem', text: 'FOAM PARTICLES FOUND IN THE AIR PATH.' },
    ],
  },
  {
    report_number: 'MW5114259',
    date_received: '20211008',
    device: [{ manufacturer_d_name: 'Philips Respironics', model_number: 'TRILOGY100' }],
  },
];

function matches(endpoint: Endpoint, records: FdaRecord[], search: string, key: string): string[] {
  const predicate = compileSearch(endpoint, search);
  return records.filter(predicate).map((r) => String(r[key]));
}
const recall = (search: string) => matches('recall', recalls, search, 'product_res_number');
const event = (search: string) => matches('event', events, search, 'date_received');

describe('compileSearch: text, keyword and .exact fields', () => {
  it('when a keyword field is searched, then the whole value must match case-sensitively', () => {
    expect(recall('recall_status:Terminated')).toEqual(['Z-0053-2020', 'Z-1022-2003']);
    expect(recall('recall_status:terminated')).toEqual([]);
    expect(recall('recall_status:Open')).toEqual([]);
    expect(recall('recall_status:"Open, Classified"')).toEqual(['Z-0054-2020']);
  });

  it('when a text field is searched, then any token matches, case-insensitively', () => {
    expect(recall('recalling_firm:ARROW')).toEqual(['Z-0053-2020', 'Z-0054-2020']);
    expect(recall('openfda.regulation_number:880.5725')).toEqual(['Z-1022-2003']);
  });

  it('when an unquoted term analyses to several tokens, then it is an OR of them (why .exact is needed)', () => {
    // Every recall number has the token "z", so this matches all of them.
    expect(recall('product_res_number:Z-0053-2020')).toEqual(['Z-0053-2020', 'Z-0054-2020', 'Z-1022-2003']);
    expect(recall('product_res_number:0053-2020')).toEqual(['Z-0053-2020', 'Z-0054-2020']);
    expect(recall('product_res_number.exact:Z-0053-2020')).toEqual(['Z-0053-2020']);
    expect(recall('product_res_number:"Z-0053-2020"')).toEqual(['Z-0053-2020']);
  });

  it('when .exact is used, then the whole value matches case-sensitively', () => {
    expect(recall('recalling_firm.exact:"Becton Dickinson & Co."')).toEqual(['Z-1022-2003']);
    expect(recall('recalling_firm.exact:"becton dickinson & co."')).toEqual([]);
  });

  it('when .exact is asked of a field without it, or of an unknown field, then nothing matches', () => {
    expect(recall('recall_status.exact:Terminated')).toEqual([]);
    expect(recall('product_description.exact:"Central Venous Catheterization Kit"')).toEqual([]);
    expect(recall('no_such_field:FOZ')).toEqual([]);
  });

  it('when a phrase is quoted, then its tokens must be consecutive', () => {
    expect(recall('product_description:"venous catheterization kit"')).toEqual([
      'Z-0053-2020',
      'Z-0054-2020',
    ]);
    expect(recall('product_description:"kit venous"')).toEqual([]);
  });

  it('when a term has no field, then every field is searched', () => {
    expect(recall('K900263')).toEqual(['Z-0053-2020']);
    expect(recall('pump')).toEqual(['Z-1022-2003']);
  });

  it('when = is used instead of :, then the clause becomes a free-text search of all fields', () => {
    // "infusion" is only in product_description, yet the query named reason_for_recall.
    expect(recall('reason_for_recall=infusion')).toEqual(['Z-1022-2003']);
    // recall_status is a keyword field: "recall_status=Terminated" as a whole value matches nothing.
    expect(recall('recall_status=Terminated')).toEqual([]);
  });
});

describe('compileSearch: ranges, wildcards, existence', () => {
  it('when a date range is given in either format, then it matches dates stored in either format', () => {
    expect(recall('event_date_posted:[2019-10-07 TO 2019-10-08]')).toEqual(['Z-0053-2020', 'Z-0054-2020']);
    expect(recall('event_date_posted:[20191007 TO 20191007]')).toEqual(['Z-0053-2020']);
    expect(event('date_received:[2021-04-08 TO 2021-12-31]')).toEqual(['20210408', '20211008']);
    expect(event('date_received:[20210409 TO *]')).toEqual(['20211008']);
  });

  it('when a range is exclusive or written with > and <, then the bounds are left out', () => {
    expect(recall('event_date_posted:{2019-10-07 TO 2019-10-08]')).toEqual(['Z-0054-2020']);
    expect(recall('event_date_posted:>2019-10-07')).toEqual(['Z-0054-2020']);
    expect(recall('event_date_posted:<=2003-06-01')).toEqual(['Z-1022-2003']);
  });

  it('when a wildcard is used, then it is case-insensitive on text and case-sensitive on .exact', () => {
    expect(recall('product_description:*ELIS*')).toEqual(['Z-1022-2003']);
    expect(recall('recalling_firm.exact:Becton*')).toEqual(['Z-1022-2003']);
    expect(recall('recalling_firm.exact:becton*')).toEqual([]);
    expect(recall('product_code:F?Z')).toEqual(['Z-0053-2020', 'Z-0054-2020']);
  });

  it('when _exists_ or _missing_ is used, then presence of a value decides', () => {
    expect(recall('_exists_:event_date_terminated')).toEqual(['Z-1022-2003']);
    expect(recall('_missing_:event_date_terminated')).toEqual(['Z-0053-2020', 'Z-0054-2020']);
    expect(recall('_exists_:openfda')).toEqual(['Z-0053-2020', 'Z-1022-2003']);
    expect(recall('k_numbers:*')).toEqual(['Z-0053-2020']);
  });

  it('when a date field gets a value that is not a date, then ES rejects the query', () => {
    expect(() => recall('event_date_posted:yesterday')).toThrow(QueryError);
    expect(recall('yesterday')).toEqual([]);
  });
});

describe('compileSearch: boolean logic', () => {
  it('when a query is purely negative, then it matches everything else', () => {
    expect(recall('NOT recall_status:Terminated')).toEqual(['Z-0054-2020']);
    expect(recall('-product_code:FOZ')).toEqual(['Z-1022-2003']);
  });

  it('when a boolean has required clauses, then its optional clauses do not filter', () => {
    expect(recall('product_code:FRN OR product_code:FOZ AND recall_status:Terminated')).toEqual([
      'Z-0053-2020',
    ]);
    expect(recall('(product_code:FRN OR product_code:FOZ) AND recall_status:Terminated')).toEqual([
      'Z-0053-2020',
      'Z-1022-2003',
    ]);
  });

  it('when clauses name fields inside arrays, then they may match different elements (not nested)', () => {
    expect(
      event('device.manufacturer_d_name.exact:"PHILIPS RESPIRONICS" AND device.model_number:TRILOGY100'),
    ).toEqual(['20210408']);
    expect(event('device.manufacturer_d_name:philips')).toEqual(['20210408', '20211008']);
    expect(event('mdr_text.text:"air path"')).toEqual(['20210408']);
  });
});

describe('valuesAt', () => {
  it('when a path crosses arrays and objects, then every scalar at its end is collected', () => {
    expect(valuesAt(events[0], ['device', 'model_number'])).toEqual(['DSX500', 'TRILOGY100']);
    expect(valuesAt(recalls[1], ['openfda', 'device_name'])).toEqual([]);
  });
});
