import { type Context, Hono } from 'hono';
import { raw } from 'hono/html';
import { HTTPException } from 'hono/http-exception';
import { InboxPage, InboxResults, type InboxView } from '../../views/inbox';
import { RecallPage, type RecallView } from '../../views/recall';
import { type ActivityView, Notes } from '../../views/recall-activity';
import { type AssetMatchView, AssetRow, type AssetRowContext } from '../../views/recall-assets';
import { SyncGlance } from '../../views/sync';
import { historyOf } from '../audit/log';
import { requires } from '../auth/middleware';
import { can } from '../auth/roles';
import { activeUsers } from '../auth/users';
import type { DueDays } from '../config';
import type { Db } from '../db/client';
import { type CaseState, caseStates, dispositions } from '../db/schema';
import { DecisionError, decide } from '../matching/decisions';
import { feedStatuses, glanceOf } from '../status/queries';
import type { AppEnv } from '../web/env';
import type { PageCache } from '../web/page-cache';
import { addEvidence, type EvidenceSettings, readEvidence } from './evidence';
import { fdaRecallUrl, recordFields } from './fda';
import {
  caseOf,
  casesOpenedSince,
  evidenceFile,
  evidenceOf,
  type InboxFilters,
  inboxChoices,
  inboxPageSize,
  inboxRows,
  type MatchedAsset,
  matchedAssets,
  notesOf,
  previousVisit,
  recallRecord,
  recordVisit,
  stateCounts,
} from './queries';
import {
  addNote,
  assetsWithoutDisposition,
  moveCase,
  setDisposition,
  setDispositionForRest,
  setDueDate,
  WorkflowError,
} from './service';
import { describeChange } from './timeline';
import { classOf, daysLeft, dispositionLabels, dueDate, nextStates, stateLabels } from './workflow';

export type RecallDeps = {
  db: Db;
  cache: PageCache;
  now: () => Date;
  dueDays: DueDays;
  evidence: EvidenceSettings;
};

const isHtmx = (c: Context) => c.req.header('hx-request') === 'true';
const oneOf = <T extends string>(values: readonly T[], v: string | undefined): T | null =>
  v && (values as readonly string[]).includes(v) ? (v as T) : null;

function inboxFilters(q: (name: string) => string | undefined): InboxFilters {
  const page = Number.parseInt(q('page') ?? '1', 10);
  return {
    state: oneOf([...caseStates, 'all'] as const, q('state')) ?? 'open',
    recallClass: oneOf(['I', 'II', 'III', 'unclassified'] as const, q('class')),
    department: q('department') || null,
    manufacturer: q('manufacturer') || null,
    page: Number.isFinite(page) && page > 0 ? Math.min(page, 10_000) : 1,
  };
}

const place = (a: MatchedAsset) => [a.department, a.location].filter(Boolean).join(', ');

function toAssetView(a: MatchedAsset): AssetMatchView {
  return {
    assetTag: a.assetTag,
    model: [a.manufacturer, a.model].filter(Boolean).join(' ') || 'Model not recorded',
    serialNumber: a.serialNumber,
    place: place(a),
    score: a.score,
    confidence: a.confidence,
    reasons: a.reasons,
    lotStatus: a.lotStatus,
    decision: a.decision,
    decidedBy: a.decidedBy,
    disposition: a.disposition,
    dispositionLabel: a.disposition
      ? (dispositionLabels[a.disposition as keyof typeof dispositionLabels] ?? a.disposition)
      : null,
    dispositionNote: a.dispositionNote,
    dispositionBy: a.dispositionBy,
    dispositionAt: a.dispositionAt,
  };
}

/** Counted: medium and above, or confirmed; a candidate: low and undecided. Dismissed are left out. */
/** A recall of a common model can hit hundreds of our devices: the page shows them a hundred at a time. */
const assetPageSize = 100;

