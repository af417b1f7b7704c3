import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertNoPersonalData,
  DIGEST_ORDER,
  digestGroupLabel,
  MailDataError,
  mailKinds,
  mailTemplates,
  renderMail,
  type DigestItem,
  type MailData,
  type MailKind,
  type MailMessage,
  type RenderedMail,
} from './index.js';

// Synthetic, clearly fake data only.
const BASE = 'https://vatra.example.ro';
const ctx = { baseUrl: `${BASE}/`, now: '2026-03-15T05:00:00Z' };
const FAKE_CNP = '5100305350011';
const kase = { caseId: '01JQ8Z6V3K9T2M4N5P6R7S8T9V', caseNumber: 'VT-2026-00042' };
const taskId = '01JQ8ZA0B1C2D3E4F5G6H7J8K9';
const task = { taskId, kind: 'evaluation' as const, dueDate: '2026-03-18' };
const runId = 'run-2026-02';
const service = { serviceId: 'cz-sf-nicolae', name: 'Centrul de zi „Sf. Nicolae”' };
/** what must never appear: the (fake) child's and parent's names, CNP and IBAN behind the fixtures */
const PERSONAL = ['Ionuț-Florin Bălănescu', 'Bălănescu', 'Ștefania Roșu', FAKE_CNP, 'RO49AAAA1B31007593840000', 'romă', 'dizabilitate'];

const fixtures: { [K in Exclude<MailKind, 'daily_digest'>]: MailData<K> } = {
  task_assigned: { task, case: kase },
  task_due_soon: { task, daysLeft: 3, case: kase },
  task_overdue: { task: { ...task, kind: 'review' }, daysOverdue: 4, case: kase },
  task_overdue_coordinator: { task: { ...task, kind: 'plan' }, daysOverdue: 5, graceDays: 2, assignee: { role: 'case_manager', institution: 'DAS' } },
  plan_awaiting_approval: { case: kase, planType: 'PS', planVersion: 2, submittedAt: '2026-03-14T13:45:00Z', taskId },
  monthly_run_awaiting_approval: { runId, month: '2026-02', eligibleCount: 250, ineligibleCount: 16, totalAmountLei: 1725600, adjustments: { count: 2, amountLei: 800 } },
  monthly_run_approved: { runId, month: '2026-02', approvedAt: '2026-03-04T09:30:00Z', paymentCount: 250, totalAmountLei: 100000 },
  payment_file_ready: { runId, month: '2026-02', paymentCount: 250, totalAmountLei: 100000, format: 'csv' },
  service_at_capacity: { service, enrolled: 60, capacity: 60, waitingCount: 4 },
  waiting_list: { service, freePlaces: 1, waitingCount: 3, nextCase: kase },
  consent_expiring: { case: kase, expiresOn: '2026-03-25', daysLeft: 10 },
  child_turning_18: { case: kase, month: '2026-04', ageLimitYears: 18 },
  cohort_months_running_out: { case: kase, cohortMonths: 18, monthsCounted: 16, projectMonthsLeft: 23, projectEndMonth: '2028-02' },
  observator_registration_missing: { case: kase, planType: 'PIP', planApprovedOn: '2026-03-01', daysSinceApproval: 14, taskId },
  case_needs_attention: { case: kase, step: 'enrol_from_plan', failedAt: '2026-03-14T08:05:00Z', code: 'PLAN_NOT_APPROVED' },
};

const itemOf = <K extends keyof typeof fixtures>(kind: K): DigestItem => ({ kind, data: fixtures[kind] }) as DigestItem;
const allItems: DigestItem[] = (Object.keys(fixtures) as (keyof typeof fixtures)[]).map(itemOf);

const messages: MailMessage[] = [...allItems, { kind: 'daily_digest', data: { date: '2026-03-15', items: allItems } }];

