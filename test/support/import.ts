/**
 * Synthetic import workbooks for tests: the real template (shared/imports/template.ts) filled with clearly fake
 * children, plans, enrolments, monthly participation and paid months, in the column layout of shared/imports/columns.ts.
 * `syntheticCaseload` makes the whole target group (266 children: 252 prevention, 14 reintegration, 27 Roma) with
 * known expectations for the next monthly run; tests then break chosen rows on purpose.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import ExcelJS from 'exceljs';
import { sheets, sheetSpec, type SheetId } from '../../shared/imports/columns.js';
import { buildTemplate } from '../../shared/imports/template.js';
import { syntheticCnp } from '../../shared/platform/ro/cnp.js';
import { syntheticRoIban } from '../../shared/platform/ro/iban.js';
import { getService } from '../../shared/services/catalogue.js';
import { addCalendarDays, addMonthsToMonth, localDate, monthRange, openDaysInMonth } from '../../shared/platform/calendar.js';
import { dynamoCredentials, entryArgs, ROOT, type RuntimeProcess, type RuntimeUrls } from './runtime.js';
import { eventually, type Api } from './api.js';
import { installChangeJournal } from '../../shared/platform/db/journal.js';

export type CellInput = string | number | Date | null | undefined;
export type RowValues = Record<string, CellInput>;
export type SheetRows = Partial<Record<SheetId, RowValues[]>>;

/** First data row of each sheet: row 1 holds the headers, row 2 the template's example when it is kept. */
export const firstDataRow = (keepExamples: boolean) => (keepExamples ? 3 : 2);

/** The template with `rows` added under each sheet's header (the example rows kept unless told otherwise). */
export async function buildWorkbook(rows: SheetRows, opts: { keepExamples?: boolean } = {}): Promise<Uint8Array> {
  const keep = opts.keepExamples ?? true;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await buildTemplate()) as unknown as ExcelJS.Buffer);
  for (const spec of sheets) {
    const ws = wb.getWorksheet(spec.name)!;
    if (!keep) ws.spliceRows(2, 1);
    let r = firstDataRow(keep);
    for (const values of rows[spec.id] ?? []) {
      const row = ws.getRow(r++);
      spec.columns.forEach((c, i) => { row.getCell(i + 1).value = values[c.key] ?? null; });
      row.commit();
    }
  }
  return new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer);
}

/** A workbook as a plain row list per sheet (what a partner would type, no template): for negative tests. */
export async function rawWorkbook(sheetsIn: Record<string, CellInput[][]>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheetsIn)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer);
}

export const headersOf = (sheet: SheetId) => sheetSpec(sheet).columns.map((c) => c.header);

// ── the synthetic caseload ───────────────────────────────────────────────────────────────────────────────────────

const FIRST = ['Ana', 'Bogdan', 'Carla', 'Dorin', 'Elisa', 'Filip', 'Gina', 'Horia', 'Irina', 'Iosif', 'Lia', 'Matei', 'Nora', 'Ovidiu', 'Paula', 'Radu', 'Sonia', 'Toma'];
const letters = (n: number) => {
  let s = '';
  let x = n;
  do { s = String.fromCharCode(97 + (x % 26)) + s; x = Math.floor(x / 26); } while (x > 0);
  return s;
};

export const addMonths = (month: string, n: number): string => addMonthsToMonth(month, n);
export const monthsFrom = (from: string, to: string): string[] => monthRange(from, to);
const addDays = addCalendarDays;
export const bucharestToday = (now: Date) => localDate(now);

export interface SyntheticCase {
  code: string;
  track: 'prevention' | 'reintegration';
  stage: 'evaluation' | 'services' | 'monitoring' | 'closed';
  serviceId: string | null;
  cohort: '18m' | '12m' | null;
  roma: boolean;
  child: RowValues;
  plan?: RowValues;
  enrolments: RowValues[];
  participation: RowValues[];
  payments: RowValues[];
  /** facts the next monthly run depends on */
  facts: { participationActive: boolean; subsidyConsent: boolean; iban: boolean; runMonthPaid: boolean; importedMonths: string[] };
}

export interface CaseloadOptions {
  now: Date;
  /** the month of the monthly run after the import (its participation is in the file) */
  runMonth: string;
  /** code prefix, unique per test */
  prefix: string;
  /** case managers' user names */
  managers: { DAS: string; DGASPC: string };
  count?: number;
}

/** Children in each service on the prevention track, as the project plans them (117 day centres, 60 Podu Lung, 75 intervention A). */
function preventionService(p: number): string {
  if (p < 58) return 'cz-sf-nicolae';
  if (p < 117) return 'cz-kuncz';
  if (p < 177) return 'cr-podu-lung';
  return 'int-a';
}

