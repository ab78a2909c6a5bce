import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { z } from 'zod';
import { IncidentPage } from '../../views/incidents/incident';
import { IncidentActions, IncidentAnalysis } from '../../views/incidents/incident-analysis';
import type { FormError } from '../../views/incidents/incident-parts';
import { can, seesPatient } from '../auth/roles';
import type { Db } from '../db/client';
import type { FileSettings } from '../files/store';
import { Refusal } from '../shared/refusal';
import type { AppEnv } from '../web/env';
import { typedOf, validForm } from '../web/forms';
import { isSwap } from '../web/htmx';
import { asSentence } from '../web/text';
import { incidentPageView } from './page';

type Section = 'analysis' | 'actions';

export type IncidentDeps = { db: Db; now: () => Date; evidence: FileSettings };

/**
 * What every route of an incident's page shares: who acts, the incident asked for, the page or one
 * of its sections as the answer, and `step`, which runs one step of the investigation.
 */
export function investigationSteps(deps: IncidentDeps) {
  const { db, now } = deps;
  const actor = (c: Context<AppEnv>) => ({ name: c.get('user')!.name, userId: c.get('user')!.id });
  const idOf = (c: Context<AppEnv>) => Number(c.req.param('id'));
  /** What a form sent, as typed, to show again with a refusal (the body is read once and kept). */
  const typedIn = async (c: Context<AppEnv>) => typedOf(await c.req.parseBody({ all: true }));

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

  return { actor, idOf, typedIn, page, section, step };
}
