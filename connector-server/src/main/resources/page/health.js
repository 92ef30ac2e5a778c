// A connection's health as a person reads it: the state badge with its reason and fix, the counts and the last
// delivery. health.parked and health.fix are shown when the server sends them.

import { h, replace } from './dom.js';
import { number, timeAgo, when } from './format.js';

const STATES = {
  ACTIVE: 'Streaming: failures are delivered to the bus.',
  PAUSED: 'Switched off: nothing is read or published.',
  SUSPENDED: 'Switched off automatically after repeated destination failures. Fix the cause, then switch it on.',
  ERROR: 'On, but cannot work until the cause below is fixed.',
};

const BRIEF_LENGTH = 140;

/** The first words of a long text (the list's cards); the connection's page shows it whole. */
export function shortened(sentence) {
  if (sentence.length <= BRIEF_LENGTH) return sentence;
  const cut = sentence.lastIndexOf(' ', BRIEF_LENGTH);
  return `${sentence.slice(0, cut > 80 ? cut : BRIEF_LENGTH)}… (more on its page)`;
}

export function badge(state) {
  const known = Object.hasOwn(STATES, state) ? state : 'UNKNOWN';
  return h('span', { class: `badge badge-${known.toLowerCase()}`, 'data-state': state }, String(state));
}

/** The badge, what the state means (unless brief), its reason and its fix. */
export function healthSummary(health, brief = false) {
  const parts = [
    h('p', { class: 'health-state' }, badge(health.state), ' ',
      brief ? null : h('span', {}, STATES[health.state] || '')),
  ];
  if (health.reason) {
    parts.push(h('p', { class: 'health-reason' }, h('strong', {}, 'Reason: '),
      brief ? shortened(health.reason) : health.reason));
  }
  if (health.fix) {
    parts.push(h('p', { class: 'health-fix' }, h('strong', {}, 'Fix: '), brief ? shortened(health.fix) : health.fix));
  }
  if (health.since && !brief) {
    parts.push(h('p', { class: 'muted' }, `In this state since ${when(health.since)}.`));
  }
  return parts;
}

/** Delivered / dead-lettered / parked counts and the last delivery. */
export function counts(health) {
  const items = [
    h('div', {}, h('dt', {}, 'Delivered'), h('dd', { 'data-count': 'delivered' }, number(health.delivered))),
    h('div', {}, h('dt', {}, 'Dead-lettered'), h('dd', { 'data-count': 'deadLettered' }, number(health.deadLettered))),
  ];
  if (health.parked !== undefined && health.parked !== null) {
    items.push(h('div', {}, h('dt', {}, 'Awaiting retry'), h('dd', { 'data-count': 'parked' }, number(health.parked))));
  }
  items.push(h('div', {}, h('dt', {}, 'Last delivery'),
    h('dd', { 'data-count': 'lastDelivery' }, health.lastDeliveryAt ? timeAgo(health.lastDeliveryAt) : 'none yet')));
  return h('dl', { class: 'counts' }, items);
}

/** Re-renders a health block in place (used by the list and the connection page). */
export function renderHealth(container, health, brief = false) {
  replace(container, healthSummary(health, brief), counts(health));
}
