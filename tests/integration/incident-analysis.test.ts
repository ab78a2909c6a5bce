import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { historyOf } from '../../src/audit/log';
import type { Db } from '../../src/db/client';
import { incidentAnalysis, incidents } from '../../src/db/schema';
import { addAction, addAnalysis, moveIncident, setActionStatus } from '../../src/incidents/analysis';
import { decideIncident, openIncident } from '../../src/incidents/record';
import { openTestDb } from '../support/vigil';

const pat = { name: 'Pat Tech', userId: null };
const now = new Date('2026-11-20T15:00:00.000Z');
let db: Db;
let close: () => void;
let id: number;

beforeEach(() => {
  ({ db, close } = openTestDb());
  ({ id } = openIncident(
    db,
    { title: 'Pump free-flow', awareOn: '2026-11-20', outcome: 'serious_injury' },
    pat,
    now,
  ));
});
afterEach(() => close());

const state = () => db.select().from(incidents).where(eq(incidents.id, id)).get()!.state;

describe('the root-cause analysis and its actions', () => {
  it('when the analysis is written, then whys keep their order, factors their category and the timeline its times', () => {
    addAnalysis(db, id, { kind: 'timeline', at: '2026-11-19T22:10', text: 'Set changed' }, pat, now);
    addAnalysis(db, id, { kind: 'why', text: 'The clamp was open' }, pat, now);
    addAnalysis(db, id, { kind: 'why', text: 'The set was loaded without the pump door closed' }, pat, now);
    addAnalysis(
      db,
      id,
      { kind: 'factor', category: 'equipment', text: 'No anti-free-flow clip on this set' },
      pat,
      now,
    );
    addAnalysis(db, id, { kind: 'causal_statement', text: 'Sets without clips allowed free flow' }, pat, now);
    const rows = db.select().from(incidentAnalysis).all();
    expect(rows.filter((r) => r.kind === 'why').map((r) => [r.position, r.text])).toEqual([
      [1, 'The clamp was open'],
      [2, 'The set was loaded without the pump door closed'],
    ]);
    expect(rows.find((r) => r.kind === 'factor')).toMatchObject({ category: 'equipment' });
    expect(rows.find((r) => r.kind === 'timeline')).toMatchObject({ at: '2026-11-19T22:10' });
    expect(() => addAnalysis(db, id, { kind: 'factor', category: 'luck', text: 'x' }, pat, now)).toThrow(
      'a contributing factor belongs to one of: equipment, people, process, environment, materials, management',
    );
    expect(() => addAnalysis(db, id, { kind: 'timeline', text: 'x' }, pat, now)).toThrow(
      'a timeline entry needs its time',
    );
  });

  it('when an action is planned without what the hierarchy asks, then it is refused', () => {
    const good = {
      text: 'Buy sets with anti-free-flow clips',
      strength: 'stronger',
      owner: 'Supply chain',
      dueOn: '2027-01-15',
      measure: 'No free-flow events in 6 months',
    };
    expect(() => addAction(db, id, { ...good, strength: 'strong' }, pat, now)).toThrow(
      'rate the action: stronger, intermediate, weaker',
    );
    expect(() => addAction(db, id, { ...good, owner: ' ' }, pat, now)).toThrow('every action needs an owner');
    expect(() => addAction(db, id, { ...good, dueOn: 'soon' }, pat, now)).toThrow(
      'every action needs a due date',
    );
    expect(() => addAction(db, id, { ...good, measure: '' }, pat, now)).toThrow('measured');
    expect(addAction(db, id, good, pat, now)).toBeGreaterThan(0);
  });

  it('when the investigation is worked to the end, then each step waits for what it needs and all is audited', () => {
    moveIncident(db, id, 'analysis', pat, now);
    expect(() => moveIncident(db, id, 'actions', pat, now)).toThrow('write at least one causal statement');
    addAnalysis(db, id, { kind: 'causal_statement', text: 'Sets without clips allowed free flow' }, pat, now);
    moveIncident(db, id, 'actions', pat, now);
    const action = addAction(
      db,
      id,
      {
        text: 'Standardise on clipped sets',
        strength: 'stronger',
        owner: 'Biomed',
        dueOn: '2027-01-15',
        measure: 'Audit of sets in use',
      },
      pat,
      now,
    );
    expect(() => moveIncident(db, id, 'closed', pat, now)).toThrow('decide reportability before closing');
    decideIncident(db, id, { deviceMayHaveContributed: true, manufacturerKnown: true }, pat, now);
    expect(() => moveIncident(db, id, 'closed', pat, now)).toThrow('1 action is neither done nor dropped');
    setActionStatus(db, id, action, 'done', pat, now);
    moveIncident(db, id, 'closed', pat, now);
    expect(state()).toBe('closed');
    expect(
      historyOf(db, 'incident', String(id))
        .map((h) => h.action)
        .reverse(),
    ).toEqual([
      'incident.opened',
      'incident.state',
      'incident.analysis.causal_statement',
      'incident.state',
      'incident.action_added',
      'incident.reportability',
      'incident.action_status',
      'incident.state',
    ]);
  });
});
