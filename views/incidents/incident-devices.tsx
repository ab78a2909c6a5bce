import type { IncidentFile } from '../../src/incidents/queries';
import { stamped } from '../shared/time';
import { ErrorFor, Field, type FormError, PostForm, Select, TextArea, typedOr } from './incident-parts';

type Device = IncidentFile['devices'][number];

/** Each device detail the form asks for, with its label; the keys are record.ts's deviceDetailKeys. */
const detailFields: [string, string, string?][] = [
  ['brandName', 'Brand name'],
  ['commonName', 'Common device name'],
  ['productCode', 'Product code'],
  ['manufacturer', 'Manufacturer'],
  ['manufacturerAddress', 'Manufacturer address (city and state)'],
  ['model', 'Model'],
  ['catalogNumber', 'Catalog number'],
  ['serialNumber', 'Serial number'],
  ['lot', 'Lot'],
  ['expiry', 'Expiration date', 'date'],
  ['udi', 'UDI'],
  ['softwareVersion', 'Software version'],
  ['implantedOn', 'Implanted on', 'date'],
  ['explantedOn', 'Explanted on', 'date'],
  ['reprocessor', 'Reprocessor name and address (if reprocessed)'],
  ['returnedOn', 'Returned to the manufacturer on', 'date'],
  ['manufacturedOn', 'Manufactured on', 'date'],
  ['inServiceOn', 'In service since', 'date'],
];
const longFields: [string, string][] = [
  ['accessories', 'Accessories and disposables in use'],
  ['settings', 'Settings at the time'],
  ['errorCodes', 'Error codes and logs captured (before power-off)'],
];
const yesNo = [
  ['', 'Unknown'],
  ['yes', 'Yes'],
  ['no', 'No'],
] as const;
const operators = [
  ['', 'Unknown'],
  ['health_professional', 'Health professional'],
  ['lay_user_patient', 'Lay user / patient'],
  ['other', 'Other'],
] as const;

export const detailLabel = (key: string) =>
  [
    ...detailFields,
    ...longFields,
    ['operator', 'Operator'],
    ['singleUseReprocessed', 'Single-use device reprocessed'],
    ['availableForEvaluation', 'Available for evaluation'],
    ['operatorOther', 'Operator (other)'],
    ['udiDi', 'UDI-DI'],
  ].find((f) => f[0] === key)?.[1] ?? key;

function DeviceEditor({
  base,
  device,
  csrf,
  error,
}: {
  base: string;
  device: Device;
  csrf: string;
  error?: FormError;
}) {
  const form = `device:${device.assetTag}`;
  const v = typedOr(error, form);
  const d = device.details;
  const id = (k: string) => `d-${device.assetTag}-${k}`;
  return (
    <details class="edit" open={error?.form === form}>
      <summary>Edit the details of {device.assetTag} as they were at the time</summary>
      <PostForm action={`${base}/devices/${encodeURIComponent(device.assetTag)}`} csrf={csrf}>
        <ErrorFor error={error} form={form} />
        {detailFields.map(([k, label, type]) => (
          <Field id={id(k)} name={k} label={label} type={type} value={v(k, d[k])} />
        ))}
        <Select
          id={id('operator')}
          name="operator"
          label="Operator of the device"
          value={v('operator', d.operator)}
          options={operators}
        />
        <Field
          id={id('operatorOther')}
          name="operatorOther"
          label="Operator, if other"
          value={v('operatorOther', d.operatorOther)}
        />
        <Select
          id={id('singleUseReprocessed')}
          name="singleUseReprocessed"
          label="Single-use device that was reprocessed and reused?"
          value={v('singleUseReprocessed', d.singleUseReprocessed)}
          options={yesNo}
        />
        <Select
          id={id('availableForEvaluation')}
          name="availableForEvaluation"
          label="Available for evaluation?"
          value={v('availableForEvaluation', d.availableForEvaluation)}
          options={yesNo}
        />
        {longFields.map(([k, label]) => (
          <TextArea id={id(k)} name={k} label={label} value={v(k, d[k])} />
        ))}
        <input type="hidden" name="udiDi" value={d.udiDi ?? ''} />
        <button type="submit">Save device details</button>
      </PostForm>
    </details>
  );
}

