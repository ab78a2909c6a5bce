import { describe, expect, it } from 'vitest';
import { describeChange } from '../../../src/recalls/timeline';
import {
  canClose,
  classOf,
  daysLeft,
  dismissalProblem,
  dismissalReasonOf,
  dueDate,
  isFinalDisposition,
  nextStates,
  openDevicesText,
  takenUpBy,
  transitionProblem,
} from '../../../src/recalls/workflow';

const days = { I: 2, II: 7, III: 30, unclassified: 7 };

describe('the workflow rules', () => {
  it('when a case is new, then it can be acknowledged, assigned or closed, but not be put in progress', () => {
    expect(nextStates('new')).toEqual(['acknowledged', 'assigned', 'closed']);
    expect(transitionProblem('new', { to: 'in_progress', assignee: null }, [])).toBe(
      'a new recall cannot be moved to action in progress',
    );
  });

  it('when a case is assigned without a person, then the move is refused', () => {
    expect(transitionProblem('acknowledged', { to: 'assigned', assignee: null }, [])).toBe(
      'choose who the recall is assigned to',
    );
    expect(transitionProblem('acknowledged', { to: 'assigned', assignee: 3 }, [])).toBeNull();
  });

  it('when matched devices are merely affected or have no disposition, then the case cannot close, and names them', () => {
    const open = [
      { assetTag: 'BME-1001', disposition: 'affected' },
      { assetTag: 'BME-1002', disposition: null },
    ];
    expect(transitionProblem('in_progress', { to: 'closed', assignee: null }, open)).toBe(
      'BME-1001 (affected) and BME-1002 (no disposition) keep the recall open: record a final disposition for each (not affected, removed from service, corrected, returned to vendor), or dismiss the match with its reason, before closing',
    );
    expect(transitionProblem('in_progress', { to: 'closed', assignee: null }, [])).toBeNull();
  });

  it('when many devices hold a case, then five are named and the rest counted', () => {
    const open = Array.from({ length: 8 }, (_, i) => ({ assetTag: `A-${i + 1}`, disposition: null }));
    expect(openDevicesText(open)).toBe(
      'A-1 (no disposition), A-2 (no disposition), A-3 (no disposition), A-4 (no disposition), A-5 (no disposition) and 3 more',
    );
    expect(openDevicesText(open.slice(0, 1))).toBe('A-1 (no disposition)');
  });

  it('when only affected is not final, then every other disposition finishes a device', () => {
    expect(isFinalDisposition('affected')).toBe(false);
    expect(isFinalDisposition(null)).toBe(false);
    for (const d of ['not_affected', 'removed_from_service', 'corrected', 'returned_to_vendor'])
      expect(isFinalDisposition(d)).toBe(true);
  });

  it('when a dismissal is given, then it needs a known reason, and a note for other', () => {
    expect(dismissalReasonOf('Not ours')).toBe('not_ours');
    expect(dismissalReasonOf('different-lot-serial')).toBe('different_lot_serial');
    expect(dismissalReasonOf('mine')).toBeNull();
    expect(dismissalProblem(null, null)).toMatch(/^say why the recall does not apply: different model, /);
    expect(dismissalProblem('other', ' ')).toBe('for "other", write the reason in the note');
    expect(dismissalProblem('other', 'sold to the clinic')).toBeNull();
    expect(dismissalProblem('different_model', null)).toBeNull();
  });

  it('when a case is closed, then it can only be reopened into action in progress', () => {
    expect(nextStates('closed')).toEqual(['in_progress']);
    expect(transitionProblem('closed', { to: 'new', assignee: null }, [])).not.toBeNull();
  });
});

describe('a notice in few steps', () => {
  it('when a technician records the first decision on a new case, then it is theirs: assigned to them', () => {
    expect(takenUpBy('new', null, 7)).toEqual({ to: 'assigned', assignee: 7 });
    expect(takenUpBy('acknowledged', null, 7)).toEqual({ to: 'assigned', assignee: 7 });
  });

  it('when a case already has a person or has moved on, then a decision leaves it as it is', () => {
    expect(takenUpBy('acknowledged', 3, 7)).toBeNull();
    expect(takenUpBy('assigned', 3, 7)).toBeNull();
    expect(takenUpBy('in_progress', null, 7)).toBeNull();
    expect(takenUpBy('closed', null, 7)).toBeNull();
  });

  it('when every device is final, then the close is offered; not before, and not on a closed case', () => {
    expect(canClose('new', [])).toBe(true);
    expect(canClose('assigned', [{ assetTag: 'BME-1004', disposition: 'affected' }])).toBe(false);
    expect(canClose('closed', [])).toBe(false);
  });
});

describe('due dates', () => {
  it('when a recall has a class, then its case is due that many days after it opened', () => {
    expect(dueDate('2026-11-20T15:00:00.000Z', 'I', days)).toBe('2026-11-22');
    expect(dueDate('2026-11-20T15:00:00.000Z', 'II', days)).toBe('2026-11-27');
    expect(dueDate('2026-11-20T15:00:00.000Z', 'III', days)).toBe('2026-12-20');
    expect(dueDate('2026-11-20T15:00:00.000Z', null, days)).toBe('2026-11-27');
  });

  it('when a person set a due date, then it wins over the class rule', () => {
    expect(dueDate('2026-11-20T15:00:00.000Z', 'I', days, '2026-12-01')).toBe('2026-12-01');
  });

  it('when counting days left, then today is 0 and overdue is negative', () => {
    const now = new Date('2026-11-21T23:59:00.000Z');
    expect(daysLeft('2026-11-21', now)).toBe(0);
    expect(daysLeft('2026-11-23', now)).toBe(2);
    expect(daysLeft('2026-11-19', now)).toBe(-2);
  });

  it('when the enforcement report gives a class, then it is read whatever the case; anything else is no class', () => {
    expect(classOf('Class I')).toBe('I');
    expect(classOf('class iii')).toBe('III');
    expect(classOf('Class IV')).toBeNull();
    expect(classOf('2')).toBeNull();
    expect(classOf(null)).toBeNull();
  });
});

describe('the timeline', () => {
  it('when audit rows are read back, then each becomes a sentence a surveyor can follow', () => {
    expect(
      describeChange({
        action: 'case.closed',
        before: { state: 'in_progress' },
        after: { state: 'closed' },
      }),
    ).toBe('moved the recall from action in progress to closed');
    expect(
      describeChange({ action: 'case.assigned', before: {}, after: { state: 'assigned', assignee: 'Pat' } }),
    ).toBe('assigned the recall to Pat');
    expect(
      describeChange({
        action: 'asset.disposition',
        before: { assetTag: 'BME-1', disposition: 'affected' },
        after: { assetTag: 'BME-1', disposition: 'returned_to_vendor', note: null },
      }),
    ).toBe('changed the disposition of BME-1: returned to vendor');
    expect(describeChange({ action: 'case.due_date', before: {}, after: { dueOverride: null } })).toBe(
      'cleared the hand-set due date',
    );
  });
});
