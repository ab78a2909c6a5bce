import { modelLike, siblingNamed } from './competing-models';
import { type CorpusTerms, noCorpusTerms } from './corpus/terms';
import { type Evidence, evidenceIn, holdsEnough } from './evidence';
import { type FirmContext, weighFirm } from './firm-evidence';
import { firmRelation } from './firms';
import { type LotStatus, lotStatus, versionNote } from './lots';
import type { AssetProfile, RecallProfile } from './profiles';
import { spellingsOf } from './segments';
import { numberLabels } from './vocabulary';

export type Confidence = 'high' | 'medium' | 'low';

export type PairScore = {
  score: number;
  confidence: Confidence;
  reasons: string[];
  lotStatus: LotStatus | null;
};

/** Scores at or above these are high and medium confidence; below `low`, no suggestion. */
export const thresholds = { high: 0.8, medium: 0.6, low: 0.4 };

export function confidenceOf(score: number): Confidence | null {
  if (score >= thresholds.high) return 'high';
  if (score >= thresholds.medium) return 'medium';
  if (score >= thresholds.low) return 'low';
  return null;
}

type ModelScore = {
  score: number;
  reasons: string[];
  codeFound: boolean;
  competing: boolean;
  /** Why the model, found, still identifies nothing here (see specificity.ts). */
  vague: string | null;
  /** What was found names this model whatever the firm: a name or code few firms use. */
  specific: boolean;
  /** Only the model's name was found, without its number: its family (not written as a whole one). */
  familyOnly: boolean;
  /** The asset's parts found, as the corpus would hold them. */
  parts: string[];
};

/** The most the reason for recall can count: 0.85 of the best a text can score (0.8). */
const reasonAtMost = 0.85 * 0.8;

/**
 * Some of a model's names without the rest ("CR" of a "Vanguard CR iLok") identify nothing: below
 * a suggestion even where the firm and the product code agree (see `holdsEnough`).
 */
const partOfName = 0.1;

/** A model that identifies nothing stays below medium confidence however the firm agrees. */
const vagueCeiling = 0.55;

/**
 * Whether a found part identifies a model whatever the firm: a word or code few firm families use
 * in the corpus, or, without statistics, a code of letters and digits or a long number.
 */
function specificCode(text: string, terms: CorpusTerms): boolean {
  const stats = terms.get(text);
  if (stats) return stats.families <= 2;
  return (/[A-Z]/.test(text) && /\d/.test(text) && text.length >= 4) || /^\d{7,}$/.test(text);
}

/** How strongly one text ties the recall to the asset's model, from 0 to 1, with the reasons. */
/** Nothing of the model found: most candidates, scored without building any reason. */
const nothing: ModelScore = {
  score: 0,
  reasons: [],
  codeFound: false,
  competing: false,
  vague: null,
  specific: false,
  familyOnly: false,
  parts: [],
};

