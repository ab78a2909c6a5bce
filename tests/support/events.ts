import path from 'node:path';
import type { Db } from '../../src/db/client';
import { type EventFilters, readEventFilters } from '../../src/events/filters';
import { importFiles } from '../../src/openfda/bulk/import';
import { projectRoot } from './shared';
import { captureLog, openTestDb } from './vigil';

/**
 * The MAUDE fixture: 30 reports from three makers in turn, received between 2019 and 2024;
 * Acme's name is spelt two ways over its 10.
 */
export const eventFixture = path.join(projectRoot, 'tests/fixtures/openfda/device-event.fixture.json');

/** A fresh database file with the MAUDE fixture imported (not yet in the narrative index). */
export async function openEventFixtureDb(): Promise<{ db: Db; file: string; close: () => void }> {
  const opened = openTestDb();
  await importFiles({ db: opened.db, now: () => new Date(), log: captureLog().log }, [eventFixture]);
  return opened;
}

/** Filters as the search page reads them; a test that asks something unreadable fails saying why. */
export function eventFilters(raw: Record<string, string>): EventFilters {
  const read = readEventFilters(raw);
  if (!read.ok) throw new Error(read.problems.join('; '));
  return read.filters;
}
