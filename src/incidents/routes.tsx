import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { IncidentPage } from '../../views/incidents/incident';
import { DeviceChoices } from '../../views/incidents/incident-devices';
import type { FormError } from '../../views/incidents/incident-parts';
import { IncidentListPage, NewIncidentPage } from '../../views/incidents/incidents';
import { requires } from '../auth/middleware';
import { can } from '../auth/roles';
import type { Db } from '../db/client';
import { type IncidentState, incidentStates } from '../db/schema';
import { type FileSettings, readKeptFile } from '../files/store';
import { facilityDay } from '../shared/clock';
import { Refusal } from '../shared/refusal';
import type { AppEnv } from '../web/env';
import { asSentence } from '../web/text';
import { addAction, addAnalysis, moveIncident, setActionStatus } from './analysis';
import { archiveIncident, restoreIncident } from './archive';
import { addDevice, devicesToAdd, release, sequester, updateDevice } from './devices';
import { reportsDue } from './due';
import { addIncidentFile, linkEvidence, logCustody, unlinkEvidence } from './evidence';
import { incidentPageView } from './page';
import { incidentFileRow, listIncidents } from './queries';
import { decideIncident, type IncidentInput, openIncident, setMethod, updateIncident } from './record';
import { recordReportSent } from './reports-sent';

export type IncidentDeps = { db: Db; now: () => Date; evidence: FileSettings };

/** The header and patient fields of a submitted form, as openIncident and updateIncident take them. */
function headerInput(typed: Record<string, string>): IncidentInput {
  const optional = (k: string) => typed[k] || undefined;
  return {
    title: typed.title ?? '',
    eventAt: optional('eventAt'),
    awareOn: typed.awareOn ?? '',
    reporter: typed.reporter,
    reporterOccupation: typed.reporterOccupation,
    reporterHealthProfessional:
      typed.reporterHealthProfessional as IncidentInput['reporterHealthProfessional'],
    reporterAlsoSentToFda: typed.reporterAlsoSentToFda as IncidentInput['reporterAlsoSentToFda'],
    location: typed.location,
    outcome: (typed.outcome ?? '') as IncidentInput['outcome'],
    harm: optional('harm') as IncidentInput['harm'],
    sentinel: typed.sentinel === 'yes',
    description: typed.description,
    deathOn: typed.deathOn,
    // Ticked boxes of one name arrive as a list; typedOf keeps them joined by commas.
    seriousOutcomes: typed.seriousOutcomes
      ? (typed.seriousOutcomes.split(',') as IncidentInput['seriousOutcomes'])
      : [],
    relevantTests: typed.relevantTests,
    concomitantProducts: typed.concomitantProducts,
    patientProblemCodes: typed.patientProblemCodes,
    deviceProblemCodes: typed.deviceProblemCodes,
    patientIdentifier: typed.patientIdentifier,
    patientAge: typed.patientAge,
    patientSex: typed.patientSex as IncidentInput['patientSex'],
    patientWeightKg: typed.patientWeightKg,
    patientHistory: typed.patientHistory,
  };
}

