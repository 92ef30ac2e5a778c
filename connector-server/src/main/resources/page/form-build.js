// The sections of the create and edit form, following the settings API's ConnectionRequest: the connection,
// where failures come from (per platform), the webhook, the destination bus with its auth mode, event options.

import { h } from './dom.js';
import {
  checkboxField, checkboxesField, groupProblems, linesField, radioField, secretField, selectField, textField,
} from './fields.js';
import { platformName, PLATFORMS as PLATFORM_NAMES } from './format.js';
import { MAPPED_FIELDS, OUTCOMES, PLATFORMS, REGIONS, optionsOf } from './platforms.js';
import { roleSetup } from './snippets.js';

function hint(secret) {
  return secret && secret.set ? secret.hint || 'set' : null;
}

function general(fields, platform, connection, onPlatformChange) {
  const section = h('fieldset', { class: 'section' }, h('legend', {}, 'Connection'));
  section.append(textField(fields, 'name', 'Name', {
    value: connection ? connection.name : '',
    help: 'How you will recognise it, e.g. "Runflow production".',
  }));
  if (connection) {
    section.append(h('div', { class: 'field' }, h('p', { class: 'static' }, h('strong', {}, 'Platform: '),
      platformName(platform), ' (a connection keeps its platform; create a new one for another).')));
  } else {
    section.append(selectField(fields, 'source.platform', 'Platform', Object.entries(PLATFORM_NAMES), {
      value: platform, onchange: onPlatformChange,
      help: 'Where the failed runs come from. Changing it updates the fields below.',
    }));
    section.append(checkboxField(fields, 'enabled', 'Start streaming as soon as it is saved', { value: true }));
  }
  return section;
}

function source(fields, platform, connection) {
  const info = PLATFORMS[platform];
  const saved = connection ? connection.source : null;
  const section = h('fieldset', { class: 'section' }, h('legend', {}, 'Where failures come from'));
  if (info.polls === 'never') {
    section.append(h('p', { class: 'help' }, 'Your system POSTs each failed run to Errorbridge, signed with the '
      + 'secret below; Errorbridge maps its fields with the JSON Pointers you give.'));
  } else {
    section.append(secretField(fields, 'source.apiKey',
      info.polls === 'optional' ? 'API key (optional)' : 'API key', {
        help: info.apiKeyHelp, stored: hint(saved && saved.apiKey), what: 'API key',
      }));
    section.append(textField(fields, 'source.baseUrl', 'API base URL (optional)', {
      value: saved && saved.baseUrl ? saved.baseUrl : '', type: 'url', placeholder: info.baseUrl,
      help: `Only for a self-hosted or regional ${platformName(platform)}; default ${info.baseUrl}.`,
    }));
  }
  section.append(checkboxesField(fields, 'source.outcomes', 'Outcomes to stream', OUTCOMES, {
    value: saved ? saved.outcomes : ['FAILED'], fixed: ['FAILED'],
  }));
  section.append(linesField(fields, 'source.workflowIds', 'Only these workflows (optional)', {
    value: saved ? saved.workflowIds : [], help: 'One workflow id per line; leave empty for every workflow.',
  }));
  const options = optionsOf(platform);
  if (options.length > 0) {
    const savedOptions = saved ? saved.options || {} : {};
    const group = h('fieldset', { class: 'subsection' }, h('legend', {}, 'Polling options'),
      h('p', { class: 'help' }, 'Used when an API key is set. Leave a field empty for its default.'));
    for (const option of options) {
      const key = `source.options.${option.key}`;
      const value = savedOptions[option.key] ?? '';
      group.append(option.choices
        ? selectField(fields, key, option.label, option.choices, { value, help: option.help })
        : textField(fields, key, option.label, {
          value, help: option.help, placeholder: option.placeholder,
          inputmode: option.type === 'number' ? 'numeric' : undefined,
        }));
    }
    section.append(h('details', { class: 'more', open: platform === 'dify' }, h('summary', {}, 'Polling options'),
      groupProblems(fields, 'source.options', group, 'Polling options')));
  }
  return groupProblems(fields, 'source', section, 'Source');
}

