import { zValidator } from '@hono/zod-validator';
import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { FacilityPage } from '../../views/incidents/facility';
import { Form3419Page, type Form3419View } from '../../views/incidents/form-3419';
import { InvestigationReportPage } from '../../views/incidents/investigation-report';
import { MedwatchDraftPage } from '../../views/incidents/medwatch-draft';
import { requires } from '../auth/middleware';
import { seesPatient } from '../auth/roles';
import type { Db } from '../db/client';
import { facilityDay } from '../shared/clock';
import { optionalDay } from '../shared/days';
import { Refusal } from '../shared/refusal';
import type { AppEnv } from '../web/env';
import { textField, validForm } from '../web/forms';
import { sentRowsOf } from './annual-queries';
import { keepUntil, reportsOutstanding } from './archive';
import { incidentDraft } from './drafts';
import { annualCsv, incidentsCsv, incidentsForExport } from './export';
import {
  type Facility,
  type FacilityKey,
  facilityDetails,
  facilityGaps,
  facilityKeys,
  setFacility,
} from './facility';
import { annualReport } from './form3419';
import { render3500APdf } from './medwatch/pdf';
import { incidentFile } from './queries';
import { withheldFile } from './withheld-file';

export type IncidentOutputDeps = { db: Db; now: () => Date };

const draftQuery = z.object({
  device: z.string().trim().max(100).optional(),
  followUp: z
    .string()
    .trim()
    .optional()
    .refine((s) => !s || /^\d{1,2}$/.test(s), 'A follow-up is numbered 1 to 99; 0 is the initial report')
    .transform((s) => (s ? Number(s) : 0)),
});

/** The investigation report for the record (no `for`), or as printed for a recipient of the 3500A. */
const reportQuery = z.object({
  for: z
    .enum(['', 'fda', 'manufacturer'], { message: 'The report is printed for the fda or the manufacturer' })
    .optional(),
});

const exportQuery = z
  .object({ archived: z.string().optional(), from: optionalDay('The start'), to: optionalDay('The end') })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'The start of the range is after its end' });

/** Checks the query at the edge; what fails is a 422 that says what to fix. */
const valid = <T extends z.ZodType>(schema: T) =>
  zValidator('query', schema, (result) => {
    if (!result.success) throw new HTTPException(422, { message: `${result.error.issues[0]!.message}.` });
  });

/** The facility's details as the form sends them; each fits a line of the forms it is printed on. */
const facilityForm = z.object(
  Object.fromEntries(facilityKeys.map((key) => [key, textField(300, 'each detail')])) as Record<
    FacilityKey,
    ReturnType<typeof textField>
  >,
);

const notFound = (id: string) => new HTTPException(404, { message: `There is no incident ${id}.` });

/**
 * What an investigation produces for others: the 3500A draft (page and PDF), the printable
 * investigation report, the CSV of incidents, Form 3419, and the facility's details those forms
 * print. All read-only but the facility's details.
 */
