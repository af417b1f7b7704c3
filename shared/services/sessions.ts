/**
 * Session records of the interventions and the recovery centre (also usable by day centres): individual, group or
 * family sessions, child and/or parent present, activity from the service's catalogue, duration, professional.
 * Intervention B's parents' counselling and parenting-skills sessions are recorded as parents' sessions.
 * One record per child; a group session's records share a `sessionGroupId`. Each record is written with its
 * monthly summary delta in one transaction; after the month is closed, a change needs a reason and is a correction.
 */
import { ulid } from 'ulid';
import type { Principal } from '../platform/auth/principal.js';
import { sessionKindLabels, type Service, type SessionKind } from './catalogue.js';
import type { CaseRecord } from '../cases/index.js';
import { sessionRecordSchema, type SessionRecord } from './model.js';
import { conflict, notFound, invalid, type FieldError, isRefusal } from '../platform/errors.js';
import type { RequestInfo } from '../cases/index.js';
import type { PathwayDeps } from '../cases/index.js';
import type { TransactItem } from '../cases/index.js';
import { EnrolmentStore, type EnrolmentRecord } from './enrolment-store.js';
import { RegisterStore, sessionRequestKey, type StoredSession } from './register-store.js';
import { UserStore } from '../cases/index.js';
import { isUserId } from '../cases/index.js';
import { auditChildren, authorizeService, seesFullNames, serviceOr404, serviceRole } from './access.js';
import { bucharestToday, monthOf } from './calendar.js';
import { registerPolicy } from './config.js';
import { closuresOf } from './closures.js';
import { childLabel, closedMonthDelta, enrolledDaysIn, heldOn, isZeroDelta, packChunks, registerDateError, sessionChangeDelta } from './rules/registers.js';

export interface SessionInput {
  date: string;
  kind: SessionKind;
  activityType: string;
  durationMinutes: number;
  /** user id of the professional who held the session; default the caller */
  professional?: string | undefined;
  groupId?: string | undefined;
  note?: string | undefined;
  participants: { caseId: string; childPresent: boolean; parentPresent: boolean }[];
  /** a double-clicked save is recorded once */
  clientRequestId?: string | undefined;
  correctionReason?: string | undefined;
}

export interface SessionCorrectionInput {
  kind?: SessionKind | undefined;
  activityType?: string | undefined;
  durationMinutes?: number | undefined;
  childPresent?: boolean | undefined;
  parentPresent?: boolean | undefined;
  note?: string | undefined;
  /** the session did not take place / was recorded by mistake */
  cancelled?: boolean | undefined;
  correctionReason?: string | undefined;
}

export interface SessionView extends StoredSession {
  child: string;
  kindLabel: string;
  activityLabel: string;
}

/** The register fields of a stored session, exactly (the domain's deltas compare records key by key). */
export function sessionRecordOf(s: SessionRecord): SessionRecord {
  return {
    caseId: s.caseId, serviceId: s.serviceId, date: s.date, kind: s.kind, childPresent: s.childPresent, parentPresent: s.parentPresent,
    ...(s.parentSessionType ? { parentSessionType: s.parentSessionType } : {}),
    activityType: s.activityType, durationMinutes: s.durationMinutes, professional: s.professional,
  };
}

/** A parents' activity (Intervention B) attended by a parent is a parents' session of that type. */
function parentSessionTypeFor(service: Service, activityType: string, parentPresent: boolean): SessionRecord['parentSessionType'] {
  const a = service.activities.find((x) => x.code === activityType);
  return a?.parentSession && parentPresent ? (a.code as SessionRecord['parentSessionType']) : undefined;
}

function closedReasonError(month: string) {
  return invalid('CORRECTION_REASON_REQUIRED', `Luna ${month} este închisă pentru subvenție: orice modificare este o corectură și cere un motiv.`, [
    { path: 'correctionReason', message: 'Motivul corecturii este obligatoriu pentru o lună închisă', code: 'CORRECTION_REASON_REQUIRED' },
  ]);
}

function toView(s: StoredSession, service: Service, c: CaseRecord | undefined, full: boolean): SessionView {
  return {
    ...s,
    child: c ? childLabel(c.child, full) : s.caseId,
    kindLabel: sessionKindLabels[s.kind],
    activityLabel: service.activities.find((a) => a.code === s.activityType)?.label ?? s.activityType,
  };
}

