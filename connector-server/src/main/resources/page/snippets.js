// What a customer pastes into AWS for an ASSUME_ROLE connection: the trust policy naming the External ID and the
// role's permissions on the one bus (the same as samples/README.md and docs/deploy.md describe).

import { h } from './dom.js';
import { copyableBlock, copyableValue } from './copy.js';

const ERRORBRIDGE_ACCOUNT = '<ErrorbridgeAccountId>';

export function trustPolicy(externalId) {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ERRORBRIDGE_ACCOUNT}:root` },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': externalId } },
    }],
  }, null, 2);
}

/** The bus's ARN: as given, or built from its name, the region and the role's account. */
export function busArn(region, eventBus, roleArn) {
  if (eventBus.startsWith('arn:')) return eventBus;
  const role = /^arn:(aws[a-z-]*):iam::(\d{12}):/.exec(roleArn || '');
  const partition = role ? role[1] : 'aws';
  const account = role ? role[2] : '<YourAccountId>';
  return `arn:${partition}:events:${region}:${account}:event-bus/${eventBus}`;
}

export function permissionsPolicy(region, eventBus, roleArn) {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Action: ['events:PutEvents', 'events:DescribeEventBus'],
      Resource: busArn(region, eventBus, roleArn),
    }],
  }, null, 2);
}

/** The one-click role: the CloudFormation quick-create link, when the deployment publishes the template. */
function quickCreate(link) {
  // Only ever an https link: a value from the API never becomes a javascript: or data: URL.
  if (!link || !link.startsWith('https://')) return [];
  return [
    h('p', {}, 'One click: open this link signed in to your AWS account. CloudFormation shows the role template with '
      + 'this connection\'s External ID, Errorbridge\'s account and your bus filled in; review them, tick the IAM '
      + 'acknowledgement and choose Create stack. ',
    h('a', { href: link, target: '_blank', rel: 'noopener noreferrer', 'data-link': 'quick-create' },
      'Create the role in the AWS console')),
    copyableValue('Quick-create link', link, { 'data-copy': 'quick-create-link' }),
    h('p', {}, 'Or set the role up yourself:'),
  ];
}

/** What the customer does for a PARTNER_EVENT_SOURCE connection: associate the source Errorbridge offered. */
export function partnerSetup(connection) {
  const { auth, region, eventBus } = connection.destination;
  return [
    h('p', {}, `Errorbridge offers your AWS account ${auth.accountId} the partner event source below, in ${region}, `
      + 'and publishes to it with its own credentials: you give it no keys and no role. Associate the source with an '
      + 'event bus (EventBridge console > Partner event sources > the source > Associate with event bus, or the command '
      + 'below). Until then AWS would drop the events, so Errorbridge holds them and the health above says so.'),
    copyableValue('Partner event source', eventBus, { 'data-copy': 'partner-source' }),
    copyableBlock('Associate it (AWS CLI)',
      `aws events create-event-bus --region ${region} --name ${eventBus} --event-source-name ${eventBus}`),
  ];
}

/** The External ID with the two policies to paste into the role, for a saved ASSUME_ROLE connection. */
export function roleSetup(connection) {
  const { auth, region, eventBus } = connection.destination;
  return [
    ...quickCreate(auth.quickCreateLink),
    h('p', {}, `Errorbridge assumes ${auth.roleArn} with the External ID below. In your AWS account, give the role `
      + 'this trust policy and these permissions. Replace <ErrorbridgeAccountId> with the AWS account Errorbridge runs '
      + 'in (its operator knows it), or with the ARN of the role it runs as.'),
    copyableValue('External ID', auth.externalId || '', { 'data-copy': 'external-id' }),
    copyableBlock('Trust policy', trustPolicy(auth.externalId || '')),
    copyableBlock('Permissions policy', permissionsPolicy(region, eventBus, auth.roleArn)),
  ];
}