export function participationRow(code: string, month: string, serviceId: string, active: boolean): RowValues {
  const service = getService(serviceId)!;
  if (service.type === 'day_centre') {
    // every open day marked (public holidays out): a register with unmarked open days holds the month back (issue #17)
    const days = openDaysInMonth(month, { daysOpen: service.schedule.daysOpen }).length;
    return active
      ? { code, month, service: serviceId, presentDays: days - 3, absentDays: 2, excusedDays: 1 }
      : { code, month, service: serviceId, presentDays: 2, absentDays: days - 3, excusedDays: 1 };
  }
  if (service.type === 'recovery_centre') return { code, month, service: serviceId, sessions: active ? 6 : 1 };
  if (serviceId === 'int-b') return { code, month, service: serviceId, sessions: active ? 3 : 1, parentSessions: active ? 1 : 0 };
  return { code, month, service: serviceId, sessions: active ? 3 : 0 };
}

/**
 * 266 children: 14 on the reintegration track (int-b; three in post-reintegration monitoring), the others in the
 * prevention services; 10 still in evaluation, 8 closed after some paid months; 27 Roma in the day centres; cohorts
 * 18m / 12m. Every child in services has the run month's participation in the file and paid months up to the month
 * before it (every 11th also the run month itself, which the run must not pay again).
 */
export function syntheticCaseload(o: CaseloadOptions): SyntheticCase[] {
  const count = o.count ?? 266;
  const today = bucharestToday(o.now);
  const out: SyntheticCase[] = [];
  let prevention = 0;
  let roma = 0;
  for (let i = 0; i < count; i++) {
    const reintegration = i % 19 === 18;
    const track = reintegration ? 'reintegration' : 'prevention';
    const serviceId = reintegration ? 'int-b' : preventionService(prevention++);
    const stage: SyntheticCase['stage'] = i % 27 === 5 ? 'evaluation' : i % 33 === 7 ? 'closed' : reintegration && i % 3 === 0 ? 'monitoring' : 'services';
    const isRoma = !reintegration && serviceId.startsWith('cz-') && roma < 27 && i % 4 === 1;
    if (isRoma) roma++;
    const code = `${o.prefix}-${String(i + 1).padStart(4, '0')}`;
    const sex = i % 2 ? 'M' : 'F';
    const birthDate = addDays('2010-01-01', (i * 37) % 2900);
    const referralDate = addDays('2025-03-03', i % 60);
    const start = addDays(referralDate, 20);
    const startMonth = start.slice(0, 7);
    const facts = {
      participationActive: i % 9 !== 4,
      subsidyConsent: i % 13 !== 6,
      iban: i % 17 !== 3,
      runMonthPaid: i % 11 === 2,
      importedMonths: [] as string[],
    };
    const manager = track === 'prevention' ? o.managers.DAS : o.managers.DGASPC;
    const child: RowValues = {
      code, track: track === 'prevention' ? 'prevenire' : 'reintegrare',
      stage: { evaluation: 'evaluare', services: 'servicii', monitoring: 'monitorizare', closed: 'închis' }[stage],
      firstName: `${FIRST[i % FIRST.length]} ${letters(i + 27).replace(/^./, (c) => c.toUpperCase())}`, lastName: 'Importescu',
      birthDate: new Date(`${birthDate}T00:00:00Z`), sex, cnp: syntheticCnp(birthDate, sex, 100 + (i % 800)),
      residenceCity: 'Timișoara', ethnicity: isRoma ? 'romă' : i % 5 === 0 ? 'alta' : 'nedeclarată', disability: serviceId === 'cr-podu-lung' ? 'da' : 'nu',
      inSpecialProtection: reintegration ? 'da' : 'nu',
      repFirstName: 'Părinte', repLastName: 'Importescu', repRelation: i % 7 === 0 ? 'tată' : 'mamă',
      iban: facts.iban ? syntheticRoIban(70_000 + i) : null,
      source: 'Școală', referralDate, reason: 'Risc de separare din evidența anterioară (date fictive de test).',
      riskFactors: reintegration ? 'Abuz sau neglijare' : 'Abandon sau risc de abandon școlar; Sărăcie severă',
      caseManager: manager,
      consentDate: addDays(referralDate, 5),
      consentPurposes: facts.subsidyConsent ? 'managementul cazului; servicii; subvenție; prelucrarea datelor' : 'managementul cazului; servicii; prelucrarea datelor',
      sharedWithGal: serviceId === 'int-a' && i % 2 === 0 ? 'da' : 'nu',
    };
    const c: SyntheticCase = { code, track, stage, serviceId: stage === 'evaluation' ? null : serviceId, cohort: null, roma: isRoma, child, enrolments: [], participation: [], payments: [], facts };
    if (stage === 'evaluation') {
      out.push(c);
      continue;
    }
    const cohort = i % 10 < 7 ? '18m' : '12m';
    c.cohort = cohort;
    c.plan = {
      code, approvedOn: addDays(referralDate, 15), cohort: cohort === '18m' ? '18 luni' : '12 luni',
      reviewDate: addDays(today, 10 + (i % 40)),
      objectives: 'Participare regulată la activități; Sprijin pentru părinți', services: serviceId, responsible: 'Responsabil Fictiv',
      ...(i % 4 === 0 ? { observatorNumber: `ONC-TM/2025/${1000 + i}`, observatorDate: addDays(referralDate, 18) } : {}),
    };
    if (stage === 'monitoring') c.child.reintegrationDate = addDays(referralDate, 120);
    if (stage === 'closed') {
      const closedOn = addDays(start, 200);
      c.child.closedOn = closedOn;
      c.child.closureReason = 'Familia s-a mutat';
      c.enrolments.push({ code, service: serviceId, from: start, to: addDays(closedOn, -1), endReason: 'Familia s-a mutat' });
      c.facts.importedMonths = monthsFrom(addMonths(startMonth, 1), addMonths(closedOn.slice(0, 7), -1));
    } else {
      c.enrolments.push({ code, service: serviceId, from: start });
      c.participation.push(participationRow(code, o.runMonth, serviceId, facts.participationActive));
      c.participation.push(participationRow(code, addMonths(o.runMonth, -1), serviceId, true));
      c.facts.importedMonths = monthsFrom(addMonths(startMonth, 1), addMonths(o.runMonth, facts.runMonthPaid ? 0 : -1));
    }
    c.payments = c.facts.importedMonths.map((m, k) => ({ code, month: m, amount: 400, reference: `OP-${m}-${String(i + 1).padStart(4, '0')}-${k}`, paidOn: paidOnFor(m, today) }));
    out.push(c);
  }
  return out;
}

