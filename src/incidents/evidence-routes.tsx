import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { DeviceChoices } from '../../views/incidents/incident-devices';
import { requires } from '../auth/middleware';
import { readKeptFile } from '../files/store';
import type { AppEnv } from '../web/env';
import { textField, textFields } from '../web/forms';
import { addDevice, deviceDetailKeys, devicesToAdd, release, sequester, updateDevice } from './devices';
import { addIncidentFile, linkEvidence, logCustody, unlinkEvidence } from './evidence';
import { type IncidentDeps, investigationSteps } from './investigation-steps';
import { incidentFileRow } from './queries';

const fileForm = z.object({
  file: z.instanceof(File, { message: 'choose a file to keep' }),
  description: textField(),
});

/** An incident's devices (added, described, sequestered, released) and its evidence: custody, files, links. */
export function createIncidentEvidenceRoutes(deps: IncidentDeps) {
  const { db, now } = deps;
  const { actor, idOf, step } = investigationSteps(deps);

  const id = '/incidents/:id{[0-9]+}';
  return (
    new Hono<AppEnv>()
      // The device finder's choices, swapped in as a person types.
      .get(`${id}/device-choices`, requires('work'), (c) => {
        const q = c.req.query('device') ?? '';
        const found = q.trim() ? devicesToAdd(db, q) : null;
        return c.html(<DeviceChoices base={`/incidents/${idOf(c)}`} csrf={c.get('csrf')} found={found} />);
      })
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
  );
}
