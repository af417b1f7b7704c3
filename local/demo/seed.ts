/**
 * Synthetic demo data for the local runtime, written on first start only (a marker item records it), so starting
 * twice keeps whatever staff did in between. Every person in it is fictitious and marked "Demo".
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsClients } from '../../shared/platform/aws.js';
import { runtimeClock, settings } from '../../shared/platform/env.js';
import type { Clock } from '../../shared/platform/calendar.js';
import type { LocalIdentity } from '../identity.js';
import { DEMO_PASSWORD, demoUsers } from './users.js';
import { UserStore } from '../../shared/cases/staff-store.js';
import { seedDemoCases } from './cases.js';
import { seedDemoHistory } from './history.js';

export interface SeedContext {
  identity: LocalIdentity;
  clients: AwsClients;
  /** the running local API: the history is built through it, as the demo users */
  urls: { api: string };
  log?: (m: string, d?: Record<string, unknown>) => void;
  /** short Romanian lines for the console */
  progress?: ((m: string) => void) | undefined;
  /** the runtime's clock: the demo's days are "today" on it */
  clock?: Clock;
}

const MARKER = { pk: 'META#demo-seed', sk: 'META' };

export async function seedDemo(ctx: SeedContext): Promise<boolean> {
  const { mainTable } = settings();
  if (!ctx.identity.hasUsers()) {
    for (const u of demoUsers) await ctx.identity.addUser({ ...u, password: DEMO_PASSWORD });
  }
  // Staff directory entries (in AWS they are written at each user's first sign-in).
  const users = new UserStore({ doc: ctx.clients.doc, mainTable, auditTable: settings().auditTable });
  for (const u of ctx.identity.listUsers()) {
    if (await users.get(u.sub)) continue;
    await users.upsertFromPrincipal({ userId: u.sub, username: u.username, displayName: u.name, email: u.email, roles: u.groups, institution: u.institution, services: u.services });
  }
  const done = await ctx.clients.doc.send(new GetCommand({ TableName: mainTable, Key: MARKER }));
  if (done.Item) return false;
  if (process.env.VATRA_DEMO_CASES !== '0') {
    const started = Date.now();
    const clock = ctx.clock ?? runtimeClock();
    ctx.progress?.('Prima pornire: construiesc datele demo (istoricul proiectului din martie 2025 până azi)…');
    await seedDemoHistory({ identity: ctx.identity, api: ctx.urls.api, clock, log: ctx.log, progress: ctx.progress });
    const fresh = await seedDemoCases(ctx.identity, ctx.log, 12, clock);
    ctx.progress?.(`sesizări noi din ultimele zile, la fiecare etapă: ${fresh}`);
    ctx.log?.('demo.seed.done', { ms: Date.now() - started });
  }
  await ctx.clients.doc.send(
    new PutCommand({
      TableName: mainTable,
      Item: { ...MARKER, seededAt: (ctx.clock ?? runtimeClock()).now().toISOString(), version: 1 },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  ctx.log?.('demo data seeded');
  return true;
}