function webhook(fields, platform, connection) {
  const info = PLATFORMS[platform];
  if (!info.secretLabel) return null;
  const saved = connection ? connection.webhook : null;
  const section = h('fieldset', { class: 'section' }, h('legend', {}, 'Webhook'));
  section.append(secretField(fields, 'webhook.secret', info.polls === 'never' ? info.secretLabel
    : `${info.secretLabel} (optional with an API key)`, {
    help: `${info.secretHelp} A replaced secret keeps working as the previous one, so senders can switch over.`,
    stored: hint(saved && saved.secret), generate: true, what: info.secretLabel,
  }));
  if (saved && saved.previousSecret && saved.previousSecret.set) {
    section.append(h('p', { class: 'help' }, `The previous secret ${saved.previousSecret.hint} is still accepted.`));
  }
  if (platform === 'webhook') {
    const mapping = h('fieldset', { class: 'subsection' }, h('legend', {}, 'Field mapping (JSON Pointers)'),
      h('p', { class: 'help' }, 'Where each value is in the body your system sends, e.g. /run/id.'));
    const savedMapping = saved ? saved.fieldMapping || {} : {};
    for (const [name, required] of MAPPED_FIELDS) {
      mapping.append(textField(fields, `webhook.fieldMapping.${name}`, required ? `${name} (required)` : name, {
        value: savedMapping[name] ?? '', placeholder: required ? `/run/${name === 'workflowId' ? 'workflow' : 'id'}` : '',
      }));
    }
    section.append(groupProblems(fields, 'webhook.fieldMapping', mapping, 'Field mapping'));
  }
  return groupProblems(fields, 'webhook', section, 'Webhook');
}

function accessKeys(fields, storedAuth) {
  const inputs = h('div', { class: 'reveal' },
    textField(fields, 'destination.auth.accessKeyId', 'Access key ID', {
      help: '20 characters starting with AKIA (or ASIA with a session token), as IAM shows it.',
    }),
    secretField(fields, 'destination.auth.secretAccessKey', 'Secret access key', {
      help: 'The 40-character secret IAM showed when the key was created. Encrypted on receipt, never shown again.',
    }),
    secretField(fields, 'destination.auth.sessionToken', 'Session token (only for ASIA… keys)', {
      help: 'Temporary keys expire; prefer a role.',
    }));
  const group = h('div', { class: 'auth-group', 'data-mode': 'ACCESS_KEYS' });
  let reveal = () => {};
  if (storedAuth && storedAuth.mode === 'ACCESS_KEYS') {
    inputs.hidden = true;
    const replaceKeys = h('button', { type: 'button', class: 'secondary small' }, 'Replace the keys');
    const keep = h('button', { type: 'button', class: 'secondary small', hidden: true }, 'Keep the stored keys');
    reveal = () => { inputs.hidden = false; replaceKeys.hidden = true; keep.hidden = false; };
    replaceKeys.addEventListener('click', () => { reveal(); fields.focus('destination.auth.accessKeyId'); });
    keep.addEventListener('click', () => {
      inputs.hidden = true; replaceKeys.hidden = false; keep.hidden = true; replaceKeys.focus();
    });
    const token = storedAuth.sessionToken && storedAuth.sessionToken.set ? ' and a session token' : '';
    group.append(h('div', { class: 'secret-stored' },
      h('span', {}, `Stored: access key ${storedAuth.accessKeyId}, its secret ${hint(storedAuth.secretAccessKey)}${token}.`),
      replaceKeys, keep));
  }
  group.append(inputs);
  return { group, reveal };
}