/** The caseload as sheet rows, in case order. */
export function toSheetRows(cases: readonly SyntheticCase[]): SheetRows {
  return {
    children: cases.map((c) => c.child),
    plans: cases.flatMap((c) => (c.plan ? [c.plan] : [])),
    enrolments: cases.flatMap((c) => c.enrolments),
    participation: cases.flatMap((c) => c.participation),
    payments: cases.flatMap((c) => c.payments),
  };
}

/** Where a record of a case lands in its sheet (Excel row number). */
export function rowOf(rows: SheetRows, sheet: SheetId, pick: (r: RowValues) => boolean, keepExamples = true): number {
  const i = (rows[sheet] ?? []).findIndex(pick);
  if (i < 0) throw new Error(`no row in ${sheet}`);
  return i + firstDataRow(keepExamples);
}

export const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

// ── integration helpers (a runtime of the test's own) ────────────────────────────────────────────────────────────


export function importDb(urls: RuntimeUrls): DynamoDBDocumentClient {
  return installChangeJournal(DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: urls.dynamodb, region: 'eu-central-1', credentials: dynamoCredentials(urls), maxAttempts: 8 }), {
    marshallOptions: { removeUndefinedValues: true },
  }));
}

export async function queryAll(doc: DynamoDBDocumentClient, input: { IndexName?: string; KeyConditionExpression: string; ExpressionAttributeValues: Record<string, unknown> }, table = 'vatra-main'): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const r = await doc.send(new QueryCommand({ TableName: table, ...input, ExclusiveStartKey: start }));
    out.push(...((r.Items ?? []) as Record<string, unknown>[]));
    start = r.LastEvaluatedKey;
  } while (start);
  return out;
}

/**
 * Everything stored about some cases (their partitions, ledgers, the items that name them in gsi3, their import keys),
 * the capacity counters and which cases each institution lists (gsi1), as sorted JSON. Read with one scan of the main
 * table in four parallel segments, filtered on the server to those item families (the test's runtime has a database
 * of its own): 266 cases were ~800 queries per snapshot (decision 018, Session 12).
 */