/** Record a session for one or more children (one transaction per ≤ 100 items). */
export async function recordSessions(d: PathwayDeps, p: Principal, serviceId: string, input: SessionInput, req: RequestInfo): Promise<{ sessionGroupId: string; sessions: SessionView[]; duplicate: boolean }> {
  const service = serviceOr404(serviceId);
  const role = await authorizeService(d, p, service, 'session.write', `sessions:${serviceId}:${input.date}`, req);
  const registers = new RegisterStore(d.db);
  const now = d.now();
  const at = now.toISOString();
  const today = bucharestToday(now);
  const fields: FieldError[] = [];
  // public holidays and the service's closures: no session is recorded on a day the service is closed
  const closures = await closuresOf(d.db, serviceId);
  const dateErr = registerDateError(service, input.date, today, { closures });
  if (dateErr) throw invalid(dateErr.code, dateErr.message, [{ path: 'date', message: dateErr.message, code: dateErr.code }]);
  if (input.groupId && !service.groups.some((g) => g.id === input.groupId)) fields.push({ path: 'groupId', message: 'Grupă necunoscută', code: 'UNKNOWN_GROUP' });
  if (input.kind !== 'group' && input.participants.length !== 1) {
    fields.push({ path: 'participants', message: `O ședință ${sessionKindLabels[input.kind].toLowerCase()} are un singur copil`, code: 'ONE_PARTICIPANT' });
  }
  // the professional named is someone who works in this service (a colleague), never a made-up or outside id
  if (input.professional && input.professional !== p.userId) {
    const named = isUserId(input.professional) ? await new UserStore(d.db).get(input.professional) : undefined;
    if (!named || !serviceRole(named, service)) fields.push({ path: 'professional', message: 'Alegeți un profesionist care lucrează la acest serviciu', code: 'PROFESSIONAL_NOT_IN_SERVICE' });
  }
  if (input.participants.length > registerPolicy.maxRowsPerSave.value) fields.push({ path: 'participants', message: `Cel mult ${registerPolicy.maxRowsPerSave.value} participanți`, code: 'TOO_MANY_PARTICIPANTS' });

  const ids = input.participants.map((x) => x.caseId);
  const enrolmentStore = new EnrolmentStore(d.db);
  // the places held that day, read by group (a few index queries instead of one per child)
  const [held, casesList, close] = await Promise.all([
    Promise.all(service.groups.map((g) => enrolmentStore.activeOn(serviceId, g.id, input.date))).then((l) => l.flat()),
    d.cases.byIds(ids),
    registers.monthClose(monthOf(input.date)),
  ]);
  const enrolmentsByCase = new Map<string, EnrolmentRecord[]>();
  for (const e of held) enrolmentsByCase.set(e.caseId, [...(enrolmentsByCase.get(e.caseId) ?? []), e]);
  const cases = casesList;
  const monthClosed = close !== undefined;
  const seen = new Set<string>();
  const sessionGroupId = ulid(now.getTime());
  const records: StoredSession[] = [];
  for (const [i, part] of input.participants.entries()) {
    const enrolments: EnrolmentRecord[] = enrolmentsByCase.get(part.caseId) ?? [];
    if (!cases.has(part.caseId) || !enrolments.some((e) => heldOn(e, input.date))) {
      fields.push({ path: `participants.${i}.caseId`, message: `Copilul nu este înscris la ${service.shortName} în ziua respectivă`, code: 'NOT_ENROLLED_ON_DATE' });
      continue;
    }
    if (seen.has(part.caseId)) fields.push({ path: `participants.${i}.caseId`, message: 'Copilul apare de două ori', code: 'DUPLICATE_ROW' });
    seen.add(part.caseId);
    const parentSessionType = parentSessionTypeFor(service, input.activityType, part.parentPresent);
    const record: SessionRecord = {
      caseId: part.caseId, serviceId, date: input.date, kind: input.kind, childPresent: part.childPresent, parentPresent: part.parentPresent,
      ...(parentSessionType ? { parentSessionType } : {}), activityType: input.activityType, durationMinutes: input.durationMinutes, professional: input.professional ?? p.userId,
    };
    const parsed = sessionRecordSchema.safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path.map(String);
        const where = ['childPresent', 'parentPresent'].includes(path[0] ?? '') ? [`participants.${i}`, ...path] : path;
        fields.push({ path: where.join('.'), message: issue.message, code: issue.code });
      }
      continue;
    }
    if (!part.childPresent && !part.parentPresent) {
      fields.push({ path: `participants.${i}`, message: 'Marcați cine a fost prezent (copilul și/sau părintele)', code: 'NOBODY_PRESENT' });
      continue;
    }
    records.push({
      ...sessionRecordOf(record), sessionId: ulid(now.getTime()), sessionGroupId, ...(input.groupId ? { groupId: input.groupId } : {}), ...(input.note ? { note: input.note } : {}),
      recordedBy: p.userId, recordedByName: p.displayName, recordedAt: at, version: 1,
    });
  }
  if (fields.length) {
    const unique = new Map(fields.map((f) => [`${f.path}|${f.message}`, f]));
    throw invalid('VALIDATION_FAILED', 'Ședința conține erori. Verificați câmpurile marcate.', [...unique.values()]);
  }
  const reason = input.correctionReason?.trim();
  if (monthClosed && !reason) throw closedReasonError(monthOf(input.date));

  const month = monthOf(input.date);
  const rows = records.map((s) => {
    const delta = closedMonthDelta(sessionChangeDelta(undefined, sessionRecordOf(s)), monthClosed);
    const items: TransactItem[] = [
      registers.sessionPutItem(s),
      // enrolled days: only filled in when the summary is new (enrolment changes of the month keep it exact)
      registers.summaryUpdateItem({ caseId: s.caseId, month, serviceId }, delta, at, { value: enrolledDaysIn(month, service, enrolmentsByCase.get(s.caseId) ?? [], closures), mode: 'ifMissing' }, monthClosed ? at : undefined),
    ];
    if (monthClosed) {
      items.push(registers.correctionItem({
        correctionId: ulid(now.getTime()), kind: 'session', caseId: s.caseId, serviceId, month, date: s.date, before: null, after: sessionRecordOf(s), delta,
        reason: reason!, author: { userId: p.userId, displayName: p.displayName }, at, status: 'pending',
      }));
    }
    return { size: items.length, value: items };
  });
  // the request id is the caller's, for this service: another user's (or service's) id can never answer for it
  const requestKey = input.clientRequestId ? sessionRequestKey(p.userId, serviceId, input.clientRequestId) : undefined;
  const chunks = packChunks(rows, 2);
  for (const [i, chunk] of chunks.entries()) {
    const fixed: TransactItem[] = [];
    if (!monthClosed) fixed.push(registers.monthOpenCheckItem(month));
    if (requestKey && i === 0) {
      fixed.push(registers.sessionRequestPutItem(requestKey, { sessionGroupId, sessions: records.map((r) => ({ caseId: r.caseId, sessionId: r.sessionId })) }, now));
    }
    const written = await registers.write([...fixed, ...chunk.flat()]);
    if (!written.written) {
      const { reasons } = written;
      const reqIndex = monthClosed ? 0 : 1;
      if (requestKey && i === 0 && reasons[reqIndex] === 'ConditionalCheckFailed') return previousRequest(d, requestKey, service, role);
      if (!monthClosed && reasons[0] === 'ConditionalCheckFailed') throw conflict('MONTH_CLOSED', `Luna ${month} a fost închisă chiar acum. Reîncărcați: înregistrarea cere acum un motiv de corectură.`);
      if (reasons.includes('TransactionConflict')) throw concurrentUpdate();
      throw written.error;
    }
  }
  await auditChildren(d, p, 'session.write', [...cases.values()].filter((c) => seen.has(c.caseId)), req, () => ({ serviceId, date: input.date, sessionGroupId, ...(monthClosed ? { correction: true } : {}) }));
  const full = seesFullNames(role);
  return { sessionGroupId, sessions: records.map((s) => toView(s, service, cases.get(s.caseId), full)), duplicate: false };
}

