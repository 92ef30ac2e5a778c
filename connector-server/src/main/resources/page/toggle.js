// The on/off switch: a button with role="switch" whose aria-checked always shows what the server last answered.
// One click asks the server; the new state is shown only once the server has confirmed it.

import * as api from './api.js';
import { announce, h, text } from './dom.js';
import { errorText } from './format.js';

/**
 * connection: the API's connection; onChanged(connection) gets the server's answer;
 * onError(error) gets a failure (the switch keeps the server's last state).
 */
export function streamingSwitch(connection, { onChanged, onError, labelledBy }) {
  const state = h('span', { class: 'switch-state', 'aria-hidden': 'true' });
  const button = h('button', {
    type: 'button',
    class: 'switch',
    role: 'switch',
    'aria-labelledby': labelledBy,
    'data-connection': connection.id,
  }, h('span', { class: 'switch-track', 'aria-hidden': 'true' }, h('span', { class: 'switch-thumb' })), state);
  let current = connection;
  let pending = false;

  const show = (c) => {
    current = c;
    button.setAttribute('aria-checked', String(Boolean(c.enabled)));
    text(state, c.enabled ? 'On' : 'Off');
  };
  show(connection);

  button.addEventListener('click', async () => {
    if (pending) return;
    pending = true;
    button.setAttribute('aria-busy', 'true');
    button.setAttribute('aria-disabled', 'true');
    try {
      const action = current.enabled ? 'disable' : 'enable';
      const { data } = await api.call('POST', api.path.action(current.id, action));
      show(data);
      announce(`${data.name} is now ${data.enabled ? 'on: failures are streamed' : 'off: nothing is read or published'}.`);
      onChanged(data);
    } catch (e) {
      announce(`Could not switch ${current.name}: ${errorText(e)}`);
      onError(e);
    } finally {
      pending = false;
      button.removeAttribute('aria-busy');
      button.removeAttribute('aria-disabled');
    }
  });
  return { element: button, update: (c) => { if (!pending) show(c); } };
}
