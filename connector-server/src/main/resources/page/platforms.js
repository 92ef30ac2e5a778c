// What differs per platform: how Errorbridge gets its failures (poll with an API key, webhook, or both), its
// options (source.options, as SourceOptionsMap reads them) and how its webhooks are signed.

const DURATION = 'An ISO 8601 duration such as PT2H.';

const COMMON_OPTIONS = [
  { key: 'lookback', label: 'First poll looks back', help: `How far back the first poll reads. ${DURATION}`,
    placeholder: 'PT2H' },
  { key: 'requestTimeout', label: 'Request timeout', help: `Per request to the platform. ${DURATION}`,
    placeholder: 'PT15S' },
  { key: 'consoleUrlTemplate', label: 'Console link', help: 'An https URL with {executionId} and {workflowId}; '
    + 'each event links to the run with it.', placeholder: 'https://…/runs/{executionId}' },
];

const BOOLEAN = [['', 'Default'], ['true', 'Yes'], ['false', 'No']];

export const PLATFORMS = {
  runflow: {
    polls: 'optional',
    baseUrl: 'https://api.runflow.io',
    apiKeyHelp: 'Your Runflow API key (rf_live_…). With it Errorbridge also polls GET /v1/runs for failed runs; '
      + 'leave it empty to receive callbacks only.',
    secretLabel: 'Callback secret',
    secretHelp: 'The callback signing secret Runflow showed when you created it (whsec_…), 16 to 512 characters. '
      + 'Runflow signs every callback with it.',
    options: [
      { key: 'organizationId', label: 'Organization id', help: 'Sent as X-Organization-Id; empty for the key\'s own.' },
      { key: 'pageSize', label: 'Runs per page', help: '1 to 500 (default 500).', type: 'number' },
      { key: 'nodeRuns', label: 'Read failed nodes\' errors', choices: BOOLEAN,
        help: 'Reads /v1/runs/{id}/node-runs when a run does not embed them (default yes).' },
    ],
  },
  alloy: {
    polls: 'optional',
    baseUrl: 'https://production.runalloy.com',
    apiKeyHelp: 'Your Alloy Embedded API key. With it Errorbridge polls GET /logs, and gives webhook failures the '
      + 'execution id polls use; leave it empty to receive the error webhook only.',
    secretLabel: 'Webhook token',
    secretHelp: 'A token of 16 to 512 characters that Alloy\'s error webhook must present (Alloy does not sign '
      + 'its error stream). Generate one.',
    options: [
      { key: 'generation', label: 'API generation', choices: [['', 'Default (2025-09)'], ['2025-09', '2025-09'],
        ['2024-03', '2024-03'], ['2023-12', '2023-12']] },
      { key: 'userId', label: 'Only this user\'s runs', help: 'An Alloy user id; empty for all users.' },
      { key: 'pageSize', label: 'Rows per page', help: '1 to 500 (default 50).', type: 'number' },
      { key: 'serverTimeFilter', label: 'Send the time window to Alloy', choices: BOOLEAN,
        help: 'Default yes; Errorbridge filters every row itself as well.' },
    ],
  },
  dify: {
    polls: 'required',
    baseUrl: 'https://api.dify.ai/v1',
    apiKeyHelp: 'The app\'s API key (app-…) from the app\'s API Access page. Dify has no failure webhook, so '
      + 'Errorbridge polls GET /workflows/logs with it.',
    options: [
      { key: 'appId', label: 'App id (required)', help: 'The id in the app\'s console URL: /app/<id>/…' },
      { key: 'appName', label: 'App name', help: 'Shown as the workflow name in events.' },
      { key: 'pageSize', label: 'Rows per page', help: '1 to 100 (default 100).', type: 'number' },
    ],
  },
  trigify: {
    polls: 'required',
    baseUrl: 'https://api.trigify.io/v1',
    apiKeyHelp: 'Your Trigify API key. Trigify has no failure webhook, so Errorbridge polls its executions.',
    options: [
      { key: 'workflowStatus', label: 'Only workflows that are', choices: [['', 'Any state'], ['PUBLISHED', 'Published'],
        ['DRAFT', 'Drafts']] },
      { key: 'requestsPerMinute', label: 'Requests per minute', help: 'This connection\'s share of the key\'s 100 '
        + 'per minute (default 100).', type: 'number' },
      { key: 'pageSize', label: 'Rows per page', help: '1 to 100 (default 100).', type: 'number' },
      { key: 'maxPagesPerWorkflow', label: 'Most pages per workflow and scan', help: 'Default 50.', type: 'number' },
    ],
  },
  n8n: {
    polls: 'optional',
    baseUrlRequired: true,
    baseUrl: 'https://n8n.example.com',
    apiKeyHelp: 'An n8n API key (Settings → n8n API), from an owner or admin to see every workflow. With it '
      + 'Errorbridge polls GET /api/v1/executions for failed executions; leave it empty to receive the Error '
      + 'Trigger\'s pushes only.',
    secretLabel: 'Signing secret',
    secretHelp: 'The secret the Error Trigger workflow signs with (its Crypto node, X-Errorbridge-Signature), 16 to '
      + '512 characters. Generate one and give it to the workflow.',
    options: [
      { key: 'pageSize', label: 'Executions per page', help: '1 to 250 (default 250).', type: 'number' },
      { key: 'manualRuns', label: 'Report runs started in the editor', choices: BOOLEAN,
        help: 'Default no: n8n never sends manual runs to an error workflow either.' },
    ],
  },
  webhook: {
    polls: 'never',
    secretLabel: 'Signing secret',
    secretHelp: 'The secret your sender signs requests with, 16 to 512 characters. Generate one and give it to the '
      + 'sender.',
    options: [],
  },
};

/** The options of a polled platform: its own and those every polled platform has. */
export function optionsOf(platform) {
  const info = PLATFORMS[platform];
  return info.polls === 'never' ? [] : [...info.options, ...COMMON_OPTIONS];
}

/** The fields a generic webhook maps with JSON Pointers (workflowId and executionId are required). */
export const MAPPED_FIELDS = [
  ['workflowId', true], ['executionId', true], ['workflowName', false], ['status', false],
  ['errorMessage', false], ['errorCode', false], ['startedAt', false], ['finishedAt', false],
];

export const OUTCOMES = [
  ['FAILED', 'Failed (always streamed)'],
  ['STOPPED', 'Stopped or cancelled'],
  ['PARTIAL', 'Partially failed'],
];

export const REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'sa-east-1', 'eu-west-1', 'eu-west-2',
  'eu-west-3', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'ap-south-1', 'ap-northeast-1',
  'ap-northeast-2', 'ap-southeast-1', 'ap-southeast-2', 'me-central-1', 'af-south-1',
];
