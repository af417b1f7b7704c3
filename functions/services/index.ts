/**
 * api-services: the service catalogue with places and project targets, enrolments and waiting lists, attendance
 * sheets of the day centres, session records, a child's monthly participation, month close and corrections.
 */
import { z } from 'zod';
import { leadInstitution } from '../../shared/project/institutions.js';
import { sessionKinds } from '../../shared/services/catalogue.js';
import { attendanceMarkSchema, isoDateSchema, monthKeySchema } from '../../shared/services/model.js';
import { apiHandler, operation } from '../../shared/manifest/api.js';
import { AppError, forbidden, notFound, unprocessable } from '../../shared/platform/http/errors.js';
import { actorOf } from '../../shared/cases/access.js';
import { deps } from '../../shared/cases/deps.js';
import { authorizeCaseForServices } from '../../shared/services/access.js';
import { getSheet, saveSheet } from '../../shared/services/attendance.js';
import { bucharestToday, monthOf } from '../../shared/services/calendar.js';
import { endReasons, registerPolicy } from '../../shared/services/config.js';
import { changeEnrolmentStart, endEnrolment, enrolFromPlan, enrolInService, transferEnrolment } from '../../shared/services/enrolments.js';
import { closeMonth, incompleteRegistersOf, monthStatus } from '../../shared/services/months.js';
import { alreadyClosed, incompleteRegistersRefusal, monthCloseRefusal, type CloseRefusal } from '../../shared/services/rules/month-close.js';
import { project } from '../../shared/project/project.js';
import { approvedPlanEntries } from '../../shared/services/rules/registers.js';
import { correctSession, recordSessions, sessionsOfDay } from '../../shared/services/sessions.js';
import { caseEnrolments, caseParticipation, enrolmentView, serviceEnrolments, servicesOverview } from '../../shared/services/views.js';
import { EnrolmentStore, enrolmentStatuses } from '../../shared/services/enrolment-store.js';
import { getService, serviceCatalogue } from '../../shared/services/catalogue.js';
import { RegisterStore, pendingCorrections } from '../../shared/services/register-store.js';
import { cancelClosure, closureCancelSchema, closureInputSchema, createClosure, listClosures } from '../../shared/services/closures.js';

const req = (ctx: { sourceIp: string; userAgent: string; requestId: string }) => ({ sourceIp: ctx.sourceIp, userAgent: ctx.userAgent, requestId: ctx.requestId });

const id = (what: string) => z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, `${what}: identificator invalid`);
const caseId = z.string().min(10, 'Identificator de caz invalid').max(40, 'Identificator de caz invalid');
const reasonText = (what: string) => z.string().trim().min(registerPolicy.reasonMinLength.value, `${what}: minimum ${registerPolicy.reasonMinLength.value} caractere`).max(500, `${what}: maximum 500 de caractere`);
const correctionReason = reasonText('Motivul corecturii').optional();

async function loadCase(caseIdValue: string) {
  const c = await deps().cases.get(caseIdValue);
  if (!c) throw notFound('Cazul nu a fost găsit sau nu aveți acces la el.');
  return c;
}

// ── catalogue and enrolments ─────────────────────────────────────────────────────────────────────────────────────

const listServices = operation({
  async handle(ctx) {
    return { body: await servicesOverview(deps(), ctx.principal!) };
  },
});

const listServiceEnrolments = operation({
  path: z.object({ serviceId: id('Serviciul') }),
  query: z.object({
    status: z.string().optional().transform((s) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : [])).pipe(z.array(z.enum(enrolmentStatuses, { error: 'Stare necunoscută (active, waiting, ended, cancelled)' }))),
  }),
  async handle(ctx) {
    return { body: await serviceEnrolments(deps(), ctx.principal!, ctx.path.serviceId, ctx.query.status, req(ctx)) };
  },
});

const getCaseEnrolments = operation({
  path: z.object({ caseId }),
  async handle(ctx) {
    const d = deps();
    const c = await loadCase(ctx.path.caseId);
    const ids = (await new EnrolmentStore(d.db).forCase(c.caseId)).map((e) => e.serviceId);
    const role = await authorizeCaseForServices(d, ctx.principal!, 'case.enrolments.read', c, ids, req(ctx));
    return { body: await caseEnrolments(d, ctx.principal!, c, role) };
  },
});

