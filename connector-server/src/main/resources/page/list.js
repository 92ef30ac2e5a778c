// The connections list: each connection's switch, health and counts, refreshed every few seconds in place (so
// focus and the switches stay where they are), with an empty state that says what to do first.

import * as api from './api.js';
import { h, replace, text, uid } from './dom.js';
import { platformName } from './format.js';
import { renderHealth } from './health.js';
import { streamingSwitch } from './toggle.js';

const REFRESH_MS = 5000;

function card(connection, app, actionProblems) {
  const nameId = uid('name');
  const labelId = uid('switch-label');
  const name = h('a', { href: `#/connections/${encodeURIComponent(connection.id)}` });
  const title = h('h2', { id: nameId }, name);
  const where = h('p', { class: 'where' });
  const health = h('div', { class: 'health' });
  const toggle = streamingSwitch(connection, {
    labelledBy: `${labelId} ${nameId}`,
    onChanged: (c) => {
      actionProblems.hidden = true;
      update(c);
    },
    onError: (e) => app.fail(e, actionProblems),
  });
  const element = h('li', { class: 'card', 'data-connection': connection.id },
    h('div', { class: 'card-head' }, title,
      h('div', { class: 'switch-field' }, h('span', { id: labelId, class: 'switch-label' }, 'Streaming'),
        toggle.element)),
    where,
    health,
    h('p', { class: 'card-actions' },
      h('a', { href: `#/connections/${encodeURIComponent(connection.id)}` }, 'Details, test and webhook'),
      h('a', { href: `#/connections/${encodeURIComponent(connection.id)}/edit` }, 'Edit')));

  function update(c) {
    text(name, c.name);
    text(where, `${platformName(c.source.platform)} → ${c.destination.eventBus} (${c.destination.region})`);
    renderHealth(health, c.health, true);
    toggle.update(c);
  }
  update(connection);
  return { element, update };
}

function emptyState() {
  return h('section', { class: 'empty', 'aria-labelledby': 'empty-title' },
    h('h2', { id: 'empty-title' }, 'No connections yet'),
    h('p', {}, 'A connection streams one platform\'s failed runs to your EventBridge bus. To start:'),
    h('ol', {},
      h('li', {}, 'Create a connection: pick the platform, your bus and its region, and how Errorbridge signs in '
        + 'to AWS.'),
      h('li', {}, 'Point the platform\'s webhook at the URL Errorbridge shows you (or give it an API key to poll).'),
      h('li', {}, 'Send a test event to check that it reaches your bus.')),
    h('p', {}, h('a', { class: 'button', href: '#/new' }, 'Create your first connection')));
}

export async function renderList(main, app) {
  const heading = h('h1', { tabindex: '-1' }, 'Connections');
  // Failures of loading (cleared by the next refresh that works) and of an action (kept until the next one).
  const problems = h('div', { class: 'problems', hidden: true });
  const actionProblems = h('div', { class: 'problems', hidden: true });
  const list = h('ul', { class: 'cards', 'aria-label': 'Connections' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Load more');
  const body = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading connections…'));
  const flash = app.flash ? h('p', { class: 'notice', role: 'status' }, app.flash) : null;
  app.flash = null;
  replace(main,
    h('div', { class: 'page-head' }, heading, h('a', { class: 'button', href: '#/new' }, 'New connection')),
    flash,
    problems,
    actionProblems,
    body);
  app.arrived('Connections', heading);

  const cards = new Map();
  let cursor = null;
  let loaded = 0;

  const show = (connections, append) => {
    const seen = new Set();
    for (const c of connections) {
      seen.add(c.id);
      if (cards.has(c.id)) cards.get(c.id).update(c);
      else {
        const created = card(c, app, actionProblems);
        cards.set(c.id, created);
        list.append(created.element);
      }
    }
    if (!append) {
      for (const [id, existing] of cards) {
        if (!seen.has(id)) {
          existing.element.remove();
          cards.delete(id);
        }
      }
    }
    // Only when the list appears or empties: moving the list would take focus away from a switch in it.
    const mode = cards.size === 0 ? 'empty' : 'list';
    if (body.dataset.mode !== mode) {
      replace(body, mode === 'empty' ? emptyState() : list, more);
      body.dataset.mode = mode;
    }
    body.removeAttribute('aria-busy');
    more.hidden = cursor === null;
  };

  const load = async (append) => {
    const limit = append ? 50 : Math.min(100, Math.max(50, loaded));
    const query = append && cursor ? `?limit=${limit}&cursor=${encodeURIComponent(cursor)}` : `?limit=${limit}`;
    const { data } = await api.call('GET', api.path.connections() + query);
    cursor = data.nextCursor;
    loaded = append ? loaded + data.connections.length : data.connections.length;
    problems.hidden = true;
    show(data.connections, append);
  };

  more.addEventListener('click', () => load(true).catch((e) => app.fail(e, problems)));
  try {
    await load(false);
  } catch (e) {
    replace(body);
    app.fail(e, problems);
  }
  const timer = window.setInterval(() => {
    if (document.visibilityState === 'visible') load(false).catch((e) => app.fail(e, problems));
  }, REFRESH_MS);
  return () => window.clearInterval(timer);
}
