import { patientIdentifier, withheldText } from './patient-identifiers';
import type { IncidentFile } from './queries';

/**
 * The investigation as it may leave the record page: printed for the FDA or the manufacturer, or
 * read by a viewer. Every free-text field goes through the one rule in patient-identifiers.ts, with
 * the words of a stored identifier that is a name (records from before it was coded); structured
 * facts (dates, codes, asset tags, states) are kept as they are.
 */
export function withheldFile(file: IncidentFile): IncidentFile {
  const stored = file.incident.patientIdentifier;
  const w = (value: string | null) => withheldText(value, stored);
  // A required column stays text: a value that was all identifier becomes the marker, not null.
  const kept = (value: string) => w(value) ?? value;
  const i = file.incident;
  return {
    ...file,
    incident: {
      ...i,
      title: kept(i.title),
      location: w(i.location),
      description: w(i.description),
      relevantTests: w(i.relevantTests),
      concomitantProducts: w(i.concomitantProducts),
      patientIdentifier: patientIdentifier(stored).identifier,
      patientHistory: w(i.patientHistory),
      method: w(i.method),
      archivedWhy: w(i.archivedWhy),
    },
    devices: file.devices.map((d) => ({
      ...d,
      details: Object.fromEntries(Object.entries(d.details).map(([k, v]) => [k, kept(v)])),
      sequesteredWhere: w(d.sequesteredWhere),
    })),
    custody: file.custody.map((c) => ({
      ...c,
      item: kept(c.item),
      action: kept(c.action),
      why: kept(c.why),
    })),
    analysis: file.analysis.map((a) => ({ ...a, text: kept(a.text) })),
    actions: file.actions.map((a) => ({ ...a, text: kept(a.text), measure: kept(a.measure) })),
    files: file.files.map((f) => ({
      ...f,
      description: kept(f.description),
      originalName: kept(f.originalName),
    })),
    links: file.links.map((l) => ({ ...l, note: w(l.note) })),
    reports: file.reports.map((r) => ({ ...r, note: w(r.note) })),
  };
}
