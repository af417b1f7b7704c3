/** api-system: service health, the OpenAPI document, the caller's identity and permissions, the staff directory. */
import { z } from 'zod';
import { apiHandler, buildOpenApi, operation, type Operation } from '../../shared/manifest/api.js';
import { hasRoleFor, policy } from '../../shared/manifest/policy.js';
import { roleLabels, roles } from '../../shared/platform/auth/principal.js';
import { UserStore } from '../../shared/cases/staff-store.js';
import { deps } from '../../shared/cases/deps.js';
import { forbidden } from '../../shared/platform/http/errors.js';
import { inboxNotes, pendingOutbox } from '../../shared/cases/outbox.js';

const getHealth = operation({
  async handle() {
    return { body: { status: 'ok', service: 'vatra' } };
  },
});

let openApiDoc: unknown;
/** The operations (with their zod schemas) of every API function; a route whose function is missing here fails the OpenAPI test. */
const apiModules: Record<string, () => Promise<{ operations: Record<string, unknown> }>> = {
  'api-cases': () => import('../cases/index.js'),
  'api-tasks': () => import('../tasks/index.js'),
  'api-reports': () => import('../reports/index.js'),
  'api-services': () => import('../services/index.js'),
  'api-subsidies': () => import('../subsidies/index.js'),
  'api-admin': () => import('../admin/index.js'),
  'api-imports': () => import('../imports/index.js'),
};
async function openApiSources() {
  const entries = await Promise.all(Object.entries(apiModules).map(async ([name, load]) => [name, (await load()).operations] as const));
  return Object.fromEntries(entries);
}
const getOpenApi = operation({
  async handle() {
    if (!openApiDoc) {
      openApiDoc = buildOpenApi({ 'api-system': operations, ...(await openApiSources()) } as Record<string, Record<string, Operation<any, any, any>>>);
    }
    return { body: openApiDoc };
  },
});

const getMe = operation({
  async handle({ principal }) {
    const p = principal!;
    const profile = await new UserStore(deps().db).upsertFromPrincipal(p);
    return {
      body: {
        userId: p.userId,
        username: p.username,
        displayName: p.displayName,
        roles: p.roles.map((r) => ({ id: r, label: roleLabels[r] })),
        institution: p.institution,
        services: p.services,
        mailPreference: profile.mailPreference,
        actions: Object.keys(policy).filter((a) => hasRoleFor(p, a)),
      },
    };
  },
});

const listStaff = operation({
  query: z.object({ role: z.enum(roles), institution: z.enum(['DAS', 'DGASPC', 'GAL']).optional() }),
  async handle({ principal, query }) {
    const p = principal!;
    const institution = query.institution ?? p.institution;
    // coordinators assign across institutions on transfers; everyone else sees their own institution
    if (institution !== p.institution && !p.roles.includes('coordinator')) throw forbidden();
    const staff = await new UserStore(deps().db).byRole(query.role, institution);
    return { body: { items: staff.map((s) => ({ userId: s.userId, displayName: s.displayName, institution: s.institution, roles: s.roles })) } };
  },
});

const putPreferences = operation({
  body: z.object({ mailPreference: z.enum(['immediate', 'digest']) }),
  async handle({ principal, body }) {
    const users = new UserStore(deps().db);
    await users.upsertFromPrincipal(principal!);
    await users.setMailPreference(principal!.userId, body.mailPreference);
    return { body: { mailPreference: body.mailPreference } };
  },
});

const getNotifications = operation({
  async handle({ principal }) {
    // the title is rendered here (the mail templates stay on the server): the browser shows it as is. The templates
    // are a chunk loaded by this route only, not by every cold start of api-system (docs/decisions/018-performance.md)
    const [items, { noteTitle }] = await Promise.all([inboxNotes(deps().db, principal!.userId), import('../../shared/notifications/index.js')]);
    return { body: { items: items.map((n) => ({ ...n, title: noteTitle(n.message) })) } };
  },
});

/** Mails that could not be delivered yet (pending retries) or gave up after the retries: ids and kinds only. */
const listOutbox = operation({
  async handle() {
    const items = [...(await pendingOutbox(deps().db, 500)), ...(await pendingOutbox(deps().db, 500, 'failed'))];
    return { body: { items: items.map((i) => ({ outboxId: i.outboxId, kind: i.message.kind, createdAt: i.createdAt, status: i.status, attempts: i.attempts, lastError: i.lastError ?? null })) } };
  },
});

export const operations = { getHealth, getOpenApi, getMe, putPreferences, getNotifications, listOutbox, listStaff };
export const handler = apiHandler('api-system', operations);
