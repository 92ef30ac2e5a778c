// Turns the form's values ({"destination.region": "us-east-1", …}) into the settings API's request bodies: all
// given values for a create, only the edited ones for a PATCH (absent fields keep their stored values).

function put(target, key, value) {
  const parts = key.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    node[part] = node[part] || {};
    node = node[part];
  }
  node[parts[parts.length - 1]] = value;
}

function given(value) {
  return value !== undefined && value !== '';
}

/** {suffix: value} of the given values under a prefix, e.g. source.options. */
function under(values, prefix) {
  const result = {};
  for (const [key, value] of Object.entries(values)) {
    if (key.startsWith(prefix) && given(value)) result[key.slice(prefix.length)] = value;
  }
  return result;
}

/** A number when the text is one; otherwise the text, so that the API names the problem. */
function integer(value) {
  return /^\d{1,9}$/.test(value) ? Number(value) : value;
}

function auth(values) {
  const mode = values['destination.auth.mode'];
  const result = { mode };
  const fieldsOf = {
    ACCESS_KEYS: ['accessKeyId', 'secretAccessKey', 'sessionToken'],
    ASSUME_ROLE: ['roleArn'],
    AMBIENT: [],
    PARTNER_EVENT_SOURCE: ['accountId'],
  }[mode] || [];
  for (const name of fieldsOf) {
    if (given(values[`destination.auth.${name}`])) result[name] = values[`destination.auth.${name}`];
  }
  return result;
}

export function createBody(values, platform) {
  const body = { name: values.name ?? '', enabled: Boolean(values.enabled), source: { platform } };
  const partner = values['destination.auth.mode'] === 'PARTNER_EVENT_SOURCE';
  for (const key of ['source.apiKey', 'source.baseUrl', 'webhook.secret', 'destination.region',
    'destination.eventBus', 'mapping.sourceName']) {
    // A partner connection's bus is named after the source Errorbridge creates.
    if (given(values[key]) && !(partner && key === 'destination.eventBus')) put(body, key, values[key]);
  }
  if (values['source.outcomes']) put(body, 'source.outcomes', values['source.outcomes']);
  if (values['source.workflowIds'] && values['source.workflowIds'].length > 0) {
    put(body, 'source.workflowIds', values['source.workflowIds']);
  }
  const options = under(values, 'source.options.');
  if (Object.keys(options).length > 0) put(body, 'source.options', options);
  const fieldMapping = under(values, 'webhook.fieldMapping.');
  if (Object.keys(fieldMapping).length > 0) put(body, 'webhook.fieldMapping', fieldMapping);
  put(body, 'destination.auth', auth(values));
  if (values['mapping.includeRawPayload']) put(body, 'mapping.includeRawPayload', true);
  if (given(values['mapping.maxEntrySizeBytes'])) {
    put(body, 'mapping.maxEntrySizeBytes', integer(values['mapping.maxEntrySizeBytes']));
  }
  return body;
}

function same(a, b) {
  const plain = (v) => (v === '' ? undefined : v);
  return JSON.stringify(plain(a)) === JSON.stringify(plain(b));
}

/** The keys whose value differs from what the form showed when it was loaded. */
export function editedKeys(values, original) {
  const keys = new Set([...Object.keys(values), ...Object.keys(original)]);
  return [...keys].filter((key) => !same(values[key], original[key])).sort();
}

export function patchBody(values, edited) {
  const body = {};
  let options = false;
  let fieldMapping = false;
  let credentials = false;
  for (const key of edited) {
    const value = values[key];
    if (key.startsWith('source.options.')) options = true;
    else if (key.startsWith('webhook.fieldMapping.')) fieldMapping = true;
    else if (key.startsWith('destination.auth.')) credentials = true;
    else if (key === 'destination.eventBus' && values['destination.auth.mode'] === 'PARTNER_EVENT_SOURCE') continue;
    else if (key === 'mapping.maxEntrySizeBytes') {
      if (given(value)) put(body, key, integer(value));
    } else if (key === 'name' || given(value)) {
      // An emptied name is sent so that the API explains; other fields cannot be emptied by a PATCH.
      put(body, key, value ?? '');
    }
  }
  // These are replaced whole: send every value the form holds for them.
  if (options) put(body, 'source.options', under(values, 'source.options.'));
  if (fieldMapping) put(body, 'webhook.fieldMapping', under(values, 'webhook.fieldMapping.'));
  if (credentials) put(body, 'destination.auth', auth(values));
  return body;
}
