import type { IncidentFile } from '../src/incidents/queries';
import { ErrorFor, Field, type FormError, PostForm, Select, TextArea, typedOr } from './incident-parts';
import { stamped } from './time';

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
}) {
  const { base, csrf, error } = props;
  const v = typedOr(error, 'add-device');
  return (
    <section id="devices" aria-labelledby="devices-title">
      <h2 id="devices-title">Devices involved</h2>
      {props.devices.length === 0 && (
        <p class="muted">No device added yet. Add it from the inventory by its asset tag.</p>
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
      {props.canWork && (
        <PostForm action={`${base}/devices`} csrf={csrf} class="inline-fields">
          <ErrorFor error={error} form="add-device" />
          <Field
            name="assetTag"
            id="add-asset-tag"
            label="Add a device by asset tag"
            value={v('assetTag')}
            required
          />
          <button type="submit">Add device</button>
        </PostForm>
      )}
    </section>
  );
}
