import type { AssetProfile, RecallProfile } from './profiles';
import type { TextIndex } from './text';

/** Longest run of adjacent tokens joined to find a spaced-out code ("64 87 800"). */
const widestRun = 4;

/**
 * Blocking: the assets worth scoring against a recall are those whose UDI-DI, model number,
 * catalog number, model phrase or a distinctive model word the recall's text contains. Everything
 * else is never compared, which is what keeps 50,000 assets × 30,000 recalls fast.
 */
export function createAssetIndex(assets: AssetProfile[]) {
  const byKey = new Map<string, AssetProfile[]>();
  const add = (key: string | null, asset: AssetProfile) => {
    if (!key || key.length < 2) return;
    const list = byKey.get(key);
    if (!list) byKey.set(key, [asset]);
    else if (list.at(-1) !== asset) list.push(asset);
  };
  for (const asset of assets) {
    add(asset.udiDi, asset);
    add(asset.catalog, asset);
    for (const segment of asset.segments) if (segment.kind !== 'optional') add(segment.text, asset);
  }

  function collect(text: TextIndex, into: Set<AssetProfile>) {
    const { tokens } = text;
    for (let i = 0; i < tokens.length; i++) {
      let joined = '';
      for (let j = i; j < Math.min(tokens.length, i + widestRun); j++) {
        joined += tokens[j];
        for (const asset of byKey.get(joined) ?? []) into.add(asset);
      }
    }
  }

  return {
    size: assets.length,
    candidates(recall: RecallProfile): Set<AssetProfile> {
      const found = new Set<AssetProfile>();
      for (const di of recall.udiDis) for (const asset of byKey.get(di) ?? []) found.add(asset);
      collect(recall.text, found);
      collect(recall.reason, found);
      return found;
    },
  };
}
