// The settings API on this origin. Every request carries the operator token in the Authorization header and
// nothing else (no cookies, no referrer); paths never contain it.

import * as session from './session.js';

/** The API answered with an error: {status, code, message, problems: [{field, message}]}. */
export class ApiError extends Error {
  constructor(status, code, message, problems = []) {
    super(message);
    this.status = status;
    this.code = code;
    this.problems = problems;
  }
}

/** The server could not be reached at all (stopped, restarting, network down). */
export class ServerUnreachable extends Error {
  constructor() {
    super(`Cannot reach the Errorbridge server at ${window.location.origin}. Is it running? Start it with `
      + 'java -jar connector-server/target/errorbridge-server.jar, then try again.');
  }
}

export const path = {
  connections: () => '/connections',
  connection: (id) => `/connections/${encodeURIComponent(id)}`,
  action: (id, action) => `/connections/${encodeURIComponent(id)}/${action}`,
};

function headers(extra, bearer) {
  const operatorToken = bearer ?? session.token();
  if (operatorToken === null) {
    throw new ApiError(401, 'Unauthenticated', 'Sign in with the operator token.');
  }
  return { Accept: 'application/json', Authorization: `Bearer ${operatorToken}`, ...extra };
}

async function send(method, url, { body, ifMatch, bearer, accept } = {}) {
  const extra = {};
  if (body !== undefined) extra['Content-Type'] = 'application/json';
  if (ifMatch) extra['If-Match'] = ifMatch;
  if (accept) extra.Accept = accept;
  try {
    return await fetch(url, {
      method,
      headers: headers(extra, bearer),
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
      referrerPolicy: 'no-referrer',
    });
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw new ServerUnreachable();
  }
}

async function failure(response) {
  let body = {};
  try {
    body = await response.json();
  } catch (e) {
    body = {};
  }
  return new ApiError(
    response.status,
    body.error || `HTTP ${response.status}`,
    body.message || `The server answered ${response.status}.`,
    Array.isArray(body.problems) ? body.problems : [],
  );
}

/**
 * One JSON request. Resolves to {status, etag, data}; rejects with ApiError or ServerUnreachable.
 * options: {body, ifMatch, bearer (a token to try instead of the stored one)}
 */
export async function call(method, url, options = {}) {
  const response = await send(method, url, options);
  if (!response.ok) throw await failure(response);
  const data = response.status === 204 ? null : await response.json();
  return { status: response.status, etag: response.headers.get('ETag'), data };
}

/**
 * A long operation streamed as JSON lines (replay, backfill): calls onLine for every progress line and
 * resolves to the last line (the summary, or an error line).
 */
export async function stream(url, body, onLine) {
  const response = await send('POST', url, { body, accept: 'application/x-ndjson' });
  if (!response.ok) throw await failure(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  let last = null;
  const take = (line) => {
    if (line.trim() === '') return;
    last = JSON.parse(line);
    onLine(last);
  };
  for (;;) {
    let chunk;
    try {
      chunk = await reader.read();
    } catch (e) {
      throw new ServerUnreachable();
    }
    if (chunk.done) break;
    buffered += chunk.value;
    let end = buffered.indexOf('\n');
    while (end >= 0) {
      take(buffered.slice(0, end));
      buffered = buffered.slice(end + 1);
      end = buffered.indexOf('\n');
    }
  }
  take(buffered);
  if (last === null) throw new ApiError(502, 'EmptyStream', 'The server ended the operation without a summary.');
  return last;
}
