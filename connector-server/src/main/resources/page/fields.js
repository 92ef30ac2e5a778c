// The form's controls, each registered under the API field it edits (e.g. "destination.region"), so that the
// API's problems land beside the right control, and edits can be read, compared and written back.

import { h, text } from './dom.js';

function idFor(key) {
  return `f-${key.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

/** The registry of a form's controls. */
export class Fields {
  constructor() {
    this.controls = new Map();
  }

  /** control: {container, focus(), get(), set(value), problem, note, label, secret?} */
  add(key, control) {
    this.controls.set(key, control);
    return control.container;
  }

  has(key) {
    return this.controls.has(key);
  }

  visible(key) {
    const control = this.controls.get(key);
    return Boolean(control) && control.container.isConnected && control.container.closest('[hidden]') === null;
  }

  /** The element that holds the control, its help and its messages. */
  container(key) {
    return this.controls.get(key)?.container ?? null;
  }

  label(key) {
    return this.controls.get(key)?.label ?? key;
  }

  isSecret(key) {
    return Boolean(this.controls.get(key)?.secret);
  }

  /** {key: value} of the visible controls that hold a value (groups hold none). */
  values() {
    const values = {};
    for (const [key, control] of this.controls) {
      if (!control.get || !this.visible(key)) continue;
      const value = control.get();
      if (value !== undefined) values[key] = value;
    }
    return values;
  }

  set(key, value) {
    const control = this.controls.get(key);
    if (control?.set) control.set(value);
  }

  focus(key) {
    this.controls.get(key)?.focus();
  }

  /** The control a problem about `field` belongs beside: itself, else its nearest visible parent group. */
  resolve(field) {
    let key = field;
    for (;;) {
      if (this.visible(key)) return key;
      const dot = key.lastIndexOf('.');
      if (dot < 0) return null;
      key = key.slice(0, dot);
    }
  }

  showProblem(key, message) {
    const control = this.controls.get(key);
    const previous = control.problem.hidden ? '' : `${control.problem.textContent} `;
    text(control.problem, previous + message);
    control.problem.hidden = false;
    control.container.classList.add('has-problem');
    for (const input of control.inputs || []) input.setAttribute('aria-invalid', 'true');
  }

  note(key, message) {
    const control = this.controls.get(key);
    if (!control) return;
    text(control.note, message);
    control.note.hidden = false;
    control.container.classList.add('has-note');
  }

  clearProblems() {
    for (const control of this.controls.values()) {
      text(control.problem, '');
      control.problem.hidden = true;
      control.container.classList.remove('has-problem');
      for (const input of control.inputs || []) input.removeAttribute('aria-invalid');
    }
  }

  clearNotes() {
    for (const control of this.controls.values()) {
      text(control.note, '');
      control.note.hidden = true;
      control.container.classList.remove('has-note');
    }
  }
}

function messages(id) {
  return {
    problem: h('p', { id: `${id}-problem`, class: 'problem', hidden: true }),
    note: h('p', { id: `${id}-note`, class: 'edit-note', hidden: true }),
  };
}

function help(id, sentence) {
  return sentence ? h('p', { id: `${id}-help`, class: 'help' }, sentence) : null;
}

function describedBy(id, hasHelp) {
  return [hasHelp ? `${id}-help` : null, `${id}-problem`, `${id}-note`].filter(Boolean).join(' ');
}

/** A one-line text (or number, url) input. */
export function textField(fields, key, label, options = {}) {
  const id = idFor(key);
  const { problem, note } = messages(id);
  const input = h('input', {
    id,
    name: key,
    type: options.type || 'text',
    inputmode: options.inputmode,
    placeholder: options.placeholder,
    autocomplete: options.autocomplete || 'off',
    spellcheck: 'false',
    list: options.list,
    min: options.min,
    max: options.max,
    'aria-describedby': describedBy(id, options.help),
  });
  input.value = options.value ?? '';
  const container = h('div', { class: 'field' }, h('label', { for: id }, label), help(id, options.help), input,
    problem, note);
  return fields.add(key, {
    container, problem, note, label, inputs: [input],
    focus: () => input.focus(),
    get: () => input.value.trim(),
    set: (value) => { input.value = value ?? ''; },
  });
}

/** A text area of one value per line (or comma separated), read as a list. */
export function linesField(fields, key, label, options = {}) {
  const id = idFor(key);
  const { problem, note } = messages(id);
  const input = h('textarea', { id, name: key, rows: 3, spellcheck: 'false', 'aria-describedby': describedBy(id, options.help) });
  input.value = (options.value || []).join('\n');
  const container = h('div', { class: 'field' }, h('label', { for: id }, label), help(id, options.help), input,
    problem, note);
  return fields.add(key, {
    container, problem, note, label, inputs: [input],
    focus: () => input.focus(),
    get: () => input.value.split(/[\n,]/).map((s) => s.trim()).filter((s) => s !== ''),
    set: (value) => { input.value = (value || []).join('\n'); },
  });
}

/** A select of [value, label] choices. */
export function selectField(fields, key, label, choices, options = {}) {
  const id = idFor(key);
  const { problem, note } = messages(id);
  const select = h('select', { id, name: key, 'aria-describedby': describedBy(id, options.help) },
    choices.map(([value, name]) => h('option', { value }, name)));
  select.value = options.value ?? choices[0][0];
  if (options.onchange) select.addEventListener('change', options.onchange);
  const container = h('div', { class: 'field' }, h('label', { for: id }, label), help(id, options.help), select,
    problem, note);
  return fields.add(key, {
    container, problem, note, label, inputs: [select],
    focus: () => select.focus(),
    get: () => select.value,
    set: (value) => { select.value = value ?? ''; },
  });
}

/** One checkbox, read as true or false. */
export function checkboxField(fields, key, label, options = {}) {
  const id = idFor(key);
  const { problem, note } = messages(id);
  const input = h('input', { id, name: key, type: 'checkbox', 'aria-describedby': describedBy(id, options.help) });
  input.checked = Boolean(options.value);
  const container = h('div', { class: 'field field-check' },
    h('div', { class: 'check' }, input, h('label', { for: id }, label)), help(id, options.help), problem, note);
  return fields.add(key, {
    container, problem, note, label, inputs: [input],
    focus: () => input.focus(),
    get: () => input.checked,
    set: (value) => { input.checked = Boolean(value); },
  });
}

/** A group of checkboxes read as the list of checked values; `fixed` values are always checked. */
export function checkboxesField(fields, key, legend, choices, options = {}) {
  const id = idFor(key);
  const { problem, note } = messages(id);
  const fixed = new Set(options.fixed || []);
  const boxes = choices.map(([value, name], i) => {
    const input = h('input', { id: `${id}-${i}`, type: 'checkbox', value, disabled: fixed.has(value) });
    return { value, input, row: h('div', { class: 'check' }, input, h('label', { for: `${id}-${i}` }, name)) };
  });
  const set = (values) => {
    const chosen = new Set(values || []);
    for (const box of boxes) box.input.checked = fixed.has(box.value) || chosen.has(box.value);
  };
  set(options.value);
  const container = h('fieldset', { class: 'field', 'aria-describedby': describedBy(id, options.help) },
    h('legend', {}, legend), help(id, options.help), boxes.map((b) => b.row), problem, note);
  return fields.add(key, {
    container, problem, note, label: legend, inputs: boxes.map((b) => b.input),
    focus: () => boxes.find((b) => !b.input.disabled)?.input.focus(),
    get: () => boxes.filter((b) => b.input.checked).map((b) => b.value),
    set,
  });
}

/** Radio buttons of [value, label, description] choices. */
export function radioField(fields, key, legend, choices, options = {}) {
  const id = idFor(key);
  const { problem, note } = messages(id);
  const radios = choices.map(([value, name, description], i) => {
    const input = h('input', { id: `${id}-${i}`, type: 'radio', name: key, value,
      'aria-describedby': description ? `${id}-${i}-help` : null });
    if (options.onchange) input.addEventListener('change', options.onchange);
    return { value, input, row: h('div', { class: 'check' }, input,
      h('div', {}, h('label', { for: `${id}-${i}` }, name),
        description ? h('p', { id: `${id}-${i}-help`, class: 'help' }, description) : null)) };
  });
  const set = (value) => { for (const r of radios) r.input.checked = r.value === value; };
  set(options.value ?? choices[0][0]);
  const container = h('fieldset', { class: 'field', 'aria-describedby': `${id}-problem ${id}-note` },
    h('legend', {}, legend), radios.map((r) => r.row), problem, note);
  return fields.add(key, {
    container, problem, note, label: legend, inputs: radios.map((r) => r.input),
    focus: () => (radios.find((r) => r.input.checked) || radios[0]).input.focus(),
    get: () => radios.find((r) => r.input.checked)?.value,
    set,
  });
}

/**
 * A write-only secret. With nothing stored: a password input (with Show and, optionally, Generate). With a
 * stored secret: its hint and a "Replace" button that opens the input; the value is sent only when replaced.
 * options: {help, stored (the hint, or null), generate, what (its short name, e.g. "callback secret")}
 */
export function secretField(fields, key, label, options = {}) {
  const id = idFor(key);
  const { problem, note } = messages(id);
  const input = h('input', {
    id, name: key, type: 'password', autocomplete: 'new-password', spellcheck: 'false', autocapitalize: 'off',
    'aria-describedby': describedBy(id, options.help),
  });
  const show = h('button', { type: 'button', class: 'secondary small', 'aria-pressed': 'false',
    'aria-controls': id }, 'Show');
  show.addEventListener('click', () => {
    const showing = input.type === 'text';
    input.type = showing ? 'password' : 'text';
    show.setAttribute('aria-pressed', String(!showing));
  });
  const generate = options.generate
    ? h('button', { type: 'button', class: 'secondary small', onclick: () => {
      input.value = randomSecret();
      input.type = 'text';
      show.setAttribute('aria-pressed', 'true');
      input.focus();
    } }, 'Generate')
    : null;
  const editor = h('div', { class: 'secret-editor' }, input, h('div', { class: 'inline-buttons' }, show, generate));
  let replacing = !options.stored;
  const stored = options.stored ? h('div', { class: 'secret-stored' }) : null;
  const replaceButton = h('button', { type: 'button', class: 'secondary small',
    'aria-label': `Replace the stored ${(options.what || label).toLowerCase()}` }, 'Replace');
  const keepButton = h('button', { type: 'button', class: 'secondary small' }, 'Keep the stored one');
  const showMode = () => {
    editor.hidden = !replacing;
    if (stored) {
      replaceButton.hidden = replacing;
      keepButton.hidden = !replacing;
    }
  };
  if (stored) {
    stored.append(h('span', {}, `Stored: ${options.stored}`), replaceButton, keepButton);
    replaceButton.addEventListener('click', () => { replacing = true; showMode(); input.focus(); });
    keepButton.addEventListener('click', () => { replacing = false; input.value = ''; showMode(); replaceButton.focus(); });
  }
  showMode();
  const container = h('div', { class: 'field' },
    h('label', { for: id }, label), help(id, options.help), stored, editor, problem, note);
  return fields.add(key, {
    container, problem, note, label, secret: true, inputs: [input],
    focus: () => (replacing ? input : replaceButton).focus(),
    get: () => (replacing && input.value !== '' ? input.value : undefined),
    set: (value) => {
      if (value === undefined) return;
      replacing = true;
      input.value = value;
      showMode();
    },
  });
}

/** Registers a fieldset (or any container) as the place for problems about a group of fields. */
export function groupProblems(fields, key, container, label) {
  const id = idFor(key);
  const { problem, note } = messages(id);
  container.append(problem, note);
  fields.add(key, { container, problem, note, label, focus: () => container.querySelector('input, select, textarea, button')?.focus() });
  return container;
}

function randomSecret() {
  const bytes = new Uint8Array(32);
  window.crypto.getRandomValues(bytes);
  return `whsec_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
