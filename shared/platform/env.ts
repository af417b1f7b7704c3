/**
 * Runtime settings a function reads from its environment. CDK sets them per function; the local runtime sets them
 * for the whole process. Reading goes through here so names are defined once.
 */
import { tableEnvVar } from './db/tables.js';

export function stateMachineEnvVar(name: string): string {
  return `VATRA_SM_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

function required(env: NodeJS.ProcessEnv, key: string): string {
  const v = env[key];
  if (!v) throw new Error(`Missing environment variable ${key}`);
  return v;
}

export interface RuntimeSettings {
  mainTable: string;
  auditTable: string;
  webBaseUrl: string;
  mailFrom: string;
  stateMachineArn(name: string): string;
}

export function settings(env: NodeJS.ProcessEnv = process.env): RuntimeSettings {
  return {
    mainTable: required(env, tableEnvVar['vatra-main']),
    auditTable: required(env, tableEnvVar['vatra-audit']),
    webBaseUrl: env.VATRA_WEB_BASE_URL ?? 'http://127.0.0.1:8080',
    mailFrom: env.VATRA_MAIL_FROM ?? 'vatra@example.invalid',
    stateMachineArn: (name) => required(env, stateMachineEnvVar(name)),
  };
}
