import { yesNo } from '../../src/incidents/medwatch/format';
import type { IncidentFile } from '../../src/incidents/queries';
import type { RequiredReport } from '../../src/incidents/reportability';
import { words } from '../shared/asset-incidents';
import { Fact } from '../shared/facts';
import { stamped } from '../shared/time';
import { FactorList, Fishbone } from './fishbone';
import { when } from './incident-parts';
import { SentTable } from './incident-tables';

/** The root-cause analysis and the actions, as the report prints them. */
export function AnalysisPart({ file }: { file: IncidentFile }) {
  const of = (kind: string) => file.analysis.filter((a) => a.kind === kind);
  const whys = of('why').sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const factors = of('factor');
  return (
    <section aria-labelledby="analysis">
      <h2 id="analysis">Root-cause analysis</h2>
      <dl class="record">
        <Fact term="Method">{file.incident.method}</Fact>
      </dl>
      <h3>Timeline</h3>
      {of('timeline').length === 0 ? (
        <p>No timeline entries.</p>
      ) : (
        <ol class="timeline">
          {of('timeline').map((t) => (
            <li>
              <strong>{t.at && when(t.at)}</strong> {t.text}
            </li>
          ))}
        </ol>
      )}
      <h3>Interviews</h3>
      {of('interview').length === 0 ? (
        <p>No interviews recorded.</p>
      ) : (
        <ul>
          {of('interview').map((t) => (
            <li class="pre">
              <strong>{t.at && when(t.at)}</strong> {t.text}{' '}
              <span class="muted">(recorded by {t.recordedBy})</span>
            </li>
          ))}
        </ul>
      )}
      <h3>Five whys</h3>
      {whys.length === 0 ? (
        <p>None asked.</p>
      ) : (
        <ol>
          {whys.map((w) => (
            <li>{w.text}</li>
          ))}
        </ol>
      )}
      <h3>Contributing factors</h3>
      {factors.length === 0 ? (
        <p>None recorded.</p>
      ) : (
        <div class="fishbone-wrap">
          <figure>
            <Fishbone problem={file.incident.title} factors={factors} />
            <figcaption>Fishbone (Ishikawa) diagram; the same factors are listed beside it.</figcaption>
          </figure>
          <FactorList factors={factors} />
        </div>
      )}
      <h3>Causal statements</h3>
      {of('causal_statement').length === 0 ? (
        <p>None written.</p>
      ) : (
        <ol>
          {of('causal_statement').map((s) => (
            <li>{s.text}</li>
          ))}
        </ol>
      )}
      <h3>Actions</h3>
      {file.actions.length === 0 ? (
        <p>No actions planned.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Strength</th>
              <th scope="col">Owner</th>
              <th scope="col">Due</th>
              <th scope="col">Status</th>
              <th scope="col">Measure of effectiveness</th>
            </tr>
          </thead>
          <tbody>
            {file.actions.map((a) => (
              <tr>
                <td>{a.text}</td>
                <td>{words(a.strength)}</td>
                <td>{a.owner}</td>
                <td>{a.dueOn}</td>
                <td>{words(a.status)}</td>
                <td>{a.measure}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The reportability decision with every sentence of its reasoning (803.18), and what was sent. */
export function ReportabilityPart({
  file,
  outstanding,
}: {
  file: IncidentFile;
  outstanding: RequiredReport[];
}) {
  const { decision, incident: i } = file;
  return (
    <section aria-labelledby="reportability">
      <h2 id="reportability">Reportability (21 CFR 803)</h2>
      {!decision ? (
        <p>Reportability has not been decided yet.</p>
      ) : (
        <>
          <dl class="record">
            <Fact term="Reportable">{yesNo(decision.reportable)}</Fact>
            <Fact term="Device may have caused or contributed">
              {yesNo(i.deviceMayHaveContributed ?? undefined)}
            </Fact>
            <Fact term="Manufacturer known">{yesNo(i.manufacturerKnown ?? undefined)}</Fact>
            <Fact term="In the annual report (Form 3419)">{yesNo(decision.inAnnualReport)}</Fact>
            <Fact term="Decided">
              {i.decidedAt && stamped(i.decidedAt)}
              {i.decidedBy && ` by ${i.decidedBy}`}
            </Fact>
          </dl>
          <h3>Reasoning</h3>
          <ol class="reasoning">
            {decision.reasoning.map((sentence) => (
              <li>{sentence}</li>
            ))}
          </ol>
          <h3>Reports required</h3>
          {decision.reports.length === 0 ? (
            <p>None.</p>
          ) : (
            <ul>
              {decision.reports.map((r) => (
                <li>
                  {r.form} to the {r.to}, due {r.dueOn} ({r.rule})
                </li>
              ))}
            </ul>
          )}
          {decision.otherDeadlines.length > 0 && (
            <ul>
              {decision.otherDeadlines.map((d) => (
                <li>
                  {d.what}: due {d.dueOn}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <h3>Reports sent</h3>
      <SentTable reports={file.reports} />
      {outstanding.length > 0 && (
        <p class="alert">
          Not recorded as sent:{' '}
          {outstanding.map((r) => `the report to the ${r.to} (due ${r.dueOn})`).join('; ')}.
        </p>
      )}
    </section>
  );
}
