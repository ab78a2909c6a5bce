/**
 * The dev inventory split in two by asset, once and for all: a tune half whose misses and false
 * alarms may be read to improve the engine, and a held-out half that only judges it. A change that
 * lifts the tune half and lowers the held-out half is reverted.
 *
 * Assets that are one model written differently (they share a labelled recall, or the same model
 * string) are kept on one side, so that what is learned from one row is not then "found" on its
 * twin in the held-out half. The side is a hash of the group's first asset tag: deterministic, and
 * blind to what the assets are.
 */
import { createHash } from 'node:crypto';

export type Side = 'tune' | 'held-out';

type InventoryRow = { asset_tag: string; model: string };
type LabelRow = { asset_tag: string; product_res_number: string; label: string };

const modelKey = (model: string) => model.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** The side of every dev asset tag. */
export function splitDevSet(inventory: InventoryRow[], labels: LabelRow[]): Map<string, Side> {
  const parent = new Map(inventory.map((a) => [a.asset_tag, a.asset_tag]));
  const root = (tag: string): string => {
    let at = tag;
    while (parent.get(at) !== at) at = parent.get(at)!;
    parent.set(tag, at);
    return at;
  };
  const join = (a: string, b: string) => {
    const [x, y] = [root(a), root(b)].sort();
    parent.set(y!, x!);
  };
  const firstOf = new Map<string, string>();
  const link = (key: string, tag: string) => {
    const first = firstOf.get(key);
    if (first === undefined) firstOf.set(key, tag);
    else join(first, tag);
  };
  for (const l of labels)
    if (l.label === 'match' && parent.has(l.asset_tag)) link(`r:${l.product_res_number}`, l.asset_tag);
  for (const a of inventory) if (modelKey(a.model)) link(`m:${modelKey(a.model)}`, a.asset_tag);
  const side = new Map<string, Side>();
  for (const a of inventory) {
    const byte = createHash('sha256').update(root(a.asset_tag)).digest()[0]!;
    side.set(a.asset_tag, byte % 2 === 0 ? 'tune' : 'held-out');
  }
  return side;
}