function modelScore(e: Evidence, asset: AssetProfile, where: string, terms: CorpusTerms): ModelScore {
  if (e.found.length === 0 && e.variants.length === 0 && !e.catalog) return nothing;
  const reasons: string[] = [];
  const required = e.found.length + e.variants.length + e.missing.length;
  const codes = asset.segments.filter((s) => s.kind === 'code');
  const codesFound = e.found.filter((s) => s.kind === 'code');
  const namesFound = e.found.filter((s) => s.kind === 'name');
  const hasOptional = asset.segments.some((s) => s.kind === 'optional');
  const said = e.found.map((s) => s.text).join(' + ');
  // Where the model was read, and how, for the reasons.
  const at = e.inSeries
    ? `${where} (the ${e.found.find((s) => s.kind === 'name')!.text} series, listed by name)`
    : where;
  let score = 0;
  if (required > 0 && e.found.length === required) {
    if (codes.length > 0) score = e.whole ? 0.8 : 0.75;
    else {
      // Without a number, a model is its name: written as one phrase, or with the kind of device
      // it is ("Alaris Pump Module" is not every Alaris recall), and long enough to be specific.
      const length = namesFound.reduce((n, s) => n + s.text.length, 0);
      const placed = e.whole || e.inSeries || (e.found.length === 1 && (!hasOptional || e.optionalFound > 0));
      score = !placed
        ? 0.45
        : hasOptional && e.optionalFound === 0 && !e.inSeries
          ? 0.45
          : length >= 5
            ? 0.7
            : 0.5;
    }
    if (codes.length === 0 && hasOptional && e.optionalFound === 0) {
      reasons.push(
        `name ${said} in ${at}, not followed by ${[...asset.optional].join(' or ')} ("${asset.label}")`,
      );
    } else {
      reasons.push(e.whole ? `model "${asset.label}" in ${at}` : `model "${asset.label}" in ${at} (${said})`);
    }
  } else if (codesFound.length > 0 && codesFound.length === codes.length) {
    // A number with letters (B450, CSM1901) is specific when long enough; a short one (E9, V60)
    // or a bare number means something only beside the model's name.
    const specific = codesFound.some((s) => /[A-Z]/.test(s.text) && s.text.length >= 4);
    score = specific ? 0.62 : namesFound.length > 0 ? 0.55 : 0.3;
    const beside = namesFound.length > 0 ? ` with ${namesFound.map((s) => s.text).join(' ')}` : '';
    reasons.push(`model number ${codesFound.map((s) => s.text).join(', ')} in ${at}${beside}`);
  } else if (namesFound.some((s) => !asset.firmWords.has(s.text))) {
    // The model's name without its number: the family, which may or may not take in this model.
    // Worth showing with its reasons; claiming it needs more.
    const allNames = namesFound.length === required - e.missing.filter((s) => s.kind === 'code').length;
    // A series whose members the recall names by name ("Prime Series … Big Wheel") names ours
    // whatever number the register adds; unless the description names numbers (see judgeModel).
    score = allNames ? (e.inSeries ? 0.5 : 0.4) : partOfName;
    reasons.push(`name ${said} in ${at}, without ${e.missing.map((s) => s.text).join(', ')}`);
  }
  if (e.catalog) {
    score = Math.max(score, 0.8);
    reasons.unshift(`catalog number ${asset.catalog} in ${at}`);
  }
  const complete = required > 0 && e.found.length === required;
  // Our catalog number named settles it; otherwise another model named where ours is not does:
  // even with the firm and product code agreeing, the pair then stays below a suggestion.
  // A series list names our siblings beside our own name: they do not compete with it.
  if (e.competing && !e.catalog && !e.inSeries && (e.competing.strong || !complete)) {
    score = Math.min(score, 0.1);
    const ours = [...e.missing.map((s) => s.text), ...(asset.catalog && !e.catalog ? [asset.catalog] : [])];
    reasons.push(`names ${e.competing.text}, not this asset's ${ours.join(' / ') || asset.label}`);
  }
  if (e.variants.length > 0) {
    reasons.push(`${e.variants.map((s) => s.text).join(', ')} named only as another variant`);
    if (e.found.length === 0 && !e.catalog) score = Math.max(score, 0.2) * 0.5;
  }
  const familyOnly =
    score > 0 && !e.catalog && (!e.familyWide || e.inSeries) && codes.length > 0 && codesFound.length === 0;
  const placed = (hasOptional && e.optionalFound > 0) || e.familyWide;
  const vague = asset.vague && !e.catalog && !placed ? asset.vague.why : null;
  return {
    score,
    reasons,
    codeFound: e.catalog || codesFound.length > 0,
    competing: e.competing?.strong === true,
    vague,
    familyOnly,
    parts: [...e.found.flatMap(spellingsOf), ...(e.catalog && asset.catalog ? [asset.catalog] : [])],
    specific:
      (e.catalog && specificCode(asset.catalog!, terms)) || e.found.some((s) => specificCode(s.text, terms)),
  };
}

/** The model or part numbers the description names, labelled or written as such, that are not ours. */
function otherNumbers(recall: RecallProfile, asset: AssetProfile): string[] {
  return recall.numbersNamed.filter((token) => !asset.ours.has(token));
}

/** Whether the description names a model or part number, labelled or written as one, not ours. */
function describesAnotherModel(recall: RecallProfile, asset: AssetProfile): boolean {
  return otherNumbers(recall, asset).length > 0;
}

/** The model and part numbers a description names, labelled or written as such; read once per recall. */
export function numbersNamed(tokens: string[]): string[] {
  // What follows "Manufactured by" or "Distributed by" is an address ("Kent, TN25 4BF").
  const address = tokens.findIndex(
    (t, i) => (t === 'MANUFACTURED' || t === 'DISTRIBUTED') && tokens[i + 1] === 'BY',
  );
  return tokens.filter((token, i) => {
    if (!/\d/.test(token) || (address >= 0 && i > address)) return false;
    const label = /^(NO|NOS|NUMBER|NUMBERS)$/.test(tokens[i - 1] ?? '') ? tokens[i - 2] : tokens[i - 1];
    return modelLike(token) || (label !== undefined && numberLabels.has(label));
  });
}

/**
 * What a recall says about a model, whoever owns it: the part of a pair's score that is the
 * same for every asset of one make, model, catalog number and product code, computed once for
 * them all.
 */
export type ModelVerdict = {
  pair: Omit<PairScore, 'lotStatus'> | null;
  /** The description names another model or variant than this one. */
  competing: string[] | null;
  firm: string | null;
};

const noContext: FirmContext = { terms: noCorpusTerms, recalls: () => false };

