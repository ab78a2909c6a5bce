import path from 'node:path';
import { startFakeOpenFda } from '/work/main/tests/support/fake-openfda/server';
import { startFakeSources } from '/work/main/tests/support/fake-sources/server';

const fixtures = '/work/main/tests/fixtures/sources';
const fake = await startFakeSources({
  healthCanadaFile: path.join(fixtures, 'health-canada.json'),
  healthCanadaPages: path.join(fixtures, 'health-canada-pages'),
  rssFile: path.join(fixtures, 'fda-rss.xml'),
  alertPages: path.join(fixtures, 'fda-alert-pages'),
  mhraSearch: path.join(fixtures, 'mhra-search.json'),
  mhraContent: path.join(fixtures, 'mhra-content'),
  port: 47111,
});
const o = await startFakeOpenFda({ dataDir: path.join(fixtures, 'openfda'), port: 47112 } as never);
console.log(fake.url, o.url);
