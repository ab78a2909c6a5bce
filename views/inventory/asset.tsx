import type { ModelReport } from '../events/model-reports';
import type { AssetRecall } from '../recalls/asset-recalls';
import { type AssetIncident, AssetIncidents, SequesteredNotice } from '../shared/asset-incidents';
import { stampedDay } from '../shared/time';

export type { AssetRecall, ModelReport };

/** One recall as it concerns one asset. */
/** The stored asset, every column. */
export type AssetRecord = {
  assetTag: string;
  manufacturer: string | null;
  model: string | null;
  catalogNumber: string | null;
  serialNumber: string | null;
  udi: string | null;
  udiIssuer: string | null;
  udiDi: string | null;
  udiLot: string | null;
  udiSerial: string | null;
  udiExpiry: string | null;
  udiManufactured: string | null;
  productCode: string | null;
  deviceName: string | null;
  department: string | null;
  location: string | null;
  status: string | null;
  softwareVersion: string | null;
  acquiredOn: string | null;
  extra: Record<string, string> | null;
  createdAt: string;
  updatedAt: string;
};

export type AssetView = {
  asset: AssetRecord;
  recalls: AssetRecall[];
  incidents: AssetIncident[];
  maude: { total: number; reports: ModelReport[] };
  /** The MAUDE search for this model, prefilled; null when the asset gives nothing to search by. */
  reportsHref: string | null;
  /** The status says the device is retired or disposed of: its recalls open no case. */
  goneForGood: boolean;
};

const words = (value: string | null) => (value ? value.replace(/_/g, ' ') : null);
const day = stampedDay;

function Fields({ rows }: { rows: [string, string | null][] }) {
  return (
    <dl class="fields">
      {rows.map(([label, value]) => (
        <>
          <dt>{label}</dt>
          <dd>{value ?? <span class="muted">—</span>}</dd>
        </>
      ))}
    </dl>
  );
}

function decisionOf(r: AssetRecall) {
  if (r.decision === 'confirmed') return `confirmed by ${r.decidedBy}`;
  if (r.decision === 'dismissed') return `dismissed by ${r.decidedBy}`;
  return 'suggested, not yet decided';
}

