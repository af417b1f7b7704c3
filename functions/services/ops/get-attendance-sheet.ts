/** api-services GET /services/{serviceId}/groups/{groupId}/attendance/{date}: Foaia de prezență a unei grupe pentru o zi. */
import { operation } from '../../../shared/manifest/api.js';
import { deps } from '../../../shared/cases/deps.js';
import { getSheet } from '../../../shared/services/attendance.js';
import { req, sheetParams } from './common.js';

const getAttendanceSheet = operation({
  path: sheetParams,
  async handle(ctx) {
    return { body: await getSheet(deps(), ctx.principal!, ctx.path.serviceId, ctx.path.groupId, ctx.path.date, req(ctx)) };
  },
});

export default getAttendanceSheet;
