/** The recall's class and its due date, as the inbox, the recall page and the list of all recalls show them. */

export const ClassBadge = ({ c }: { c: 'I' | 'II' | 'III' | null }) =>
  c ? (
    <span class={`class class-${c.length}`}>Class {c}</span>
  ) : (
    <span class="class class-none">Unclassified</span>
  );

export function DueText({ due, daysLeft, closed }: { due: string; daysLeft: number; closed: boolean }) {
  if (closed) return <span class="muted">{due}</span>;
  if (daysLeft < 0)
    return (
      <span class="failed">
        {due} (overdue by {-daysLeft} {-daysLeft === 1 ? 'day' : 'days'})
      </span>
    );
  return (
    <span class={daysLeft <= 1 ? 'running' : ''}>
      {due} ({daysLeft === 0 ? 'due today' : `in ${daysLeft} ${daysLeft === 1 ? 'day' : 'days'}`})
    </span>
  );
}