function Recalls({ recalls }: { recalls: AssetRecall[] }) {
  if (recalls.length === 0) return <p>No recall matches this asset.</p>;
  return (
    <table>
      <caption class="visually-hidden">Recalls matched to this asset</caption>
      <thead>
        <tr>
          <th scope="col">Recall</th>
          <th scope="col">Class</th>
          <th scope="col">Firm</th>
          <th scope="col">Confidence and reasons</th>
          <th scope="col">Decision</th>
          <th scope="col">Lot or serial</th>
          <th scope="col">Case</th>
          <th scope="col">Disposition of this asset</th>
        </tr>
      </thead>
      <tbody>
        {recalls.map((r) => (
          <tr>
            <th scope="row">
              <a href={`/recalls/${encodeURIComponent(r.productResNumber)}`}>{r.productResNumber}</a>
              {r.posted && <div class="muted">posted {r.posted}</div>}
            </th>
            <td>{r.classification ?? <span class="muted">not classified yet</span>}</td>
            <td>{r.firm}</td>
            <td>
              {r.confidence ? `${r.confidence} (${Math.round((r.score ?? 0) * 100) / 100})` : '—'}
              {r.reasons.length > 0 && (
                <ul class="reasons">
                  {r.reasons.map((reason) => (
                    <li>{reason}</li>
                  ))}
                </ul>
              )}
            </td>
            <td>{decisionOf(r)}</td>
            <td>{words(r.lotStatus) ?? <span class="muted">not listed</span>}</td>
            <td>
              {words(r.caseState) ?? <span class="muted">no case</span>}
              {r.beforeVigil && <div class="badge">before Vigil</div>}
            </td>
            <td>
              {words(r.disposition) ?? <span class="muted">none yet</span>}
              {r.dispositionNote && <div class="muted">{r.dispositionNote}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Reports({ model, maude }: { model: string | null; maude: AssetView['maude'] }) {
  if (!model) return <p>This asset has no model, so its MAUDE reports cannot be looked up.</p>;
  if (maude.total === 0) return <p>No stored MAUDE report names the model {model}.</p>;
  const shown = maude.reports.length;
  return (
    <>
      <p>
        {maude.total.toLocaleString('en-US')} {maude.total === 1 ? 'report names' : 'reports name'} the model{' '}
        {model} as its model number or brand
        {maude.total > shown ? `; the newest ${shown} are listed` : ''}. A report may concern another maker's
        device of the same name: check the manufacturer.
      </p>
      <table>
        <caption class="visually-hidden">MAUDE reports for this model</caption>
        <thead>
          <tr>
            <th scope="col">Received</th>
            <th scope="col">Report</th>
            <th scope="col">Event type</th>
            <th scope="col">Manufacturer and brand</th>
            <th scope="col">What happened</th>
          </tr>
        </thead>
        <tbody>
          {maude.reports.map((m) => (
            <tr>
              <td>{m.dateReceived}</td>
              <th scope="row">{m.reportNumber ?? m.reportKey}</th>
              <td>{m.eventType}</td>
              <td>
                {m.manufacturer}
                {m.brands && <div class="muted">{m.brands}</div>}
              </td>
              <td>{m.excerpt || <span class="muted">no narrative</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/**
 * An asset: whether it is held for an investigation, what the CMMS says about it, the recalls and
 * incidents it is part of, and MAUDE on its model.
 */
export function AssetPage({ view }: { view: AssetView }) {
  const a = view.asset;
  const extra = Object.entries(a.extra ?? {});
  return (
    <>
      <p>
        <a href="/inventory">← Inventory</a>
      </p>
      <h1>
        Asset {a.assetTag}
        {a.model && <span class="muted"> · {a.model}</span>}
      </h1>
      <SequesteredNotice incidents={view.incidents} />
      <h2>Device</h2>
      <Fields
        rows={[
          ['Asset tag', a.assetTag],
          ['Manufacturer', a.manufacturer],
          ['Model', a.model],
          ['Catalog number', a.catalogNumber],
          ['Serial number', a.serialNumber],
          ['Device name', a.deviceName],
          ['FDA product code', a.productCode],
          ['Department', a.department],
          ['Location', a.location],
          ['Status', a.status],
          ['Software version', a.softwareVersion],
          ['Acquired on', a.acquiredOn],
        ]}
      />
      <h2>UDI</h2>
      {a.udi ? (
        <Fields
          rows={[
            ['UDI as given', a.udi],
            ['Issuing agency', a.udiIssuer],
            ['Device identifier (DI)', a.udiDi],
            ['Lot', a.udiLot],
            ['Serial', a.udiSerial],
            ['Expiry', a.udiExpiry],
            ['Manufactured', a.udiManufactured],
          ]}
        />
      ) : (
        <p>No UDI recorded.</p>
      )}
      <h2>Other columns of the export</h2>
      {extra.length > 0 ? <Fields rows={extra} /> : <p>None.</p>}
      <p class="muted">
        First imported {day(a.createdAt)}; last changed by an import {day(a.updatedAt)}.
      </p>
      <h2>Recalls</h2>
      {view.goneForGood && (
        <p id="gone-for-good" class="notice">
          This device’s status ({a.status}) says it has left the hospital: its recalls open no case. They are
          listed here and, with those of every such device, in{' '}
          <a href="/recalls/gone">recalls of retired devices</a>.
        </p>
      )}
      <Recalls recalls={view.recalls} />
      <h2>Incidents</h2>
      <AssetIncidents incidents={view.incidents} />
      <h2>MAUDE reports for this model</h2>
      <Reports model={a.model} maude={view.maude} />
      {view.reportsHref && (
        <p>
          <a href={view.reportsHref}>Reports for this model</a>{' '}
          <span class="muted">in the MAUDE search, with dates, event types and the narratives</span>
        </p>
      )}
    </>
  );
}
