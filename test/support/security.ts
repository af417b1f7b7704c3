/**
 * Helpers for the data-protection integration tests (authz, audit, fuzz, privacy): who each demo account is, cases
 * prepared to a chosen point with chosen services, and direct reads of the local tables to check what is stored.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Principal, Role } from '../../shared/platform/auth/principal.js';
import { localTableName } from '../../local/dynamo.js';
import { auditTable, mainTable } from '../../shared/platform/db/tables.js';
import type { Api } from './api.js';
import { eventually } from './api.js';
import { evaluationForm, isoDay, referralForm, waitTask } from './fixtures.js';
import { dynamoCredentials, type RuntimeUrls } from './runtime.js';
import { installChangeJournal } from '../../shared/platform/db/journal.js';

export const MAIN = localTableName(mainTable);
export const AUDIT = localTableName(auditTable);

export function documentClient(urls: RuntimeUrls): DynamoDBDocumentClient {
  return installChangeJournal(DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: urls.dynamodb, region: 'eu-central-1', credentials: dynamoCredentials(urls) })));
}

/** The principal of a demo account as the API sees it (GET /me). */
export async function whoIs(api: Api, username: string): Promise<Principal> {
  const r = await api.get('/me', username);
  if (r.status !== 200) throw new Error(`GET /me as ${username}: ${r.status}`);
  return {
    userId: r.body.userId, username: r.body.username, displayName: r.body.displayName,
    roles: (r.body.roles as { id: Role }[]).map((x) => x.id), institution: r.body.institution, services: r.body.services,
  };
}

/** Submit a task form, retrying a VERSION_CONFLICT caused by a workflow step writing the case at the same moment. */
export async function submitForm(api: Api, caseId: string, kind: string, as: string, form: unknown, viewer = as) {
  const task = await waitTask(api, caseId, kind, viewer);
  for (let attempt = 0; ; attempt++) {
    const c = await api.get(`/cases/${caseId}`, viewer);
    const r = await api.post(`/tasks/${task.taskId}/submit`, as, { expectedVersion: c.body.case.version, form });
    if (r.status === 200) return task;
    if (r.status !== 409 || r.body.error?.code !== 'VERSION_CONFLICT' || attempt >= 5) throw new Error(`submit ${kind} failed: ${r.status} ${JSON.stringify(r.body)}`);
    await new Promise((res) => setTimeout(res, 50 * (attempt + 1)));
  }
}

export interface PreparedCase {
  caseId: string;
  caseNumber: string;
  manager: string;
  coordinator: string;
  /** the completed evaluation task (task routes are exercised on it without changing anything) */
  evaluationTaskId: string;
  form: ReturnType<typeof referralForm>;
}

export interface CaseSpec {
  track?: 'prevention' | 'reintegration';
  /** plan services; empty = the case stops after the evaluation (plan task open) */
  services?: string[];
  ethnicity?: 'roma' | 'not_roma' | 'not_declared';
  child?: Partial<ReturnType<typeof referralForm>['child']>;
  legalRepresentative?: Partial<ReturnType<typeof referralForm>['legalRepresentative']>;
}

export function planWith(services: string[]) {
  return {
    objectives: [{ id: 'O1', text: 'Frecvență școlară regulată (test)' }],
    services: services.map((serviceId) => ({ serviceId, responsible: 'Echipa de test' })),
    cohort: '18m',
    reviewDate: isoDay(60),
  };
}

export async function prepareCase(api: Api, spec: CaseSpec = {}): Promise<PreparedCase> {
  const track = spec.track ?? 'prevention';
  const manager = track === 'prevention' ? 'manager.das' : 'manager.dgaspc';
  const coordinator = track === 'prevention' ? 'coord.das' : 'coord.dgaspc';
  const form = referralForm({ track });
  form.child = { ...form.child, ethnicity: spec.ethnicity ?? form.child.ethnicity, ...spec.child } as typeof form.child;
  form.legalRepresentative = { ...form.legalRepresentative, ...spec.legalRepresentative } as typeof form.legalRepresentative;
  const r = await api.post('/referrals', manager, form);
  if (r.status !== 201) throw new Error(`referral failed: ${r.status} ${JSON.stringify(r.body)}`);
  const caseId = r.body.case.caseId as string;
  const evaluation = await submitForm(api, caseId, 'evaluation', manager, evaluationForm());
  const services = spec.services ?? [];
  if (services.length) {
    await submitForm(api, caseId, 'plan', manager, planWith(services));
    await submitForm(api, caseId, 'plan_approval', coordinator, { decision: 'approved' }, coordinator);
    await eventually(async () => ((await api.get(`/cases/${caseId}`, manager)).body.case?.services?.length ?? 0) === services.length, 'services of the approved plan');
  } else {
    await waitTask(api, caseId, 'plan', manager);
  }
  return { caseId, caseNumber: r.body.case.caseNumber, manager, coordinator, evaluationTaskId: evaluation.taskId, form };
}

export async function rawCaseItem(doc: DynamoDBDocumentClient, caseId: string): Promise<Record<string, unknown> | undefined> {
  return (await doc.send(new GetCommand({ TableName: MAIN, Key: { pk: `CASE#${caseId}`, sk: 'CASE' }, ConsistentRead: true }))).Item;
}

/** Every item of the case's partition (case, history, identity documents, …) plus its task items. */
export async function casePartition(doc: DynamoDBDocumentClient, caseId: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const r = await doc.send(new QueryCommand({ TableName: MAIN, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `CASE#${caseId}` }, ExclusiveStartKey: start, ConsistentRead: true }));
    out.push(...((r.Items ?? []) as Record<string, unknown>[]));
    start = r.LastEvaluatedKey;
  } while (start);
  const tasks = await doc.send(new QueryCommand({ TableName: MAIN, IndexName: 'gsi3', KeyConditionExpression: 'gsi3pk = :p', ExpressionAttributeValues: { ':p': `CASE#${caseId}` } }));
  return [...out, ...((tasks.Items ?? []) as Record<string, unknown>[])];
}

/** A fingerprint of everything stored for a case: changes whenever any of its items is written. */
export async function caseFingerprint(doc: DynamoDBDocumentClient, caseId: string): Promise<string> {
  const items = await casePartition(doc, caseId);
  return JSON.stringify(items.map((i) => [i.pk, i.sk, i.version ?? null, i.status ?? null, i.assigneeId ?? null, (i.draft as { savedAt?: string } | undefined)?.savedAt ?? null]).sort());
}

export async function auditOf(doc: DynamoDBDocumentClient, subjectType: string, subjectId: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const r = await doc.send(new QueryCommand({ TableName: AUDIT, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `${subjectType.toUpperCase()}#${subjectId}` }, ExclusiveStartKey: start, ConsistentRead: true }));
    out.push(...((r.Items ?? []) as Record<string, unknown>[]));
    start = r.LastEvaluatedKey;
  } while (start);
  return out;
}