/** Incidents: the list, recording one, and every step of the investigation on its page. */
export function createIncidentRoutes(deps: IncidentDeps) {
  const { db, now } = deps;
  const actor = (c: Context<AppEnv>) => ({ name: c.get('user')!.name, userId: c.get('user')!.id });
  const idOf = (c: Context<AppEnv>) => Number(c.req.param('id'));
  /** What a form sent, as text: boxes ticked under one name are kept joined by commas. */
  const typedOf = async (c: Context<AppEnv>) => {
    const body = await c.req.parseBody({ all: true });
    const typed: Record<string, string> = {};
    for (const [name, value] of Object.entries(body)) {
      if (name === '_csrf') continue;
      const texts = (Array.isArray(value) ? value : [value]).filter(
        (v): v is string => typeof v === 'string',
      );
      if (texts.length > 0) typed[name] = texts.join(',');
    }
    return typed;
  };

  const page = (c: Context<AppEnv>, id: number, error?: FormError) => {
    const role = c.get('user')!.role;
    const deviceSearch = can(role, 'work') ? c.req.query('device') : undefined;
    const view = incidentPageView(
      db,
      id,
      {
        csrf: c.get('csrf'),
        canWork: can(role, 'work'),
        canAdmin: can(role, 'admin'),
        now: now(),
        maxUploadMb: Math.floor(deps.evidence.maxBytes / 1048576),
      },
      error,
      deviceSearch,
    );
    if (!view) throw new HTTPException(404, { message: `There is no incident ${id}.` });
    if (error) c.status(422);
    return c.render(<IncidentPage view={view} />, { title: view.file.incident.number });
  };

  /**
   * Runs one step of the investigation: on success back to the section it belongs to, on a
   * refusal the page again with the reason beside the form and what was typed still in it.
   */
  const step =
    (
      form: string | ((c: Context<AppEnv>) => string),
      hash: string,
      run: (c: Context<AppEnv>, id: number, typed: Record<string, string>) => unknown,
    ) =>
    async (c: Context<AppEnv>) => {
      const id = idOf(c);
      const typed = await typedOf(c);
      try {
        await run(c, id, typed);
        return c.redirect(`/incidents/${id}${hash}`, 303);
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        if (error.kind === 'missing') throw new HTTPException(404, { message: asSentence(error.message) });
        return page(c, id, {
          form: typeof form === 'string' ? form : form(c),
          message: asSentence(error.message),
          typed,
        });
      }
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
      .get('/incidents/new', requires('work'), (c) =>
        c.render(<NewIncidentPage csrf={c.get('csrf')} today={facilityDay(now())} />, {
          title: 'Record an incident',
        }),
      )
      .post('/incidents', requires('work'), async (c) => {
        const typed = await typedOf(c);
        try {
          const { id } = openIncident(db, headerInput(typed), actor(c), now());
          return c.redirect(`/incidents/${id}`, 303);
        } catch (error) {
          if (!(error instanceof Refusal)) throw error;
          c.status(422);
          const formError = { form: 'new', message: asSentence(error.message), typed };
          return c.render(
            <NewIncidentPage csrf={c.get('csrf')} error={formError} today={facilityDay(now())} />,
            { title: 'Record an incident' },
          );
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
        step('details', '#record', (c, id, t) => updateIncident(db, id, headerInput(t), actor(c), now())),
      )
      .post(
        `${id}/devices`,
        requires('work'),
        step('add-device', '#devices', (c, id, t) =>
          addDevice(db, id, (t.assetTag ?? '').trim(), actor(c), now()),
        ),
      )
      .post(
        `${id}/devices/:tag`,
        requires('work'),
        step(
          (c) => `device:${c.req.param('tag')}`,
          '#devices',
          (c, id, t) => updateDevice(db, id, c.req.param('tag')!, t, actor(c), now()),
        ),
      )
      .post(
        `${id}/devices/:tag/sequester`,
        requires('work'),
        step(
          (c) => `sequester:${c.req.param('tag')}`,
          '#devices',
          (c, id, t) =>
            sequester(
              db,
              id,
              c.req.param('tag')!,
              { where: t.where ?? '', why: t.why ?? '' },
              actor(c),
              now(),
            ),
        ),
      )
      .post(
        `${id}/devices/:tag/release`,
        requires('work'),
        step(
          (c) => `release:${c.req.param('tag')}`,
          '#devices',
          (c, id, t) => release(db, id, c.req.param('tag')!, t.why ?? '', actor(c), now()),
        ),
      )
      .post(
        `${id}/custody`,
        requires('work'),
        step('custody', '#evidence', (c, id, t) =>
          logCustody(
            db,
            id,
            {
              item: t.item ?? '',
              at: t.at ?? '',
              who: t.who ?? '',
              action: t.action ?? '',
              why: t.why ?? '',
            },
            actor(c),
            now(),
          ),
        ),
      )
      .post(`${id}/files`, requires('work'), async (c) => {
        const id = idOf(c);
        const body = await c.req.parseBody();
        const description = typeof body.description === 'string' ? body.description : '';
        try {
          if (!(body.file instanceof File)) throw new Refusal('choose a file to keep');
          await addIncidentFile(db, deps.evidence, id, body.file, description, actor(c), now());
          return c.redirect(`/incidents/${id}#evidence`, 303);
        } catch (error) {
          if (!(error instanceof Refusal)) throw error;
          return page(c, id, { form: 'file', message: asSentence(error.message), typed: { description } });
        }
      })
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
        step('link', '#known', (c, id, t) =>
          linkEvidence(db, id, { kind: t.kind ?? '', key: t.key ?? '', note: t.note }, actor(c), now()),
        ),
      )
      .post(
        `${id}/links/remove`,
        requires('work'),
        step('link', '#evidence', (c, id, t) =>
          unlinkEvidence(db, id, { kind: t.kind ?? '', key: t.key ?? '' }, actor(c), now()),
        ),
      )
      .post(
        `${id}/method`,
        requires('work'),
        step('method', '#analysis', (c, id, t) => setMethod(db, id, t.method ?? '', actor(c), now())),
      )
      .post(
        `${id}/analysis`,
        requires('work'),
        step('analysis', '#analysis', (c, id, t) =>
          addAnalysis(
            db,
            id,
            {
              kind: (t.kind ?? '') as Parameters<typeof addAnalysis>[2]['kind'],
              text: t.text ?? '',
              at: t.at || undefined,
              category: t.category || undefined,
            },
            actor(c),
            now(),
          ),
        ),
      )
      .post(
        `${id}/actions`,
        requires('work'),
        step('action', '#actions', (c, id, t) =>
          addAction(
            db,
            id,
            {
              text: t.text ?? '',
              strength: t.strength ?? '',
              owner: t.owner ?? '',
              dueOn: t.dueOn ?? '',
              measure: t.measure ?? '',
            },
            actor(c),
            now(),
          ),
        ),
      )
      .post(
        `${id}/actions/:action{[0-9]+}`,
        requires('work'),
        step('action-status', '#actions', (c, id, t) =>
          setActionStatus(db, id, Number(c.req.param('action')), t.status ?? '', actor(c), now()),
        ),
      )
      .post(
        `${id}/state`,
        requires('work'),
        step('state', '#state', (c, id, t) => {
          if (!incidentStates.includes(t.to as IncidentState))
            throw new Refusal('choose the state to move to');
          moveIncident(db, id, t.to as IncidentState, actor(c), now());
        }),
      )
      .post(
        `${id}/reportability`,
        requires('work'),
        step('decide', '#reportability', (c, id, t) => {
          const answer = (k: string) => (t[k] === 'yes' ? true : t[k] === 'no' ? false : null);
          const contributed = answer('contributed');
          const known = answer('manufacturerKnown');
          if (contributed === null)
            throw new Refusal('answer whether a device may have caused or contributed');
          if (known === null) throw new Refusal('answer whether the manufacturer is known');
          decideIncident(
            db,
            id,
            { deviceMayHaveContributed: contributed, manufacturerKnown: known },
            actor(c),
            now(),
          );
        }),
      )
      .post(
        `${id}/reports`,
        requires('work'),
        step('report', '#reports-sent', (c, id, t) => {
          const followUp = t.followUp ? Number(t.followUp) : 0;
          recordReportSent(
            db,
            id,
            {
              recipient: t.recipient ?? '',
              recipientName: t.recipientName,
              sentOn: t.sentOn ?? '',
              reportNumber: t.reportNumber,
              followUp,
              note: t.note,
            },
            actor(c),
            now(),
          );
        }),
      )
      .post(
        `${id}/archive`,
        requires('admin'),
        step('archive', '', (c, id, t) => archiveIncident(db, id, t.why ?? '', actor(c), now())),
      )
      .post(
        `${id}/restore`,
        requires('admin'),
        step('archive', '', (c, id) => restoreIncident(db, id, actor(c), now())),
      )
  );
}
