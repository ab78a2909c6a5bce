/**
 * `npm run fake-openfda -- --port N --data DIR [--host H] [--add-samples] [--require-api-key KEY]`:
 * serves the fake openFDA until SIGINT/SIGTERM.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stopWhenOrphaned } from './orphan';
import { DEFAULT_DATA_DIR, startFakeOpenFda } from './server';

function fail(message: string): never {
  process.stderr.write(`fake-openfda: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let values: ReturnType<typeof parse>['values'];
  try {
    ({ values } = parse());
  } catch (error) {
    fail((error as Error).message);
  }
  const port = Number(values.port ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`--port must be a port number, not "${values.port}"`);
  // A --data typed by a person is relative to where they typed it (npm moves to the project root
  // and keeps the original in INIT_CWD); the default is relative to the project root.
  const dataDir = values.data
    ? resolve(process.env.INIT_CWD ?? process.cwd(), values.data)
    : resolve(process.cwd(), DEFAULT_DATA_DIR);

  const fake = await startFakeOpenFda({
    dataDir,
    port,
    host: values.host ?? '127.0.0.1',
    addSamples: values['add-samples'] ?? false,
    ...(values['require-api-key'] ? { requireApiKey: values['require-api-key'] } : {}),
  }).catch((error: Error) => fail(error.message));

  const size = (endpoint: 'recall' | 'enforcement' | 'event' | 'classification') =>
    fake.dataset[endpoint].records.size;
  process.stdout.write(
    `fake openFDA listening on ${fake.url} (recall ${size('recall')}, enforcement ${size('enforcement')}, ` +
      `event ${size('event')}, classification ${size('classification')})\n`,
  );
  const stop = () => {
    fake.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  stopWhenOrphaned(stop);
}

function parse() {
  return parseArgs({
    options: {
      port: { type: 'string' },
      data: { type: 'string' },
      host: { type: 'string' },
      'add-samples': { type: 'boolean' },
      'require-api-key': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
}

await main();
