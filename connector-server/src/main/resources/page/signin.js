// Sign in with the operator token: checked against the server before session.js keeps it for this tab.

import * as api from './api.js';
import { h, replace, text } from './dom.js';
import * as session from './session.js';

export function renderSignIn(main, app, message, signedIn) {
  const problem = h('p', { id: 'token-problem', class: 'problem', hidden: true });
  const input = h('input', {
    id: 'token',
    name: 'token',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    autocapitalize: 'off',
    'aria-describedby': 'token-help token-problem',
  });
  const button = h('button', { type: 'submit' }, 'Sign in');
  const form = h('form', { class: 'signin', method: 'post', novalidate: true },
    h('div', { class: 'field' },
      h('label', { for: 'token' }, 'Operator token'),
      h('p', { id: 'token-help', class: 'help' },
        'The server printed it on its console at its first start, and keeps it in data/operator-token '
        + '(or it is the ERRORBRIDGE_OPERATOR_TOKEN the server was started with). It is kept in this browser '
        + 'tab only, until you close the tab or sign out.'),
      input,
      problem),
    button);
  const heading = h('h1', { tabindex: '-1' }, 'Sign in to Errorbridge');
  replace(main,
    heading,
    message ? h('p', { class: 'notice', role: 'status' }, message) : null,
    form);

  const showProblem = (sentence) => {
    text(problem, sentence);
    problem.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const candidate = input.value.trim();
    if (candidate === '') {
      showProblem('Paste the operator token first.');
      return;
    }
    button.disabled = true;
    text(button, 'Signing in…');
    try {
      await api.call('GET', `${api.path.connections()}?limit=1`, { bearer: candidate });
      session.signIn(candidate);
      signedIn();
    } catch (e) {
      if (e instanceof api.ApiError && e.status === 401) {
        showProblem('The server did not accept this token. Copy the whole token the server printed (on embedded '
          + 'defaults it starts with ebop_ and is kept in data/operator-token), then try again.');
      } else {
        showProblem(e.message);
      }
    } finally {
      button.disabled = false;
      text(button, 'Sign in');
    }
  });
  document.title = 'Sign in · Errorbridge';
  input.focus();
}
