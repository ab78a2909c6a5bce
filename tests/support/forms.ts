import { type HTMLElement, parse } from 'node-html-parser';

/**
 * The forms of a page read the way a browser reads them, so a test can send exactly what a person
 * would: every field the form has, empty where the person left it empty, not just the fields the
 * code expects.
 */

export type FormControl = {
  name: string;
  /** input type, or select / textarea. */
  type: string;
  /** What the browser would send untouched; null where it sends nothing (an unchecked box, a file). */
  value: string | null;
  required: boolean;
  /** The values of a select's options. */
  options: string[];
};

export type PageForm = { action: string; method: string; enctype: string; controls: FormControl[] };

function controlOf(el: HTMLElement): FormControl | null {
  const name = el.getAttribute('name');
  if (!name || el.hasAttribute('disabled')) return null;
  const tag = el.tagName.toLowerCase();
  const required = el.hasAttribute('required');
  if (tag === 'select') {
    const options = el.querySelectorAll('option').map((o) => o.getAttribute('value') ?? o.text);
    const selected = el.querySelector('option[selected]');
    const value = selected ? (selected.getAttribute('value') ?? selected.text) : (options[0] ?? '');
    return { name, type: 'select', value, required, options };
  }
  if (tag === 'textarea') return { name, type: 'textarea', value: el.text, required, options: [] };
  const type = (el.getAttribute('type') ?? 'text').toLowerCase();
  if (['submit', 'button', 'reset', 'image'].includes(type)) return null;
  const value = el.getAttribute('value') ?? (type === 'checkbox' || type === 'radio' ? 'on' : '');
  const checked = el.hasAttribute('checked');
  if ((type === 'checkbox' || type === 'radio') && !checked)
    return { name, type, value: null, required, options: [value] };
  if (type === 'file') return { name, type, value: null, required, options: [] };
  return { name, type, value, required, options: [] };
}

/** Every POST form on a page, with its controls in document order. */
export function formsOf(html: string): PageForm[] {
  return parse(html)
    .querySelectorAll('form')
    .map((form) => ({
      action: form.getAttribute('action') ?? '',
      method: (form.getAttribute('method') ?? 'get').toLowerCase(),
      enctype: form.getAttribute('enctype') ?? 'application/x-www-form-urlencoded',
      controls: form
        .querySelectorAll('input, select, textarea')
        .map(controlOf)
        .filter((c): c is FormControl => c !== null),
    }));
}

/** A value a person would give a required field of this kind, where the test does not say. */
function plausible(control: FormControl, today: string): string {
  switch (control.type) {
    case 'date':
      return today;
    case 'datetime-local':
      return `${today}T09:30`;
    case 'number':
      return '1';
    case 'email':
      return 'someone@example.org';
    case 'select':
      return control.options.find((o) => o !== '') ?? '';
    case 'checkbox':
    case 'radio':
      return control.options[0] ?? 'on';
    default:
      return 'Filled in as a person would';
  }
}

/** What a test types into a form: a value per field, or several for boxes ticked under one name. */
export type Typed = Record<string, string | string[]>;

/**
 * The fields a browser sends for a form, in order: each control's own value (empty fields as ""),
 * required fields a person left empty filled with something plausible, then what the test types
 * in place of the controls of the same name.
 */
export function browserFields(
  form: PageForm,
  typed: Typed = {},
  today = new Date().toISOString().slice(0, 10),
): [string, string][] {
  const fields: [string, string][] = [];
  for (const control of form.controls) {
    if (control.name in typed) continue;
    if (control.value !== null && control.value !== '') fields.push([control.name, control.value]);
    else if (control.required) fields.push([control.name, plausible(control, today)]);
    else if (control.value !== null) fields.push([control.name, '']);
  }
  for (const [name, value] of Object.entries(typed))
    for (const v of Array.isArray(value) ? value : [value]) fields.push([name, v]);
  return fields;
}
