import { type Context, Hono } from 'hono';
import { raw } from 'hono/html';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { AssetPage } from '../../views/inventory/asset';
import { InventoryPage, InventoryResults } from '../../views/inventory/inventory';
import {
  ImportDonePage,
  ImportPreviewPage,
  ImportUploadPage,
  type MatchingOutcome,
} from '../../views/inventory/inventory-import';
import type { AssetIncident } from '../../views/shared/asset-incidents';
import type { SequesteredMark } from '../../views/shared/sequestered';
import type { Actor } from '../audit/log';
import { requires } from '../auth/middleware';
import { can } from '../auth/roles';
import type { Db } from '../db/client';
import { deviceReportsHref } from '../events/links';
import { reportsForModel } from '../events/model-reports';
import type { Logger } from '../log';
import type { MatchRunResult } from '../matching/run';
import { recallsOfAsset } from '../recalls/asset-recalls';
import { isGoneForGood } from '../recalls/out-of-service';
import type { AppEnv } from '../web/env';
import { textField, validForm } from '../web/forms';
import { isSwap } from '../web/htmx';
import type { PageCache } from '../web/page-cache';
import { findAsset } from './asset-queries';
import { canonicalColumns } from './columns';
import type { InventoryImportResult } from './import';
import { listingOf, pageSpan } from './listing';
import { filterChoices, searchAssets } from './page-queries';
import { loadSample, removeSample } from './sample';
import { choicesFromForm, type ImportChoices, importUpload, previewUpload } from './upload-import';
import { createUploadStore, maxUploadBytes, type UploadStore, uploadsDirFor } from './uploads';

export type InventoryDeps = {
  db: Db;
  cache: PageCache;
  now: () => Date;
  log: Logger;
  /** Where uploads wait for confirmation; the OS temp folder by default. */
  uploads?: UploadStore;
  /** What follows an import that wrote assets (matching them): the pipeline's. */
  afterInventoryChange: (result: InventoryImportResult) => Promise<MatchRunResult | null>;
  /** What incidents say of assets: which are sequestered now, and the incidents each is part of. */
  incidents: {
    held: () => ReadonlyMap<string, SequesteredMark>;
    ofAsset: (assetTag: string) => AssetIncident[];
  };
};

const maxMb = maxUploadBytes / 1024 / 1024;
const tooLarge = `The file is larger than ${maxMb} MB. Export only the columns Vigil uses, or split the file and import the parts one after the other.`;

const noFile = 'Choose a CSV file to import: the form arrived without one';
const uploadForm = z.object({
  file: z.instanceof(File, { message: noFile }).refine((file) => file.size > 0, noFile),
});
/**
 * The upload waiting to be checked again or confirmed, whether to import only its good rows, and
 * the choices made on the preview: `map_<n>` a column for the file's n-th header, `date_format`.
 */
const previewForm = z
  .object({ upload: textField(100), good_rows_only: textField(10) })
  .catchall(z.string({ message: 'each choice on the preview is one value' }).max(100));

const expiredUpload =
  'This upload is no longer waiting: uploads are kept for an hour, for the person who uploaded them. Upload the file again.';

/** A problem a choice on the preview can fix: no header is the asset tag, or the dates are in another order. */
const choosable = (outcome: InventoryImportResult) => outcome.needsAssetTag || outcome.needsDateOrder;

const actorOf = (c: Context<AppEnv>): Actor & { userId: number } => {
  const user = c.get('user')!;
  return { name: user.name, userId: user.id };
};

