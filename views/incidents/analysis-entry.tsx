import type { Child } from 'hono/jsx';
import type { IncidentFile } from '../../src/incidents/queries';
import { Csrf } from '../shared/layout';
import { fishboneLabels } from './fishbone';
import { ErrorFor, Field, type FormError, Select, TextArea, typedOr } from './incident-parts';

type Entry = IncidentFile['analysis'][number];
type Action = IncidentFile['actions'][number];

/** Where a form or link of the analysis lands: the whole section is swapped, so the fishbone stays in step. */
type Place = { base: string; csrf: string; section: 'analysis' | 'actions' };

const swapInto = (place: Place) => ({ 'hx-target': `#${place.section}`, 'hx-swap': 'outerHTML' });

/**
 * Edit and Delete beside an entry. Without script, Edit opens the page with this entry's form in
 * place and Delete posts a plain form; with htmx both swap only the section.
 */
export function EntryControls(props: Place & { kind: 'entry' | 'action'; id: number; name: string }) {
  const { base, kind, id } = props;
  const path = kind === 'entry' ? `${base}/analysis/${id}` : `${base}/actions/${id}`;
  const anchor = `${kind}-${id}`;
  return (
    <span class="entry-controls no-print">
      <a
        href={`${base}?edit=${kind}:${id}#${anchor}`}
        hx-get={`${base}/${props.section}?edit=${kind}:${id}`}
        {...swapInto(props)}
        aria-label={`Edit ${props.name}`}
      >
        Edit
      </a>{' '}
      <form
        method="post"
        action={`${path}/delete`}
        class="inline"
        hx-post={`${path}/delete`}
        {...swapInto(props)}
      >
        <Csrf token={props.csrf} />
        <button type="submit" class="secondary" aria-label={`Delete ${props.name}`}>
          Delete
        </button>
      </form>
    </span>
  );
}

/** Back to the section as it was, without saving. */
function Cancel(props: Place & { anchor: string }) {
  return (
    <a href={`${props.base}#${props.anchor}`} hx-get={`${props.base}/${props.section}`} {...swapInto(props)}>
      Cancel
    </a>
  );
}

/** The words an entry is named by in its buttons: its first few words. */
export const nameOf = (text: string) => {
  const words = text.trim().split(/\s+/);
  return `"${words.slice(0, 6).join(' ')}${words.length > 6 ? '…' : ''}"`;
};

/**
 * One line of the analysis: as written, or, while it is being corrected, its form with what was
 * typed and the reason a save was refused.
 */
export function AnalysisEntry(props: {
  place: Place;
  entry: Entry;
  canWork: boolean;
  editing: boolean;
  error?: FormError;
  children?: Child;
}) {
  const { place, entry: e } = props;
  const id = `entry-${e.id}`;
  if (props.canWork && props.editing) {
    const v = typedOr(props.error, `entry:${e.id}`);
    const action = `${place.base}/analysis/${e.id}`;
    return (
      <li id={id}>
        <form method="post" action={action} class="stack" hx-post={action} {...swapInto(place)}>
          <Csrf token={place.csrf} />
          <ErrorFor error={props.error} form={`entry:${e.id}`} />
          {(e.kind === 'timeline' || e.kind === 'interview') && (
            <Field
              name="at"
              id={`${id}-at`}
              label="When"
              type="datetime-local"
              value={v('at', e.at)}
              required
            />
          )}
          {e.kind === 'factor' && (
            <Select
              name="category"
              id={`${id}-category`}
              label="Category"
              value={v('category', e.category)}
              options={Object.entries(fishboneLabels)}
            />
          )}
          <TextArea name="text" id={`${id}-text`} label="Text" value={v('text', e.text)} required autofocus />
          <p>
            <button type="submit">Save</button> <Cancel {...place} anchor={id} />
          </p>
        </form>
      </li>
    );
  }
  return (
    <li id={id}>
      {props.children ?? <span class="pre">{e.text}</span>}
      {props.canWork && <EntryControls {...place} kind="entry" id={e.id} name={nameOf(e.text)} />}
    </li>
  );
}

const strengthWords = { stronger: 'Stronger', intermediate: 'Intermediate', weaker: 'Weaker' } as const;

/** An action being corrected: one row across the table holding its form. */
export function ActionForm(props: { place: Place; action: Action; error?: FormError }) {
  const { place, action: a } = props;
  const id = `action-${a.id}`;
  const v = typedOr(props.error, `action:${a.id}`);
  const path = `${place.base}/actions/${a.id}/edit`;
  return (
    <tr id={id}>
      <td colspan={6}>
        <form method="post" action={path} class="stack" hx-post={path} {...swapInto(place)}>
          <Csrf token={place.csrf} />
          <ErrorFor error={props.error} form={`action:${a.id}`} />
          <TextArea
            name="text"
            id={`${id}-text`}
            label="Action"
            value={v('text', a.text)}
            required
            autofocus
          />
          <Select
            name="strength"
            id={`${id}-strength`}
            label="Strength on the action hierarchy"
            value={v('strength', a.strength)}
            options={Object.entries(strengthWords)}
            required
          />
          <Field name="owner" id={`${id}-owner`} label="Owner" value={v('owner', a.owner)} required />
          <Field name="dueOn" id={`${id}-due`} label="Due" type="date" value={v('dueOn', a.dueOn)} required />
          <TextArea
            name="measure"
            id={`${id}-measure`}
            label="How its effect will be measured"
            value={v('measure', a.measure)}
            required
          />
          <p>
            <button type="submit">Save</button> <Cancel {...place} anchor={id} />
          </p>
        </form>
      </td>
    </tr>
  );
}
