// One connection's page: its switch and health (refreshed live), the connection test, webhook setup, AWS access,
// dead letters and replay, backfill, secrets and deletion.

import * as api from './api.js';
import { announce, append, h, replace, text } from './dom.js';
import { AUTH_MODES, errorText, platformName } from './format.js';
import { renderHealth } from './health.js';
import { streamingSwitch } from './toggle.js';
import { webhookSetup } from './webhook-setup.js';
import { deadLetters } from './dead-letters.js';
import { backfill } from './backfill.js';
import { partnerSetup, roleSetup } from './snippets.js';

const REFRESH_MS = 5000;
const STEPS = {
  credentials: 'AWS credentials',
  describeEventBus: 'The bus exists (DescribeEventBus)',
  partnerEventSource: 'The partner event source is associated (ACTIVE)',
  putTestEvent: 'Test event published (PutEvents)',
};

function section(id, title, ...content) {
  return h('section', { class: 'panel', 'aria-labelledby': id }, h('h2', { id }, title), content);
}

function testReport(report) {
  const failed = report.steps.find((step) => step.status === 'FAILED');
  return [
    h('p', { class: report.ok ? 'notice' : 'alert', 'data-test-ok': String(report.ok) }, report.ok
      ? 'Passed: the test event reached your bus. Rules matching detail-type "Errorbridge Connection Test" saw it.'
      : `Failed at: ${STEPS[failed?.name] || failed?.name}. The fix is below.`),
    h('ol', { class: 'steps' }, report.steps.map((step) => h('li', { 'data-step': step.name, 'data-status': step.status },
      h('p', {}, h('span', { class: `badge badge-step-${step.status.toLowerCase()}` }, step.status), ' ',
        h('strong', {}, STEPS[step.name] || step.name)),
      step.detail ? h('p', { class: 'step-detail' }, step.detail) : null,
      step.fix ? h('p', { class: 'step-fix' }, h('strong', {}, 'Fix: '), step.fix) : null))),
  ];
}

function secretsList(connection) {
  const rows = [];
  const add = (name, secret) => {
    if (secret && secret.set) rows.push(h('li', {}, `${name}: ${secret.hint}`));
  };
  add('Platform API key', connection.source.apiKey);
  add('Webhook secret', connection.webhook.secret);
  add('Previous webhook secret (still accepted)', connection.webhook.previousSecret);
  add('AWS secret access key', connection.destination.auth.secretAccessKey);
  add('AWS session token', connection.destination.auth.sessionToken);
  return rows.length === 0 ? h('p', { class: 'muted' }, 'No stored secrets.') : h('ul', {}, rows);
}

function awsAccess(connection) {
  const { auth } = connection.destination;
  if (auth.mode === 'ASSUME_ROLE') return roleSetup(connection);
  if (auth.mode === 'PARTNER_EVENT_SOURCE') return partnerSetup(connection);
  if (auth.mode === 'ACCESS_KEYS') {
    return [h('p', {}, `Access key ${auth.accessKeyId}, with its secret stored encrypted. Give its IAM user `
      + `events:PutEvents and events:DescribeEventBus on the bus ${connection.destination.eventBus}.`)];
  }
  return [h('p', {}, 'Errorbridge publishes with the AWS credentials this server runs with; give them '
    + `events:PutEvents and events:DescribeEventBus on the bus ${connection.destination.eventBus}.`)];
}

function deleteDialog(connection, app) {
  const titleId = 'delete-title';
  const cancel = h('button', { type: 'button', class: 'secondary', autofocus: true }, 'Cancel');
  const confirm = h('button', { type: 'button', class: 'danger' }, `Delete "${connection.name}"`);
  const problems = h('div', { hidden: true });
  const dialog = h('dialog', { 'aria-labelledby': titleId, class: 'confirm' },
    h('h2', { id: titleId }, `Delete "${connection.name}"?`),
    h('p', {}, `This deletes the connection "${connection.name}" (${connection.id}) with its stored secrets, its `
      + `poll checkpoint and its dead letters; the audit trail stays. Failures from ${platformName(connection.source.platform)} `
      + `stop reaching the bus ${connection.destination.eventBus}. This cannot be undone.`),
    problems,
    h('div', { class: 'form-actions' }, confirm, cancel));
  cancel.addEventListener('click', () => dialog.close());
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    try {
      await api.call('DELETE', api.path.connection(connection.id));
      dialog.close();
      app.flash = `Deleted "${connection.name}".`;
      app.go('#/');
    } catch (e) {
      app.fail(e, problems);
    } finally {
      confirm.disabled = false;
    }
  });
  return dialog;
}

