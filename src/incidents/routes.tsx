import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { IncidentPage } from '../../views/incidents/incident';
import { IncidentActions, IncidentAnalysis } from '../../views/incidents/incident-analysis';
import { DeviceChoices } from '../../views/incidents/incident-devices';
import type { FormError } from '../../views/incidents/incident-parts';
import { IncidentListPage, NewIncidentPage } from '../../views/incidents/incidents';
import { requires } from '../auth/middleware';
import { can, seesPatient } from '../auth/roles';
import type { Db } from '../db/client';
import { type IncidentState, incidentStates } from '../db/schema';
import { type FileSettings, readKeptFile } from '../files/store';
import { facilityDay } from '../shared/clock';
import { Refusal } from '../shared/refusal';
import type { AppEnv } from '../web/env';
import { choiceField, textField, textFields, typedOf, validForm } from '../web/forms';
import { isSwap } from '../web/htmx';
import { asSentence } from '../web/text';
import { addAction, addAnalysis, moveIncident, setActionStatus } from './analysis';
import { deleteAction, deleteAnalysis, updateAction, updateAnalysis } from './analysis-edits';
import { archiveIncident, restoreIncident } from './archive';
import { addDevice, deviceDetailKeys, devicesToAdd, release, sequester, updateDevice } from './devices';
import { reportsDue } from './due';
import { addIncidentFile, linkEvidence, logCustody, unlinkEvidence } from './evidence';
import { incidentPageView } from './page';
import { incidentFileRow, listIncidents } from './queries';
import { decideIncident, type IncidentInput, openIncident, setMethod, updateIncident } from './record';
import { recordReportSent } from './reports-sent';

type Section = 'analysis' | 'actions';

export type IncidentDeps = { db: Db; now: () => Date; evidence: FileSettings };

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

const fileForm = z.object({
  file: z.instanceof(File, { message: 'choose a file to keep' }),
  description: textField(),
});

