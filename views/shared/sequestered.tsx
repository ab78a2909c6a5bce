/** A device taken out of use for an incident investigation, and where it is kept. */
export type SequesteredMark = {
  incidentId: number;
  incidentNumber: string;
  where: string | null;
  /** When it was sequestered (ISO). */
  since: string;
};

export const incidentHref = (incidentId: number) => `/incidents/${incidentId}`;

/**
 * The mark a sequestered asset carries wherever it is listed. The word says it, not only the
 * colour, so it survives a greyscale print and a screen reader.
 */
export function SequesteredBadge({ mark }: { mark: SequesteredMark }) {
  return (
    <span class="sequestered">
      Sequestered · <a href={incidentHref(mark.incidentId)}>{mark.incidentNumber}</a>
    </span>
  );
}