const isCounted = (a: MatchedAsset) =>
  a.decision === 'confirmed' || (a.decision === null && a.confidence !== 'low');

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

  const inboxView = (c: Context<AppEnv>, lastVisit: string | null): InboxView => {
    const f = inboxFilters((n) => c.req.query(n));
    const { rows, total } = inboxRows(db, f);
    const counts = stateCounts(db);
    const today = now();
    return {
      items: rows.map((r) => {
        const cls = classOf(r.classification);
        const due = dueDate(r.openedAt, cls, deps.dueDays, r.dueOverride);
        return {
          productResNumber: r.productResNumber,
          recallClass: cls,
          firm: r.recallingFirm,
          product:
            r.productDescription && r.productDescription.length > 200
              ? `${r.productDescription.slice(0, 200)}…`
              : r.productDescription,
          postedAt: r.postedAt,
          state: r.state,
          stateLabel: stateLabels[r.state],
          assignee: r.assignee,
          assets: r.assets,
          undecided: r.undecided,
          due,
          daysLeft: daysLeft(due, today),
          isNew: lastVisit !== null && r.openedAt > lastVisit,
        };
      }),
      total,
      page: f.page,
      pages: Math.max(1, Math.ceil(total / inboxPageSize)),
      counts: caseStates.map((s) => ({ state: s, label: stateLabels[s], n: counts[s] })),
      filters: {
        state: f.state === 'open' ? '' : f.state,
        recallClass: f.recallClass ?? '',
        department: f.department ?? '',
        manufacturer: f.manufacturer ?? '',
      },
      choices: choices(),
      newCount: lastVisit ? casesOpenedSince(db, lastVisit) : 0,
      lastVisit,
    };
  };

  const recallView = (
    c: Context<AppEnv>,
    id: string,
    extra: Partial<Pick<RecallView, 'caseError' | 'assetsError'>> & {
      rowError?: AssetRowContext['error'];
      activity?: Partial<ActivityView>;
    } = {},
  ): RecallView => {
    const { recall, enforcement } = recallRecord(db, id);
    if (!recall && !enforcement)
      throw new HTTPException(404, {
        message: `There is no recall ${id} in Vigil. Check the number, or sync.`,
      });
    const user = c.get('user')!;
    const kase = caseOf(db, id);
    const cls = classOf(enforcement?.classification);
    const all = matchedAssets(db, id);
    const counted = all.filter(isCounted);
    const requested = Number.parseInt(c.req.query('assets') ?? '1', 10);
    const assetPage = Number.isFinite(requested) && requested > 0 ? requested : 1;
    const canWork = can(user.role, 'work');
    const rowContext: AssetRowContext = {
      productResNumber: id,
      csrf: c.get('csrf'),
      canWork,
      hasCase: kase !== null,
      dispositions: dispositions.map((d) => ({ value: d, label: dispositionLabels[d] })),
      error: extra.rowError,
    };
    const product = recall?.productDescription ?? enforcement?.productDescription ?? '';
    const due = kase ? dueDate(kase.openedAt, cls, deps.dueDays, kase.dueOverride) : null;
    const history = historyOf(db, 'recall', id);
    return {
      productResNumber: id,
      recallClass: cls,
      firm: recall?.recallingFirm ?? enforcement?.recallingFirm ?? null,
      title: product.length > 240 ? `${product.slice(0, 240)}…` : product,
      fdaUrl: fdaRecallUrl(recall?.cfresId),
      fields: recordFields(recall, enforcement),
      caseView:
        kase && due
          ? {
              state: kase.state,
              stateLabel: stateLabels[kase.state],
              assignee: kase.assignee,
              openedAt: kase.openedAt,
              due,
              daysLeft: daysLeft(due, now()),
              dueSetByHand: Boolean(kase.dueOverride),
              closedAt: kase.closedAt,
              closedBy: kase.closedBy,
              moves: nextStates(kase.state).map((s) => ({ value: s, label: stateLabels[s] })),
              people: activeUsers(db)
                .filter((u) => u.role !== 'viewer')
                .map((u) => ({ id: u.id, name: u.name })),
              openAssets: assetsWithoutDisposition(db, id),
            }
          : null,
      counted: counted.slice((assetPage - 1) * assetPageSize, assetPage * assetPageSize).map(toAssetView),
      countedTotal: counted.length,
      assetPage,
      assetPages: Math.max(1, Math.ceil(counted.length / assetPageSize)),
      assetsError: extra.assetsError,
      candidates: all.filter((a) => !isCounted(a) && a.decision !== 'dismissed').map(toAssetView),
      rowContext,
      activity: {
        productResNumber: id,
        csrf: c.get('csrf'),
        canWork,
        hasCase: kase !== null,
        notes: notesOf(db, id).map((n) => ({ author: n.author, body: n.body, at: n.at })),
        evidence: evidenceOf(db, id).map((e) => ({
          id: e.id,
          name: e.originalName,
          size: e.size,
          by: e.uploadedBy,
          at: e.uploadedAt,
          sha256: e.sha256,
        })),
        timeline: [
          ...history.map((h) => ({ at: h.at, actor: h.actor, text: describeChange(h) })),
          ...(kase
            ? [
                {
                  at: kase.openedAt,
                  actor: 'Vigil',
                  text: 'opened the case: the recall matched devices we own',
                },
              ]
            : []),
        ],
        maxEvidenceMb: Math.floor(deps.evidence.maxBytes / 1048576),
        ...extra.activity,
      },
      caseError: extra.caseError,
    };
  };

  const page = (c: Context<AppEnv>, view: RecallView) =>
    c.render(<RecallPage view={view} />, { title: view.productResNumber });
  const back = (c: Context<AppEnv>, id: string, hash = '') =>
    c.redirect(`/recalls/${encodeURIComponent(id)}${hash}`, 303);
  const form = async (c: Context<AppEnv>) => {
    const body = await c.req.parseBody();
    return (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
  };

  return new Hono<AppEnv>()
    .get('/', requires('read'), async (c) => {
      const user = c.get('user')!;
      const swap = isHtmx(c);
      const lastVisit = swap
        ? previousVisit(db, user.id)
        : cache.quietly(() => recordVisit(db, user.id, now()));
      // The same filters, the same last visit and the same day show the same inbox until data changes.
      const key = `inbox|${swap}|${new URL(c.req.url).search}|${lastVisit}|${now().toISOString().slice(0, 10)}`;
      const body = await cache.get(key, c.get('csrf'), () =>
        swap ? <InboxResults view={inboxView(c, lastVisit)} /> : <InboxPage view={inboxView(c, lastVisit)} />,
      );
      if (swap) return c.html(body);
      // Read again when the data changes, and each minute for "synced 3 min ago".
      const minute = Math.floor(now().getTime() / 60_000);
      const glance = await cache.get(`glance|${minute}`, '', () => (
        <SyncGlance feeds={glanceOf(feedStatuses(db))} now={now()} />
      ));
      return c.render(
        <>
          <h1>Recall inbox</h1>
          {raw(glance)}
          {raw(body)}
        </>,
        { title: 'Recall inbox' },
      );
    })
    .get('/recalls/:id{[A-Za-z0-9-]+}', requires('read'), async (c) => {
      const id = c.req.param('id');
      const role = c.get('user')!.role;
      const key = `recall|${id}|${new URL(c.req.url).search}|${role}|${now().toISOString().slice(0, 10)}`;
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
    .post('/recalls/:id{[A-Za-z0-9-]+}/state', requires('work'), async (c) => {
      const id = c.req.param('id');
      const get = await form(c);
      const to = oneOf(caseStates, get('to'));
      const assignee = get('assignee') ? Number(get('assignee')) : null;
      try {
        if (!to) throw new WorkflowError('choose the state to move to');
        moveCase(db, id, { to: to as CaseState, assignee }, actor(c), now());
        return back(c, id, '#case');
      } catch (error) {
        if (!(error instanceof WorkflowError)) throw error;
        c.status(422);
        return page(c, recallView(c, id, { caseError: `${capitalise(error.message)}.` }));
      }
    })
    .post('/recalls/:id{[A-Za-z0-9-]+}/due', requires('work'), async (c) => {
      const id = c.req.param('id');
      const get = await form(c);
      try {
        setDueDate(db, id, get('due') || null, actor(c), now());
        return back(c, id, '#case');
      } catch (error) {
        if (!(error instanceof WorkflowError)) throw error;
        c.status(422);
        return page(c, recallView(c, id, { caseError: `${capitalise(error.message)}.` }));
      }
    })
    .post('/recalls/:id{[A-Za-z0-9-]+}/assets/:tag/disposition', requires('work'), async (c) => {
      const { id, tag } = c.req.param();
      const get = await form(c);
      let rowError: AssetRowContext['error'];
      try {
        setDisposition(db, id, tag, { disposition: get('disposition'), note: get('note') }, actor(c), now());
      } catch (error) {
        if (!(error instanceof WorkflowError)) throw error;
        rowError = { assetTag: tag, message: `${capitalise(error.message)}.` };
      }
      return assetAnswer(c, id, tag, rowError);
    })
    .post('/recalls/:id{[A-Za-z0-9-]+}/assets/:tag/decision', requires('work'), async (c) => {
      const { id, tag } = c.req.param();
      const get = await form(c);
      const decision = oneOf(['confirmed', 'dismissed'] as const, get('decision'));
      if (!decision) throw new HTTPException(422, { message: 'Choose confirm or dismiss.' });
      try {
        const user = actor(c);
        decide(
          db,
          { assetTag: tag, productResNumber: id },
          decision,
          { name: user.name, userId: user.userId, note: get('note') || null },
          now(),
        );
      } catch (error) {
        if (error instanceof DecisionError)
          throw new HTTPException(404, { message: `${capitalise(error.message)}.` });
        throw error;
      }
      return assetAnswer(c, id, tag);
    })
    .post('/recalls/:id{[A-Za-z0-9-]+}/dispositions', requires('work'), async (c) => {
      const id = c.req.param('id');
      const get = await form(c);
      try {
        setDispositionForRest(
          db,
          id,
          { disposition: get('disposition'), note: get('note') },
          actor(c),
          now(),
        );
        return back(c, id, '#assets');
      } catch (error) {
        if (!(error instanceof WorkflowError)) throw error;
        c.status(422);
        return page(c, recallView(c, id, { assetsError: `${capitalise(error.message)}.` }));
      }
    })
    .post('/recalls/:id{[A-Za-z0-9-]+}/notes', requires('work'), async (c) => {
      const id = c.req.param('id');
      const get = await form(c);
      let noteError: ActivityView['noteError'];
      try {
        addNote(db, id, get('body'), actor(c), now());
      } catch (error) {
        if (!(error instanceof WorkflowError)) throw error;
        noteError = { message: `${capitalise(error.message)}.`, text: get('body') };
      }
      if (noteError) c.status(422);
      if (isHtmx(c)) return c.html(<Notes view={recallView(c, id, { activity: { noteError } }).activity} />);
      if (noteError) return page(c, recallView(c, id, { activity: { noteError } }));
      return back(c, id, '#notes');
    })
    .post('/recalls/:id{[A-Za-z0-9-]+}/evidence', requires('work'), async (c) => {
      const id = c.req.param('id');
      const body = await c.req.parseBody();
      const file = body.file;
      try {
        if (!(file instanceof File)) throw new WorkflowError('choose a file to attach');
        await addEvidence(db, deps.evidence, id, file, actor(c), now());
        return back(c, id, '#evidence');
      } catch (error) {
        if (!(error instanceof WorkflowError)) throw error;
        c.status(422);
        return page(c, recallView(c, id, { activity: { evidenceError: `${capitalise(error.message)}.` } }));
      }
    })
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

  /** After a change to one asset row: the row itself for htmx, the page otherwise. */
  function assetAnswer(c: Context<AppEnv>, id: string, tag: string, rowError?: AssetRowContext['error']) {
    if (rowError) c.status(422);
    if (!isHtmx(c)) {
      if (rowError) return page(c, recallView(c, id, { rowError }));
      return back(c, id, `#asset-${tag.replace(/[^\w-]/g, '_')}`);
    }
    const view = recallView(c, id, { rowError });
    const row = [...view.counted, ...view.candidates].find((a) => a.assetTag === tag);
    // Dismissed: the row leaves the table.
    if (!row) return c.html('');
    return c.html(<AssetRow a={row} ctx={view.rowContext} />);
  }
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
