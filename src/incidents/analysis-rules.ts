import { actionStrengths, type analysisKinds, fishboneCategories } from '../db/schema';
import { isCalendarDay } from '../shared/days';
import { Refusal } from '../shared/refusal';

export type AnalysisKind = (typeof analysisKinds)[number];
export type AnalysisEntry = { kind: AnalysisKind; text: string; at?: string; category?: string };

/**
 * An entry of the root-cause analysis as it is stored, or a refusal saying what is missing: the
 * one rule for adding an entry and for correcting it. Only a timeline event or an interview keeps
 * a time, only a factor a category.
 */
export function checkedEntry(entry: AnalysisEntry) {
  const text = entry.text.trim();
  if (!text) throw new Refusal('write the entry first');
  if (entry.kind === 'timeline' && !entry.at) throw new Refusal('a timeline entry needs its time');
  if (entry.kind === 'interview' && !entry.at) throw new Refusal('say when the interview took place');
  if (entry.kind === 'factor' && !fishboneCategories.includes(entry.category as never))
    throw new Refusal(`a contributing factor belongs to one of: ${fishboneCategories.join(', ')}`);
  return {
    text,
    at: entry.kind === 'timeline' || entry.kind === 'interview' ? (entry.at ?? null) : null,
    category: entry.kind === 'factor' ? (entry.category as (typeof fishboneCategories)[number]) : null,
  };
}

export type ActionInput = { text: string; strength: string; owner: string; dueOn: string; measure: string };

/** An action as stored, or a refusal: the action hierarchy asks for all of it, when planned and when corrected. */
export function checkedAction(input: ActionInput) {
  const text = input.text.trim();
  const owner = input.owner.trim();
  const measure = input.measure.trim();
  if (!text) throw new Refusal('say what the action is');
  if (!actionStrengths.includes(input.strength as never))
    throw new Refusal(`rate the action: ${actionStrengths.join(', ')}`);
  if (!owner) throw new Refusal('every action needs an owner');
  if (!isCalendarDay(input.dueOn)) throw new Refusal('every action needs a due date (YYYY-MM-DD)');
  if (!measure) throw new Refusal('say how the effect of the action will be measured');
  return {
    text,
    strength: input.strength as (typeof actionStrengths)[number],
    owner,
    dueOn: input.dueOn,
    measure,
  };
}
