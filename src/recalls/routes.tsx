import { type Context, Hono } from 'hono';
import { raw } from 'hono/html';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { GoneDevicesPage } from '../../views/recalls/gone-devices';
import { InboxPage, InboxResults } from '../../views/recalls/inbox';
import { AssetsChanged, RecallPage, type RecallView } from '../../views/recalls/recall';
import { type ActivityView, Notes } from '../../views/recalls/recall-activity';
import type { AssetRowContext } from '../../views/recalls/recall-assets';
import { type DueReport, DueReports } from '../../views/shared/reports-due';
import { type GlanceFeed, SyncGlance } from '../../views/shared/sync-glance';
import type { Actor } from '../audit/log';
import { requires } from '../auth/middleware';
import { can } from '../auth/roles';
import type { DueDays } from '../config';
import type { Db } from '../db/client';
import { caseStates, dispositions } from '../db/schema';
import { facilityDay } from '../shared/clock';
import { optionalDay } from '../shared/days';
import { Refusal } from '../shared/refusal';
import type { AppEnv } from '../web/env';
import { choiceField, textField, tickedField, validForm } from '../web/forms';
import { isHtmx } from '../web/htmx';
import type { PageCache } from '../web/page-cache';
import { asSentence, capitalise } from '../web/text';
import { baselineWanted } from './baseline';
import { createCaseBulkRoutes } from './bulk-routes';
import { confirmHighConfidence, decide, undoDismissal } from './decisions';
import { addEvidence, type EvidenceSettings, readEvidence } from './evidence';
import { goneDeviceMatches } from './gone-devices';
import { createManufacturerRoutes } from './manufacturer-routes';
import { createNoticeLinkRoutes } from './notice-link-routes';
import { goneForGoodWords } from './out-of-service';
import { inboxViewOf, type PageDeps, type RecallViewExtra, recallViewOf } from './pages';
import { evidenceFile, inboxChoices, previousVisit, recordVisit } from './queries';
import { addNote, moveCase, setDisposition, setDispositionFor, setDueDate } from './service';
import { dismissalReasonOf, dispositionLabels, stateLabels } from './workflow';

export type RecallDeps = {
  db: Db;
  cache: PageCache;
  now: () => Date;
  dueDays: DueDays;
  evidence: EvidenceSettings;
  /**
   * What follows a decision on a pair or a device (a confirmed match may open a case, a first
   * decision takes the case up): the pipeline's.
   */
  afterDecision: (decided?: { productResNumber: string; by: Actor }) => void;
  held: PageDeps['held'];
  /** What the inbox shows above the recalls: MDR reports due (incidents) and the feeds (status). */
  mdrDue: (today: string) => DueReport[];
  feeds: () => GlanceFeed[];
  /** The sample inventory (inventory's): whether none is loaded at all, and how many sample devices are. */
  sample: () => { noInventory: boolean; loaded: number };
};

// The recall page's forms, as browsers send them.
const assigneeField = z
  .string()
  .optional()
  .transform((s) => (s ? Number(s) : null))
  .refine((n) => n === null || Number.isInteger(n), 'choose who the recall is assigned to');
const stateForm = z.object({
  to: choiceField(caseStates, 'choose the state to move to'),
  assignee: assigneeField,
});
const dueForm = z.object({ due: optionalDay('the due date') });
const dispositionForm = z.object({
  disposition: choiceField(
    dispositions,
    `choose a disposition: ${dispositions.join(', ').replaceAll('_', ' ')}`,
  ),
  note: textField(10_000, 'a note'),
});
const decisionForm = z.object({
  decision: choiceField(['confirmed', 'dismissed', 'undo'], 'choose confirm, dismiss or undo'),
  reason: textField(100),
  note: textField(2000, 'a note'),
});
// Several devices at once: those ticked, or every one not yet finished. The button pressed says
// which; where it is not sent, ticked boxes mean the ticked ones, so none is ever changed unasked.
const severalForm = dispositionForm
  .extend({ scope: z.enum(['selected', 'rest', '']).optional(), tags: tickedField() })
  .transform((f) => ({
    ...f,
    scope:
      f.scope === 'rest' || (!f.scope && f.tags.length === 0) ? ('rest' as const) : ('selected' as const),
  }));
const noteForm = z.object({ body: textField(10_000, 'a note') });
const evidenceForm = z.object({ file: z.instanceof(File, { message: 'choose a file to attach' }) });