/** The inventory list, asset pages, and the CSV upload with its dry-run preview. */
export function createInventoryRoutes(deps: InventoryDeps) {
  const { db, now, log } = deps;
  const uploads = deps.uploads ?? createUploadStore({ dir: uploadsDirFor(db.$client.name), now });

  const uploadPage = (c: Context<AppEnv>, status: 200 | 413 | 422, error?: string) => {
    c.status(status);
    return c.render(<ImportUploadPage view={{ csrf: c.get('csrf'), maxMb, error }} />, {
      title: 'Import inventory',
    });
  };

  /** The preview page: 422 while the file cannot be imported as read. */
  const previewPage = (
    c: Context<AppEnv>,
    p: {
      uploadId: string;
      fileName: string;
      outcome: InventoryImportResult;
      choices: ImportChoices;
      goodRowsOnly?: boolean;
      error?: string;
    },
    status?: 200 | 422,
  ) => {
    c.status(status ?? (p.outcome.problem ? 422 : 200));
    const choices = { columns: [...canonicalColumns], dateOrder: p.choices.dateOrder ?? 'mdy' };
    return c.render(
      <ImportPreviewPage
        view={{
          csrf: c.get('csrf'),
          uploadId: p.uploadId,
          fileName: p.fileName,
          outcome: p.outcome,
          choices,
          goodRowsOnly: p.goodRowsOnly ?? false,
          error: p.error,
        }}
      />,
      { title: 'Check the import' },
    );
  };

  const matchAfter = async (result: InventoryImportResult): Promise<MatchingOutcome> => {
    if (result.added + result.updated === 0)
      return { ran: false, reason: 'No asset was added or changed, so there was nothing new to match.' };
    try {
      const run = await deps.afterInventoryChange(result);
      if (!run) return { ran: false, reason: 'Nothing was written, so there was nothing to match.' };
      return { ran: true, ...run.byConfidence, assets: run.assetsMatched };
    } catch (error) {
      log.error(`matching after an inventory import failed: ${(error as Error).stack ?? error}`);
      return {
        ran: false,
        reason:
          'The assets are imported, but matching them to recalls failed (the server log says why). It runs again after the next sync.',
      };
    }
  };

  return (
    new Hono<AppEnv>()
      .get('/inventory', requires('read'), async (c) => {
        const swap = isSwap(c);
        const role = c.get('user')!.role;
        c.header('Vary', 'HX-Request');
        // The same search shows the same assets until the data changes (see web/page-cache.ts).
        const body = await deps.cache.get(
          `inventory|${swap}|${role}|${new URL(c.req.url).search}`,
          c.get('csrf'),
          () => {
            const listing = listingOf(c.req.query());
            const found = searchAssets(db, listing, deps.incidents.held());
            const results = { listing, rows: found.rows, span: pageSpan(listing.page, found.total) };
            if (swap) return <InventoryResults {...results} />;
            const view = { ...results, choices: filterChoices(db), canImport: can(role, 'work') };
            return <InventoryPage view={view} />;
          },
        );
        if (swap) return c.html(body);
        return c.render(raw(body), { title: 'Inventory' });
      })
      .get('/inventory/import', requires('work'), (c) => uploadPage(c, 200))
      .post(
        '/inventory/import',
        requires('work'),
        // A browser says how much it sends: refuse a file too large before it is read (with room for
        // the multipart envelope). The CSRF check reads form bodies before any route's middleware,
        // so hono's bodyLimit cannot guard the stream here; the file's own size is checked below.
        async (c, next) => {
          if (Number(c.req.header('content-length') ?? 0) > maxUploadBytes + 64 * 1024)
            return uploadPage(c, 413, tooLarge);
          await next();
        },
        validForm(uploadForm, (c, problem) => uploadPage(c, 422, problem)),
        async (c) => {
          const { file } = c.req.valid('form');
          if (file.size > maxUploadBytes) return uploadPage(c, 413, tooLarge);
          const bytes = new Uint8Array(await file.arrayBuffer());
          const outcome = previewUpload({ db, now }, { bytes });
          if (outcome.problem && !choosable(outcome))
            return uploadPage(c, 422, `${file.name} cannot be imported: ${outcome.problem}.`);
          const fileName = file.name || 'inventory.csv';
          const uploadId = uploads.save(bytes, { userId: actorOf(c).userId, fileName });
          return previewPage(c, { uploadId, fileName, outcome, choices: { columns: new Map() } });
        },
      )
      // The preview again, with the columns and date order chosen on it.
      .post(
        '/inventory/import/check',
        requires('work'),
        validForm(previewForm, (c, problem) => uploadPage(c, 422, problem)),
        async (c) => {
          const form = c.req.valid('form');
          const upload = uploads.load(form.upload, actorOf(c).userId);
          if (!upload) return uploadPage(c, 422, expiredUpload);
          const choices = choicesFromForm(upload.bytes, form);
          const outcome = previewUpload({ db, now }, { bytes: upload.bytes, ...choices });
          if (outcome.problem && !choosable(outcome))
            return uploadPage(c, 422, `${upload.fileName} cannot be imported: ${outcome.problem}.`);
          return previewPage(c, { uploadId: upload.id, fileName: upload.fileName, outcome, choices });
        },
      )
      .post(
        '/inventory/import/confirm',
        requires('work'),
        validForm(previewForm, (c, problem) => uploadPage(c, 422, problem)),
        async (c) => {
          const form = c.req.valid('form');
          const goodRowsOnly = form.good_rows_only === 'true';
          const actor = actorOf(c);
          const upload = uploads.load(form.upload, actor.userId);
          if (!upload) return uploadPage(c, 422, expiredUpload);
          const choices = choicesFromForm(upload.bytes, form);
          const outcome = importUpload({ db, now }, { ...upload, ...choices, goodRowsOnly }, actor);
          const preview = { uploadId: upload.id, fileName: upload.fileName, outcome, choices, goodRowsOnly };
          if (outcome.problem && choosable(outcome)) return previewPage(c, preview);
          if (outcome.problem) {
            uploads.remove(upload.id);
            return uploadPage(c, 422, `${upload.fileName} cannot be imported: ${outcome.problem}.`);
          }
          if (!outcome.written) {
            const error =
              'Some rows have errors, so nothing was imported. Tick "Import only the rows without errors", or fix the file and upload it again.';
            return previewPage(c, { ...preview, error }, 422);
          }
          uploads.remove(upload.id);
          const matching = await matchAfter(outcome);
          return c.render(<ImportDonePage view={{ fileName: upload.fileName, outcome, matching }} />, {
            title: 'Inventory imported',
          });
        },
      )
      // The sample inventory of a new install (see sample.ts), offered on the empty inbox.
      .post('/inventory/sample', requires('work'), async (c) => {
        const outcome = loadSample({ db, now }, actorOf(c));
        await matchAfter(outcome);
        return c.redirect('/', 303);
      })
      .post('/inventory/sample/remove', requires('work'), (c) => {
        removeSample(db, actorOf(c), now());
        return c.redirect('/', 303);
      })
      .get('/inventory/:assetTag{.+}', requires('read'), (c) => {
        const assetTag = c.req.param('assetTag');
        const asset = findAsset(db, assetTag);
        if (!asset)
          throw new HTTPException(404, {
            message: `There is no asset ${assetTag} in the inventory. Search the inventory for it, or import it from your CMMS.`,
          });
        const view = {
          asset,
          recalls: recallsOfAsset(db, assetTag),
          incidents: deps.incidents.ofAsset(assetTag),
          maude: reportsForModel(db, asset.model),
          reportsHref: deviceReportsHref(asset),
          goneForGood: isGoneForGood(asset.status),
        };
        return c.render(<AssetPage view={view} />, { title: `Asset ${assetTag}` });
      })
  );
}
