/**
 * The daily attendance sheet of a day-centre group: read it (the children enrolled that day, their marks) and save
 * it in one request. A save writes the changed marks and the matching monthly summary deltas in one transaction
 * (guarded by the sheet's version: a stale sheet gets 409). After the month is closed every change needs a reason
 * and is stored as a correction. A sheet with more changed rows than fit one transaction (100 items) is written in
 * consecutive transactions, each whole rows only — see docs/decisions/007-participation-registers.md.
 */
import { closuresOf, serviceCalendar } from './closures.js';
import { ulid } from 'ulid';
import type { Principal } from '../platform/auth/principal.js';
import { attendanceMarkSchema, attendanceStatusLabels, excuseReasonLabels, type AttendanceMark } from './model.js';
import type { CaseRecord } from '../cases/index.js';
import { conflict, invalid } from '../platform/errors.js';
import type { RequestInfo } from '../cases/index.js';
import type { PathwayDeps } from '../cases/index.js';
import { EnrolmentStore, type EnrolmentRecord } from './enrolment-store.js';
import { RegisterStore, type MarkRecord } from './register-store.js';
import type { TransactItem } from '../cases/index.js';
import { auditChildren, authorizeService, groupOr404, seesFullNames, serviceOr404, type ServiceRole } from './access.js';
import { bucharestToday, monthOf } from './calendar.js';
import { closedMonthDelta, childLabel, enrolledDaysIn, packChunks, registerDateError, sheetChanges } from './rules/registers.js';

export interface SheetRow {
  caseId: string;
  caseNumber: string;
  enrolmentId: string;
  child: string;
  mark: AttendanceMark | null;
  markLabel: string | null;
  recordedBy?: string | undefined;
  recordedAt?: string | undefined;
}

export interface SheetView {
  serviceId: string;
  groupId: string;
  date: string;
  /** send it back with the save; 0 = nothing saved yet */
  version: number;
  monthClosed: boolean;
  rows: SheetRow[];
  updatedAt?: string | undefined;
  updatedBy?: string | undefined;
}

export interface SheetSaveInput {
  version: number;
  marks: { caseId: string; mark: AttendanceMark | null }[];
  correctionReason?: string | undefined;
}

const markLabel = (m: AttendanceMark | null | undefined) =>
  !m ? null : m.status === 'excused' ? `${attendanceStatusLabels.excused} (${excuseReasonLabels[m.excuseReason].toLowerCase()})` : attendanceStatusLabels[m.status];

function dayCentreOnly(service: ReturnType<typeof serviceOr404>) {
  if (service.type !== 'day_centre') {
    throw invalid('NO_ATTENDANCE_SHEET', `${service.shortName} ține evidența pe ședințe, nu pe foaie de prezență zilnică.`);
  }
}

/** The children of a sheet in one BatchGetItem (not one GetItem per child). */
function casesOf(d: PathwayDeps, ids: readonly string[]): Promise<Map<string, CaseRecord>> {
  return d.cases.byIds(ids);
}

function view(
  key: { serviceId: string; groupId: string; date: string },
  enrolled: readonly EnrolmentRecord[],
  marks: ReadonlyMap<string, MarkRecord>,
  cases: ReadonlyMap<string, CaseRecord>,
  role: ServiceRole,
  header: { version: number; updatedAt?: string | undefined; updatedBy?: string | undefined },
  monthClosed: boolean,
): SheetView {
  const full = seesFullNames(role);
  const rows = enrolled
    .map((e): SheetRow => {
      const c = cases.get(e.caseId);
      const m = marks.get(e.caseId);
      return {
        caseId: e.caseId, caseNumber: e.caseNumber, enrolmentId: e.enrolmentId, child: c ? childLabel(c.child, full) : e.caseNumber,
        mark: m?.mark ?? null, markLabel: markLabel(m?.mark), recordedBy: m?.recordedByName, recordedAt: m?.recordedAt,
      };
    })
    .sort((a, b) => a.child.localeCompare(b.child, 'ro') || a.caseNumber.localeCompare(b.caseNumber));
  return { ...key, version: header.version, monthClosed, rows, updatedAt: header.updatedAt, updatedBy: header.updatedBy };
}