export function judgeModel(
  asset: AssetProfile,
  recall: RecallProfile,
  context: FirmContext = noContext,
): ModelVerdict {
  const { terms } = context;
  const inText = modelScore(
    evidenceIn(recall.text, asset, recall.catalogs, terms),
    asset,
    'description',
    terms,
  );
  const competing = inText.competing ? inText.reasons.filter((r) => r.startsWith('names ')) : null;
  // The reason is read where the description falls short: it counts a little less, much less
  // when the description is about another model (names one, or a model or part number that is
  // not ours: "Processor EPX 2500", "Model 747"), and a name alone there (an accessory "for use
  // with" the model) is not enough. At most it counts 0.85 of a model found whole (0.8), so a
  // description that says as much is not outdone by it.
  const readReason = inText.score < reasonAtMost;
  const inReason = readReason
    ? modelScore(evidenceIn(recall.reason, asset, new Set(), terms), asset, 'reason for recall', terms)
    : null;
  const sibling = inReason?.score || inText.familyOnly ? siblingNamed(recall.text, asset, terms) : null;
  const fromReason = inReason?.score
    ? Math.min(
        inReason.score *
          (inText.competing || sibling !== null || describesAnotherModel(recall, asset) ? 0.4 : 0.85),
        inReason.codeFound ? 1 : 0.45,
      )
    : 0;
  const best = inReason && fromReason > inText.score ? { ...inReason, score: fromReason } : inText;
  if (best.score === 0)
    return { pair: null, competing, firm: firmRelation(asset.firm, recall.firm)?.how ?? null };
  const weighed = weighFirm(asset, recall, best, context);
  let score = weighed.score;
  const reasons = [...best.reasons, weighed.reason];
  const firm = weighed.firm;
  if (asset.productCode && recall.productCode) {
    if (asset.productCode === recall.productCode) {
      score += 0.1;
      reasons.push(`product code ${recall.productCode} agrees`);
    } else {
      score -= 0.05;
      reasons.push(`product code differs (${asset.productCode} / ${recall.productCode})`);
    }
  }
  if (asset.respelt.length > 0) reasons.push(`read: ${asset.respelt.join('; ')}`);
  // The family named without our number, in a description about other models or parts (a battery
  // "for use with IntelliVue monitors", "M4605A"), is not a claim about this model.
  const others = best.familyOnly ? otherNumbers(recall, asset) : [];
  if (others.length > 0 || (best.familyOnly && sibling)) {
    score = Math.min(score, vagueCeiling);
    reasons.push(`the description names ${sibling ?? others.slice(0, 3).join(', ')}, not this asset's model`);
  }
  if (best.vague) {
    score = Math.min(score, vagueCeiling);
    reasons.push(`${best.vague}, so it is not a model match`);
  }
  score = Math.max(0, Math.min(1, score));
  const confidence = confidenceOf(score);
  return {
    pair: confidence ? { score: Math.round(score * 1000) / 1000, confidence, reasons } : null,
    competing,
    firm,
  };
}

/**
 * Whether a recall could be a suggestion for a model's assets at all: it prints one of their
 * UDI-DIs, or its texts hold enough of the model (see `holdsEnough`). A run judges only these.
 */
export function mayApply(model: AssetProfile, members: AssetProfile[], recall: RecallProfile): boolean {
  return (
    holdsEnough(recall.text, recall.reason, model, recall.catalogs) ||
    (recall.udiDis.length > 0 && members.some((m) => m.udiDi !== null && recall.udiDis.includes(m.udiDi)))
  );
}

/**
 * How likely a recall applies to one asset, and why. Pure: the same inputs always give the same
 * answer. The asset's own UDI-DI printed in the recall is the strongest evidence there is;
 * otherwise the model's verdict stands, with the asset's serial, lot and software version read
 * against the recall's lists.
 */
export function scorePair(
  asset: AssetProfile,
  recall: RecallProfile,
  verdict = judgeModel(asset, recall),
): PairScore | null {
  if (asset.udiDi && recall.udiDis.includes(asset.udiDi)) {
    const reasons = [`UDI-DI ${asset.udiDi} printed in the recall`];
    if (verdict.firm) reasons.push(`firm: ${verdict.firm}`);
    // Unless the text names another variant than the asset's catalog number says it is: then
    // the inventory record needs a look.
    if (verdict.competing) {
      reasons.push(...verdict.competing, "check the asset's UDI and catalog number");
      return withLots(asset, recall, { score: 0.55, confidence: 'low', reasons });
    }
    return withLots(asset, recall, { score: 0.98, confidence: 'high', reasons });
  }
  return verdict.pair ? withLots(asset, recall, verdict.pair) : null;
}

/** Adds whether the asset's serial or lot is listed, and what its software version says. */
function withLots(asset: AssetProfile, recall: RecallProfile, pair: Omit<PairScore, 'lotStatus'>): PairScore {
  const lots = lotStatus(asset, recall);
  const version = versionNote(asset, recall);
  const reasons = [...pair.reasons, ...(lots ? [lots.reason] : []), ...(version ? [version] : [])];
  return { ...pair, reasons, lotStatus: lots?.status ?? null };
}
