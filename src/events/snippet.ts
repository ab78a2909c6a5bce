/** A piece of a snippet: plain text, or words the search found (shown marked). */
import type { SnippetPart } from '../../views/events/event-results';
import { markEnd, markStart } from './marked-words';

export type { SnippetPart };

/**
 * Splits a snippet at the markers the search put around the words it found, so a page can show
 * them marked while every piece stays text to escape. A marker left open (a snippet cut short)
 * marks to the end; stray end markers are dropped.
 */
export function snippetParts(snippet: string | null): SnippetPart[] {
  if (!snippet) return [];
  const parts: SnippetPart[] = [];
  const add = (text: string, marked: boolean) => {
    if (text) parts.push({ text, marked });
  };
  const [before = '', ...rest] = snippet.split(markStart);
  add(before.replaceAll(markEnd, ''), false);
  for (const piece of rest) {
    const end = piece.indexOf(markEnd);
    if (end < 0) add(piece, true);
    else {
      add(piece.slice(0, end), true);
      add(piece.slice(end + 1).replaceAll(markEnd, ''), false);
    }
  }
  return parts;
}

/** The snippet as plain text, for a CSV or anywhere marks mean nothing. */
export const plainSnippet = (snippet: string | null) =>
  (snippet ?? '').replaceAll(markStart, '').replaceAll(markEnd, '');