export async function snapshot(doc: DynamoDBDocumentClient, caseIds: readonly string[], importKeys: readonly string[], table = 'vatra-main'): Promise<string> {
  const ids = new Set(caseIds);
  const keys = new Set(importKeys);
  const idOf = (v: unknown, prefix: string) => (typeof v === 'string' && v.startsWith(prefix) ? v.slice(prefix.length) : undefined);
  const items: Record<string, unknown>[] = [];
  const SEGMENTS = 4;
  await Promise.all(Array.from({ length: SEGMENTS }, async (_, segment) => {
    let start: Record<string, unknown> | undefined;
    do {
      const r = await doc.send(new ScanCommand({
        TableName: table,
        Segment: segment,
        TotalSegments: SEGMENTS,
        ConsistentRead: true,
        FilterExpression: 'begins_with(pk, :case) OR begins_with(pk, :paid) OR begins_with(pk, :import) OR pk = :capacity OR begins_with(gsi3pk, :case) OR begins_with(gsi1pk, :inst)',
        ExpressionAttributeValues: { ':case': 'CASE#', ':paid': 'PAID#', ':import': 'IMPORT#', ':capacity': 'CAPACITY', ':inst': 'INST#' },
        ExclusiveStartKey: start,
      }));
      items.push(...((r.Items ?? []) as Record<string, unknown>[]));
      start = r.LastEvaluatedKey;
    } while (start);
  }));
  // by primary key, code unit by code unit (no collation: every key sorts the same way everywhere)
  const keyOf = (i: Record<string, unknown>) => `${String(i.pk)}\u0000${String(i.sk)}`;
  items.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  const inst: Record<string, string[]> = {};
  for (const i of items) {
    const n = idOf(i.gsi1pk, 'INST#');
    if (!n || !['DAS', 'DGASPC', 'GAL'].includes(n)) continue;
    const list = inst[n] ?? [];
    list.push(String(i.pk));
    inst[n] = list;
  }
  return JSON.stringify({
    partitions: items.filter((i) => ids.has(idOf(i.pk, 'CASE#') ?? '') || ids.has(idOf(i.pk, 'PAID#') ?? '')),
    gsi3: items.filter((i) => ids.has(idOf(i.gsi3pk, 'CASE#') ?? '')),
    imports: items.filter((i) => keys.has(idOf(i.pk, 'IMPORT#') ?? '')),
    capacity: items.filter((i) => i.pk === 'CAPACITY'),
    inst: Object.fromEntries(Object.entries(inst).map(([k, v]) => [k, v.sort()])),
  });
}

/** Run the command-line import against a runtime started by the test (its ports, data folder and field key). */
export function runCli(rt: Pick<RuntimeProcess, 'dataDir' | 'ports' | 'urls'>, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {};
  // the runtime's database is its key's AND its region's: no VATRA_ settings, profile or session of the shell
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('VATRA_') && k !== 'AWS_PROFILE' && k !== 'AWS_SESSION_TOKEN') env[k] = v;
  const child = spawn(resolve(ROOT, 'node_modules', '.bin', 'node'), [...entryArgs('scripts/import-caseload.ts'), ...args, '--local'], {
    cwd: ROOT,
    env: {
      ...env,
      VATRA_DATA_DIR: rt.dataDir,
      // the runtime's database: its DynamoDB Local (the shared JVM of the tests, with the runtime's own access key)
      VATRA_ENDPOINT_DYNAMODB: rt.urls.dynamodb,
      AWS_ACCESS_KEY_ID: dynamoCredentials(rt.urls).accessKeyId,
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_REGION: 'eu-central-1',
      VATRA_SFN_PORT: String(rt.ports.sfn),
      VATRA_LOG_LEVEL: 'ERROR',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  return new Promise((res) => child.once('exit', (code) => res({ code: code ?? -1, stdout, stderr })));
}

export { parseCsv } from './csv.js';

/** Wait for a subsidy run to reach one of `statuses`. */
export async function waitRunStatus(api: Api, runId: string, statuses: readonly string[], as = 'coord.das'): Promise<any> {
  return eventually(async () => {
    const r = await api.get(`/subsidy-runs/${runId}`, as);
    if (r.status !== 200) throw new Error(`GET run ${r.status} ${JSON.stringify(r.body)}`);
    if (r.body.run.status === 'failed') throw new Error(`run failed: ${JSON.stringify(r.body.run.failure)}`);
    return statuses.includes(r.body.run.status) ? r.body.run : undefined;
  }, `run ${runId} ${statuses.join('|')}`, 180_000);
}

export async function runLines(api: Api, runId: string, as = 'coord.das'): Promise<any[]> {
  const out: any[] = [];
  let cursor: string | null = null;
  do {
    const q: string = `filter=all&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const r: { status: number; body: any } = await api.get(`/subsidy-runs/${runId}/lines?${q}`, as);
    if (r.status !== 200) throw new Error(`lines ${r.status} ${JSON.stringify(r.body)}`);
    out.push(...r.body.items);
    cursor = r.body.cursor ?? null;
  } while (cursor);
  return out;
}

/** A binary answer (the template) as bytes. */
export async function download(api: Api, path: string, as: string): Promise<{ status: number; bytes: Uint8Array; headers: Headers }> {
  const token = await api.token(as);
  const r = await fetch(`${api.urls.api}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: r.status, bytes: new Uint8Array(await r.arrayBuffer()), headers: r.headers };
}

/** Payments go out on the 10th of the following month, or earlier when that day is still ahead (never in the future). */
function paidOnFor(month: string, today: string): string {
  const usual = `${addMonths(month, 1)}-10`;
  return usual > today ? today : usual;
}
