// Where a platform sends its failures and how it must sign them, with the absolute URL to paste.

import { h } from './dom.js';
import { copyableBlock, copyableValue } from './copy.js';

function runflow(url) {
  return [
    h('ol', {},
      h('li', {}, 'In Runflow, create a callback signing secret (POST /v1/callback-secrets; it is shown once, as '
        + 'whsec_…) and save it as this connection\'s callback secret (Edit).'),
      h('li', {}, 'Pass the URL below as callback_url when you create a run. Runflow calls it when the run ends.')),
    copyableValue('Webhook URL', url, { 'data-copy': 'webhook-url' }),
    h('p', {}, 'How Runflow signs: the Runflow-Signature header is the lower-case hex HMAC-SHA256 of the raw body, '
      + 'keyed with the callback secret. Errorbridge checks it in constant time against the current secret and, '
      + 'after a replacement, the previous one. Runflow signs no timestamp, so Errorbridge deduplicates on the '
      + 'run id.'),
    copyableBlock('Try it from a terminal', [
      'SECRET=<your callback secret>',
      'BODY=\'{"event":"run.failed","run_id":"run-001","status":"failed","output":{"code":"NODE_FAILED","message":"boom"}}\'',
      'SIG=$(printf \'%s\' "$BODY" | openssl dgst -sha256 -hmac "$SECRET" | sed \'s/^.* //\')',
      `curl -s -X POST ${url} -H 'Content-Type: application/json' -H "Runflow-Signature: $SIG" --data "$BODY"`,
    ].join('\n')),
  ];
}

function alloy(url) {
  return [
    h('p', {}, 'In Alloy, open Settings → Logging and enter the URL below, with your webhook token at the end. '
      + 'Alloy lets you enter only a URL, so the token travels in it; a sender that can set headers should send '
      + 'X-Errorbridge-Token: <token> instead, as URLs end up in access logs.'),
    copyableValue('Webhook URL', url, { 'data-copy': 'webhook-url' }),
    copyableValue('URL to enter in Alloy (put your token in place of <token>)', `${url}?token=<token>`),
    h('p', {}, 'How Alloy is checked: Alloy does not document signing its error stream, so Errorbridge compares the '
      + 'token (header or token= parameter, exactly one of them) in constant time with the current and the '
      + 'previous token. When the connection has Alloy\'s public key, an X-Alloy-Signature is verified as well.'),
  ];
}

function n8n(url) {
  return [
    h('ol', {},
      h('li', {}, 'In n8n, import samples/n8n/errorbridge-error-trigger.json (Workflows → Import from File).'),
      h('li', {}, 'Give it the URL below and this connection\'s signing secret: as ERRORBRIDGE_WEBHOOK_URL and '
        + 'ERRORBRIDGE_WEBHOOK_SECRET in n8n\'s environment, or typed into its Crypto and HTTP Request nodes where '
        + '$env is blocked (n8n Cloud).'),
      h('li', {}, 'Activate it, then choose it as the Error workflow in the settings of every workflow to watch.')),
    copyableValue('Webhook URL', url, { 'data-copy': 'webhook-url' }),
    h('p', {}, 'How n8n signs: the workflow\'s Crypto node computes X-Errorbridge-Signature: t=<Unix seconds>,'
      + 'v1=<hex HMAC-SHA256 of "<t>.<raw body>">, the generic scheme. A push and a poll of the same execution '
      + 'give one event: the push is read on this n8n connection, with the same event id.'),
  ];
}

function generic(url) {
  return [
    h('p', {}, 'Your system POSTs each failed run, as JSON, to the URL below.'),
    copyableValue('Webhook URL', url, { 'data-copy': 'webhook-url' }),
    h('p', {}, 'How to sign (Stripe\'s scheme): X-Errorbridge-Signature: t=<Unix seconds>,v1=<hex HMAC-SHA256 of '
      + '"<t>.<raw body>" keyed with the signing secret>. The time must be within 5 minutes of Errorbridge\'s '
      + 'clock, and each signature is accepted once: sign again, with a new t, to retry. While rotating, send one '
      + 'v1 per secret.'),
    copyableBlock('Try it from a terminal', [
      'SECRET=<your signing secret>',
      'BODY=\'{"run":{"id":"run-001","workflow":"wf-1","error":"boom"}}\'',
      'T=$(date +%s)',
      'SIG=$(printf \'%s\' "$T.$BODY" | openssl dgst -sha256 -hmac "$SECRET" | sed \'s/^.* //\')',
      `curl -s -X POST ${url} -H 'Content-Type: application/json' -H "X-Errorbridge-Signature: t=$T,v1=$SIG" --data "$BODY"`,
    ].join('\n')),
  ];
}

/**
 * The absolute webhook URL: the one the server gives when it knows where platforms reach it (its public URL),
 * else the path on the address this page was loaded from.
 */
export function webhookUrl(webhook) {
  return webhook.url ?? new URL(webhook.path, window.location.origin).href;
}

/** The webhook section of a connection's page. */
export function webhookSetup(connection) {
  const url = webhookUrl(connection.webhook);
  const platform = connection.source.platform;
  if (platform === 'dify' || platform === 'trigify') {
    const name = platform === 'dify' ? 'Dify' : 'Trigify';
    return [h('p', {}, `${name} has no failure webhook: Errorbridge polls its API with the connection's API key, `
      + 'on the server\'s poll schedule. Nothing to set up on the platform\'s side.')];
  }
  const steps = { runflow, alloy, n8n, webhook: generic }[platform](url);
  if (!connection.webhook.enabled) {
    steps.unshift(h('p', { class: 'notice' }, 'This connection has no webhook secret yet, so its webhook refuses '
      + 'every request. Add one (Edit), then set up the platform.'));
  }
  return steps;
}
