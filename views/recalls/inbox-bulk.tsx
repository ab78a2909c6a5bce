import { Csrf } from '../shared/layout';
import type { InboxView } from './inbox';

/**
 * Several recalls at once: the boxes in the table belong to this form through their form
 * attribute. "Not applicable" dismisses each device still suggested with the one reason, then closes.
 */
export function BulkForm({ bulk }: { bulk: NonNullable<InboxView['bulk']> }) {
  const typed = bulk.typed ?? {};
  return (
    <form
      id="inbox-bulk"
      method="post"
      action="/cases"
      class="inline-fields"
      aria-label="Act on the ticked recalls"
    >
      <Csrf token={bulk.csrf} />
      {bulk.error && (
        <p class="alert" role="alert">
          {bulk.error}
        </p>
      )}
      <span class="field">
        <label for="bulk-action">For the ticked recalls</label>
        <select id="bulk-action" name="action" required>
          <option value="">Choose…</option>
          {[
            { value: 'acknowledge', label: 'Acknowledge' },
            { value: 'assign', label: 'Assign' },
            { value: 'not_applicable', label: 'Close as not applicable' },
          ].map((o) => (
            <option value={o.value} selected={typed.action === o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </span>
      <span class="field">
        <label for="bulk-assignee">Assign to (when assigning)</label>
        <select id="bulk-assignee" name="assignee">
          <option value="">Nobody</option>
          {bulk.people.map((p) => (
            <option value={String(p.id)} selected={typed.assignee === String(p.id)}>
              {p.name}
            </option>
          ))}
        </select>
      </span>
      <span class="field">
        <label for="bulk-reason">Why not applicable (when closing)</label>
        <select id="bulk-reason" name="reason">
          <option value="">Choose…</option>
          {bulk.reasons.map((r) => (
            <option value={r.value} selected={typed.reason === r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </span>
      <span class="field">
        <label for="bulk-note">Note (needed for "other")</label>
        <input id="bulk-note" name="note" maxlength={2000} value={typed.note ?? ''} />
      </span>
      <button type="submit">Apply to the ticked recalls</button>
    </form>
  );
}