async function prepare(d: PathwayDeps, p: Principal, serviceId: string, groupId: string, date: string, action: string, req: RequestInfo) {
  const service = serviceOr404(serviceId);
  groupOr404(service, groupId);
  const role = await authorizeService(d, p, service, action, `sheet:${serviceId}:${groupId}:${date}`, req);
  dayCentreOnly(service);
  const closures = await closuresOf(d.db, serviceId);
  const dateErr = registerDateError(service, date, bucharestToday(d.now()), serviceCalendar(service, closures));
  if (dateErr) throw invalid(dateErr.code, dateErr.message, [{ path: 'date', message: dateErr.message, code: dateErr.code }]);
  const registers = new RegisterStore(d.db);
  const [enrolled, sheet, close] = await Promise.all([
    new EnrolmentStore(d.db).activeOn(serviceId, groupId, date),
    registers.sheet(serviceId, groupId, date),
    registers.monthClose(monthOf(date)),
  ]);
  return { service, role, enrolled, sheet, monthClosed: close !== undefined, registers, closures };
}

/** The sheet of a group for a day: every child holding a place that day, with the marks saved so far. */
export async function getSheet(d: PathwayDeps, p: Principal, serviceId: string, groupId: string, date: string, req: RequestInfo): Promise<SheetView> {
  const { role, enrolled, sheet, monthClosed } = await prepare(d, p, serviceId, groupId, date, 'attendance.read', req);
  const cases = await casesOf(d, enrolled.map((e) => e.caseId));
  await auditChildren(d, p, 'attendance.read', [...cases.values()], req, () => ({ serviceId, groupId, date }));
  const marks = new Map(sheet.marks.map((m) => [m.caseId, m]));
  return view({ serviceId, groupId, date }, enrolled, marks, cases, role, { version: sheet.header?.version ?? 0, updatedAt: sheet.header?.updatedAt, updatedBy: sheet.header?.updatedByName }, monthClosed);
}