export async function renderConnection(main, app, id) {
  const heading = h('h1', { tabindex: '-1' }, 'Connection');
  // Failures of loading (cleared by the next refresh that works) and of an action (kept until the next one).
  const problems = h('div', { hidden: true });
  const actionProblems = h('div', { hidden: true });
  replace(main, h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Back to the connections')), heading, problems,
    actionProblems);
  let connection;
  try {
    ({ data: connection } = await api.call('GET', api.path.connection(id)));
  } catch (e) {
    app.fail(e, problems);
    app.arrived('Connection', heading);
    return undefined;
  }
  text(heading, connection.name);
  const flash = app.flash ? h('p', { class: 'notice', role: 'status' }, app.flash) : null;
  app.flash = null;

  const where = h('p', { class: 'where' });
  const health = h('div', { class: 'health' });
  const toggle = streamingSwitch(connection, {
    labelledBy: 'switch-label',
    onChanged: (c) => {
      actionProblems.hidden = true;
      update(c);
    },
    onError: (e) => app.fail(e, actionProblems),
  });
  const update = (c) => {
    connection = c;
    text(heading, c.name);
    text(where, `${platformName(c.source.platform)} → bus ${c.destination.eventBus} in ${c.destination.region} · `
      + `${AUTH_MODES[c.destination.auth.mode] || c.destination.auth.mode} · ${c.id}`);
    renderHealth(health, c.health);
    toggle.update(c);
  };
  const refresh = async () => {
    try {
      const { data } = await api.call('GET', api.path.connection(id));
      problems.hidden = true;
      update(data);
    } catch (e) {
      app.fail(e, problems);
    }
  };

  const testOutput = h('div', { class: 'test-output', 'aria-live': 'polite' });
  const testButton = h('button', { type: 'button' }, 'Send test event');
  testButton.addEventListener('click', async () => {
    testButton.disabled = true;
    replace(testOutput, h('p', { class: 'muted' }, 'Testing: credentials, DescribeEventBus, then one test event…'));
    try {
      const { data } = await api.call('POST', api.path.action(id, 'test'));
      replace(testOutput, testReport(data));
      announce(data.ok ? 'The connection test passed.' : 'The connection test failed; the fix is shown.');
    } catch (e) {
      replace(testOutput, h('div', { class: 'alert', role: 'alert' }, h('p', {}, errorText(e))));
    } finally {
      testButton.disabled = false;
    }
  });

  const secrets = h('div', {}, secretsList(connection));
  const rotated = h('div', { 'aria-live': 'polite' });
  const rotate = h('button', { type: 'button', class: 'secondary' }, 'Re-encrypt secrets');
  rotate.addEventListener('click', async () => {
    rotate.disabled = true;
    try {
      const { data } = await api.call('POST', api.path.action(id, 'rotate-secrets'));
      update(data);
      replace(secrets, secretsList(data));
      replace(rotated, h('p', { class: 'notice' }, 'Every stored secret was re-encrypted under the current KMS key.'));
    } catch (e) {
      replace(rotated, h('div', { class: 'alert', role: 'alert' }, h('p', {}, errorText(e))));
    } finally {
      rotate.disabled = false;
    }
  });

  const dialog = deleteDialog(connection, app);
  const remove = h('button', { type: 'button', class: 'danger' }, 'Delete this connection…');
  remove.addEventListener('click', () => dialog.showModal());

  const polled = Boolean(connection.source.apiKey && connection.source.apiKey.set);
  append(main, [
    flash,
    where,
    h('section', { class: 'panel status-panel', 'aria-labelledby': 'status-title' },
      h('div', { class: 'card-head' }, h('h2', { id: 'status-title' }, 'Status'),
        h('div', { class: 'switch-field' }, h('span', { id: 'switch-label', class: 'switch-label' }, 'Streaming'),
          toggle.element)),
      health,
      h('p', { class: 'card-actions' }, h('a', { class: 'button secondary', href: `#/connections/${encodeURIComponent(id)}/edit` },
        'Edit settings'))),
    section('test-title', 'Test the connection',
      h('p', {}, 'Checks the AWS credentials, that the bus exists, then publishes one "Errorbridge Connection Test" '
        + 'event to it.'), testButton, testOutput),
    section('webhook-title', 'Webhook setup', webhookSetup(connection)),
    section('aws-title', 'AWS access', awsAccess(connection)),
    section('dead-letters-title', 'Dead letters', deadLetters(connection, app, refresh)),
    polled ? section('backfill-title', 'Backfill', backfill(connection, refresh)) : null,
    section('secrets-title', 'Secrets',
      h('p', {}, 'Secrets are write-only: only their last characters are shown. Replace one with Edit settings. '
        + 'Re-encrypting rewraps them under the KMS key in use now (after a key rotation).'),
      secrets, rotate, rotated),
    section('delete-title-section', 'Delete', h('p', {}, 'Stops streaming for good and deletes the connection\'s '
      + 'secrets, checkpoint and dead letters.'), remove),
    dialog]);
  update(connection);
  app.arrived(connection.name, heading);

  const timer = window.setInterval(() => {
    if (document.visibilityState === 'visible') refresh();
  }, REFRESH_MS);
  return () => window.clearInterval(timer);
}