function destination(fields, connection) {
  const saved = connection ? connection.destination : null;
  const storedAuth = saved ? saved.auth : null;
  const section = h('fieldset', { class: 'section' }, h('legend', {}, 'Your EventBridge bus'));
  section.append(h('datalist', { id: 'aws-regions' }, REGIONS.map((r) => h('option', { value: r }))));
  section.append(textField(fields, 'destination.region', 'Region', {
    value: saved ? saved.region : '', list: 'aws-regions', placeholder: 'us-east-1',
  }));
  const bus = h('div', { class: 'bus-field' }, textField(fields, 'destination.eventBus', 'Event bus name or ARN', {
    value: saved ? saved.eventBus : '', placeholder: 'default',
    help: 'The bus name (e.g. default) or its ARN; an ARN\'s region must be the region above.',
  }));
  section.append(bus);
  const keys = accessKeys(fields, storedAuth);
  const role = h('div', { class: 'auth-group', 'data-mode': 'ASSUME_ROLE' },
    textField(fields, 'destination.auth.roleArn', 'Role ARN', {
      value: storedAuth && storedAuth.roleArn ? storedAuth.roleArn : '',
      placeholder: 'arn:aws:iam::123456789012:role/errorbridge-publisher',
    }),
    storedAuth && storedAuth.mode === 'ASSUME_ROLE' && storedAuth.externalId
      ? h('div', { class: 'role-setup' }, roleSetup(connection))
      : h('p', { class: 'help' }, 'When you save, Errorbridge generates the External ID; this connection\'s page then '
        + 'shows it with the trust policy and the permissions to give the role.'));
  const ambient = h('div', { class: 'auth-group', 'data-mode': 'AMBIENT' },
    h('p', { class: 'help' }, 'Errorbridge publishes with the AWS credentials this server runs with (its role or '
      + 'profile); nothing is stored. Only where the deployment allows it: if it does not, saving says so here.'));
  const partner = h('div', { class: 'auth-group', 'data-mode': 'PARTNER_EVENT_SOURCE' },
    textField(fields, 'destination.auth.accountId', 'Your AWS account ID', {
      value: storedAuth && storedAuth.accountId ? storedAuth.accountId : '', inputmode: 'numeric',
      placeholder: '123456789012',
      help: '12 digits. Errorbridge offers this account a partner event source in the region above; you associate '
        + 'it with a partner event bus of the same name. No keys, no role. Only where the deployment is an '
        + 'EventBridge partner: if it is not, saving says so here.',
    }));
  const groups = [keys.group, role, ambient, partner];
  const sync = () => {
    const mode = fields.values()['destination.auth.mode'];
    for (const group of groups) group.hidden = group.dataset.mode !== mode;
    // The partner event bus is named after the source Errorbridge creates: there is no bus to choose.
    bus.hidden = mode === 'PARTNER_EVENT_SOURCE';
  };
  const auth = h('div', { class: 'auth' },
    radioField(fields, 'destination.auth.mode', 'How Errorbridge signs in to AWS', [
      ['ACCESS_KEYS', 'Access keys', 'An IAM user\'s access key, encrypted on receipt. You rotate it.'],
      ['ASSUME_ROLE', 'Assume a role', 'A role in your account that trusts Errorbridge with an External ID. No '
        + 'long-lived keys: recommended.'],
      ['AMBIENT', 'This server\'s own credentials', 'Where the deployment allows it.'],
      ['PARTNER_EVENT_SOURCE', 'Partner event source', 'No credentials at all: Errorbridge publishes as an '
        + 'EventBridge partner to a source you associate with a bus. Where the deployment allows it.'],
    ], { value: storedAuth ? storedAuth.mode : 'ACCESS_KEYS', onchange: () => sync() }),
    groups);
  section.append(groupProblems(fields, 'destination.auth', auth, 'AWS sign-in'));
  return { section: groupProblems(fields, 'destination', section, 'Destination'), sync, revealKeys: keys.reveal };
}

function mapping(fields, platform, connection) {
  const saved = connection ? connection.mapping : null;
  const group = h('fieldset', { class: 'subsection' }, h('legend', {}, 'Event options'),
    textField(fields, 'mapping.sourceName', 'Event source', {
      value: saved ? saved.sourceName : '', placeholder: `errorbridge.${platform}`,
      help: 'The events\' source field; default errorbridge.<platform>, never aws.*. Rules that match errorbridge.* '
        + 'will not see another name.',
    }),
    checkboxField(fields, 'mapping.includeRawPayload', 'Include the platform\'s original payload', {
      value: saved ? saved.includeRawPayload : false,
      help: 'Adds it to each event\'s detail; it counts against the event size limit.',
    }),
    textField(fields, 'mapping.maxEntrySizeBytes', 'Largest event, in bytes', {
      value: saved ? String(saved.maxEntrySizeBytes) : '', inputmode: 'numeric', placeholder: '262144',
      help: 'Up to 1048576 for buses that accept 1 MiB events; larger events are shrunk to fit.',
    }));
  return h('details', { class: 'more section-details' }, h('summary', {}, 'Event options'),
    groupProblems(fields, 'mapping', group, 'Event options'));
}

/** The form's sections; sync() shows the chosen auth mode's fields, revealKeys() opens replaced keys. */
export function buildSections(fields, platform, connection, onPlatformChange) {
  const dest = destination(fields, connection);
  const nodes = [
    general(fields, platform, connection, onPlatformChange),
    source(fields, platform, connection),
    webhook(fields, platform, connection),
    dest.section,
    mapping(fields, platform, connection),
  ];
  return { nodes, sync: dest.sync, revealKeys: dest.revealKeys };
}