/** Save the sheet in one request. Returns the sheet as saved and the number of rows changed. */
export async function saveSheet(d: PathwayDeps, p: Principal, serviceId: string, groupId: string, date: string, input: SheetSaveInput, req: RequestInfo): Promise<{ sheet: SheetView; changed: number }> {
  const { service, role, enrolled, sheet, monthClosed, registers, closures } = await prepare(d, p, serviceId, groupId, date, 'attendance.write', req);
  const byCase = new Map(enrolled.map((e) => [e.caseId, e]));
  const seen = new Set<string>();
  const fields: { path: string; message: string; code: string }[] = [];
  for (const [i, r] of input.marks.entries()) {
    if (!byCase.has(r.caseId)) fields.push({ path: `marks.${i}.caseId`, message: 'Copilul nu este înscris în această grupă în ziua respectivă', code: 'NOT_ENROLLED_ON_DATE' });
    else if (seen.has(r.caseId)) fields.push({ path: `marks.${i}.caseId`, message: 'Copilul apare de două ori pe foaie', code: 'DUPLICATE_ROW' });
    seen.add(r.caseId);
    if (r.mark) {
      const parsed = attendanceMarkSchema.safeParse(r.mark);
      if (!parsed.success) for (const issue of parsed.error.issues) fields.push({ path: [`marks.${i}.mark`, ...issue.path.map(String)].join('.'), message: issue.message, code: issue.code });
    }
  }
  if (fields.length) throw invalid(fields[0]!.code === 'NOT_ENROLLED_ON_DATE' || fields[0]!.code === 'DUPLICATE_ROW' ? fields[0]!.code : 'VALIDATION_FAILED', 'Foaia de prezență conține erori. Verificați rândurile marcate.', fields);

  const currentVersion = sheet.header?.version ?? 0;
  if (input.version !== currentVersion) {
    throw conflict('SHEET_VERSION_CONFLICT', 'Foaia de prezență a fost modificată de altcineva între timp. Reîncărcați foaia și refaceți modificările.', { currentVersion });
  }
  const current = new Map(sheet.marks.map((m) => [m.caseId, m]));
  const changes = sheetChanges(new Map([...current].map(([k, v]) => [k, v.mark])), input.marks);
  // the children (names for the answer, institutions for the audit) are read while the transaction is written
  const casesRead = casesOf(d, enrolled.map((e) => e.caseId));
  casesRead.catch(() => undefined);
  if (changes.length === 0) {
    const cases = await casesRead;
    return { sheet: view({ serviceId, groupId, date }, enrolled, current, cases, role, { version: currentVersion, updatedAt: sheet.header?.updatedAt, updatedBy: sheet.header?.updatedByName }, monthClosed), changed: 0 };
  }
  const reason = input.correctionReason?.trim();
  if (monthClosed && !reason) {
    throw invalid('CORRECTION_REASON_REQUIRED', `Luna ${monthOf(date)} este închisă pentru subvenție: orice modificare este o corectură și cere un motiv.`, [
      { path: 'correctionReason', message: 'Motivul corecturii este obligatoriu pentru o lună închisă', code: 'CORRECTION_REASON_REQUIRED' },
    ]);
  }

  const now = d.now();
  const at = now.toISOString();
  const month = monthOf(date);
  const nextVersion = currentVersion + 1;
  const rows: { size: number; value: TransactItem[] }[] = [];
  const next = new Map(current);
  for (const ch of changes) {
    const enrolment = byCase.get(ch.caseId)!;
    const before = current.get(ch.caseId);
    const after: MarkRecord | undefined = ch.after
      ? { caseId: ch.caseId, serviceId, groupId, date, mark: ch.after, recordedBy: p.userId, recordedByName: p.displayName, recordedAt: at }
      : undefined;
    const delta = closedMonthDelta(ch.delta, monthClosed);
    // enrolled days of the month: only filled in when the summary is new (enrolment changes keep it up to date)
    const enrolledDays = enrolledDaysIn(month, service, [enrolment], closures);
    const items: TransactItem[] = [
      registers.markItem(before, after, { serviceId, groupId, date, caseId: ch.caseId }),
      registers.summaryUpdateItem({ caseId: ch.caseId, month, serviceId }, delta, at, { value: enrolledDays, mode: 'ifMissing' }, monthClosed ? at : undefined),
    ];
    if (monthClosed) {
      items.push(registers.correctionItem({
        correctionId: ulid(now.getTime()), kind: 'attendance', caseId: ch.caseId, serviceId, month, date, before: ch.before ?? null, after: ch.after ?? null, delta,
        reason: reason!, author: { userId: p.userId, displayName: p.displayName }, at, status: 'pending',
      }));
    }
    rows.push({ size: items.length, value: items });
    if (after) next.set(ch.caseId, after);
    else next.delete(ch.caseId);
  }

  const header = { serviceId, groupId, date, version: nextVersion, updatedAt: at, updatedBy: p.userId, updatedByName: p.displayName };
  const chunks = packChunks(rows, 2);
  for (const [i, chunk] of chunks.entries()) {
    const fixed: TransactItem[] = [
      i === 0 ? registers.sheetHeaderItem(header) : registers.sheetVersionCheckItem(serviceId, groupId, date, nextVersion),
      ...(monthClosed ? [] : [registers.monthOpenCheckItem(month)]),
    ];
    const written = await registers.write([...fixed, ...chunk.flat()]);
    if (!written.written) {
      const { reasons } = written;
      if (!monthClosed && reasons[1] === 'ConditionalCheckFailed') {
        throw conflict('MONTH_CLOSED', `Luna ${month} a fost închisă chiar acum. Reîncărcați foaia: modificările cer acum un motiv de corectură.`);
      }
      if (reasons.includes('ConditionalCheckFailed') || reasons.includes('TransactionConflict')) {
        throw conflict('SHEET_VERSION_CONFLICT', i === 0
          ? 'Foaia de prezență a fost modificată de altcineva între timp. Reîncărcați foaia și refaceți modificările.'
          : `Foaia a fost salvată doar parțial (${i} din ${chunks.length} părți) pentru că altcineva a modificat-o între timp. Reîncărcați foaia și verificați.`, { currentVersion: nextVersion });
      }
      throw written.error;
    }
  }
  const changedIds = new Set(changes.map((c) => c.caseId));
  const cases = await casesRead;
  await auditChildren(d, p, 'attendance.write', [...cases.values()], req, (c) => ({ serviceId, groupId, date, changed: changedIds.has(c.caseId), ...(monthClosed ? { correction: true } : {}) }));
  return { sheet: view({ serviceId, groupId, date }, enrolled, next, cases, role, { version: nextVersion, updatedAt: at, updatedBy: p.displayName }, monthClosed), changed: changes.length };
}
