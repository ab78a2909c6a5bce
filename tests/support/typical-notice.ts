import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { Db } from '../../src/db/client';
import { importInventory } from '../../src/inventory/import';
import { importFiles } from '../../src/openfda/bulk/import';
import { matchAndOpenCases } from '../../src/pipeline';
import { classify } from './recall-cases';
import { projectRoot } from './shared';
import { captureLog } from './vigil';

const fixtures = path.join(projectRoot, 'tests/fixtures/matching');

/**
 * A typical notice: Z-2103-2024 (a Class II monitor recall listing a serial range) matches three
 * of our monitors at high confidence, two inside the range and one (BME-1005) outside it, the
 * false match. The fixture inventory gets the third monitor for it.
 */
export const typicalNotice = 'Z-2103-2024';
export const falseMatch = 'BME-1005';

export async function seedTypicalNotice(db: Db) {
  const deps = { db, now: () => new Date(), log: captureLog().log };
  const inventory = fs.readFileSync(path.join(fixtures, 'inventory.csv'), 'utf8').trimEnd();
  const third =
    'BME-1013,Philips Medical Systems,IntelliVue MX450,,DE71200180,,MHX,Patient monitor,ICU,ICU Bay 3,In Service,,2021-07-01';
  importInventory(deps, { text: `${inventory}\n${third}\n` });
  const [result] = await importFiles(deps, [path.join(fixtures, 'recalls.json')]);
  if (result?.status !== 'succeeded') throw new Error('importing recalls.json failed');
  classify(db, typicalNotice, 'Class II');
  await matchAndOpenCases(deps);
}

/**
 * What a person does in the browser, counted: every click, key press, choice and fill is one
 * interaction, and every full page load (not an in-place htmx update) one load.
 */
export function countedHands(page: Page) {
  const counts = { interactions: 0, loads: 0 };
  page.on('load', () => counts.loads++);
  return {
    counts,
    click: async (l: Locator) => {
      counts.interactions++;
      await l.click();
    },
    select: async (l: Locator, label: string) => {
      counts.interactions++;
      await l.selectOption({ label });
    },
    fill: async (l: Locator, text: string) => {
      counts.interactions++;
      await l.fill(text);
    },
    press: async (key: string) => {
      counts.interactions++;
      await page.keyboard.press(key);
    },
  };
}
