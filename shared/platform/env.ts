/**
 * Runtime settings a function reads from its environment. CDK sets them per function; the local runtime sets them
 * for the whole process. Reading goes through here so names are defined once.
 */
import { tableEnvVar } from './db/tables.js';
import { clockFromEnv, type Clock } from './calendar.js';

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
  /** "now" for handlers, workflow steps and scheduled jobs: the system clock unless VATRA_CLOCK / VATRA_CLOCK_OFFSET is set */
  clock: Clock;
}

let envClock: { env: NodeJS.ProcessEnv; fixed?: string; offset?: string; clock: Clock } | undefined;
/** The process's clock, from VATRA_CLOCK / VATRA_CLOCK_OFFSET (made once per setting, so an offset clock keeps running). */
export function runtimeClock(env: NodeJS.ProcessEnv = process.env): Clock {
  const fixed = env.VATRA_CLOCK;
  const offset = env.VATRA_CLOCK_OFFSET;
  if (!envClock || envClock.env !== env || envClock.fixed !== fixed || envClock.offset !== offset) envClock = { env, fixed, offset, clock: clockFromEnv(env) };
  return envClock.clock;
}

export function settings(env: NodeJS.ProcessEnv = process.env): RuntimeSettings {
  return {
    mainTable: required(env, tableEnvVar['vatra-main']),
    auditTable: required(env, tableEnvVar['vatra-audit']),
    webBaseUrl: env.VATRA_WEB_BASE_URL ?? 'http://127.0.0.1:8080',
    mailFrom: env.VATRA_MAIL_FROM ?? 'vatra@example.invalid',
    stateMachineArn: (name) => required(env, stateMachineEnvVar(name)),
    clock: runtimeClock(env),
  };
}
