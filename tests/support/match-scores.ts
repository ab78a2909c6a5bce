/**
 * Scoring suggestions against hand labels, as ../shared/data/matching/dev/README.md and
 * ../messy-dev/README.md say: pairs at medium confidence and above are predicted; a predicted pair
 * labelled "maybe" counts neither way; recall is over the "match" pairs. Pure: the same
 * suggestions and labels always give the same figures.
 */

export type Label = { asset_tag: string; product_res_number: string; label: 'match' | 'maybe'; note: string };

export type Suggestion = {
  assetTag: string;
  productResNumber: string;
  score: number;
  confidence: 'high' | 'medium' | 'low';
  reasons: string[];
  lotStatus: string | null;
};

export type SetScore = {
  assets: number;
  precision: number;
  recall: number;
  truePairs: number;
  judged: number;
  matchLabels: number;
  /** Share of the assets with a recall that got at least one suggestion. */
  assetRecall: number;
  assetsWithoutRecall: number;
  falseAlarmAssetsWithoutRecall: number;
  /** Labelled matches not suggested at medium or above, with the low suggestion if there was one. */
  misses: { assetTag: string; productResNumber: string; low: Suggestion | null }[];
  /** Suggestions at medium or above with no label at all. */
  falseAlarms: Suggestion[];
};

const key = (assetTag: string, recall: string) => `${assetTag}|${recall}`;

/** The figures for the assets in `tags`, from every suggestion and label (others are ignored). */
export function scoreSet(tags: Iterable<string>, suggestions: Suggestion[], labels: Label[]): SetScore {
  const within = new Set(tags);
  const ownLabels = labels.filter((l) => within.has(l.asset_tag));
  const all = suggestions.filter((s) => within.has(s.assetTag));
  const labelOf = new Map(ownLabels.map((l) => [key(l.asset_tag, l.product_res_number), l.label]));
  const predicted = all.filter((m) => m.confidence !== 'low');
  const truePairs = predicted.filter((m) => labelOf.get(key(m.assetTag, m.productResNumber)) === 'match');
  const judged = predicted.filter((m) => labelOf.get(key(m.assetTag, m.productResNumber)) !== 'maybe');
  const matchLabels = ownLabels.filter((l) => l.label === 'match');
  const predictedKeys = new Set(predicted.map((m) => key(m.assetTag, m.productResNumber)));
  const allByKey = new Map(all.map((m) => [key(m.assetTag, m.productResNumber), m]));
  const withRecall = new Set(matchLabels.map((l) => l.asset_tag));
  const predictedAssets = new Set(predicted.map((m) => m.assetTag));
  const labelled = new Set(ownLabels.map((l) => l.asset_tag));
  const withoutRecall = [...within].filter((t) => !labelled.has(t));
  return {
    assets: within.size,
    precision: truePairs.length / Math.max(1, judged.length),
    recall: truePairs.length / Math.max(1, matchLabels.length),
    truePairs: truePairs.length,
    judged: judged.length,
    matchLabels: matchLabels.length,
    assetRecall: [...withRecall].filter((t) => predictedAssets.has(t)).length / Math.max(1, withRecall.size),
    assetsWithoutRecall: withoutRecall.length,
    falseAlarmAssetsWithoutRecall: withoutRecall.filter((t) => predictedAssets.has(t)).length,
    misses: matchLabels
      .filter((l) => !predictedKeys.has(key(l.asset_tag, l.product_res_number)))
      .map((l) => ({
        assetTag: l.asset_tag,
        productResNumber: l.product_res_number,
        low: allByKey.get(key(l.asset_tag, l.product_res_number)) ?? null,
      })),
    falseAlarms: judged.filter((m) => !labelOf.has(key(m.assetTag, m.productResNumber))),
  };
}

/** One messy row: the classes of rewrite it received and the dev row it was made from. */
export type Perturbation = { assetTag: string; sourceTag: string; classes: string[] };

export type ClassScore = {
  name: string;
  assets: number;
  score: SetScore;
  /** Suggestions at medium or above on this class's assets that have no label row at all. */
  falsePairsOnUnlabelled: number;
  /** Match pairs found on the dev row and missed on its rewrite. */
  lostFromDev: number;
  /** The assets where this class is the only one. */
  isolated: SetScore;
};

/**
 * Per class of rewrite: recall on its assets' match pairs, false alarms on its unlabelled assets,
 * what the rewrite lost against the dev row, and the assets where the class stands alone.
 */
export function scoreClasses(
  rows: Perturbation[],
  suggestions: Suggestion[],
  labels: Label[],
  devSuggestions: Suggestion[],
): ClassScore[] {
  const names = [...new Set(rows.flatMap((r) => r.classes))].sort();
  const found = new Set(
    devSuggestions.filter((s) => s.confidence !== 'low').map((s) => key(s.assetTag, s.productResNumber)),
  );
  const predicted = new Set(
    suggestions.filter((s) => s.confidence !== 'low').map((s) => key(s.assetTag, s.productResNumber)),
  );
  const labelled = new Set(labels.map((l) => l.asset_tag));
  return names.map((name) => {
    const members = rows.filter((r) => r.classes.includes(name));
    const tags = members.map((r) => r.assetTag);
    const score = scoreSet(tags, suggestions, labels);
    let lostFromDev = 0;
    for (const r of members) {
      for (const l of labels) {
        if (l.asset_tag !== r.assetTag || l.label !== 'match') continue;
        const wasFound = found.has(key(r.sourceTag, l.product_res_number));
        if (wasFound && !predicted.has(key(r.assetTag, l.product_res_number))) lostFromDev++;
      }
    }
    const unlabelled = new Set(tags.filter((t) => !labelled.has(t)));
    return {
      name,
      assets: members.length,
      score,
      falsePairsOnUnlabelled: score.falseAlarms.filter((s) => unlabelled.has(s.assetTag)).length,
      lostFromDev,
      isolated: scoreSet(
        members.filter((r) => r.classes.length === 1).map((r) => r.assetTag),
        suggestions,
        labels,
      ),
    };
  });
}