export function IncidentDevices(props: {
  base: string;
  devices: Device[];
  csrf: string;
  canWork: boolean;
  error?: FormError;
  found: FoundAssets;
}) {
  const { base, csrf, error } = props;
  return (
    <section id="devices" aria-labelledby="devices-title">
      <h2 id="devices-title">Devices involved</h2>
      {props.devices.length === 0 && (
        <p class="muted">No device added yet. Find it in the inventory below.</p>
      )}
      {props.devices.map((device) => {
        const held = device.sequesteredAt && !device.releasedAt;
        return (
          <article class="device" aria-labelledby={`device-${device.assetTag}`}>
            <h3 id={`device-${device.assetTag}`}>
              <a href={`/inventory/${encodeURIComponent(device.assetTag)}`}>{device.assetTag}</a>{' '}
              {[device.details.manufacturer, device.details.model].filter(Boolean).join(' ')}{' '}
              {held && <span class="sequestered">Sequestered</span>}
            </h3>
            <dl class="record">
              {Object.entries(device.details).map(([k, value]) => (
                <>
                  <dt>{detailLabel(k)}</dt>
                  <dd class="pre">{value}</dd>
                </>
              ))}
              <dt>Custody</dt>
              <dd>
                {held
                  ? `Sequestered since ${stamped(device.sequesteredAt)} in ${device.sequesteredWhere ?? '?'}`
                  : device.releasedAt
                    ? `Released ${stamped(device.releasedAt)}`
                    : 'Not sequestered'}
              </dd>
            </dl>
            {props.canWork && (
              <>
                <DeviceEditor base={base} device={device} csrf={csrf} error={error} />
                {held ? (
                  <PostForm
                    action={`${base}/devices/${encodeURIComponent(device.assetTag)}/release`}
                    csrf={csrf}
                    class="inline-fields"
                  >
                    <ErrorFor error={error} form={`release:${device.assetTag}`} />
                    <Field
                      id={`release-why-${device.assetTag}`}
                      name="why"
                      label={`Why ${device.assetTag} is released`}
                      value={typedOr(error, `release:${device.assetTag}`)('why')}
                      required
                    />
                    <button type="submit">Release</button>
                  </PostForm>
                ) : (
                  <PostForm
                    action={`${base}/devices/${encodeURIComponent(device.assetTag)}/sequester`}
                    csrf={csrf}
                    class="inline-fields"
                  >
                    <ErrorFor error={error} form={`sequester:${device.assetTag}`} />
                    <Field
                      id={`seq-where-${device.assetTag}`}
                      name="where"
                      label="Kept where"
                      value={typedOr(error, `sequester:${device.assetTag}`)('where')}
                      required
                    />
                    <Field
                      id={`seq-why-${device.assetTag}`}
                      name="why"
                      label="Why"
                      value={typedOr(error, `sequester:${device.assetTag}`)(
                        'why',
                        'Evidence of the incident; keep as found',
                      )}
                      required
                    />
                    <button type="submit">Sequester {device.assetTag}</button>
                  </PostForm>
                )}
              </>
            )}
          </article>
        );
      })}
      {props.canWork && <DeviceFinder base={base} csrf={csrf} error={error} found={props.found} />}
    </section>
  );
}

/** An asset the device finder offers, as the inventory list shows it. */
export type FoundAsset = {
  assetTag: string;
  manufacturer: string | null;
  model: string | null;
  serialNumber: string | null;
  location: string | null;
};

/** What the finder found for what was typed; null before anything is typed. */
export type FoundAssets = { q: string; assets: FoundAsset[]; total: number } | null;

/**
 * The assets the typed words find, each with its own "Add" button: the fragment the finder
 * swaps in as one types, and part of the page when a search is sent without script.
 */
export function DeviceChoices({ base, csrf, found }: { base: string; csrf: string; found: FoundAssets }) {
  return (
    <div id="device-choices" aria-live="polite">
      {found &&
        (found.assets.length === 0 ? (
          <p class="muted">No asset in the inventory matches “{found.q}”.</p>
        ) : (
          <ul class="choices">
            {found.assets.map((a) => (
              <li>
                <PostForm action={`${base}/devices`} csrf={csrf} class="inline-fields">
                  <input type="hidden" name="assetTag" value={a.assetTag} />
                  <button type="submit">Add {a.assetTag}</button>{' '}
                  {[a.manufacturer, a.model].filter(Boolean).join(' ')}
                  {a.serialNumber && <span class="muted"> · S/N {a.serialNumber}</span>}
                  {a.location && <span class="muted"> · {a.location}</span>}
                </PostForm>
              </li>
            ))}
            {found.total > found.assets.length && (
              <li class="muted">
                {found.total - found.assets.length} more: type more of the tag, serial number or model.
              </li>
            )}
          </ul>
        ))}
    </div>
  );
}

/**
 * Finds a device to add the way the inventory page does, as one types: by the start of any word
 * of its asset tag, serial number, manufacturer, model or location, whatever the case.
 */
function DeviceFinder(props: { base: string; csrf: string; error?: FormError; found: FoundAssets }) {
  const { base, csrf, error } = props;
  return (
    <div class="device-finder">
      <ErrorFor error={error} form="add-device" />
      <search>
        <form
          method="get"
          action={`${base}#devices`}
          hx-get={`${base}/device-choices`}
          hx-trigger="input changed delay:250ms from:#find-device, submit"
          hx-target="#device-choices"
          hx-swap="outerHTML"
          class="inline-fields"
        >
          <span class="field">
            <label for="find-device">Add a device: asset tag, serial number or model</label>
            <input
              id="find-device"
              name="device"
              type="search"
              autocomplete="off"
              value={props.found?.q ?? (error?.form === 'add-device' ? (error.typed.assetTag ?? '') : '')}
            />
          </span>
          <button type="submit">Find</button>
        </form>
      </search>
      <DeviceChoices base={base} csrf={csrf} found={props.found} />
    </div>
  );
}
