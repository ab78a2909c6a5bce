/** A recall matched to an asset, as the asset's page lists it. */
export type AssetRecall = {
  productResNumber: string;
  classification: string | null;
  firm: string | null;
  posted: string | null;
  /** Null for a pair a person dismissed: the engine's suggestion is gone. */
  confidence: 'high' | 'medium' | 'low' | null;
  score: number | null;
  reasons: string[];
  lotStatus: 'affected' | 'not_affected' | 'unknown' | null;
  decision: 'confirmed' | 'dismissed' | null;
  decidedBy: string | null;
  caseState: string | null;
  /** The case was filed as history by a baseline (before Vigil). */
  beforeVigil: boolean;
  disposition: string | null;
  dispositionNote: string | null;
};