const enrolCase = operation({
  path: z.object({ caseId }),
  body: z.object({
    serviceId: id('Serviciul').optional(),
    groupId: id('Grupa').optional(),
    from: isoDateSchema.optional(),
    correctionReason,
  }).refine((b) => !b.groupId || b.serviceId, { path: ['groupId'], message: 'Grupa se alege împreună cu serviciul' }),
  async handle(ctx) {
    const d = deps();
    const p = ctx.principal!;
    const c = await loadCase(ctx.path.caseId);
    const services = ctx.body.serviceId ? [ctx.body.serviceId] : approvedPlanEntries(c).map((e) => e.serviceId);
    await authorizeCaseForServices(d, p, 'case.enrolment.write', c, services, req(ctx), { detail: { serviceId: ctx.body.serviceId ?? 'plan' } });
    const opts = { from: ctx.body.from, correctionReason: ctx.body.correctionReason };
    const r = ctx.body.serviceId
      ? await enrolInService(d, c.caseId, { serviceId: ctx.body.serviceId, groupId: ctx.body.groupId, ...opts }, actorOf(p)).then((x) => ({ case: x.case, results: [x.result], ended: [] }))
      : await enrolFromPlan(d, c.caseId, actorOf(p), opts);
    const created = r.results.some((x) => x.outcome === 'enrolled' || x.outcome === 'waiting');
    const enrolments = (await new EnrolmentStore(d.db).forCase(c.caseId)).map(enrolmentView);
    return { status: created ? 201 : 200, body: { results: r.results, ended: r.ended, services: r.case.services, enrolments } };
  },
});

const enrolmentParams = z.object({ caseId, enrolmentId: id('Înscrierea') });

/** Case-level check for a change of one enrolment (and, for a transfer, the target service). */
async function authorizeEnrolment(ctx: { principal: Parameters<typeof actorOf>[0] | undefined; path: { caseId: string; enrolmentId: string }; sourceIp: string; userAgent: string; requestId: string }, extraServices: string[] = []) {
  const d = deps();
  const c = await loadCase(ctx.path.caseId);
  const e = await new EnrolmentStore(d.db).get(c.caseId, ctx.path.enrolmentId);
  await authorizeCaseForServices(d, ctx.principal!, 'case.enrolment.write', c, [...(e ? [e.serviceId] : []), ...extraServices], req(ctx), { detail: { enrolmentId: ctx.path.enrolmentId } });
  if (!e) throw notFound('Înscrierea nu a fost găsită.');
  return { d, c, e };
}

const endEnrolmentOp = operation({
  path: enrolmentParams,
  body: z.object({
    reason: z.enum(endReasons, { error: 'Alegeți motivul încheierii' }),
    note: z.string().trim().max(500, 'Observația: maximum 500 de caractere').optional(),
    date: isoDateSchema.optional(),
    correctionReason,
  }),
  async handle(ctx) {
    const { d } = await authorizeEnrolment(ctx);
    const r = await endEnrolment(d, ctx.path.caseId, ctx.path.enrolmentId, ctx.body, actorOf(ctx.principal!));
    return { body: { enrolment: enrolmentView(r.enrolment), services: r.case.services, promoted: r.promoted } };
  },
});

const transferEnrolmentOp = operation({
  path: enrolmentParams,
  body: z.object({
    serviceId: id('Serviciul'),
    groupId: id('Grupa').optional(),
    date: isoDateSchema.optional(),
    note: z.string().trim().max(500, 'Observația: maximum 500 de caractere').optional(),
    correctionReason,
  }),
  async handle(ctx) {
    const { d } = await authorizeEnrolment(ctx, [ctx.body.serviceId]);
    const r = await transferEnrolment(d, ctx.path.caseId, ctx.path.enrolmentId, ctx.body, actorOf(ctx.principal!));
    return { body: { ended: enrolmentView(r.ended), started: enrolmentView(r.started), services: r.case.services, promoted: r.promoted } };
  },
});

const changeEnrolmentStartOp = operation({
  path: enrolmentParams,
  body: z.object({ from: isoDateSchema, reason: reasonText('Motivul corecturii') }),
  async handle(ctx) {
    const { d } = await authorizeEnrolment(ctx);
    const r = await changeEnrolmentStart(d, ctx.path.caseId, ctx.path.enrolmentId, ctx.body, actorOf(ctx.principal!));
    return { body: { enrolment: enrolmentView(r.enrolment), services: r.case.services } };
  },
});

// ── registers ────────────────────────────────────────────────────────────────────────────────────────────────────

const sheetParams = z.object({ serviceId: id('Serviciul'), groupId: id('Grupa'), date: isoDateSchema });

const getAttendanceSheet = operation({
  path: sheetParams,
  async handle(ctx) {
    return { body: await getSheet(deps(), ctx.principal!, ctx.path.serviceId, ctx.path.groupId, ctx.path.date, req(ctx)) };
  },
});

