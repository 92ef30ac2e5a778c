/**
 * The AWS CDK v2 app that deploys Errorbridge: {@link dev.errorbridge.infra.ErrorbridgeApp} reads
 * the deployment's configuration ({@link dev.errorbridge.infra.ErrorbridgeProps}) from the CDK
 * context and defines {@link dev.errorbridge.infra.ErrorbridgeStack}, built from one construct per
 * concern (secrets key, table, poll queue, functions, schedules, APIs, alarms). Deploying, the
 * parameters, the permissions and the cost are described in {@code docs/deploy.md}.
 */
package dev.errorbridge.infra;
