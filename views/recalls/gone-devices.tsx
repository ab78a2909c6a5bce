/** A recall matched to a device that has left the hospital (retired, disposed of). */
export type GoneDeviceMatch = {
  assetTag: string;
  status: string | null;
  manufacturer: string | null;
  model: string | null;
  productResNumber: string;
  classification: string | null;
  firm: string | null;
  posted: string | null;
  recallStatus: string | null;
  confidence: string;
};

/** The one list where recalls of retired and disposed devices are reviewed. */
export function GoneDevicesPage({
  matches,
  words,
}: {
  matches: GoneDeviceMatch[];
  words: readonly string[];
}) {
  return (
    <>
      <h1>Recalls of retired devices</h1>
      <p>
        Devices whose inventory status says they have left the hospital ({words.join(', ')}) open no case.
        Their matches are listed here to review, for instance when a device was sold on or returned to a
        lessor.
      </p>
      {matches.length === 0 ? (
        <p>No recall matches a retired or disposed device.</p>
      ) : (
        <table>
          <caption>
            {matches.length} {matches.length === 1 ? 'match' : 'matches'}
          </caption>
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">Status</th>
              <th scope="col">Recall</th>
              <th scope="col">Class</th>
              <th scope="col">At the FDA</th>
              <th scope="col">Confidence</th>
            </tr>
          </thead>
          <tbody>
            {matches.map((m) => (
              <tr>
                <th scope="row">
                  <a href={`/inventory/${encodeURIComponent(m.assetTag)}`}>{m.assetTag}</a>
                  <div class="muted">{[m.manufacturer, m.model].filter(Boolean).join(' ')}</div>
                </th>
                <td>{m.status}</td>
                <td>
                  <a href={`/recalls/${encodeURIComponent(m.productResNumber)}`}>{m.productResNumber}</a>
                  <div class="muted">
                    {m.firm}
                    {m.posted && `, posted ${m.posted}`}
                  </div>
                </td>
                <td>{m.classification ?? <span class="muted">not classified yet</span>}</td>
                <td>{m.recallStatus ?? <span class="muted">not given</span>}</td>
                <td>{m.confidence}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
