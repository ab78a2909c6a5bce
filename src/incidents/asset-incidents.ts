import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { AssetIncident } from '../../views/shared/asset-incidents';
import type { SequesteredMark } from '../../views/shared/sequestered';
import { type Db, prepareOnce } from '../db/client';
import { incidentDevices, incidents } from '../db/schema';

/**
 * Every asset sequestered now, keyed by asset tag, with the incident it is held for. The set is
 * small (devices held for open investigations), so a page that lists assets reads it once and looks
 * its rows up, rather than asking per row. Should two investigations hold the same device, the
 * earliest is shown: it is the one that took the device out of use.
 */
export function sequestrationsOf(db: Db): Map<string, SequesteredMark> {
  const rows = prepareOnce(db, 'incidents.sequestrations', (db) =>
    db
      .select({
        assetTag: incidentDevices.assetTag,
        incidentId: incidents.id,
        incidentNumber: incidents.number,
        where: incidentDevices.sequesteredWhere,
        since: incidentDevices.sequesteredAt,
      })
      .from(incidentDevices)
      .innerJoin(incidents, eq(incidents.id, incidentDevices.incidentId))
      .where(and(isNotNull(incidentDevices.sequesteredAt), isNull(incidentDevices.releasedAt)))
      // Later rows overwrite earlier ones in the Map: newest first leaves the earliest.
      .orderBy(desc(incidentDevices.sequesteredAt))
      .prepare(),
  ).all();
  return new Map(rows.map(({ assetTag, since, ...mark }) => [assetTag, { ...mark, since: since! }]));
}

/**
 * Every incident the asset is part of, archived ones included (the asset's history should not
 * lose them), newest first, with what became of the device in each.
 */
export function incidentsOfAsset(db: Db, assetTag: string): AssetIncident[] {
  return db
    .select({
      id: incidents.id,
      number: incidents.number,
      title: incidents.title,
      outcome: incidents.outcome,
      state: incidents.state,
      awareOn: incidents.awareOn,
      archivedAt: incidents.archivedAt,
      sequesteredAt: incidentDevices.sequesteredAt,
      sequesteredWhere: incidentDevices.sequesteredWhere,
      releasedAt: incidentDevices.releasedAt,
    })
    .from(incidentDevices)
    .innerJoin(incidents, eq(incidents.id, incidentDevices.incidentId))
    .where(eq(incidentDevices.assetTag, assetTag))
    .orderBy(desc(incidents.awareOn), desc(incidents.id))
    .all();
}
