import { fileSize } from '../shared/file-size';
import { Csrf } from '../shared/layout';
import { stamped } from '../shared/time';

export type NoteView = { author: string; body: string; at: string };
export type EvidenceView = { id: number; name: string; size: number; by: string; at: string; sha256: string };
export type TimelineEntry = { at: string; actor: string; text: string };

export type ActivityView = {
  productResNumber: string;
  csrf: string;
  canWork: boolean;
  hasCase: boolean;
  notes: NoteView[];
  evidence: EvidenceView[];
  timeline: TimelineEntry[];
  maxEvidenceMb: number;
  noteError?: { message: string; text: string };
  evidenceError?: string;
};

export function Notes({ view }: { view: ActivityView }) {
  const action = `/recalls/${encodeURIComponent(view.productResNumber)}/notes`;
  return (
    <section id="notes" aria-labelledby="notes-title">
      <h2 id="notes-title">Notes</h2>
      {view.notes.length === 0 && <p class="muted">No notes yet.</p>}
      {view.notes.map((n) => (
        <article class="note">
          <p class="muted">
            {n.author}, {stamped(n.at)}
          </p>
          <p class="pre">{n.body}</p>
        </article>
      ))}
      {view.canWork && view.hasCase && (
        <form
          method="post"
          action={action}
          hx-post={action}
          hx-target="#notes"
          hx-swap="outerHTML"
          class="stack"
        >
          <Csrf token={view.csrf} />
          {view.noteError && (
            <p class="alert" role="alert">
              {view.noteError.message}
            </p>
          )}
          <label for="note-body">Add a note</label>
          <textarea id="note-body" name="body" rows={3} required>
            {view.noteError?.text ?? ''}
          </textarea>
          <button type="submit">Add note</button>
        </form>
      )}
    </section>
  );
}

export function Evidence({ view }: { view: ActivityView }) {
  const base = `/recalls/${encodeURIComponent(view.productResNumber)}/evidence`;
  return (
    <section id="evidence" aria-labelledby="evidence-title">
      <h2 id="evidence-title">Evidence</h2>
      {view.evidence.length === 0 ? (
        <p class="muted">No files attached.</p>
      ) : (
        <ul>
          {view.evidence.map((e) => (
            <li>
              <a href={`${base}/${e.id}`}>{e.name}</a>{' '}
              <span class="muted">
                ({fileSize(e.size)}; {e.by}, {stamped(e.at)}; SHA-256 <code>{e.sha256.slice(0, 16)}…</code>)
              </span>
            </li>
          ))}
        </ul>
      )}
      {view.canWork && view.hasCase && (
        <form method="post" action={base} enctype="multipart/form-data" class="stack">
          <Csrf token={view.csrf} />
          {view.evidenceError && (
            <p class="alert" role="alert">
              {view.evidenceError}
            </p>
          )}
          <label for="evidence-file">Attach a file (at most {view.maxEvidenceMb} MB)</label>
          <input id="evidence-file" name="file" type="file" required />
          <button type="submit">Attach</button>
        </form>
      )}
    </section>
  );
}

/** The timeline; `oob` when it rides along an in-place change, so what was just done is listed. */
export function Timeline({ view, oob }: { view: ActivityView; oob?: boolean }) {
  return (
    <section id="timeline" aria-labelledby="timeline-title" hx-swap-oob={oob ? 'true' : undefined}>
      <h2 id="timeline-title">Timeline</h2>
      {view.timeline.length === 0 ? (
        <p class="muted">Nothing has happened yet.</p>
      ) : (
        <ol class="timeline">
          {view.timeline.map((t) => (
            <li>
              {/* A source gives a day, not a time. */}
              <time datetime={t.at}>{t.at.length === 10 ? t.at : stamped(t.at)}</time>{' '}
              <strong>{t.actor}</strong>: {t.text}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
