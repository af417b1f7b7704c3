/** api-services PUT /services/{serviceId}/groups/{groupId}/attendance/{date}: Salvează foaia de prezență a grupei (toți copiii, o singură cerere). */
import { z } from 'zod';
import { attendanceMarkSchema } from '../../../shared/services/model.js';
import { operation } from '../../../shared/manifest/api.js';
import { deps } from '../../../shared/cases/deps.js';
import { saveSheet } from '../../../shared/services/attendance.js';
import { registerPolicy } from '../../../shared/services/config.js';
import { req, caseId, correctionReason, sheetParams } from './common.js';

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

export default saveAttendanceSheet;