const saveAttendanceSheet = operation({
  path: sheetParams,
  body: z.object({
    version: z.number().int().nonnegative('Versiunea foii este un număr întreg'),
    marks: z.array(z.object({ caseId, mark: attendanceMarkSchema.nullable() })).min(1, 'Foaia nu are niciun rând').max(registerPolicy.maxRowsPerSave.value, `Cel mult ${registerPolicy.maxRowsPerSave.value} de rânduri într-o foaie`),
    correctionReason,
  }),
  async handle(ctx) {
    const r = await saveSheet(deps(), ctx.principal!, ctx.path.serviceId, ctx.path.groupId, ctx.path.date, ctx.body, req(ctx));
    return { body: { ...r.sheet, changed: r.changed } };
  },
});

const listSessions = operation({
  path: z.object({ serviceId: id('Serviciul') }),
  query: z.object({ date: isoDateSchema }),
  async handle(ctx) {
    return { body: { serviceId: ctx.path.serviceId, date: ctx.query.date, items: await sessionsOfDay(deps(), ctx.principal!, ctx.path.serviceId, ctx.query.date, req(ctx)) } };
  },
});

const recordSessionsOp = operation({
  path: z.object({ serviceId: id('Serviciul') }),
  body: z.object({
    date: isoDateSchema,
    kind: z.enum(sessionKinds, { error: 'Alegeți tipul ședinței (individuală, de grup, cu familia)' }),
    activityType: z.string().min(1, 'Alegeți activitatea'),
    durationMinutes: z.number().int('Durata se dă în minute întregi').min(5, 'Durata minimă este 5 minute').max(480, 'Durata maximă este 480 de minute'),
    professional: z.string().min(1).max(64).optional(),
    groupId: id('Grupa').optional(),
    note: z.string().trim().max(300, 'Observația: maximum 300 de caractere').optional(),
    participants: z.array(z.object({ caseId, childPresent: z.boolean(), parentPresent: z.boolean() })).min(1, 'Alegeți cel puțin un copil').max(registerPolicy.maxRowsPerSave.value, `Cel mult ${registerPolicy.maxRowsPerSave.value} de participanți`),
    clientRequestId: z.uuid('Identificator de cerere invalid').optional(),
    correctionReason,
  }),
  async handle(ctx) {
    const r = await recordSessions(deps(), ctx.principal!, ctx.path.serviceId, ctx.body, req(ctx));
    return { status: r.duplicate ? 200 : 201, body: r };
  },
});

const correctSessionOp = operation({
  path: z.object({ caseId, sessionId: id('Ședința') }),
  body: z.object({
    kind: z.enum(sessionKinds, { error: 'Tip de ședință necunoscut' }).optional(),
    activityType: z.string().min(1).optional(),
    durationMinutes: z.number().int('Durata se dă în minute întregi').min(5, 'Durata minimă este 5 minute').max(480, 'Durata maximă este 480 de minute').optional(),
    childPresent: z.boolean().optional(),
    parentPresent: z.boolean().optional(),
    note: z.string().trim().max(300, 'Observația: maximum 300 de caractere').optional(),
    cancelled: z.boolean().optional(),
    correctionReason,
  }),
  async handle(ctx) {
    return { body: await correctSession(deps(), ctx.principal!, ctx.path.caseId, ctx.path.sessionId, ctx.body, req(ctx)) };
  },
});

const getParticipation = operation({
  path: z.object({ caseId }),
  query: z.object({ month: monthKeySchema.optional() }),
  async handle(ctx) {
    const d = deps();
    const c = await loadCase(ctx.path.caseId);
    const month = ctx.query.month ?? monthOf(bucharestToday(d.now()));
    const ids = (await new EnrolmentStore(d.db).forCase(c.caseId)).map((e) => e.serviceId);
    const role = await authorizeCaseForServices(d, ctx.principal!, 'participation.read', c, ids, req(ctx), { detail: { month } });
    return { body: await caseParticipation(d, ctx.principal!, c, month, role) };
  },
});

// ── closures ─────────────────────────────────────────────────────────────────────────────────────────────────────

const listClosuresOp = operation({
  path: z.object({ serviceId: id('Serviciul') }),
  query: z.object({ month: monthKeySchema.optional() }),
  async handle(ctx) {
    const d = deps();
    return { body: await listClosures(d, ctx.principal!, ctx.path.serviceId, ctx.query.month ?? monthOf(bucharestToday(d.now())), req(ctx)) };
  },
});

const createClosureOp = operation({
  path: z.object({ serviceId: id('Serviciul') }),
  body: closureInputSchema,
  async handle(ctx) {
    const r = await createClosure(deps(), ctx.principal!, ctx.path.serviceId, ctx.body, req(ctx));
    return { status: r.duplicate ? 200 : 201, body: r };
  },
});

const cancelClosureOp = operation({
  path: z.object({ serviceId: id('Serviciul'), closureId: id('Închiderea') }),
  body: closureCancelSchema,
  async handle(ctx) {
    return { body: await cancelClosure(deps(), ctx.principal!, ctx.path.serviceId, ctx.path.closureId, ctx.body, req(ctx)) };
  },
});