async function previousRequest(d: PathwayDeps, key: { pk: string; sk: string }, service: Service, role: 'staff' | 'coordinator') {
  const registers = new RegisterStore(d.db);
  const request = await registers.sessionRequest(key);
  const stored = (await Promise.all(request.sessions.map((r) => registers.session(r.caseId, r.sessionId)))).filter((s): s is StoredSession => s !== undefined);
  const cases = await d.cases.byIds(stored.map((s) => s.caseId));
  return { sessionGroupId: request.sessionGroupId, sessions: stored.map((s) => toView(s, service, cases.get(s.caseId), seesFullNames(role))), duplicate: true };
}

/** Change or cancel one child's session record; after the month is closed this is a correction with a reason. */
export async function correctSession(d: PathwayDeps, p: Principal, caseId: string, sessionId: string, input: SessionCorrectionInput, req: RequestInfo): Promise<{ session: SessionView; changed: boolean }> {
  const registers = new RegisterStore(d.db);
  const stored = await registers.session(caseId, sessionId);
  if (!stored) throw notFound('Ședința nu a fost găsită.');
  const service = serviceOr404(stored.serviceId);
  // refused exactly like a session that does not exist (the refusal is audited): a session id reveals nothing
  const role = await authorizeService(d, p, service, 'session.write', `session:${caseId}:${sessionId}`, req).catch((e: unknown) => {
    throw isRefusal(e, 'forbidden') ? notFound('Ședința nu a fost găsită.') : e;
  });
  if (stored.cancelled) throw conflict('SESSION_CANCELLED', 'Ședința a fost anulată; înregistrați una nouă dacă a avut loc.');
  const c = await d.cases.get(caseId, false);
  if (!c) throw notFound('Cazul nu a fost găsit sau nu aveți acces la el.');
  const month = monthOf(stored.date);
  const monthClosed = (await registers.monthClose(month)) !== undefined;
  const before = sessionRecordOf(stored);
  let after: SessionRecord | undefined;
  if (!input.cancelled) {
    const parentPresent = input.parentPresent ?? stored.parentPresent;
    const activityType = input.activityType ?? stored.activityType;
    const parentSessionType = parentSessionTypeFor(service, activityType, parentPresent);
    after = {
      ...before, kind: input.kind ?? stored.kind, activityType, durationMinutes: input.durationMinutes ?? stored.durationMinutes,
      childPresent: input.childPresent ?? stored.childPresent, parentPresent,
    };
    delete after.parentSessionType;
    if (parentSessionType) after.parentSessionType = parentSessionType;
    const parsed = sessionRecordSchema.safeParse(after);
    if (!parsed.success) throw invalid('VALIDATION_FAILED', 'Ședința conține erori. Verificați câmpurile marcate.', parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message, code: i.code })));
    if (!after.childPresent && !after.parentPresent) throw invalid('NOBODY_PRESENT', 'Marcați cine a fost prezent; dacă ședința nu a avut loc, anulați-o.');
  }
  const delta = sessionChangeDelta(before, after);
  const noteChanged = input.note !== undefined && input.note !== stored.note;
  const full = seesFullNames(role);
  if (isZeroDelta(delta) && !noteChanged) return { session: toView(stored, service, c, full), changed: false };
  const reason = input.correctionReason?.trim();
  if (monthClosed && !reason) throw closedReasonError(month);

  const now = d.now();
  const at = now.toISOString();
  const flagged = closedMonthDelta(delta, monthClosed);
  const next: StoredSession = {
    ...stored, ...(after ?? {}), ...(after && !after.parentSessionType ? { parentSessionType: undefined } : {}),
    ...(input.note !== undefined ? { note: input.note } : {}), ...(input.cancelled ? { cancelled: true } : {}),
    recordedBy: p.userId, recordedByName: p.displayName, recordedAt: at, version: stored.version + 1,
  };
  const [enrolments, closures] = await Promise.all([new EnrolmentStore(d.db).forCase(caseId), closuresOf(d.db, service.id)]);
  const items: TransactItem[] = [
    registers.sessionReplaceItem(stored, next),
    registers.summaryUpdateItem({ caseId, month, serviceId: service.id }, flagged, at, { value: enrolledDaysIn(month, service, enrolments, closures), mode: 'ifMissing' }, monthClosed ? at : undefined),
  ];
  if (monthClosed) {
    items.push(registers.correctionItem({
      correctionId: ulid(now.getTime()), kind: 'session', caseId, serviceId: service.id, month, date: stored.date, before, after: after ?? null, delta: flagged,
      reason: reason!, author: { userId: p.userId, displayName: p.displayName }, at, status: 'pending',
    }));
  } else {
    items.push(registers.monthOpenCheckItem(month));
  }
  const written = await registers.write(items);
  if (!written.written) {
    const { reasons } = written;
    if (reasons[0] === 'ConditionalCheckFailed') throw conflict('SESSION_VERSION_CONFLICT', 'Ședința a fost modificată de altcineva între timp. Reîncărcați și reluați.');
    if (!monthClosed && reasons[2] === 'ConditionalCheckFailed') throw conflict('MONTH_CLOSED', `Luna ${month} a fost închisă chiar acum. Reîncărcați: modificarea cere acum un motiv de corectură.`);
    if (reasons.includes('TransactionConflict')) throw concurrentUpdate();
    throw written.error;
  }
  await auditChildren(d, p, 'session.write', [c], req, () => ({ serviceId: service.id, sessionId, date: stored.date, ...(input.cancelled ? { cancelled: true } : {}), ...(monthClosed ? { correction: true } : {}) }));
  return { session: toView(next, service, c, full), changed: true };
}

/** The sessions of a service on one day (all children), for the service's staff and coordinators. */
export async function sessionsOfDay(d: PathwayDeps, p: Principal, serviceId: string, date: string, req: RequestInfo): Promise<SessionView[]> {
  const service = serviceOr404(serviceId);
  const role = await authorizeService(d, p, service, 'session.read', `sessions:${serviceId}:${date}`, req);
  const list = await new RegisterStore(d.db).sessionsOfServiceDay(serviceId, date);
  const cases = await d.cases.byIds(list.map((s) => s.caseId));
  await auditChildren(d, p, 'session.read', [...cases.values()], req, () => ({ serviceId, date }));
  const full = seesFullNames(role);
  return list.map((s) => toView(s, service, cases.get(s.caseId), full)).sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
}

/** Another save touched the same child's monthly summary at the same moment: nothing was written, the user retries. */
const concurrentUpdate = () => conflict('CONCURRENT_UPDATE', 'Datele unui copil au fost salvate de altcineva în același moment. Nu s-a scris nimic: salvați din nou.');