/** Words (with diacritics) each kind must say, and the main link it must carry. */
const expectations: Record<MailKind, { words: string[]; link: string }> = {
  task_assigned: { words: ['Sarcină nouă', 'Evaluare inițială', 'VT-2026-00042', '18.03.2026'], link: `${BASE}/#/sarcini/${taskId}` },
  task_due_soon: { words: ['Termen', 'în 3 zile', 'finalizată', '18.03.2026'], link: `${BASE}/#/sarcini/${taskId}` },
  task_overdue: { words: ['Sarcină în întârziere', 'Revizuire periodică a planului', '4 zile'], link: `${BASE}/#/sarcini/${taskId}` },
  task_overdue_coordinator: { words: ['întârziere', 'perioada de grație', 'Manager de caz, DAS', 'Elaborare plan'], link: `${BASE}/#/sarcini/${taskId}` },
  plan_awaiting_approval: { words: ['așteptarea aprobării', 'spre aprobare un plan de servicii (PS) pentru cazul', 'Plan de servicii (PS)', '14.03.2026, 15:45'], link: `${BASE}/#/sarcini/${taskId}` },
  monthly_run_awaiting_approval: { words: ['așteaptă aprobarea', 'februarie 2026', '1.725.600,00 lei', 'neeligibili', '800,00 lei'], link: `${BASE}/#/subventii/${runId}` },
  monthly_run_approved: { words: ['a fost aprobată', 'februarie 2026', '100.000,00 lei', '04.03.2026, 11:30'], link: `${BASE}/#/subventii/${runId}` },
  payment_file_ready: { words: ['Fișierul de plată', 'nu este atașat', 'compartimentul financiar', 'CSV'], link: `${BASE}/#/subventii/${runId}` },
  service_at_capacity: { words: ['capacitatea maximă', 'lista de așteptare', '60 din 60', '4 copii'], link: `${BASE}/#/servicii/cz-sf-nicolae` },
  waiting_list: { words: ['s-a eliberat un loc', 'lista de așteptare', '3 copii', 'VT-2026-00042'], link: `${BASE}/#/servicii/cz-sf-nicolae` },
  consent_expiring: { words: ['Consimțământ', 'expiră', '25.03.2026', 'în 10 zile', 'reprezentantului legal'], link: `${BASE}/#/cazuri/${kase.caseId}` },
  child_turning_18: { words: ['împlinește 18 ani', 'aprilie 2026', 'revizuirea planului'], link: `${BASE}/#/cazuri/${kase.caseId}` },
  cohort_months_running_out: { words: ['16 din cele 18 luni', 'mai sunt necesare 2 luni', 'februarie 2028'], link: `${BASE}/#/cazuri/${kase.caseId}` },
  observator_registration_missing: { words: ['Observatorul Național al Copilului', 'plan individualizat de protecție (PIP)', '01.03.2026', '14 zile'], link: `${BASE}/#/sarcini/${taskId}` },
  case_needs_attention: { words: ['necesită atenție', 'înscrierea copilului în serviciile planului aprobat', '14.03.2026, 10:05', 'PLAN_NOT_APPROVED'], link: `${BASE}/#/cazuri/${kase.caseId}` },
  daily_digest: { words: ['Rezumatul zilei', '15.03.2026', '15 notificări', 'Sarcini în întârziere (1)'], link: `${BASE}/#/sarcini/${taskId}` },
};

// ---------------------------------------------------------------------------------------------------------------
// helpers

const ENT: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ENT[e]!);
/** What a reader of the HTML part sees: no head, no hidden preheader, no tags. */
function visibleText(html: string): string {
  return decode(
    html
      .replace(/<head>[\s\S]*?<\/head>/, ' ')
      .replace(/<div data-preheader[^>]*>[\s\S]*?<\/div>/, ' ')
      .replace(/<[^>]+>/g, ' '),
  );
}
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => decode(m[1]!));
const words = (s: string) => new Set(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
const normalizeSpace = (s: string) => s.replace(/\s+/g, ' ');

function errorOf(fn: () => unknown): MailDataError {
  try {
    fn();
  } catch (e) {
    if (e instanceof MailDataError) return e;
    throw e;
  }
  throw new Error('expected a MailDataError');
}

/** Path of the first string leaf of a value (to inject a bad value somewhere real). */
function firstStringPath(v: unknown, path: (string | number)[] = []): (string | number)[] | undefined {
  if (typeof v === 'string') return path;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = firstStringPath(v[i], [...path, i]);
      if (p) return p;
    }
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const p = firstStringPath(x, [...path, k]);
      if (p) return p;
    }
  }
  return undefined;
}
function setPath(root: unknown, path: (string | number)[], value: unknown): void {
  let cur = root as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  cur[path[path.length - 1]!] = value;
}

