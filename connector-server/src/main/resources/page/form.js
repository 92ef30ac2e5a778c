// Create and edit a connection. Problems the API reports are shown beside their fields with their fix; edits carry
// If-Match, and a conflict (someone saved in between) is explained, with the latest version reloaded and the
// person's edits kept and marked.

import * as api from './api.js';
import { announce, h, replace, text } from './dom.js';
import { Fields } from './fields.js';
import { buildSections } from './form-build.js';
import { createBody, editedKeys, patchBody } from './form-request.js';
import { optionsOf } from './platforms.js';

function shown(value) {
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.join(', ');
  if (value === true) return 'yes';
  if (value === false) return 'no';
  return value === undefined || value === '' ? '(empty)' : String(value);
}

export async function renderForm(main, app, id) {
  const editing = id !== null;
  const heading = h('h1', { tabindex: '-1' }, editing ? 'Edit connection' : 'New connection');
  const status = h('div', { class: 'form-status' });
  const form = h('form', { class: 'connection-form', method: 'post', novalidate: true });
  const back = editing ? `#/connections/${encodeURIComponent(id)}` : '#/';
  replace(main, h('p', { class: 'crumbs' }, h('a', { href: back }, editing ? 'Back to the connection' : 'Back to the connections')),
    heading, status, form);

  let connection = null;
  let etag = null;
  if (editing) {
    try {
      ({ data: connection, etag } = await api.call('GET', api.path.connection(id)));
    } catch (e) {
      app.fail(e, status);
      app.arrived('Edit connection', heading);
      return undefined;
    }
    text(heading, `Edit ${connection.name}`);
  }
  app.arrived(editing ? `Edit ${connection.name}` : 'New connection', heading);

  let platform = connection ? connection.source.platform : 'runflow';
  let fields;
  let original;
  let sections;
  const save = h('button', { type: 'submit' }, editing ? 'Save changes' : 'Create connection');

  const build = (carried) => {
    fields = new Fields();
    sections = buildSections(fields, platform, connection, (event) => {
      const values = fields.values();
      for (const key of Object.keys(values)) if (key.startsWith('source.options.')) delete values[key];
      platform = event.target.value;
      replace(status); // its problems were about the other platform's fields
      build(values);
      fields.focus('source.platform');
      announce(`The form now shows the fields for ${event.target.selectedOptions[0].textContent}.`);
    });
    replace(form, sections.nodes, h('div', { class: 'form-actions' }, save, h('a', { href: back }, 'Cancel')));
    sections.sync();
    original = editing ? fields.values() : {};
    for (const [key, value] of Object.entries(carried || {})) fields.set(key, value);
    sections.sync();
  };
  build();

  const problemKey = (problem) => {
    if (problem.field === 'source.options') {
      for (const option of optionsOf(platform)) {
        const named = new RegExp(`^(${platform}\\.)?${option.key}\\b|option ${option.key}\\b`);
        if (named.test(problem.message) && fields.visible(`source.options.${option.key}`)) {
          return `source.options.${option.key}`;
        }
      }
    }
    return fields.resolve(problem.field);
  };

  const showProblems = (error) => {
    const items = error.problems.map((problem) => {
      const key = problemKey(problem);
      if (key === null) return h('li', {}, `${problem.field}: ${problem.message}`);
      fields.showProblem(key, problem.message);
      const details = fields.container(key).closest('details');
      if (details) details.open = true;
      return h('li', {}, h('button', { type: 'button', class: 'link-button', onclick: () => fields.focus(key) },
        `${fields.label(key)}: ${problem.message}`));
    });
    const title = h('h2', { tabindex: '-1' }, 'The connection was not saved');
    replace(status, h('div', { class: 'alert', role: 'alert', 'data-problems': String(items.length) },
      title, h('p', {}, `${items.length === 1 ? 'One problem' : `${items.length} problems`}, each also shown `
        + 'beside its field:'), h('ul', {}, items)));
    title.focus();
  };

  const reapply = (edits) => {
    for (const key of Object.keys(edits)) {
      if (key.startsWith('destination.auth.') && key !== 'destination.auth.mode'
        && key !== 'destination.auth.roleArn') sections.revealKeys();
    }
    for (const [key, value] of Object.entries(edits)) {
      const saved = original[key];
      fields.set(key, value);
      fields.note(key, fields.isSecret(key) ? 'Your edit (a new value, not shown).'
        : `Your edit. Saved now: ${shown(saved)}.`);
    }
    sections.sync();
  };

  const showConflict = (edits) => {
    const reload = h('button', { type: 'button' }, 'Reload the latest version, keep my edits');
    const title = h('h2', { tabindex: '-1' }, 'Someone else changed this connection');
    replace(status, h('div', { class: 'alert', role: 'alert', 'data-conflict': 'true' },
      title,
      h('p', {}, 'It was saved by someone else (or in another tab) after you opened it, so your changes were not '
        + 'saved and nothing was overwritten. Reload the latest version: your edits stay in the form, each marked '
        + '"Your edit" with what is saved now, so you can check them and save again.'),
      h('p', {}, 'Your edits:'),
      h('ul', {}, Object.keys(edits).map((key) => h('li', {}, fields.label(key)))),
      reload));
    title.focus();
    reload.addEventListener('click', async () => {
      try {
        ({ data: connection, etag } = await api.call('GET', api.path.connection(id)));
      } catch (e) {
        app.fail(e, status);
        return;
      }
      text(heading, `Edit ${connection.name}`);
      build();
      reapply(edits);
      const notice = h('p', { class: 'notice', role: 'status', tabindex: '-1' },
        `Reloaded the latest version (version ${connection.version}). Check your edits, marked "Your edit", `
        + 'then save again.');
      replace(status, notice);
      notice.focus();
    });
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    fields.clearProblems();
    replace(status);
    const values = fields.values();
    let body;
    let edits = {};
    if (editing) {
      const edited = editedKeys(values, original);
      if (edited.length === 0) {
        replace(status, h('p', { class: 'notice', role: 'status' }, 'Nothing to save: no field was changed.'));
        return;
      }
      edits = Object.fromEntries(edited.map((key) => [key, values[key]]));
      body = patchBody(values, edited);
    } else {
      body = createBody(values, platform);
    }
    save.disabled = true;
    try {
      const { data } = editing
        ? await api.call('PATCH', api.path.connection(id), { body, ifMatch: etag })
        : await api.call('POST', api.path.connections(), { body });
      app.flash = editing ? `Saved ${data.name}.`
        : `Created ${data.name}. Next: set up its webhook below and send a test event.`;
      app.go(`#/connections/${encodeURIComponent(data.id)}`);
    } catch (e) {
      if (e instanceof api.ApiError && e.status === 400 && e.problems.length > 0) showProblems(e);
      else if (e instanceof api.ApiError && e.status === 409 && editing) showConflict(edits);
      else app.fail(e, status);
    } finally {
      save.disabled = false;
    }
  });
  return undefined;
}
