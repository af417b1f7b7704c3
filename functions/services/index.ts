/**
 * api-services: the service catalogue with places and project targets, enrolments and waiting lists, attendance
 * sheets of the day centres, session records, a child's monthly participation, month close and corrections.
 */
import { apiHandler, type OperationTable } from '../../shared/manifest/api.js';
// the SDK clients and the stores every route uses load with the handler (as a bare client would), the area's code with its
// routes; exported, so the bundler keeps them in the cold start (shared modules are side-effect free to it, bundling.ts)
export { deps } from '../../shared/cases/deps.js';

/**
 * One module per operation, loaded on its route's first request: a cold start compiles the router and the route it
 * serves, not the whole area (docs/decisions/018-performance.md, session 7).
 */
export const operations = {
  listServices: () => import('./ops/list-services.js'),
  listServiceEnrolments: () => import('./ops/list-service-enrolments.js'),
  getCaseEnrolments: () => import('./ops/get-case-enrolments.js'),
  enrolCase: () => import('./ops/enrol-case.js'),
  endEnrolment: () => import('./ops/end-enrolment.js'),
  transferEnrolment: () => import('./ops/transfer-enrolment.js'),
  changeEnrolmentStart: () => import('./ops/change-enrolment-start.js'),
  getAttendanceSheet: () => import('./ops/get-attendance-sheet.js'),
  saveAttendanceSheet: () => import('./ops/save-attendance-sheet.js'),
  listSessions: () => import('./ops/list-sessions.js'),
  recordSessions: () => import('./ops/record-sessions.js'),
  correctSession: () => import('./ops/correct-session.js'),
  getParticipation: () => import('./ops/get-participation.js'),
  closeMonth: () => import('./ops/close-month.js'),
  getMonth: () => import('./ops/get-month.js'),
  listCorrections: () => import('./ops/list-corrections.js'),
  listClosures: () => import('./ops/list-closures.js'),
  createClosure: () => import('./ops/create-closure.js'),
  cancelClosure: () => import('./ops/cancel-closure.js'),
} satisfies OperationTable;
export const handler = apiHandler('api-services', operations);
