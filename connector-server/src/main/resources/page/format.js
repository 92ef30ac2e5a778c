// How values read on the page: times, counts and the names people know things by.

import { h } from './dom.js';

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const absolute = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' });
const count = new Intl.NumberFormat('en');

const UNITS = [
  ['year', 365 * 24 * 3600], ['month', 30 * 24 * 3600], ['day', 24 * 3600],
  ['hour', 3600], ['minute', 60], ['second', 1],
];

/** "3 minutes ago" for an ISO instant; the exact time in the element's title and datetime. */
export function timeAgo(iso, now = Date.now()) {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return h('span', {}, String(iso));
  const seconds = Math.round((at - now) / 1000);
  let phrase = 'just now';
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size && unit !== 'second') {
      phrase = relative.format(Math.round(seconds / size), unit);
      break;
    }
    if (unit === 'second' && Math.abs(seconds) >= 10) phrase = relative.format(seconds, 'second');
  }
  return h('time', { datetime: iso, title: absolute.format(new Date(at)) }, phrase);
}

/** The exact local time of an ISO instant. */
export function when(iso) {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? String(iso) : absolute.format(new Date(at));
}

export function number(value) {
  return count.format(Number(value) || 0);
}

export const PLATFORMS = {
  runflow: 'Runflow',
  alloy: 'Alloy Embedded',
  dify: 'Dify',
  trigify: 'Trigify',
  webhook: 'Generic webhook',
};

export function platformName(id) {
  return PLATFORMS[id] || id;
}

export const AUTH_MODES = {
  ACCESS_KEYS: 'Access keys',
  ASSUME_ROLE: 'Assume a role (External ID)',
  AMBIENT: "This server's own AWS credentials",
  PARTNER_EVENT_SOURCE: 'Partner event source (no credentials)',
};

/** The API's error as one sentence a person can act on. */
export function errorText(error) {
  return error && error.message ? error.message : String(error);
}
