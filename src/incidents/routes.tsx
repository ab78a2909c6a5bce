import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { IncidentListPage, NewIncidentPage } from '../../views/incidents/incidents';
import { requires } from '../auth/middleware';
import { can } from '../auth/roles';
import { type IncidentState, incidentStates } from '../db/schema';
import { facilityDay } from '../shared/clock';
import { Refusal } from '../shared/refusal';
import type { AppEnv } from '../web/env';
import { choiceField, textField, textFields, validForm } from '../web/forms';
import { asSentence } from '../web/text';
import { moveIncident } from './analysis';
import { createIncidentAnalysisRoutes } from './analysis-routes';
import { archiveIncident, restoreIncident } from './archive';
import { reportsDue } from './due';
import { createIncidentEvidenceRoutes } from './evidence-routes';
import { type IncidentDeps, investigationSteps } from './investigation-steps';
import { listIncidents } from './queries';
import { decideIncident, type IncidentInput, openIncident, updateIncident } from './record';
import { recordReportSent } from './reports-sent';

/**
 * The record form (header, patient, block B2) read as text. Its fields are checked once, by the
 * incident's own rules in record.ts; the edge only makes sure every value is text.
 */
const headerForm = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/** The header and patient fields of the record form, as openIncident and updateIncident take them. */
function headerInput(form: z.output<typeof headerForm>): IncidentInput {
  const text = (k: string) => {
    const value = form[k];
    return Array.isArray(value) ? value.join(',') : value;
  };
  const optional = (k: string) => text(k) || undefined;
  return {
    title: text('title') ?? '',
    eventAt: optional('eventAt'),
    awareOn: text('awareOn') ?? '',
    reporter: text('reporter'),
    reporterOccupation: text('reporterOccupation'),
    reporterHealthProfessional: text(
      'reporterHealthProfessional',
    ) as IncidentInput['reporterHealthProfessional'],
    reporterAlsoSentToFda: text('reporterAlsoSentToFda') as IncidentInput['reporterAlsoSentToFda'],
    location: text('location'),
    outcome: (text('outcome') ?? '') as IncidentInput['outcome'],
    harm: optional('harm') as IncidentInput['harm'],
    sentinel: text('sentinel') === 'yes',
    description: text('description'),
    deathOn: text('deathOn'),
    // Boxes ticked under one name arrive as a list, one ticked as a single value.
    seriousOutcomes: [form.seriousOutcomes ?? []].flat().filter(Boolean) as IncidentInput['seriousOutcomes'],
    relevantTests: text('relevantTests'),
    concomitantProducts: text('concomitantProducts'),
    patientProblemCodes: text('patientProblemCodes'),
    deviceProblemCodes: text('deviceProblemCodes'),
    patientIdentifier: text('patientIdentifier'),
    patientAge: text('patientAge'),
    patientSex: text('patientSex') as IncidentInput['patientSex'],
    patientWeightKg: text('patientWeightKg'),
    patientHistory: text('patientHistory'),
  };
}

const stateForm = z.object({ to: choiceField(incidentStates, 'choose the state to move to') });

const decisionForm = z.object({
  contributed: choiceField(['yes', 'no'], 'answer whether a device may have caused or contributed'),
  manufacturerKnown: choiceField(['yes', 'no'], 'answer whether the manufacturer is known'),
});

const reportForm = z.object({
  recipient: textField(),
  recipientName: textField(),
  sentOn: textField(),
  reportNumber: textField(),
  followUp: textField(10).pipe(
    z
      .string()
      .regex(/^\d*$/, 'the follow-up number is a whole number')
      .transform((n) => (n ? Number(n) : 0)),
  ),
  note: textField(),
});

/** Incidents: the list, recording one, and every step of the investigation on its page. */
export function createIncidentRoutes(deps: IncidentDeps) {
  const { db, now } = deps;
  const { actor, idOf, typedIn, page, step } = investigationSteps(deps);

  /** The form to record an incident, again with the reason and what was typed when refused. */
  const newPage = (c: Context<AppEnv>, message?: string, typed?: Record<string, string>) =>
    c.render(
      <NewIncidentPage
        csrf={c.get('csrf')}
        error={message ? { form: 'new', message, typed: typed ?? {} } : undefined}
        today={facilityDay(now())}
      />,
      { title: 'Record an incident' },
    );

  const id = '/incidents/:id{[0-9]+}';
  return new Hono<AppEnv>()
    .get('/incidents', requires('read'), (c) => {
      const archived = c.req.query('archived') === '1';
      const stateQuery = c.req.query('state') ?? '';
      const state = incidentStates.includes(stateQuery as IncidentState)
        ? (stateQuery as IncidentState)
        : undefined;
      const q = (c.req.query('q') ?? '').trim().slice(0, 100);
      const view = {
        rows: listIncidents(db, { archived, state, q: q || undefined }),
        archived,
        state: state ?? '',
        q,
        canWork: can(c.get('user')!.role, 'work'),
        due: reportsDue(db, facilityDay(now())),
      };
      return c.render(<IncidentListPage view={view} />, { title: 'Incidents' });
    })
    .get('/incidents/new', requires('work'), (c) => newPage(c))
    .post('/incidents', requires('work'), validForm(headerForm, newPage), async (c) => {
      try {
        const { id } = openIncident(db, headerInput(c.req.valid('form')), actor(c), now());
        return c.redirect(`/incidents/${id}`, 303);
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        c.status(422);
        return newPage(c, asSentence(error.message), await typedIn(c));
      }
    })
    .get(id, requires('read'), (c) => page(c, idOf(c)))
    .post(
      `${id}/details`,
      requires('work'),
      ...step('details', '#record', headerForm, (c, id, f) =>
        updateIncident(db, id, headerInput(f), actor(c), now()),
      ),
    )
    .route('/', createIncidentEvidenceRoutes(deps))
    .route('/', createIncidentAnalysisRoutes(deps))
    .post(
      `${id}/state`,
      requires('work'),
      ...step('state', '#state', stateForm, (c, id, f) => moveIncident(db, id, f.to, actor(c), now())),
    )
    .post(
      `${id}/reportability`,
      requires('work'),
      ...step('decide', '#reportability', decisionForm, (c, id, f) =>
        decideIncident(
          db,
          id,
          {
            deviceMayHaveContributed: f.contributed === 'yes',
            manufacturerKnown: f.manufacturerKnown === 'yes',
          },
          actor(c),
          now(),
        ),
      ),
    )
    .post(
      `${id}/reports`,
      requires('work'),
      ...step('report', '#reports-sent', reportForm, (c, id, f) =>
        recordReportSent(db, id, f, actor(c), now()),
      ),
    )
    .post(
      `${id}/archive`,
      requires('admin'),
      ...step('archive', '', textFields('why'), (c, id, f) =>
        archiveIncident(db, id, f.why, actor(c), now()),
      ),
    )
    .post(
      `${id}/restore`,
      requires('admin'),
      ...step('archive', '', z.object({}), (c, id) => restoreIncident(db, id, actor(c), now())),
    );
}
