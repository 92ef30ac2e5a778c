/**
 * The customer side of Errorbridge: a CDK app, deployed in the customer's own AWS account, that
 * creates the event bus Errorbridge publishes to, alerting rules on the Errorbridge event contract
 * (SNS email, CloudWatch Logs, Slack, PagerDuty), and the least-privilege IAM Errorbridge signs
 * with.
 *
 * <p>{@link dev.errorbridge.samples.AlertingApp} is the entry point ({@code cdk deploy}); {@link
 * dev.errorbridge.samples.AlertingRulesStack} wires the parts together.
 */
package dev.errorbridge.samples;