// ── month close ──────────────────────────────────────────────────────────────────────────────────────────────────

const monthParams = z.object({ month: monthKeySchema });

const closeMonthBody = z.object({
  reason: z.string().trim().min(10, 'Motivați închiderea lunii (cel puțin 10 caractere)').max(500, 'Motivarea are cel mult 500 de caractere'),
  /**
   * Close although registers have unmarked expected days: those children's month stays held back (REGISTER_INCOMPLETE)
   * until a correction completes the register. Without it the close is refused while any register is incomplete.
   */
  acceptIncomplete: z.boolean({ error: 'Confirmarea registrelor incomplete este da sau nu' }).optional(),
});

/**
 * Closing a month for registers: a coordinator of the project lead, with a reason, once. Months outside the project
 * period or not yet over are refused; a second close (at the same time or later) answers 409 with who closed it;
 * incomplete registers answer 409 REGISTERS_INCOMPLETE (per centre and group) unless the close accepts them.
 */
const closeMonthOp = operation({
  path: monthParams,
  body: closeMonthBody,
  async handle(ctx) {
    const d = deps();
    const p = ctx.principal!;
    if (!p.roles.includes('coordinator') || p.institution !== leadInstitution().id) {
      throw forbidden(`Luna se închide de coordonatorul liderului de proiect (${leadInstitution().id}).`);
    }
    const refuse = (r: CloseRefusal) => new AppError(r.status, r.code, r.message, r.status === 422 ? [{ path: 'path.month', message: r.message, code: r.code }] : [], r.details);
    const existing = await new RegisterStore(d.db).monthClose(ctx.path.month);
    const refusal = monthCloseRefusal(ctx.path.month, monthOf(bucharestToday(d.now())), project.period, existing);
    if (refusal) throw refuse(refusal);
    // issue #17: unmarked expected days (closures and holidays are never such days) hold the close back, writing nothing
    const rows = await incompleteRegistersOf(d.db, ctx.path.month);
    const incomplete = incompleteRegistersRefusal(ctx.path.month, rows, ctx.body.acceptIncomplete === true);
    if (incomplete) throw refuse(incomplete);
    const r = await closeMonth(d.db, ctx.path.month, actorOf(p), d.now(), ctx.body.reason);
    if (!r.created) throw refuse(alreadyClosed(r.close));
    await d.audit.append({
      actorId: p.userId, actorRoles: p.roles, actorInstitution: p.institution, action: 'month.close', subjectType: 'run', subjectId: `month:${ctx.path.month}`,
      subjectInstitution: leadInstitution().id, outcome: 'allowed', sourceIp: ctx.sourceIp, requestId: ctx.requestId, detail: { created: r.created, summaries: r.summaries, reason: ctx.body.reason, acceptIncomplete: ctx.body.acceptIncomplete === true,
        // what an accepted close left held back: places (centre and group) and unmarked days, never names
        incompleteRegisters: rows.map((x) => ({ serviceId: x.serviceId, groupId: x.groupId, children: x.children, unrecordedDays: x.unrecordedDays })) },
    });
    return { status: 201, body: r };
  },
});

const listCorrections = operation({
  path: monthParams,
  async handle(ctx) {
    const p = ctx.principal!;
    const all = await pendingCorrections(deps().db, ctx.path.month);
    const mine = p.roles.includes('project_manager') ? all : all.filter((c) => (getService(c.serviceId)?.providers as readonly string[] | undefined)?.includes(p.institution));
    return { body: { month: ctx.path.month, items: mine } };
  },
});

/** The month-close page: closed or not, and the incomplete registers of the centres the caller's institution runs. */
const getMonth = operation({
  path: monthParams,
  async handle(ctx) {
    const p = ctx.principal!;
    const services = p.roles.includes('project_manager') ? 'all' : serviceCatalogue.filter((s) => (s.providers as readonly string[]).includes(p.institution)).map((s) => s.id);
    return { body: await monthStatus(deps().db, ctx.path.month, services) };
  },
});

export const operations = {
  listServices, listServiceEnrolments, getCaseEnrolments, enrolCase, endEnrolment: endEnrolmentOp, transferEnrolment: transferEnrolmentOp,
  changeEnrolmentStart: changeEnrolmentStartOp, getAttendanceSheet, saveAttendanceSheet, listSessions, recordSessions: recordSessionsOp,
  correctSession: correctSessionOp, getParticipation, closeMonth: closeMonthOp, getMonth, listCorrections,
  listClosures: listClosuresOp, createClosure: createClosureOp, cancelClosure: cancelClosureOp,
};
export const handler = apiHandler('api-services', operations);