/** Incidents: the list, recording one, and every step of the investigation on its page. */
export function createIncidentRoutes(deps: IncidentDeps) {
  const { db, now } = deps;
  const actor = (c: Context<AppEnv>) => ({ name: c.get('user')!.name, userId: c.get('user')!.id });
  const idOf = (c: Context<AppEnv>) => Number(c.req.param('id'));
  /** What a form sent, as typed, to show again with a refusal (the body is read once and kept). */
  const typedIn = async (c: Context<AppEnv>) => typedOf(await c.req.parseBody({ all: true }));

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

  const viewOf = (c: Context<AppEnv>, id: number, error?: FormError) => {
    const role = c.get('user')!.role;
    const deviceSearch = can(role, 'work') ? c.req.query('device') : undefined;
    const view = incidentPageView(
      db,
      id,
      {
        csrf: c.get('csrf'),
        canWork: can(role, 'work'),
        canAdmin: can(role, 'admin'),
        seesPatient: seesPatient(role),
        now: now(),
        maxUploadMb: Math.floor(deps.evidence.maxBytes / 1048576),
        editing: c.req.query('edit'),
      },
      error,
      deviceSearch,
    );
    if (!view) throw new HTTPException(404, { message: `There is no incident ${id}.` });
    if (error) c.status(422);
    return view;
  };

  const page = (c: Context<AppEnv>, id: number, error?: FormError) => {
    const view = viewOf(c, id, error);
    return c.render(<IncidentPage view={view} />, { title: view.file.incident.number });
  };

  /** One section of the page, as htmx swaps it after an edit in place. */
  const section = (c: Context<AppEnv>, id: number, which: Section, error?: FormError) => {
    const view = viewOf(c, id, error);
    const props = { base: `/incidents/${id}`, file: view.file, csrf: view.csrf, canWork: view.canWork };
    return c.html(
      which === 'analysis' ? (
        <IncidentAnalysis {...props} error={error} editing={view.editing} />
      ) : (
        <IncidentActions {...props} today={view.today} error={error} editing={view.editing} />
      ),
    );
  };
  /** The section to answer with: only for htmx, and only for a step of a section that works in place. */
  const swapped = (c: Context<AppEnv>, which?: Section) => (which && isSwap(c, which) ? which : undefined);

  /**
   * Runs one step of the investigation: on success back to the section it belongs to, on a
   * refusal the page again with the reason beside the form and what was typed still in it.
   */
  const step = <T extends z.ZodType>(
    form: string | ((c: Context<AppEnv>) => string),
    hash: string,
    schema: T,
    run: (c: Context<AppEnv>, id: number, data: z.output<T>) => unknown,
    inPlace?: Section,
  ) => {
    const formOf = (c: Context<AppEnv>) => (typeof form === 'string' ? form : form(c));
    /** The page again, or under htmx only its section, with the reason and what was typed. */
    const refused = (c: Context<AppEnv>, error: FormError) => {
      const which = swapped(c, inPlace);
      return which ? section(c, idOf(c), which, error) : page(c, idOf(c), error);
    };
    const checked = validForm(schema, (c, message, typed) => refused(c, { form: formOf(c), message, typed }));
    const handler = async (c: Context<AppEnv>) => {
      const id = idOf(c);
      // The form as the schema read it (see validForm, which ran before).
      const data = (c.req.valid as (target: 'form') => z.output<T>)('form');
      try {
        await run(c, id, data);
        const which = swapped(c, inPlace);
        return which ? section(c, id, which) : c.redirect(`/incidents/${id}${hash}`, 303);
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        if (error.kind === 'missing') throw new HTTPException(404, { message: asSentence(error.message) });
        return refused(c, { form: formOf(c), message: asSentence(error.message), typed: await typedIn(c) });
      }
    };
    return [checked, handler] as const;
  };

  const id = '/incidents/:id{[0-9]+}';
  return (
    new Hono<AppEnv>()
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
      // The device finder's choices, swapped in as a person types.
      .get(`${id}/device-choices`, requires('work'), (c) => {
        const q = c.req.query('device') ?? '';
        const found = q.trim() ? devicesToAdd(db, q) : null;
        return c.html(<DeviceChoices base={`/incidents/${idOf(c)}`} csrf={c.get('csrf')} found={found} />);
      })
      .post(
        `${id}/details`,
        requires('work'),
        ...step('details', '#record', headerForm, (c, id, f) =>
          updateIncident(db, id, headerInput(f), actor(c), now()),
        ),
      )
      .post(
        `${id}/devices`,
        requires('work'),
        ...step('add-device', '#devices', textFields('assetTag'), (c, id, f) =>
          addDevice(db, id, f.assetTag, actor(c), now()),
        ),
      )
      .post(
        `${id}/devices/:tag`,
        requires('work'),
        ...step(
          (c) => `device:${c.req.param('tag')}`,
          '#devices',
          textFields(...deviceDetailKeys),
          (c, id, f) => updateDevice(db, id, c.req.param('tag')!, f, actor(c), now()),
        ),
      )
      .post(
        `${id}/devices/:tag/sequester`,
        requires('work'),
        ...step(
          (c) => `sequester:${c.req.param('tag')}`,
          '#devices',
          textFields('where', 'why'),
          (c, id, f) => sequester(db, id, c.req.param('tag')!, f, actor(c), now()),
        ),
      )
      .post(
        `${id}/devices/:tag/release`,
        requires('work'),
        ...step(
          (c) => `release:${c.req.param('tag')}`,
          '#devices',
          textFields('why'),
          (c, id, f) => release(db, id, c.req.param('tag')!, f.why, actor(c), now()),
        ),
      )
      .post(
        `${id}/custody`,
        requires('work'),
        ...step('custody', '#evidence', textFields('item', 'at', 'who', 'action', 'why'), (c, id, f) =>
          logCustody(db, id, f, actor(c), now()),
        ),
      )
      .post(
        `${id}/files`,
        requires('work'),
        ...step('file', '#evidence', fileForm, (c, id, f) =>
          addIncidentFile(db, deps.evidence, id, f.file, f.description, actor(c), now()),
        ),
      )
      .get(`${id}/files/:file{[0-9]+}`, requires('read'), (c) => {
        const row = incidentFileRow(db, idOf(c), Number(c.req.param('file')));
        const stored = row ? readKeptFile(deps.evidence, row) : null;
        if (!row || !stored) throw new HTTPException(404, { message: 'That evidence file is not stored.' });
        return c.body(stored.bytes, 200, {
          'content-type': stored.inline ? row.contentType : 'application/octet-stream',
          'content-disposition': `${stored.inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(row.originalName)}`,
          'x-content-type-options': 'nosniff',
          'content-security-policy': "default-src 'none'; sandbox",
          'cache-control': 'private, no-store',
        });
      })
      .post(
        `${id}/links`,
        requires('work'),
        ...step('link', '#known', textFields('kind', 'key', 'note'), (c, id, f) =>
          linkEvidence(db, id, f, actor(c), now()),
        ),
      )
      .post(
        `${id}/links/remove`,
        requires('work'),
        ...step('link', '#evidence', textFields('kind', 'key'), (c, id, f) =>
          unlinkEvidence(db, id, f, actor(c), now()),
        ),
      )
      .post(
        `${id}/method`,
        requires('work'),
        ...step('method', '#analysis', textFields('method'), (c, id, f) =>
          setMethod(db, id, f.method, actor(c), now()),
        ),
      )
      // The analysis and the actions as htmx swaps them in: with one entry's form open (Edit), or none (Cancel).
      .get(`${id}/analysis`, requires('read'), (c) => section(c, idOf(c), 'analysis'))
      .get(`${id}/actions`, requires('read'), (c) => section(c, idOf(c), 'actions'))
      .post(
        `${id}/analysis`,
        requires('work'),
        ...step(
          'analysis',
          '#analysis',
          textFields('kind', 'text', 'at', 'category'),
          (c, id, f) =>
            addAnalysis(
              db,
              id,
              {
                kind: f.kind as Parameters<typeof addAnalysis>[2]['kind'],
                text: f.text,
                at: f.at || undefined,
                category: f.category || undefined,
              },
              actor(c),
              now(),
            ),
          'analysis',
        ),
      )
      .post(
        `${id}/analysis/:entry{[0-9]+}`,
        requires('work'),
        ...step(
          (c) => `entry:${c.req.param('entry')}`,
          '#analysis',
          textFields('text', 'at', 'category'),
          (c, id, f) =>
            updateAnalysis(
              db,
              id,
              Number(c.req.param('entry')),
              { text: f.text, at: f.at || undefined, category: f.category || undefined },
              actor(c),
              now(),
            ),
          'analysis',
        ),
      )
      .post(
        `${id}/analysis/:entry{[0-9]+}/delete`,
        requires('work'),
        ...step(
          (c) => `entry:${c.req.param('entry')}`,
          '#analysis',
          z.object({}),
          (c, id) => deleteAnalysis(db, id, Number(c.req.param('entry')), actor(c), now()),
          'analysis',
        ),
      )
      .post(
        `${id}/actions`,
        requires('work'),
        ...step(
          'action',
          '#actions',
          textFields('text', 'strength', 'owner', 'dueOn', 'measure'),
          (c, id, f) => addAction(db, id, f, actor(c), now()),
          'actions',
        ),
      )
      .post(
        `${id}/actions/:action{[0-9]+}`,
        requires('work'),
        ...step(
          'action-status',
          '#actions',
          textFields('status'),
          (c, id, f) => setActionStatus(db, id, Number(c.req.param('action')), f.status, actor(c), now()),
          'actions',
        ),
      )
      .post(
        `${id}/actions/:action{[0-9]+}/edit`,
        requires('work'),
        ...step(
          (c) => `action:${c.req.param('action')}`,
          '#actions',
          textFields('text', 'strength', 'owner', 'dueOn', 'measure'),
          (c, id, f) => updateAction(db, id, Number(c.req.param('action')), f, actor(c), now()),
          'actions',
        ),
      )
      .post(
        `${id}/actions/:action{[0-9]+}/delete`,
        requires('work'),
        ...step(
          (c) => `action:${c.req.param('action')}`,
          '#actions',
          z.object({}),
          (c, id) => deleteAction(db, id, Number(c.req.param('action')), actor(c), now()),
          'actions',
        ),
      )
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
      )
  );
}
