// A connection's dead letters (events Errorbridge could not deliver) and their replay, with live progress.

import * as api from './api.js';
import { h, replace } from './dom.js';
import { errorText, when } from './format.js';
import { runStreamed, summaryList } from './operations.js';

function letterItem(letter) {
  return h('li', { class: 'letter', 'data-event': letter.eventId },
    h('p', { class: 'letter-head' }, h('strong', {}, letter.errorCode || letter.reason), ' ',
      h('span', { class: 'muted' }, `(${letter.reason})`)),
    letter.errorMessage ? h('p', {}, letter.errorMessage) : null,
    h('p', { class: 'muted' }, `Event ${letter.eventId}`, letter.detailType ? ` · ${letter.detailType}` : '',
      ` · ${letter.attempts} attempt${letter.attempts === 1 ? '' : 's'} · parked ${when(letter.parkedAt)}`,
      letter.replayable ? '' : ' · cannot be replayed (its event was not kept)'));
}

function replaySummary(summary) {
  const outcome = summary.dryRun
    ? `Dry run: ${summary.replayable} of ${summary.total} would be replayed.`
    : summary.ok ? `Replayed: ${summary.delivered} delivered, ${summary.queued} queued for retry.`
      : 'Some dead letters were not delivered; see the next steps.';
  return h('div', { class: 'operation-summary', 'data-summary': 'replay' },
    h('p', { class: summary.ok ? 'notice' : 'alert' }, outcome),
    summaryList([
      ['Dead letters', summary.total], ['Replayable', summary.replayable], ['Delivered', summary.delivered],
      ['Queued for retry', summary.queued], ['Failed again', summary.failed],
      ['Not replayable', summary.notReplayable], ['Not attempted', summary.notAttempted],
    ]),
    summary.nextSteps && summary.nextSteps.length > 0
      ? [h('p', {}, 'Next steps:'), h('ul', {}, summary.nextSteps.map((step) => h('li', {}, step)))] : null);
}

/** The dead-letters section; onReplayed() refreshes the connection's counts. */
export function deadLetters(connection, app, onReplayed) {
  const list = h('div', { class: 'letters' }, h('p', { class: 'muted' }, 'Loading dead letters…'));
  const problems = h('div', { hidden: true });
  const output = h('div', { class: 'operation-output', 'aria-live': 'polite' });
  const limit = h('input', { id: 'replay-limit', type: 'number', min: '1', max: '1000', inputmode: 'numeric' });
  limit.value = '100';
  const dryRun = h('input', { id: 'replay-dry-run', type: 'checkbox' });
  const run = h('button', { type: 'submit' }, 'Replay dead letters');
  const form = h('form', { class: 'inline-form', method: 'post', novalidate: true, hidden: true },
    h('div', { class: 'field' }, h('label', { for: 'replay-limit' }, 'How many, oldest first (1 to 1000)'), limit),
    h('div', { class: 'field field-check' }, h('div', { class: 'check' }, dryRun,
      h('label', { for: 'replay-dry-run' }, 'Dry run: only count what would be replayed'))),
    run);

  const load = async () => {
    try {
      const { data } = await api.call('GET', `${api.path.action(connection.id, 'dead-letters')}?limit=100`);
      const letters = data.deadLetters;
      form.hidden = letters.length === 0;
      replace(list, letters.length === 0
        ? h('p', { class: 'muted', 'data-dead-letters': '0' }, 'No dead letters: everything was delivered or is '
          + 'still being retried.')
        : [h('p', { 'data-dead-letters': String(letters.length) }, `${letters.length} dead letter`
          + `${letters.length === 1 ? '' : 's'}${letters.length === 100 ? ' (the oldest 100)' : ''}:`),
        h('ul', { class: 'letter-list' }, letters.map(letterItem))]);
    } catch (e) {
      app.fail(e, problems);
    }
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    run.disabled = true;
    try {
      await runStreamed(output, {
        url: api.path.action(connection.id, 'dead-letters/replay'),
        body: { limit: Number(limit.value), dryRun: dryRun.checked },
        title: 'Replaying dead letters',
        describe: replaySummary,
      });
      await load();
      onReplayed();
    } catch (e) {
      replace(output, h('div', { class: 'alert', role: 'alert' }, h('p', {}, errorText(e))));
      if (e instanceof api.ApiError && e.status === 401) app.fail(e, problems);
    } finally {
      run.disabled = false;
    }
  });
  load();
  return [
    h('p', {}, 'Events Errorbridge could not deliver after its retries (or that EventBridge refused). Fix the cause '
      + 'the error names, then replay them: each is sent again once, and dead-lettered again if it fails.'),
    problems, list, form, output,
  ];
}
