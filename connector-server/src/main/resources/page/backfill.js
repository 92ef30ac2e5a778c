// Backfill: a polled connection reads a past period again and delivers what was not delivered yet.

import * as api from './api.js';
import { h, replace } from './dom.js';
import { errorText, when } from './format.js';
import { runStreamed, summaryList } from './operations.js';

const PERIODS = [['PT1H', 'The last hour'], ['PT24H', 'The last 24 hours'], ['P7D', 'The last 7 days'],
  ['P30D', 'The last 30 days'], ['P90D', 'The last 90 days']];

function backfillSummary(summary) {
  const outcome = summary.ok ? `Complete: ${summary.found} found, ${summary.delivered} delivered, `
    + `${summary.duplicates} already delivered before.`
    : `Not complete (${summary.status}). ${summary.message || ''}`
      + (summary.resumeFrom ? ` Run it again for the period from ${when(summary.resumeFrom)}.` : '');
  return h('div', { class: 'operation-summary', 'data-summary': 'backfill' },
    h('p', { class: summary.ok ? 'notice' : 'alert' }, outcome),
    summaryList([
      ['Period', `${when(summary.from)} to ${when(summary.to)}`], ['Found', summary.found],
      ['Delivered', summary.delivered], ['Already delivered', summary.duplicates], ['Awaiting retry', summary.parked],
      ['Filtered out', summary.filteredOut], ['Pages read', summary.pages],
    ]));
}

/** The backfill section of a polled connection; onDone() refreshes the counts. */
export function backfill(connection, onDone) {
  const output = h('div', { class: 'operation-output', 'aria-live': 'polite' });
  const since = h('select', { id: 'backfill-since' }, PERIODS.map(([value, label]) => h('option', { value }, label)));
  since.value = 'PT24H';
  const run = h('button', { type: 'submit' }, 'Run backfill');
  const form = h('form', { class: 'inline-form', method: 'post', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'backfill-since' }, 'Period'), since), run);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    run.disabled = true;
    try {
      await runStreamed(output, {
        url: api.path.action(connection.id, 'backfill'),
        body: { since: since.value },
        title: 'Backfill',
        describe: backfillSummary,
      });
      onDone();
    } catch (e) {
      replace(output, h('div', { class: 'alert', role: 'alert' }, h('p', {}, errorText(e))));
    } finally {
      run.disabled = false;
    }
  });
  return [
    h('p', {}, 'Reads the platform\'s failures of a past period again and delivers those not delivered yet (nothing '
      + 'is delivered twice). Useful after the connection was off, or to load history.'),
    form, output,
  ];
}