// ---------------------------------------------------------------------------------------------------------------

describe('every kind renders', () => {
  it('has a fixture and expectations for every kind', () => {
    expect(new Set(messages.map((m) => m.kind))).toEqual(new Set(mailKinds));
    expect(mailKinds).toHaveLength(16);
  });

  describe.each(messages.map((m) => [m.kind, m] as const))('%s', (kind, msg) => {
    const mail: RenderedMail = renderMail(msg, ctx);
    const exp = expectations[kind];

    it('has a [Vatra] subject on one line, an HTML and a text part', () => {
      expect(mail.subject.startsWith('[Vatra] ')).toBe(true);
      expect(mail.subject).not.toMatch(/[\r\n]/);
      expect(mail.html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(mail.html).toContain('</html>');
      expect(mail.text.length).toBeGreaterThan(200);
    });

    it('says the expected Romanian words, with correct diacritics, in both parts', () => {
      const html = normalizeSpace(visibleText(mail.html));
      const text = normalizeSpace(mail.text);
      for (const w of exp.words) {
        expect(html).toContain(w);
        expect(text).toContain(w);
      }
    });

    it('never uses the cedilla letters (U+015F, U+0163, U+015E, U+0162)', () => {
      for (const part of [mail.subject, mail.html, mail.text]) expect(part).not.toMatch(/[\u015F\u0163\u015E\u0162]/);
    });

    it('links with absolute URLs to the right page, in both parts', () => {
      const links = hrefs(mail.html);
      expect(links).toContain(exp.link);
      expect(links).toContain(`${BASE}/#/preferinte`);
      for (const href of links) {
        const u = new URL(href);
        expect(u.origin).toBe(BASE);
        expect(u.hash).toMatch(/^#\/(cazuri|sarcini|subventii|servicii|preferinte)(\/[A-Za-z0-9_-]+)?$/);
        expect(mail.text).toContain(href);
      }
    });

    it('has a text part that mirrors the HTML', () => {
      const htmlWords = words(visibleText(mail.html));
      const textWords = words(mail.text);
      const linkWords = words(hrefs(mail.html).join(' '));
      for (const w of htmlWords) expect(textWords, `"${w}" missing from the text part`).toContain(w);
      for (const w of textWords) expect(htmlWords.has(w) || linkWords.has(w), `"${w}" only in the text part`).toBe(true);
    });

    it('contains no personal data', () => {
      expect(() => assertNoPersonalData(mail, PERSONAL)).not.toThrow();
    });

    it('is deterministic and equal to calling the template directly', () => {
      const direct = (mailTemplates[kind] as (d: unknown, c: typeof ctx) => RenderedMail)(msg.data, ctx);
      expect(renderMail(msg, ctx)).toEqual(mail);
      expect(direct).toEqual(mail);
    });

    it('rejects a CNP-looking value in any string field', () => {
      const data = structuredClone(msg.data) as unknown;
      const path = firstStringPath(data)!;
      setPath(data, path, FAKE_CNP);
      const err = errorOf(() => renderMail({ kind, data } as MailMessage, ctx));
      expect(err.code).toBe('MAIL_CNP_LIKE');
      expect(err.fields[0]!.path).toBe(path.join('.'));
    });

    it('rejects fields outside its schema (no place for names, ethnicity or health)', () => {
      const data = { ...(msg.data as object), childName: 'Ionuț-Florin Bălănescu' };
      const err = errorOf(() => renderMail({ kind, data } as unknown as MailMessage, ctx));
      expect(err.code).toBe('MAIL_DATA_INVALID');
      expect(err.fields.some((f) => f.code === 'unrecognized_keys')).toBe(true);
      expect(JSON.stringify(err)).not.toContain('Bălănescu');
    });
  });
});

describe('data rules', () => {
  it('refuses a CNP hidden in an extra field before anything else', () => {
    const data = { ...fixtures.task_assigned, case: { ...kase, childCnp: FAKE_CNP } };
    expect(errorOf(() => renderMail({ kind: 'task_assigned', data } as unknown as MailMessage, ctx)).code).toBe('MAIL_CNP_LIKE');
  });

  it('refuses a CNP written with spaces', () => {
    const data = { ...fixtures.task_assigned, task: { ...task, taskId: '510 0305 350011' } };
    expect(errorOf(() => mailTemplates.task_assigned(data, ctx)).code).toBe('MAIL_CNP_LIKE');
  });

  it.each([
    ['a case number that is not VT-YYYY-NNNNN', { ...fixtures.consent_expiring, case: { ...kase, caseNumber: 'Popescu Ion' } }],
    ['a date that does not exist', { ...fixtures.consent_expiring, expiresOn: '2026-02-30' }],
    ['a negative day count', { ...fixtures.consent_expiring, daysLeft: -1 }],
    ['an id with markup', { ...fixtures.consent_expiring, case: { ...kase, caseId: '<script>' } }],
  ])('rejects %s', (_, data) => {
    expect(errorOf(() => mailTemplates.consent_expiring(data as MailData<'consent_expiring'>, ctx)).code).toBe('MAIL_DATA_INVALID');
  });

  it('reports invalid data with Romanian messages and paths', () => {
    const err = errorOf(() => mailTemplates.consent_expiring({ ...fixtures.consent_expiring, expiresOn: '2026-02-30' }, ctx));
    expect(err.message).toBe('Datele pentru mesajul „consent_expiring” sunt invalide.');
    expect(err.fields).toContainEqual({ path: 'expiresOn', code: 'custom', message: 'Data nu există în calendar' });
  });

  it('rejects amounts with more than two decimals and unknown task kinds', () => {
    expect(errorOf(() => mailTemplates.payment_file_ready({ ...fixtures.payment_file_ready, totalAmountLei: 10.005 }, ctx)).code).toBe('MAIL_DATA_INVALID');
    const bad = { ...fixtures.task_assigned, task: { ...task, kind: 'lunch' } } as unknown as MailData<'task_assigned'>;
    expect(errorOf(() => mailTemplates.task_assigned(bad, ctx)).code).toBe('MAIL_DATA_INVALID');
  });

  it('rejects an unknown kind', () => {
    const err = errorOf(() => renderMail({ kind: 'birthday_wishes', data: {} } as unknown as MailMessage, ctx));
    expect(err.code).toBe('MAIL_KIND_UNKNOWN');
  });

  it('rejects an invalid context', () => {
    expect(errorOf(() => renderMail(messages[0]!, { baseUrl: 'javascript:alert(1)' })).code).toBe('MAIL_CONTEXT_INVALID');
  });
});

describe('kind-specific content', () => {
  it('the coordinator escalation names role and institution, never the case', () => {
    const mail = mailTemplates.task_overdue_coordinator(fixtures.task_overdue_coordinator, ctx);
    expect(mail.subject).toBe('[Vatra] Sarcină în întârziere de 5 zile: Elaborare plan (DAS)');
    expect(mail.text).not.toMatch(/VT-\d{4}/);
    expect(mail.text).not.toContain('#/cazuri/');
    const withCase = { ...fixtures.task_overdue_coordinator, case: kase } as unknown as MailData<'task_overdue_coordinator'>;
    expect(errorOf(() => mailTemplates.task_overdue_coordinator(withCase, ctx)).code).toBe('MAIL_DATA_INVALID');
  });

  it('the coordinator is not told before the grace period is over', () => {
    const early = { ...fixtures.task_overdue_coordinator, daysOverdue: 1, graceDays: 2 };
    expect(errorOf(() => mailTemplates.task_overdue_coordinator(early, ctx)).code).toBe('MAIL_DATA_INVALID');
  });

  it('due-soon says today and tomorrow in words', () => {
    expect(mailTemplates.task_due_soon({ ...fixtures.task_due_soon, daysLeft: 0 }, ctx).subject).toBe('[Vatra] Termen astăzi: Evaluare inițială — VT-2026-00042');
    expect(mailTemplates.task_due_soon({ ...fixtures.task_due_soon, daysLeft: 1 }, ctx).subject).toBe('[Vatra] Termen mâine: Evaluare inițială — VT-2026-00042');
    expect(mailTemplates.task_due_soon({ ...fixtures.task_due_soon, daysLeft: 21 }, ctx).subject).toBe('[Vatra] Termen în 21 de zile: Evaluare inițială — VT-2026-00042');
  });

  it('a task mail without a case has no case line and no case link', () => {
    const mail = mailTemplates.task_assigned({ task }, ctx);
    expect(mail.subject).toBe('[Vatra] Sarcină nouă: Evaluare inițială');
    expect(mail.text).not.toContain('Cazul:');
    expect(mail.html).not.toContain('#/cazuri/');
  });

  it('the plan approval links to the case when there is no approval task', () => {
    const { taskId: _ignored, ...noTask } = fixtures.plan_awaiting_approval;
    const mail = mailTemplates.plan_awaiting_approval(noTask, ctx);
    expect(hrefs(mail.html)).toContain(`${BASE}/#/cazuri/${kase.caseId}`);
    expect(mail.html).not.toContain('#/sarcini/');
  });

  it('turning 18 gives the month only, and the studies limit when configured', () => {
    const mail = mailTemplates.child_turning_18({ ...fixtures.child_turning_18, studiesAgeLimitYears: 26 }, ctx);
    expect(mail.text).toContain('poate continua până la vârsta de 26 de ani');
    expect(mail.text).not.toMatch(/\d{2}\.04\.2026/);
    expect(mailTemplates.child_turning_18(fixtures.child_turning_18, ctx).text).not.toContain('26 de ani');
  });

  it('warns when the project months left cannot complete the cohort', () => {
    const risky = mailTemplates.cohort_months_running_out({ ...fixtures.cohort_months_running_out, monthsCounted: 10, projectMonthsLeft: 5 }, ctx);
    expect(risky.subject).toBe('[Vatra] Lunile cohortei nu mai pot fi completate: VT-2026-00042');
    expect(normalizeSpace(risky.text)).toContain('au mai rămas doar 5 luni, mai puțin decât este necesar');
    const fine = mailTemplates.cohort_months_running_out(fixtures.cohort_months_running_out, ctx);
    expect(fine.subject).toBe('[Vatra] Lunile de subvenție se apropie de final: VT-2026-00042');
  });

  it('the waiting-list mail agrees in number', () => {
    const many = mailTemplates.waiting_list({ ...fixtures.waiting_list, freePlaces: 2, waitingCount: 1 }, ctx);
    expect(many.subject).toBe('[Vatra] Locuri disponibile: Centrul de zi „Sf. Nicolae” — 1 copil pe lista de așteptare');
    expect(normalizeSpace(many.text)).toContain('s-au eliberat 2 locuri. Pe lista de așteptare este 1 copil.');
    expect(mailTemplates.waiting_list(fixtures.waiting_list, ctx).subject).toBe('[Vatra] Loc disponibil: Centrul de zi „Sf. Nicolae” — 3 copii pe lista de așteptare');
  });

  it('a service can only be "at capacity" when it is full', () => {
    expect(errorOf(() => mailTemplates.service_at_capacity({ ...fixtures.service_at_capacity, enrolled: 59 }, ctx)).code).toBe('MAIL_DATA_INVALID');
  });

  it('escapes HTML in every value that can carry punctuation', () => {
    const name = `Centrul „Sf. Nicolae” & "Kuncz" 'Podu Lung'`;
    const mail = mailTemplates.service_at_capacity({ ...fixtures.service_at_capacity, service: { serviceId: 'cz-x', name } }, ctx);
    expect(mail.html).toContain('Centrul „Sf. Nicolae” &amp; &quot;Kuncz&quot; &#39;Podu Lung&#39;');
    expect(mail.html).not.toContain(`& "Kuncz"`);
    expect(mail.text).toContain(name);
    expect(mail.subject).toBe(`[Vatra] Capacitate atinsă: ${name}`);
    // markup itself never gets that far
    const markup = { ...fixtures.service_at_capacity, service: { serviceId: 'cz-x', name: '<img src=x onerror=alert(1)>' } };
    expect(errorOf(() => mailTemplates.service_at_capacity(markup, ctx)).code).toBe('MAIL_DATA_INVALID');
  });

  it('the personal-data guard catches a name smuggled through a free-text field', () => {
    const mail = mailTemplates.service_at_capacity({ ...fixtures.service_at_capacity, service: { serviceId: 'cz-x', name: 'Stefania Rosu' } }, ctx);
    expect(errorOf(() => assertNoPersonalData(mail, PERSONAL)).code).toBe('MAIL_PERSONAL_DATA');
  });
});

describe('daily digest', () => {
  const t2 = { ...task, taskId: 'T2', kind: 'closure' as const };
  const digest = (items: DigestItem[]) => mailTemplates.daily_digest({ date: '2026-03-15', items }, ctx);
  const headingsOf = (html: string) => [...html.matchAll(/<h2[^>]*>([^<]*)<\/h2>/g)].map((m) => decode(m[1]!));

  it('groups items by kind, most urgent first, with counts', () => {
    const items: DigestItem[] = [
      itemOf('task_assigned'),
      { kind: 'task_overdue', data: { task: t2, daysOverdue: 2 } },
      itemOf('consent_expiring'),
      itemOf('task_overdue'),
      { kind: 'task_assigned', data: { task: t2 } },
    ];
    const mail = digest(items);
    expect(mail.subject).toBe('[Vatra] Rezumatul zilei 15.03.2026: 5 notificări');
    expect(headingsOf(mail.html)).toEqual(['Sarcini în întârziere (2)', 'Sarcini noi (2)', 'Consimțăminte care expiră (1)']);
    // each item sits under its own group's heading, in the order received
    const text = mail.text;
    const at = (s: string) => text.indexOf(s);
    expect(at('Evaluare finală și închidere <')).toBeGreaterThan(at('Sarcini în întârziere (2)'));
    expect(at('Evaluare finală și închidere <')).toBeLessThan(at('Revizuire periodică a planului <'));
    expect(at('Revizuire periodică a planului <')).toBeLessThan(at('Sarcini noi (2)'));
    expect(at('Consimțăminte care expiră (1)')).toBeGreaterThan(at('Sarcini noi (2)'));
    expect(hrefs(mail.html)).toContain(`${BASE}/#/sarcini/T2`);
  });

  it('property: one line per item, one heading per kind present, in the fixed order', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...allItems), { minLength: 1, maxLength: 40 }), (items) => {
        const mail = digest(items);
        expect((mail.html.match(/<li /g) ?? []).length).toBe(items.length);
        const present = DIGEST_ORDER.filter((k) => items.some((i) => i.kind === k));
        expect(headingsOf(mail.html)).toEqual(present.map((k) => `${digestGroupLabel(k)} (${items.filter((i) => i.kind === k).length})`));
        expect(mail.text.split('\n').filter((l) => l.startsWith('- ')).length).toBe(items.length);
      }),
      { numRuns: 60 },
    );
  });

  it('uses the singular for one notification', () => {
    expect(digest([itemOf('waiting_list')]).subject).toBe('[Vatra] Rezumatul zilei 15.03.2026: 1 notificare');
  });

  it('refuses an empty digest, a digest inside a digest, and an invalid item', () => {
    expect(errorOf(() => digest([])).code).toBe('MAIL_DATA_INVALID');
    const nested = [{ kind: 'daily_digest', data: { date: '2026-03-15', items: allItems } }] as unknown as DigestItem[];
    expect(errorOf(() => digest(nested)).code).toBe('MAIL_DATA_INVALID');
    const bad = [{ kind: 'task_overdue', data: { task, daysOverdue: 0 } }] as DigestItem[];
    const err = errorOf(() => digest(bad));
    expect(err.fields.map((f) => f.path)).toContain('items.0.data.daysOverdue');
  });

  it('refuses a CNP anywhere in any item', () => {
    const items = [...allItems, { kind: 'consent_expiring', data: { ...fixtures.consent_expiring, case: { ...kase, caseId: FAKE_CNP } } } as DigestItem];
    const err = errorOf(() => digest(items));
    expect(err.code).toBe('MAIL_CNP_LIKE');
    expect(err.fields[0]!.path).toBe(`items.${allItems.length}.data.case.caseId`);
  });

  it('has a group label for every kind it can hold', () => {
    expect(new Set(DIGEST_ORDER)).toEqual(new Set(mailKinds.filter((k) => k !== 'daily_digest')));
    for (const k of DIGEST_ORDER) expect(digestGroupLabel(k)).toMatch(/^\p{Lu}/u);
  });
});
