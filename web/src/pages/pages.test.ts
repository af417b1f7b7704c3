import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { policy } from '../../../shared/manifest/policy.js';
import { referralFormSchema } from '../../../shared/cases/model.js';
import { noteTitle, type MailMessage } from '../../../shared/notifications/index.js';
import type { Me } from '../lib/app-context.js';
import { validate } from '../lib/form.js';
import { configureZod, REQUIRED_MESSAGE } from '../lib/zod-setup.js';
import { menuFor, pages } from '../routes.js';
import { filtersFrom, filtersToHref } from './cases.js';
import { sortInbox } from './inbox-order.js';
import { noteLinks } from './notifications.js';
import { initialReferral, referralOutput, tracksFor } from './referral.js';
import { parseHash } from '../lib/router.js';

beforeAll(() => configureZod());

const me = (institution: Me['institution']): Me => ({ userId: 'u', username: 'x', displayName: 'X', roles: [{ id: 'case_manager', label: 'Manager de caz' }], institution, services: [], mailPreference: 'immediate', actions: [] });

describe('pages and menu', () => {
  it('every page that needs an action names one that exists in the policy table', () => {
    for (const p of pages) if (p.action) expect(Object.keys(policy), p.key).toContain(p.action);
  });

  it('shows a user only the menu entries they may open, in order', () => {
    const finance = menuFor((a) => ['self.read', 'self.update'].includes(a));
    expect(finance.map((m) => m.label)).toEqual(['Notificări', 'Preferințe']);
    const manager = menuFor((a) => ['task.list', 'case.list', 'case.create', 'self.read', 'self.update'].includes(a));
    expect(manager.map((m) => m.label)).toEqual(['Sarcini', 'Cazuri', 'Sesizare nouă', 'Notificări', 'Preferințe']);
    expect(manager.find((m) => m.label === 'Sarcini')?.href).toBe('#/sarcini');
  });
});

describe('inbox order', () => {
  it('puts overdue tasks first, then the earliest due (property)', () => {
    const task = fc.record({ overdue: fc.boolean(), dueAt: fc.integer({ min: 0, max: 1e12 }).map((n) => new Date(n).toISOString()), taskId: fc.string({ minLength: 4, maxLength: 4 }) });
    fc.assert(fc.property(fc.array(task), (items) => {
      const out = sortInbox(items);
      expect(out).toHaveLength(items.length);
      const firstOnTime = out.findIndex((t) => !t.overdue);
      if (firstOnTime >= 0) expect(out.slice(firstOnTime).every((t) => !t.overdue)).toBe(true);
      for (let i = 1; i < out.length; i++) if (out[i - 1]!.overdue === out[i]!.overdue) expect(out[i - 1]!.dueAt <= out[i]!.dueAt).toBe(true);
    }));
  });
});

describe('cases filters in the address', () => {
  it('round-trip through the hash and ignore unknown values', () => {
    const f = { scope: 'institution' as const, stage: 'planning', status: 'closed' };
    expect(filtersFrom(parseHash(filtersToHref(f))!.query)).toEqual(f);
    expect(filtersFrom(new URLSearchParams('etapa=nope&stare=weird'))).toEqual({ scope: 'mine', stage: '', status: 'open' });
    expect(filtersToHref({ scope: 'mine', stage: '', status: 'open' })).toBe('#/cazuri');
    // a coordinator's list opens on the institution's cases; their own list is then the one that needs saying
    expect(filtersFrom(new URLSearchParams(''), 'institution').scope).toBe('institution');
    expect(filtersToHref({ scope: 'institution', stage: '', status: 'open' }, 'institution')).toBe('#/cazuri');
    const mine = { scope: 'mine' as const, stage: '', status: 'open' };
    expect(filtersFrom(parseHash(filtersToHref(mine, 'institution'))!.query, 'institution')).toEqual(mine);
  });
});

describe('referral form', () => {
  it('offers each institution the tracks it may open', () => {
    expect(tracksFor('DAS')).toEqual(['prevention']);
    expect(tracksFor('DGASPC')).toEqual(['reintegration']);
    expect(tracksFor('GAL')).toEqual(['prevention', 'reintegration']);
  });

  it('starts with the track preselected, now in Bucharest time, and requires what the schema requires', () => {
    const v = initialReferral(me('DAS'), new Date('2026-03-15T08:05:00Z'), '3f1c7a52-8d0e-4b6a-9c1d-2e3f4a5b6c7d');
    expect(v.track).toBe('prevention');
    expect(v.referral.receivedAt).toBe('2026-03-15T10:05');
    const r = validate(referralFormSchema, referralOutput(v));
    expect(r.ok).toBe(false);
    expect((r as { errors: Record<string, string> }).errors['child.firstName']).toBe(REQUIRED_MESSAGE);
    expect((r as { errors: Record<string, string> }).errors).not.toHaveProperty('child.cnp');
    expect(initialReferral(me('GAL'), new Date(), 'x').track).toBe('');
  });

  it('sends the received time as a UTC instant and a filled form passes the API schema', () => {
    const v = initialReferral(me('DAS'), new Date('2026-07-01T06:00:00Z'), '3f1c7a52-8d0e-4b6a-9c1d-2e3f4a5b6c7d');
    const filled = {
      ...v,
      child: { ...v.child, firstName: 'Testina', lastName: 'Fictivescu', birthDate: '2015-04-12' },
      legalRepresentative: { ...v.legalRepresentative, firstName: 'Mama', lastName: 'Fictivescu', relation: 'mother' },
      referral: { ...v.referral, source: 'school', reason: 'Absențe repetate (date fictive).', riskFactors: ['school_dropout'] },
    };
    const out = referralOutput(filled) as { referral: { receivedAt: string } };
    expect(out.referral.receivedAt).toBe('2026-07-01T06:00:00.000Z');
    expect(validate(referralFormSchema, out).ok).toBe(true);
  });
});

describe('in-app notifications', () => {
  const msg = { kind: 'task_assigned', data: { task: { taskId: 'T0123456789ABCDEF01234567', kind: 'evaluation', dueDate: '2026-03-10' }, case: { caseId: '01ABC', caseNumber: 'VT-2026-00001' } } } as MailMessage;

  it('are titled like the e-mail subject, without the prefix', () => {
    // rendered by the API (GET /me/notifications `title`), so the templates stay out of the browser
    const t = noteTitle(msg, 'http://127.0.0.1:8080/');
    expect(t).not.toContain('[Vatra]');
    expect(t).toContain('VT-2026-00001');
    expect(noteTitle({ kind: 'nonsense', data: {} } as unknown as MailMessage, 'http://x/')).toBe('Notificare');
  });

  it('link to the task and the case they are about', () => {
    expect(noteLinks(msg)).toEqual([
      { href: '#/sarcini/T0123456789ABCDEF01234567', label: 'Deschide sarcina' },
      { href: '#/cazuri/01ABC', label: 'Cazul VT-2026-00001' },
    ]);
  });
});
