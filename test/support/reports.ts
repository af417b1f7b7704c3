/** Helpers for the reporting integration test: cases with chosen attributes, and direct reads/writes of stand-in items. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { localTableName } from '../../local/dynamo.js';
import { auditTable, mainTable } from '../../shared/platform/db/tables.js';
import type { Api } from './api.js';
import { eventually } from './api.js';
import { closureForm, evaluationForm, isoDay, letters, planForm, referralForm, reviewForm, waitTask } from './fixtures.js';
import { dynamoCredentials, type RuntimeUrls } from './runtime.js';
import { installChangeJournal } from '../../shared/platform/db/journal.js';

export interface ReportCaseSpec {
  label: string;
  track: 'prevention' | 'reintegration';
  roma: boolean;
  /** the plan's service; null = the case stays at evaluation */
  service: string | null;
  cohort?: '18m' | '12m';
  /** evaluation decides the child is not in the target group */
  notEligible?: boolean;
  observator?: boolean;
  /** closed after the first review with this reason */
  close?: 'objectives_met' | 'moved_away' | 'separated';
  /** reintegration track: reintegrated, monitored, closed as reintegrated_monitored */
  reintegrate?: boolean;
}

export interface CreatedCase extends ReportCaseSpec {
  caseId: string;
  caseNumber: string;
  institution: 'DAS' | 'DGASPC';
  manager: string;
  coordinator: string;
}

let n = 0;

/**
 * Like fixtures' completeTask, but retries a 409 VERSION_CONFLICT caused by a workflow step writing the case at the
 * same moment (the storage version moved while the edit version did not — see the report to the lead).
 */
export async function completeTask(api: Api, caseId: string, kind: string, as: string, form: unknown, viewer = as) {
  const task = await waitTask(api, caseId, kind, viewer);
  for (let attempt = 0; ; attempt++) {
    const c = await api.get(`/cases/${caseId}`, viewer);
    const r = await api.post(`/tasks/${task.taskId}/submit`, as, { expectedVersion: c.body.case.version, form });
    if (r.status === 200) return r.body;
    if (r.status !== 409 || r.body.error?.code !== 'VERSION_CONFLICT' || attempt >= 5) throw new Error(`submit ${kind} failed: ${r.status} ${JSON.stringify(r.body)}`);
    await new Promise((res) => setTimeout(res, 50 * (attempt + 1)));
  }
}

export async function createReportCase(api: Api, spec: ReportCaseSpec): Promise<CreatedCase> {
  n += 1;
  const dgaspc = spec.track === 'reintegration';
  const manager = dgaspc ? 'manager.dgaspc' : 'manager.das';
  const coordinator = dgaspc ? 'coord.dgaspc' : 'coord.das';
  const form = referralForm({ track: spec.track });
  const tag = letters(Date.now() % 100_000 + n * 7);
  form.child.ethnicity = spec.roma ? 'roma' : 'not_declared';
  // a distinct legal representative per case (identity-document counts are per person)
  form.legalRepresentative = { ...form.legalRepresentative, firstName: `Reprezentant ${tag}`, lastName: `Raportescu ${letters(n + 3)}` };
  const r = await api.post('/referrals', manager, form);
  if (r.status !== 201) throw new Error(`referral ${spec.label}: ${r.status} ${JSON.stringify(r.body)}`);
  const c = { ...spec, caseId: r.body.case.caseId as string, caseNumber: r.body.case.caseNumber as string, institution: (dgaspc ? 'DGASPC' : 'DAS') as 'DAS' | 'DGASPC', manager, coordinator };
  if (spec.service === null) return c;
  if (spec.notEligible) {
    await completeTask(api, c.caseId, 'evaluation', manager, evaluationForm('close'));
    await completeTask(api, c.caseId, 'closure', manager, closureForm('not_eligible'));
    await waitStatus(api, c, 'closed');
    return c;
  }
  await completeTask(api, c.caseId, 'evaluation', manager, evaluationForm());
  await completeTask(api, c.caseId, 'plan', manager, { ...planForm(spec.service), cohort: spec.cohort ?? '18m' });
  await completeTask(api, c.caseId, 'plan_approval', coordinator, { decision: 'approved' }, coordinator);
  if (spec.observator) {
    await completeTask(api, c.caseId, 'observator_registration', manager, { registrationNumber: `ONC-TM/2026/${n}`, registrationDate: isoDay(0) });
  }
  if (spec.close) {
    await completeTask(api, c.caseId, 'review', manager, reviewForm('close'));
    await completeTask(api, c.caseId, 'closure', manager, closureForm(spec.close));
    await waitStatus(api, c, 'closed');
  }
  if (spec.reintegrate) {
    await completeTask(api, c.caseId, 'review', manager, reviewForm('reintegrate'));
    await completeTask(api, c.caseId, 'reintegration', manager, { decision: 'reintegrated', reintegrationDate: isoDay(0), notes: 'Copilul s-a întors acasă (test raportare).' });
    await completeTask(api, c.caseId, 'monitoring_review', manager, reviewForm('close'));
    await completeTask(api, c.caseId, 'closure', manager, closureForm('reintegrated_monitored'));
    await waitStatus(api, c, 'closed');
  }
  return c;
}

async function waitStatus(api: Api, c: { caseId: string; manager: string }, status: 'open' | 'closed') {
  await eventually(async () => (await api.get(`/cases/${c.caseId}`, c.manager)).body.case?.status === status, `case ${c.caseId} ${status}`);
}

/** Run `fn` over `items`, at most `limit` at a time. */
export async function inBatches<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += limit) out.push(...(await Promise.all(items.slice(i, i + limit).map(fn))));
  return out;
}

export function documentClient(urls: RuntimeUrls): DynamoDBDocumentClient {
  return installChangeJournal(DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: urls.dynamodb, region: 'eu-central-1', credentials: dynamoCredentials(urls) })));
}

/**
 * A paid month in the subsidy ledger (`PAID#<caseId>` / `<YYYY-MM>`), as the monthly run's MarkPaid step writes it.
 * The reporting test seeds the ledger directly: the run itself is tested by the subsidy suite.
 */
export async function seedPaidMonth(doc: DynamoDBDocumentClient, caseId: string, month: string, amountLei = 400): Promise<void> {
  await doc.send(new PutCommand({
    TableName: localTableName(mainTable),
    Item: { pk: `PAID#${caseId}`, sk: month, entity: 'paid', caseId, month, amount: amountLei, runId: 'report-test-run', paidAt: new Date().toISOString() },
    ConditionExpression: 'attribute_not_exists(pk)',
  }));
}

export async function auditEntries(doc: DynamoDBDocumentClient, subjectType: string, subjectId: string): Promise<Record<string, unknown>[]> {
  const r = await doc.send(new QueryCommand({ TableName: localTableName(auditTable), KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `${subjectType.toUpperCase()}#${subjectId}` } }));
  return (r.Items ?? []) as Record<string, unknown>[];
}
