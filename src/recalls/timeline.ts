import { dismissalReasonLabels, dispositionLabels, stateLabels } from './workflow';

type AuditLike = { action: string; before: unknown; after: unknown };
type Fields = Record<string, unknown> | null;

const label = (labels: Record<string, string>, v: unknown) =>
  typeof v === 'string' ? (labels[v] ?? v).toLowerCase() : 'unknown';

/** One audit row of a recall, as a sentence for its timeline. */
export function describeChange(row: AuditLike): string {
  const before = row.before as Fields;
  const after = row.after as Fields;
  switch (row.action) {
    case 'case.assigned':
      return `assigned the recall to ${String(after?.assignee ?? 'someone')}`;
    case 'case.reopened':
      return `reopened the recall (${label(stateLabels, after?.state)})`;
    case 'case.acknowledged':
    case 'case.in_progress':
    case 'case.closed':
      return `moved the recall from ${label(stateLabels, before?.state)} to ${label(stateLabels, after?.state)}`;
    case 'case.due_date':
      return after?.dueOverride
        ? `set the due date to ${String(after.dueOverride)}`
        : 'cleared the hand-set due date';
    case 'case.note':
      return 'added a note';
    case 'case.evidence':
      return `attached ${String(after?.file ?? 'a file')}`;
    case 'asset.disposition': {
      const what = `${String(after?.assetTag)}: ${label(dispositionLabels, after?.disposition)}`;
      const note = after?.note ? ` ("${String(after.note)}")` : '';
      return before
        ? `changed the disposition of ${what}${note}`
        : `recorded the disposition of ${what}${note}`;
    }
    case 'asset.disposition.rest': {
      const tags = Array.isArray(after?.assetTags) ? after.assetTags : [];
      const note = after?.note ? ` ("${String(after.note)}")` : '';
      return `recorded ${label(dispositionLabels, after?.disposition)} for ${tags.length} ${tags.length === 1 ? 'device' : 'devices'} not yet finished${note}`;
    }
    case 'asset.disposition.selected': {
      const tags = Array.isArray(after?.assetTags) ? after.assetTags.map(String) : [];
      const note = after?.note ? ` ("${String(after.note)}")` : '';
      return `recorded ${label(dispositionLabels, after?.disposition)} for ${tags.join(', ')}${note}`;
    }
    case 'match.confirmed':
      return `confirmed that the recall applies to ${String(after?.assetTag)}`;
    case 'match.dismissed': {
      const why = after?.reason ? `: ${label(dismissalReasonLabels, after.reason)}` : '';
      const note = after?.note ? ` ("${String(after.note)}")` : '';
      return `dismissed ${String(after?.assetTag)}, the recall does not apply to it${why}${note}`;
    }
    case 'case.manufacturer': {
      const said = [
        after?.responseSentOn &&
          `response sent ${String(after.responseSentOn)} by ${String(after.responseSentBy)}`,
        after?.correctionPromisedBy && `correction promised by ${String(after.correctionPromisedBy)}`,
        after?.correctionDoneOn && `correction done ${String(after.correctionDoneOn)}`,
      ].filter(Boolean);
      return `recorded the manufacturer’s side: ${said.length ? said.join(', ') : 'nothing recorded'}`;
    }
    case 'case.folded':
      return `joined the case of the early notice ${String(after?.notice)} (opened ${String(after?.openedAt ?? '').slice(0, 10)}) to this recall's: one event, one case`;
    case 'notice.confirmed':
      return `confirmed that the early notice ${String(after?.notice)} is the recall ${String(after?.recall)}`;
    case 'notice.rejected':
      return `said the early notice ${String(after?.notice)} is not the recall ${String(after?.recall)}`;
    case 'match.dismissal_undone':
      return `undid the dismissal of ${String(after?.assetTag)}: it is suggested again`;
    default:
      return row.action;
  }
}
