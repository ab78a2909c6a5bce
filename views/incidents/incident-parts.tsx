import type { Child } from 'hono/jsx';
import { Csrf } from '../shared/layout';

export { outcomeLabels, stateLabels } from '../shared/incident-words';

/**
 * A time to the minute without a zone: for the times people type (when the event happened, a
 * timeline entry), which are the facility's own clock. Times Vigil stamps are shown by `stamped` (time.tsx).
 */
export const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')}` : '—');

/**
 * What a form answered with an error shows again: the message and what was typed, so nothing
 * typed is lost. `form` names which form on the page failed.
 */
export type FormError = { form: string; message: string; typed: Record<string, string> };

/** The value a field shows: what was typed into a failed form, else the stored value. */
export function typedOr(error: FormError | undefined, form: string) {
  return (name: string, stored: string | null | undefined = '') =>
    error?.form === form ? (error.typed[name] ?? '') : (stored ?? '');
}

export function ErrorFor({ error, form }: { error: FormError | undefined; form: string }) {
  if (error?.form !== form) return null;
  return (
    <p class="alert" role="alert">
      {error.message}
    </p>
  );
}

/** A POST form with its CSRF token, landing back on the section it belongs to. */
export function PostForm(props: {
  action: string;
  csrf: string;
  class?: string;
  children?: Child;
  upload?: boolean;
  /** The section (its id) htmx swaps with the answer, where the form works in place. */
  swap?: string;
}) {
  return (
    <form
      method="post"
      action={props.action}
      class={props.class ?? 'stack'}
      enctype={props.upload ? 'multipart/form-data' : undefined}
      hx-post={props.swap ? props.action : undefined}
      hx-target={props.swap ? `#${props.swap}` : undefined}
      hx-swap={props.swap ? 'outerHTML' : undefined}
    >
      <Csrf token={props.csrf} />
      {props.children}
    </form>
  );
}

/** A labelled input; `hint` is tied to it for screen readers. */
export function Field(props: {
  name: string;
  label: string;
  value?: string;
  type?: string;
  required?: boolean;
  hint?: string;
  id?: string;
  list?: string;
  placeholder?: string;
}) {
  const id = props.id ?? `f-${props.name}`;
  return (
    <p class="field">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        required={props.required}
        list={props.list}
        placeholder={props.placeholder}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
      />
      {props.hint && (
        <small id={`${id}-hint`} class="muted">
          {props.hint}
        </small>
      )}
    </p>
  );
}

export function TextArea(props: {
  name: string;
  label: string;
  value?: string;
  rows?: number;
  id?: string;
  required?: boolean;
  /** For a form swapped in by htmx, which moves the keyboard to it. */
  autofocus?: boolean;
}) {
  const id = props.id ?? `f-${props.name}`;
  return (
    <p class="field">
      <label for={id}>{props.label}</label>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 3}
        required={props.required}
        autofocus={props.autofocus}
      >
        {props.value ?? ''}
      </textarea>
    </p>
  );
}

export function Select(props: {
  name: string;
  label: string;
  value?: string;
  options: readonly (readonly [string, string])[];
  id?: string;
  required?: boolean;
}) {
  const id = props.id ?? `f-${props.name}`;
  return (
    <p class="field">
      <label for={id}>{props.label}</label>
      <select id={id} name={props.name} required={props.required}>
        {props.options.map(([value, label]) => (
          <option value={value} selected={value === (props.value ?? '')}>
            {label}
          </option>
        ))}
      </select>
    </p>
  );
}
