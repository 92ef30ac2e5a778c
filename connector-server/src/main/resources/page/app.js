// The settings page: a client of the settings API on this origin. Routes live in the URL's fragment
// (#/connections/cn_…), which holds ids only: the token is never in a URL.

import * as api from './api.js';
import { h, replace } from './dom.js';
import * as session from './session.js';
import { renderSignIn } from './signin.js';
import { renderList } from './list.js';
import { renderForm } from './form.js';
import { renderConnection } from './connection.js';

const ID = '([A-Za-z0-9_-]{1,64})';
const ROUTES = [
  [/^#?\/?$/, (main, app) => renderList(main, app)],
  [/^#\/new$/, (main, app) => renderForm(main, app, null)],
  [new RegExp(`^#/connections/${ID}$`), (main, app, id) => renderConnection(main, app, id)],
  [new RegExp(`^#/connections/${ID}/edit$`), (main, app, id) => renderForm(main, app, id)],
];

const main = document.getElementById('main');
const nav = document.getElementById('nav');
let dispose = null;
let signInMessage = null;

const app = {
  /** A message for the next page, e.g. "Created …" after a save. */
  flash: null,

  go(hash) {
    if (window.location.hash === hash) route();
    else window.location.hash = hash;
  },

  /** Shows a failure in `where`; a refused token signs out instead. */
  fail(error, where) {
    if (error instanceof api.ApiError && error.status === 401) {
      session.signOut();
      signInMessage = 'The server no longer accepts the token this tab had (was the server given a new one?). '
        + 'Sign in again.';
      route();
      return;
    }
    const retry = error instanceof api.ServerUnreachable
      ? h('button', { type: 'button', class: 'secondary', onclick: () => route() }, 'Try again')
      : null;
    replace(where, h('div', { class: 'alert', role: 'alert' }, h('p', {}, error.message), retry));
    where.hidden = false;
  },

  /** Sets the document title and moves focus to the new page's heading. */
  arrived(title, heading) {
    document.title = `${title} · Errorbridge`;
    if (heading) heading.focus();
  },
};

async function route() {
  if (dispose) dispose();
  dispose = null;
  nav.hidden = !session.signedIn();
  if (!session.signedIn()) {
    const message = signInMessage;
    signInMessage = null;
    renderSignIn(main, app, message, () => route());
    return;
  }
  const hash = window.location.hash || '#/';
  for (const [pattern, render] of ROUTES) {
    const match = hash.match(pattern);
    if (match) {
      dispose = (await render(main, app, ...match.slice(1))) || null;
      return;
    }
  }
  replace(main, h('h1', { tabindex: '-1' }, 'Page not found'),
    h('p', {}, h('a', { href: '#/' }, 'Back to the connections')));
  app.arrived('Not found', main.querySelector('h1'));
}

document.getElementById('sign-out').addEventListener('click', () => {
  session.signOut();
  signInMessage = 'Signed out. The token was removed from this tab.';
  app.go('#/');
});
window.addEventListener('hashchange', route);
route();