/** The recall inbox (home page) and the recall page with its workflow. */
export function createRecallRoutes(deps: RecallDeps) {
  const { db, now, cache } = deps;
  const actor = (c: Context<AppEnv>) => ({ name: c.get('user')!.name, userId: c.get('user')!.id });

  // The filter choices change only when matching runs; reading them costs more than the page.
  let cachedChoices: { at: number; value: ReturnType<typeof inboxChoices> } | null = null;
  const choices = () => {
    const at = now().getTime();
    if (!cachedChoices || at - cachedChoices.at > 60_000) cachedChoices = { at, value: inboxChoices(db) };
    return cachedChoices.value;
  };

  const inboxView = (c: Context<AppEnv>, lastVisit: string | null, csrf: string = c.get('csrf')) => {
    const role = c.get('user')!.role;
    const sample = deps.sample();
    return inboxViewOf(deps, (name) => c.req.query(name), lastVisit, choices(), {
      baselineProposal: can(role, 'admin') ? baselineWanted(db) : null,
      offerSample: sample.noInventory && can(role, 'work'),
      sampleLoaded: can(role, 'work') ? sample.loaded : 0,
      canWork: can(role, 'work'),
      csrf,
    });
  };
  const recallView = (c: Context<AppEnv>, id: string, extra: RecallViewExtra = {}) =>
    recallViewOf(deps, id, { role: c.get('user')!.role, csrf: c.get('csrf') }, c.req.query('assets'), extra);

  const page = (c: Context<AppEnv>, view: RecallView) =>
    c.render(<RecallPage view={view} />, { title: view.productResNumber });
  const back = (c: Context<AppEnv>, id: string, hash = '') =>
    c.redirect(`/recalls/${encodeURIComponent(id)}${hash}`, 303);
  // A refused form: the page again (or, for htmx, the devices and the workflow in place) with the
  // reason beside the panel it came from.
  const caseRefused = (c: Context<AppEnv>, problem: string) =>
    devicesChanged(c, c.req.param('id')!, { caseError: problem });
  const assetsRefused = (c: Context<AppEnv>, problem: string) =>
    devicesChanged(c, c.req.param('id')!, { assetsError: problem });
  const rowRefused =
    (form: 'disposition' | 'dismiss') =>
    (c: Context<AppEnv>, problem: string, typed: Record<string, string>) =>
      devicesChanged(c, c.req.param('id')!, {
        tag: c.req.param('tag')!,
        rowError: { assetTag: c.req.param('tag')!, message: problem, form, typed },
      });

  return new Hono<AppEnv>()
    .route('/', createManufacturerRoutes({ ...deps, page, recallView, back }))
    .route('/', createNoticeLinkRoutes({ ...deps, page, recallView, back }))
    .route('/', createCaseBulkRoutes({ db, now, inboxView, afterDecision: () => deps.afterDecision() }))
    .get('/', requires('read'), async (c) => {
      const user = c.get('user')!;
      const swap = isHtmx(c);
      const lastVisit = swap
        ? previousVisit(db, user.id)
        : cache.quietly(() => recordVisit(db, user.id, now()));
      // The same filters, the same last visit and the same day show the same inbox until data changes.
      // The role decides what the first day offers (a baseline to admins, the sample to those who
      // work) and whether the boxes to act on several cases at once are shown.
      const key = `inbox|${swap}|${new URL(c.req.url).search}|${lastVisit}|${facilityDay(now())}|${user.role}`;
      const body = await cache.get(key, c.get('csrf'), (csrf) =>
        swap ? (
          <InboxResults view={inboxView(c, lastVisit, csrf)} />
        ) : (
          <InboxPage view={inboxView(c, lastVisit, csrf)} />
        ),
      );
      if (swap) return c.html(body);
      // Read again when the data changes, and each minute for "synced 3 min ago".
      const minute = Math.floor(now().getTime() / 60_000);
      const glance = await cache.get(`glance|${minute}`, '', () => (
        <SyncGlance feeds={deps.feeds()} now={now()} />
      ));
      // MDR deadlines belong where everyone looks first; an overdue one is an alert at the top.
      const today = facilityDay(now());
      const due = await cache.get(`mdr-due|${today}`, '', () => <DueReports due={deps.mdrDue(today)} />);
      return c.render(
        <>
          <h1>Recall inbox</h1>
          {raw(due)}
          {raw(glance)}
          {raw(body)}
        </>,
        { title: 'Recall inbox' },
      );
    })
    .get('/recalls/gone', requires('read'), (c) =>
      c.render(<GoneDevicesPage matches={goneDeviceMatches(db)} words={goneForGoodWords} />, {
        title: 'Recalls of retired devices',
      }),
    )
    .get('/recalls/:id{[A-Za-z0-9-]+}', requires('read'), async (c) => {
      const id = c.req.param('id');
      const role = c.get('user')!.role;
      const key = `recall|${id}|${new URL(c.req.url).search}|${role}|${facilityDay(now())}`;
      const body = await cache.get(key, c.get('csrf'), (csrf) => {
        const view = recallView(c, id);
        return (
          <RecallPage
            view={{ ...view, rowContext: { ...view.rowContext, csrf }, activity: { ...view.activity, csrf } }}
          />
        );
      });
      return c.render(raw(body), { title: id });
    })
    .post(
      '/recalls/:id{[A-Za-z0-9-]+}/state',
      requires('work'),
      validForm(stateForm, caseRefused),
      async (c) => {
        const id = c.req.param('id');
        const { to, assignee } = c.req.valid('form');
        try {
          moveCase(db, id, { to, assignee }, actor(c), now());
          // The close offered beside the devices answers in place; the workflow form with a page.
          if (isHtmx(c))
            return devicesChanged(c, id, { announcement: `The recall is ${stateLabels[to].toLowerCase()}.` });
          return back(c, id, '#case');
        } catch (error) {
          if (!(error instanceof Refusal)) throw error;
          c.status(422);
          const caseError = `${capitalise(error.message)}.`;
          if (isHtmx(c)) return devicesChanged(c, id, { caseError });
          return page(c, recallView(c, id, { caseError }));
        }
      },
    )
    .post('/recalls/:id{[A-Za-z0-9-]+}/due', requires('work'), validForm(dueForm, caseRefused), async (c) => {
      const id = c.req.param('id');
      try {
        setDueDate(db, id, c.req.valid('form').due ?? null, actor(c), now());
        return back(c, id, '#case');
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        c.status(422);
        return page(c, recallView(c, id, { caseError: `${capitalise(error.message)}.` }));
      }
    })
    .post(
      '/recalls/:id{[A-Za-z0-9-]+}/assets/:tag/disposition',
      requires('work'),
      validForm(dispositionForm, rowRefused('disposition')),
      async (c) => {
        const { id, tag } = c.req.param();
        const { disposition, note } = c.req.valid('form');
        try {
          setDisposition(db, id, tag, { disposition, note }, actor(c), now());
          deps.afterDecision({ productResNumber: id, by: actor(c) });
          const label = dispositionLabels[disposition].toLowerCase();
          return devicesChanged(c, id, { tag, announcement: `Disposition of ${tag}: ${label}.` });
        } catch (error) {
          if (!(error instanceof Refusal)) throw error;
          const rowError = {
            assetTag: tag,
            message: asSentence(error.message),
            form: 'disposition' as const,
          };
          return devicesChanged(c, id, { tag, rowError });
        }
      },
    )
    .post(
      '/recalls/:id{[A-Za-z0-9-]+}/assets/:tag/decision',
      requires('work'),
      validForm(decisionForm, rowRefused('dismiss')),
      async (c) => {
        const { id, tag } = c.req.param();
        const { decision, reason, note } = c.req.valid('form');
        const pair = { assetTag: tag, productResNumber: id };
        const user = actor(c);
        try {
          if (decision === 'undo') undoDismissal(db, pair, user, now());
          else {
            decide(
              db,
              pair,
              decision,
              { ...user, note: note || null, reason: dismissalReasonOf(reason) },
              now(),
            );
          }
          deps.afterDecision(decision === 'undo' ? undefined : { productResNumber: id, by: user });
        } catch (error) {
          if (!(error instanceof Refusal)) throw error;
          if (error.kind === 'missing') throw new HTTPException(404, { message: asSentence(error.message) });
          const typed = { reason, note };
          const rowError = {
            assetTag: tag,
            message: asSentence(error.message),
            form: 'dismiss' as const,
            typed,
          };
          return devicesChanged(c, id, { tag, rowError });
        }
        const said = {
          confirmed: `${tag} confirmed: the recall applies to it.`,
          dismissed: `${tag} dismissed: the recall does not apply to it.`,
          undo: `The dismissal of ${tag} is undone.`,
        }[decision];
        return devicesChanged(c, id, { tag, announcement: said });
      },
    )
    .post(
      '/recalls/:id{[A-Za-z0-9-]+}/confirm-high',
      requires('work'),
      validForm(z.object({}), assetsRefused),
      async (c) => {
        const id = c.req.param('id');
        const user = actor(c);
        try {
          const tags = confirmHighConfidence(db, id, user, now());
          deps.afterDecision({ productResNumber: id, by: user });
          const said = `${tags.join(', ')} confirmed: the recall applies to ${tags.length === 1 ? 'it' : 'them'}.`;
          return devicesChanged(c, id, { announcement: said });
        } catch (error) {
          if (!(error instanceof Refusal)) throw error;
          if (error.kind === 'missing') throw new HTTPException(404, { message: asSentence(error.message) });
          return devicesChanged(c, id, { assetsError: `${capitalise(error.message)}.` });
        }
      },
    )
    .post(
      '/recalls/:id{[A-Za-z0-9-]+}/dispositions',
      requires('work'),
      validForm(severalForm, assetsRefused),
      async (c) => {
        const id = c.req.param('id');
        const { disposition, note, scope, tags } = c.req.valid('form');
        try {
          const n = setDispositionFor(
            db,
            id,
            { disposition, note, tags: scope === 'selected' ? tags : null },
            actor(c),
            now(),
          );
          deps.afterDecision({ productResNumber: id, by: actor(c) });
          const label = dispositionLabels[disposition].toLowerCase();
          return devicesChanged(c, id, {
            announcement: `Disposition of ${n} ${n === 1 ? 'device' : 'devices'}: ${label}.`,
          });
        } catch (error) {
          if (!(error instanceof Refusal)) throw error;
          return devicesChanged(c, id, { assetsError: `${capitalise(error.message)}.` });
        }
      },
    )
    .post(
      '/recalls/:id{[A-Za-z0-9-]+}/notes',
      requires('work'),
      validForm(noteForm, (c, problem, typed) =>
        noteAnswer(c, c.req.param('id')!, { message: problem, text: typed.body ?? '' }),
      ),
      async (c) => {
        const id = c.req.param('id');
        const { body } = c.req.valid('form');
        let noteError: ActivityView['noteError'];
        try {
          addNote(db, id, body, actor(c), now());
        } catch (error) {
          if (!(error instanceof Refusal)) throw error;
          noteError = { message: `${capitalise(error.message)}.`, text: body };
        }
        return noteAnswer(c, id, noteError);
      },
    )

    .post(
      '/recalls/:id{[A-Za-z0-9-]+}/evidence',
      requires('work'),
      validForm(evidenceForm, (c, problem) =>
        page(c, recallView(c, c.req.param('id')!, { activity: { evidenceError: problem } })),
      ),
      async (c) => {
        const id = c.req.param('id');
        const { file } = c.req.valid('form');
        try {
          await addEvidence(db, deps.evidence, id, file, actor(c), now());
          return back(c, id, '#evidence');
        } catch (error) {
          if (!(error instanceof Refusal)) throw error;
          c.status(422);
          return page(c, recallView(c, id, { activity: { evidenceError: `${capitalise(error.message)}.` } }));
        }
      },
    )
    .get('/recalls/:id{[A-Za-z0-9-]+}/evidence/:file{[0-9]+}', requires('read'), (c) => {
      const row = evidenceFile(db, c.req.param('id'), Number(c.req.param('file')));
      const stored = row ? readEvidence(deps.evidence, row) : null;
      if (!row || !stored) throw new HTTPException(404, { message: 'That evidence file is not stored.' });
      const name = encodeURIComponent(row.originalName);
      return c.body(stored.bytes, 200, {
        'content-type': stored.inline ? row.contentType : 'application/octet-stream',
        'content-disposition': `${stored.inline ? 'inline' : 'attachment'}; filename*=UTF-8''${name}`,
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': 'private, no-store',
      });
    });

  /** After a note: the notes for htmx, the page otherwise; with the reason when it was refused. */
  function noteAnswer(c: Context<AppEnv>, id: string, noteError?: ActivityView['noteError']) {
    if (noteError) c.status(422);
    if (isHtmx(c)) return c.html(<Notes view={recallView(c, id, { activity: { noteError } }).activity} />);
    if (noteError) return page(c, recallView(c, id, { activity: { noteError } }));
    return back(c, id, '#notes');
  }

  /**
   * After a change to the devices (one, several, or the case beside them): for htmx, the devices
   * section with the workflow panel and the announcement out of band, so every count the change
   * touched is redrawn; the page otherwise.
   */
  function devicesChanged(
    c: Context<AppEnv>,
    id: string,
    extra: {
      tag?: string;
      announcement?: string;
      rowError?: AssetRowContext['error'];
      assetsError?: string;
      caseError?: string;
    },
  ) {
    const problem = extra.rowError?.message ?? extra.assetsError ?? extra.caseError;
    if (problem) c.status(422);
    const refused = { rowError: extra.rowError, assetsError: extra.assetsError, caseError: extra.caseError };
    if (!isHtmx(c)) {
      if (problem) return page(c, recallView(c, id, refused));
      return back(c, id, extra.tag ? `#asset-${extra.tag.replace(/[^\w-]/g, '_')}` : '#assets');
    }
    const view = recallView(c, id, refused);
    const open = view.caseView?.openDevices.length ?? 0;
    const standing =
      !view.caseView || view.caseView.state === 'closed'
        ? ''
        : open === 0
          ? ' Every device has a final disposition: the recall can be closed.'
          : ` ${open} ${open === 1 ? 'device keeps' : 'devices keep'} the recall open.`;
    view.announcement = problem ?? `${extra.announcement ?? ''}${standing}`;
    return c.html(<AssetsChanged view={view} />);
  }
}
