/** api-services POST /months/{month}/close: Închide luna pentru registre (modificările ulterioare devin corecturi). */
import { z } from 'zod';
import { leadInstitution } from '../../../shared/project/institutions.js';
import { operation } from '../../../shared/manifest/api.js';
import { AppError, forbidden } from '../../../shared/platform/http/errors.js';
import { actorOf } from '../../../shared/cases/access.js';
import { deps } from '../../../shared/cases/deps.js';
import { bucharestToday, monthOf } from '../../../shared/services/calendar.js';
import { closeMonth, incompleteRegistersOf, readMonthPlaces } from '../../../shared/services/months.js';
import { alreadyClosed, incompleteRegistersRefusal, monthCloseRefusal, type CloseRefusal } from '../../../shared/services/rules/month-close.js';
import { project } from '../../../shared/project/project.js';
import { RegisterStore } from '../../../shared/services/register-store.js';
import { monthParams } from './common.js';

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
    // the month's places read once, for the check and the freeze (they see the same enrolments)
    const places = await readMonthPlaces(d.db, ctx.path.month);
    const rows = await incompleteRegistersOf(d.db, ctx.path.month, places);
    const incomplete = incompleteRegistersRefusal(ctx.path.month, rows, ctx.body.acceptIncomplete === true);
    if (incomplete) throw refuse(incomplete);
    const r = await closeMonth(d.db, ctx.path.month, actorOf(p), d.now(), ctx.body.reason, places);
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

export default closeMonthOp;