export function createIncidentOutputRoutes(deps: IncidentOutputDeps) {
  const { db, now } = deps;

  const draftOf = (id: string, query: z.output<typeof draftQuery>) => {
    try {
      const draft = incidentDraft(
        db,
        Number(id),
        { assetTag: query.device || undefined, followUp: query.followUp },
        now(),
      );
      if (!draft) throw notFound(id);
      return draft;
    } catch (error) {
      if (error instanceof Refusal) throw new HTTPException(404, { message: `${error.message}.` });
      throw error;
    }
  };

  /** The reporting year asked for, by default the last calendar year (the one now due). */
  const yearOf = (raw: string | undefined): Pick<Form3419View, 'form'> & { year: number | null } => {
    const latest = Number(facilityDay(now()).slice(0, 4)) + 1;
    const typed = raw?.trim() || String(latest - 2);
    const year = /^\d{4}$/.test(typed) ? Number(typed) : Number.NaN;
    if (year >= 1990 && year <= latest) return { form: { year: typed }, year };
    return {
      form: { year: typed, error: `The reporting year is four digits, from 1990 to ${latest}.` },
      year: null,
    };
  };
  const form3419 = (c: Context<AppEnv>) => {
    const { form, year } = yearOf(c.req.query('year'));
    const facility = facilityDetails(db);
    const report = year === null ? null : annualReport(year, facility, sentRowsOf(db, year));
    return {
      form,
      report,
      reportDate: facilityDay(now()),
      facilityGaps: facilityGaps(facility),
    };
  };
  /** The facility's details; when refused, as typed with the reason (422). */
  const facilityPage = (c: Context<AppEnv>, values: Facility, error?: string) => {
    const view = {
      values,
      gaps: facilityGaps(values),
      saved: !error && c.req.query('saved') === '1',
      csrf: c.get('csrf'),
      error,
    };
    return c.render(<FacilityPage view={view} />, { title: "The facility's details" });
  };

  const form3419Page = (c: Context<AppEnv>, view: Form3419View) => {
    if (!view.report) c.status(422);
    return c.render(<Form3419Page view={view} />, {
      title: view.report ? `Form FDA 3419, ${view.report.year}` : 'Form FDA 3419',
    });
  };

  return new Hono<AppEnv>()
    .get('/incidents/:id{[0-9]+}/3500a', requires('read'), valid(draftQuery), (c) => {
      const view = draftOf(c.req.param('id'), c.req.valid('query'));
      return c.render(<MedwatchDraftPage view={view} />, {
        title: `3500A draft ${view.incident.number}`,
      });
    })
    .get('/incidents/:id{[0-9]+}/3500a.pdf', requires('read'), valid(draftQuery), async (c) => {
      const view = draftOf(c.req.param('id'), c.req.valid('query'));
      // pdf-lib types its bytes loosely (ArrayBufferLike); a Response body wants an ArrayBuffer's.
      const pdf = new Uint8Array(await render3500APdf(view.draft));
      return c.body(pdf, 200, {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="${view.incident.number}-3500A-draft.pdf"`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
      });
    })
    .get('/incidents/:id{[0-9]+}/report', requires('read'), valid(reportQuery), (c) => {
      const id = c.req.param('id');
      const stored = incidentFile(db, Number(id));
      if (!stored) throw notFound(id);
      const recipient = c.req.valid('query').for || null;
      const showPatient = seesPatient(c.get('user')!.role);
      const at = now();
      const view = {
        // What goes to the FDA or the manufacturer, or to a viewer, carries no patient identifiers.
        file: recipient || !showPatient ? withheldFile(stored) : stored,
        recipient,
        showPatient,
        keepUntil: keepUntil(stored.incident),
        outstanding: reportsOutstanding(db, stored.incident.id, stored.decision),
        printedAt: at.toISOString(),
        printedBy: c.get('user')!.name,
      };
      return c.render(<InvestigationReportPage view={view} />, {
        title: `Investigation report ${stored.incident.number}`,
      });
    })
    .get('/incidents.csv', requires('read'), valid(exportQuery), (c) => {
      const q = c.req.valid('query');
      const rows = incidentsForExport(db, { archived: q.archived === '1', from: q.from, to: q.to });
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="vigil-incidents-${facilityDay(now())}.csv"`);
      return c.body(incidentsCsv(rows));
    })
    .get('/reports/3419', requires('read'), (c) => form3419Page(c, form3419(c)))
    .get('/reports/3419.csv', requires('read'), (c) => {
      const view = form3419(c);
      if (!view.report) return form3419Page(c, view);
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="vigil-form-3419-${view.report.year}.csv"`);
      return c.body(annualCsv(view.report));
    })
    .get('/admin/facility', requires('admin'), (c) => facilityPage(c, facilityDetails(db)))
    .post(
      '/admin/facility',
      requires('admin'),
      validForm(facilityForm, (c, error, typed) => facilityPage(c, typed, error)),
      (c) => {
        const user = c.get('user')!;
        setFacility(db, c.req.valid('form'), { name: user.name, userId: user.id }, now());
        return c.redirect('/admin/facility?saved=1', 303);
      },
    );
}
