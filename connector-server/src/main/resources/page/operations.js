// Long operations streamed as JSON lines (dead-letter replay, backfill): a progress bar while they run, then
// their summary.

import * as api from './api.js';
import { announce, h, replace, text, uid } from './dom.js';
import { number } from './format.js';

/**
 * Runs a streamed operation into `output`: progress lines move the bar (done of total, and the line's label),
 * the last line is the summary (or an error). Resolves to the summary line.
 */
export async function runStreamed(output, { url, body, title, describe }) {
  const labelId = uid('progress');
  const bar = h('progress', { max: '100', value: '0', 'aria-labelledby': labelId });
  const words = h('span', { class: 'progress-words' }, 'Starting…');
  replace(output, h('div', { class: 'progress', 'data-running': 'true' },
    h('span', { id: labelId }, title), bar, words));
  const last = await api.stream(url, body, (line) => {
    if (line.type !== 'progress') return;
    bar.max = Math.max(1, line.total);
    bar.value = line.done;
    text(words, line.label ? `${line.done}% · ${line.label}` : `${number(line.done)} of ${number(line.total)}`);
  });
  output.querySelector('.progress').removeAttribute('data-running');
  if (last.type === 'error') {
    append(output, h('div', { class: 'alert', role: 'alert' }, h('p', {}, last.message)));
    announce(`${title} failed: ${last.message}`);
    return last;
  }
  if (last.type === 'summary') {
    bar.value = bar.max;
    append(output, describe(last));
    announce(`${title} finished.`);
  }
  return last;
}

function append(node, child) {
  node.append(child);
}

/** A summary's numbers as a definition list. */
export function summaryList(pairs) {
  return h('dl', { class: 'summary' }, pairs.map(([name, value]) => h('div', {}, h('dt', {}, name),
    h('dd', {}, typeof value === 'number' ? number(value) : String(value ?? '')))));
}
