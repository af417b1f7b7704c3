/**
 * The case file: header (number, track, stage, institution), the child and the referral, the plan, participation and
 * subsidy months when other features provide them, the tasks, and the history as a timeline.
 */
import { useEffect, useState } from 'preact/hooks';
import { stageLabels, taskKindLabels, type Stage } from '../../../shared/cases/config.js';
import { referralSourceLabels } from '../../../shared/cases/config.js';
import { riskFactors } from '../../../shared/cases/risk-factors.js';
import { useApp } from '../lib/app-context.js';
import type { ApiError } from '../lib/api.js';
import { formatDate, formatInstant, formatLei, formatMonth } from '../lib/format.js';
import { caseStatusLabels, consentPurposeLabels, institutionName, riskLevelLabels } from '../lib/labels.js';
import { href } from '../lib/router.js';
import { countRo, nouns } from '../../../shared/platform/i18n/plural.js';
import type { CaseView, FullCase, HistoryEntry, TaskView } from '../lib/types.js';
import { serviceLabel, PlanSummary } from '../ui/plan-summary.js';
import { Banner, Denied, Loading, Page } from '../ui/page.js';
import { CaseAuditSection, ConsentSection, EnrolFromPlan, EnrolmentActions, IdentityDocumentsSection, type EnrolmentItem } from './case-sections.js';

const riskLabel = (code: string) => riskFactors.find((r) => r.code === code)?.label ?? code;

export function CaseHeader({ c }: { c: FullCase }) {
  return (
    <section class="case-header" aria-label="Date de identificare ale cazului">
      <dl class="facts facts-inline">
        <dt>Caz</dt>
        <dd>
          <a href={href('/cazuri/:caseId', { caseId: c.caseId })}>{c.caseNumber}</a>
        </dd>
        <dt>Copil</dt>
        <dd>
          {c.child.firstName} {c.child.lastName}
        </dd>
        <dt>Traseu</dt>
        <dd>{c.trackLabel}</dd>
        <dt>Etapa</dt>
        <dd>{c.stageLabel}</dd>
        <dt>Instituția</dt>
        <dd>{institutionName(c.institution)}</dd>
        <dt>Starea</dt>
        <dd>{caseStatusLabels[c.status]}</dd>
      </dl>
    </section>
  );
}

export function CasePage({ caseId }: { caseId: string }) {
  const { api, can } = useApp();
  const [c, setCase] = useState<CaseView | undefined>();
  const [tasks, setTasks] = useState<TaskView[] | undefined>();
  const [history, setHistory] = useState<HistoryEntry[] | undefined>();
  const [failure, setFailure] = useState<ApiError | undefined>();
  const [partial, setPartial] = useState<string | undefined>();

  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setCase(undefined);
    setTasks(undefined);
    setHistory(undefined);
    setFailure(undefined);
    const path = `/cases/${encodeURIComponent(caseId)}`;
    const loadTasksAndHistory = async (c: FullCase, attempt: number) => {
      try {
        const [t, h] = await Promise.all([
          api.get<{ items: TaskView[] }>(`${path}/tasks`),
          can('case.history.read') ? api.get<{ items: HistoryEntry[] }>(`${path}/history`) : Promise.resolve(undefined),
        ]);
        if (!alive) return;
        const open = t.items.filter((x) => x.status === 'open');
        // a task opened after the case was read: read the case again BEFORE showing the tasks, so the stage in the
        // header and the task links always agree on screen
        if (open.some((x) => x.kind !== 'observator_registration' && x.taskId !== c.pendingTaskId)) {
          const again = await api.get<{ case: CaseView }>(path);
          if (!alive) return;
          setCase(again.case);
        }
        setTasks(t.items);
        if (h) setHistory(h.items);
        // the workflow opens the next task a moment after a form is sent: look again a few times
        if (c.status === 'open' && attempt < 6 && open.length === 0) {
          timer = setTimeout(() => void refreshAll(attempt + 1).catch((e: ApiError) => alive && setPartial(e.message)), 1000);
        }
      } catch (e) {
        if (alive) setPartial((e as ApiError).message);
      }
    };
    const refreshAll = async (attempt: number) => {
      const r = await api.get<{ case: CaseView }>(path);
      if (!alive) return;
      setCase(r.case);
      if (r.case.view === 'full') await loadTasksAndHistory(r.case, attempt);
    };
    refreshAll(0).catch((e: ApiError) => alive && setFailure(e));
    return () => {
      alive = false;
      if (timer) clearTimeout(timer);
    };
  }, [caseId]);

  if (failure?.denied) return <Denied message={failure.message} />;
  const title = c ? `Cazul ${c.caseNumber}` : 'Dosarul cazului';
  return (
    <Page title={title}>
      {failure && <Banner kind="error">{failure.message}</Banner>}
      {partial && <Banner kind="error">{partial}</Banner>}
      {!c && !failure && <Loading what="dosarul cazului" />}
      {c?.view === 'limited' && <LimitedCaseBody c={c} />}
      {c?.view === 'full' && <FullCaseBody c={c} tasks={tasks} history={history} />}
    </Page>
  );
}

function LimitedCaseBody({ c }: { c: Extract<CaseView, { view: 'limited' }> }) {
  return (
    <>
      <section class="card" aria-labelledby="limited-title">
        <h2 id="limited-title">Date pentru serviciu</h2>
        <dl class="facts">
          <dt>Copil</dt>
          <dd>{c.child.firstName}</dd>
          <dt>Etapa</dt>
          <dd>{stageLabels[c.stage]}</dd>
          <dt>Servicii</dt>
          <dd>{c.services.map((s) => serviceLabel(s)).join('; ') || '—'}</dd>
        </dl>
        <p class="muted">Personalul serviciilor vede doar datele necesare activității cu copilul.</p>
      </section>
      <ParticipationSection caseId={c.caseId} />
    </>
  );
}

function FullCaseBody({ c, tasks, history }: { c: FullCase; tasks: TaskView[] | undefined; history: HistoryEntry[] | undefined }) {
  const { can } = useApp();
  const open = (tasks ?? []).filter((t) => t.status === 'open');
  const done = (tasks ?? []).filter((t) => t.status !== 'open');
  return (
    <>
      <CaseHeader c={c} />
      {c.attention && (
        // an automatic step failed for good (decision 016): said here until it succeeds
        <Banner kind="warning" title="Cazul necesită atenție">
          <p>
            Pasul automat „înscrierea în serviciile planului aprobat” nu s-a făcut ({formatInstant(c.attention.at)}, cod {c.attention.code}). {c.attention.message}
          </p>
          <p>Coordonatorii instituției au fost anunțați. Verificați planul și înscrierile cazului.</p>
        </Banner>
      )}
      <div class="case-grid">
        <section class="card" aria-labelledby="sec-tasks">
          <h2 id="sec-tasks">Sarcini deschise</h2>
          {!tasks && <Loading what="sarcinile" />}
          {tasks && open.length === 0 && <p>{c.status === 'open' ? 'Nicio sarcină deschisă acum. Următoarea sarcină apare imediat ce fluxul de lucru o deschide.' : 'Cazul este închis.'}</p>}
          {open.length > 0 && (
            <ul class="task-list">
              {open.map((t) => (
                <li key={t.taskId}>
                  {can('task.work') ? <a href={href('/sarcini/:taskId', { taskId: t.taskId })}>{taskKindLabels[t.kind]}</a> : taskKindLabels[t.kind]}
                  <span class="muted"> · termen {formatInstant(t.dueAt)}</span>
                  {t.dueAt < new Date().toISOString() && <span class="badge badge-overdue">întârziată</span>}
                </li>
              ))}
            </ul>
          )}
          {done.length > 0 && (
            <details>
              <summary>Sarcini finalizate ({done.length})</summary>
              <ul class="task-list">
                {done.map((t) => (
                  <li key={t.taskId}>
                    {taskKindLabels[t.kind]}
                    <span class="muted"> · {t.completedAt ? `finalizată la ${formatInstant(t.completedAt)}` : t.status}</span>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </section>

        <section class="card" aria-labelledby="sec-child">
          <h2 id="sec-child">Copilul și familia</h2>
          <dl class="facts">
            <dt>Nume</dt>
            <dd>
              {c.child.firstName} {c.child.lastName}
            </dd>
            <dt>Data nașterii</dt>
            <dd>{formatDate(c.child.birthDate)}</dd>
            <dt>Localitatea</dt>
            <dd>{c.child.residenceCity}</dd>
            {c.child.school && (
              <>
                <dt>Școala</dt>
                <dd>{c.child.school}</dd>
              </>
            )}
            <dt>Reprezentant legal</dt>
            <dd>
              {c.legalRepresentative.firstName} {c.legalRepresentative.lastName}
            </dd>
            <dt>Deschis la</dt>
            <dd>{formatInstant(c.openedAt)}</dd>
          </dl>
        </section>

        <section class="card" aria-labelledby="sec-referral">
          <h2 id="sec-referral">Sesizarea</h2>
          <dl class="facts">
            <dt>Sursa</dt>
            <dd>{referralSourceLabels[c.referral.source]}</dd>
            <dt>Primită la</dt>
            <dd>{formatInstant(c.referral.receivedAt)}</dd>
            <dt>Factori de risc</dt>
            <dd>{c.referral.riskFactors.map(riskLabel).join('; ')}</dd>
            <dt>Motivul</dt>
            <dd class="prewrap">{c.referral.reason}</dd>
          </dl>
        </section>

        {c.evaluation && (
          <section class="card" aria-labelledby="sec-eval">
            <h2 id="sec-eval">Evaluarea inițială</h2>
            <dl class="facts">
              <dt>Finalizată la</dt>
              <dd>{formatInstant(c.evaluation.completedAt)}</dd>
              <dt>Nivelul riscului</dt>
              <dd>{riskLevelLabels[c.evaluation.riskLevel]}</dd>
              <dt>Nevoi</dt>
              <dd>{c.evaluation.needs.join('; ')}</dd>
              <dt>Acordul</dt>
              <dd>
                {c.consent?.given
                  ? `dat la ${formatDate(c.consent.date)} pentru: ${c.consent.purposes.map((p) => consentPurposeLabels[p as keyof typeof consentPurposeLabels] ?? p).join(', ')}`
                  : 'nu a fost dat'}
                {c.consent?.withdrawnAt && ` · retras la ${formatInstant(c.consent.withdrawnAt)}`}
              </dd>
            </dl>
          </section>
        )}

        <section class="card wide" aria-labelledby="sec-plan">
          <h2 id="sec-plan">Planul</h2>
          <PlanSummary c={c} />
        </section>

        <ParticipationSection caseId={c.caseId} open={c.status === 'open'} />
        <SubsidyMonthsSection c={c} />
        {can('case.consent.read') && <ConsentSection caseId={c.caseId} />}
        {can('case.identity_documents.write') && c.status === 'open' && <IdentityDocumentsSection caseId={c.caseId} />}
        {can('case.audit.read') && <CaseAuditSection caseId={c.caseId} />}
      </div>

      {history && (
        <section class="card" aria-labelledby="sec-history">
          <h2 id="sec-history">Istoricul cazului</h2>
          <Timeline items={history} />
        </section>
      )}
    </>
  );
}

interface ServiceMonth {
  serviceId: string;
  name: string;
  type: 'day_centre' | 'recovery_centre' | 'intervention';
  summary: { scheduledDays: number; presentDays: number; absentDays: number; excusedDays: number; sessions: number; parentSessions: number; corrections: number };
  evaluation: { active: boolean; reasons: { code: string; message: string }[]; measures: { rule: 'attendance' | 'sessions'; attendanceRatio: number | null; requiredRatio: number | null; requiredSessions: number | null; requiredParentSessions: number | null } };
  rule: { description: string; confirmed: boolean };
}

interface MonthParticipation {
  month: string;
  monthClosed: boolean;
  services: ServiceMonth[];
}

const percent = (r: number) => `${Math.round(r * 100)}%`;

/** One service's month in words: days present (centres) or sessions (interventions), against the rule's minimum. */
export function participationLine(s: Pick<ServiceMonth, 'summary' | 'evaluation'>): string {
  const m = s.evaluation.measures;
  const sum = s.summary;
  if (m.rule === 'attendance') {
    const base = `${countRo(sum.presentDays, nouns.day)} prezent din ${countRo(sum.scheduledDays, { one: 'zi marcată', many: 'zile marcate' })}`;
    const excused = sum.excusedDays > 0 ? `, ${countRo(sum.excusedDays, { one: 'motivată', many: 'motivate' })}` : '';
    const ratio = m.attendanceRatio !== null
      ? ` · prezență ${percent(m.attendanceRatio)}${m.requiredRatio !== null ? ` (minimum ${percent(m.requiredRatio)})` : ''}`
      : m.requiredRatio !== null ? ` · minimum ${percent(m.requiredRatio)} prezență` : '';
    return `${base}${excused}${ratio}`;
  }
  const parents = m.requiredParentSessions !== null ? ` · ${countRo(sum.parentSessions, nouns.session)} cu părinții (minimum ${m.requiredParentSessions})` : '';
  return `${countRo(sum.sessions, nouns.session)}${m.requiredSessions !== null ? ` (minimum ${m.requiredSessions})` : ''}${parents}`;
}

/**
 * "Participare": the child's enrolments (GET /cases/{id}/enrolments) and this month's participation per service
 * (GET /cases/{id}/participation), each shown only to users holding its read action.
 */
function ParticipationSection({ caseId, open = false }: { caseId: string; open?: boolean }) {
  const { api, can } = useApp();
  const [tick, setTick] = useState(0);
  const [changed, setChanged] = useState<string | undefined>();
  const writes = open && can('case.enrolment.write');
  const onChanged = (m: string) => {
    setChanged(m);
    setTick((t) => t + 1);
  };
  const readsEnrolments = can('case.enrolments.read');
  const readsParticipation = can('participation.read');
  const [enrolments, setEnrolments] = useState<EnrolmentItem[] | undefined>();
  const [month, setMonth] = useState<MonthParticipation | undefined>();
  const [problem, setProblem] = useState<string | undefined>();

  useEffect(() => {
    let alive = true;
    setEnrolments(undefined);
    setMonth(undefined);
    setProblem(undefined);
    const path = `/cases/${encodeURIComponent(caseId)}`;
    const quiet = (e: ApiError) => {
      // not this user's to see (e.g. a case manager who does not manage the case): the section stays empty
      if (alive && !e.denied) setProblem(e.message);
      return undefined;
    };
    if (readsEnrolments) api.get<{ items: EnrolmentItem[] }>(`${path}/enrolments`).then((r) => alive && setEnrolments(r.items), quiet);
    if (readsParticipation) api.get<MonthParticipation>(`${path}/participation`).then((r) => alive && setMonth(r), quiet);
    return () => {
      alive = false;
    };
  }, [caseId, tick]);

  if (!readsEnrolments && !readsParticipation) return null;
  const shown = (enrolments ?? []).filter((e) => e.status !== 'cancelled');
  return (
    <section class="card wide participation" aria-labelledby="sec-participation" data-section="participation">
      <h2 id="sec-participation">Participare</h2>
      {problem && <Banner kind="error">{problem}</Banner>}
      {changed && <Banner kind="success">{changed}</Banner>}
      {readsEnrolments && (
        <>
          <h3>Înscrieri la servicii</h3>
          {!enrolments && !problem && <Loading what="înscrierile" />}
          {enrolments && shown.length === 0 && <p class="empty">Copilul nu este înscris la niciun serviciu.</p>}
          {writes && enrolments && <EnrolFromPlan caseId={caseId} onChanged={onChanged} />}
          {shown.length > 0 && (
            <ul class="enrolments">
              {shown.map((e) => (
                <li key={e.enrolmentId}>
                  <strong>{e.serviceName}</strong> — {e.groupName}
                  <span class={`badge badge-enrolment-${e.status}`}>{e.statusLabel}</span>
                  <span class="muted">
                    {' '}· {e.status === 'waiting' ? `cerută de la ${formatDate(e.from)}` : `din ${formatDate(e.from)}`}
                    {e.to && ` până la ${formatDate(e.to)}`}
                    {e.endReasonLabel && ` (${e.endReasonLabel.toLowerCase()})`}
                    {e.waitingPosition !== undefined && ` · locul ${e.waitingPosition} pe lista de așteptare`}
                  </span>
                  {writes && (e.status === 'active' || e.status === 'waiting') && <EnrolmentActions caseId={caseId} e={e} onChanged={onChanged} />}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {readsParticipation && (
        <>
          <h3>{month ? `Luna ${formatMonth(month.month)}` : 'Luna aceasta'}</h3>
          {!month && !problem && <Loading what="participarea" />}
          {month?.monthClosed && <p class="muted">Luna este închisă: modificările ulterioare sunt corecturi.</p>}
          {month && month.services.length === 0 && <p class="empty">Nicio participare la servicii în această lună.</p>}
          {month && month.services.length > 0 && (
            <ul class="participation-list">
              {month.services.map((s) => (
                <li key={s.serviceId}>
                  <p>
                    <strong>{s.name}</strong>
                    <span class={`badge ${s.evaluation.active ? 'badge-approved' : 'badge-submitted'}`}>{s.evaluation.active ? 'participare activă' : 'fără participare activă'}</span>
                  </p>
                  <p>{participationLine(s)}</p>
                  {s.evaluation.reasons.length > 0 && (
                    <ul class="reasons">
                      {s.evaluation.reasons.map((r) => (
                        <li key={r.code}>{r.message}</li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

/** "Luni de subvenție plătite": filled by the monthly subsidy feature through `case.subsidyMonths`; hidden until then. */
function SubsidyMonthsSection({ c }: { c: FullCase }) {
  const s = c.subsidyMonths;
  if (!s) return null;
  return (
    <section class="card" aria-labelledby="sec-subsidy" data-section="subsidy-months">
      <h2 id="sec-subsidy">Luni de subvenție plătite</h2>
      <p>
        <strong>{s.paid}</strong>
        {s.target !== undefined && ` din minimum ${s.target}`} luni
        {s.amountLei !== undefined && ` · ${formatLei(s.amountLei)}`}
      </p>
      {s.months && s.months.length > 0 && <p class="muted">{s.months.map(formatMonth).join(', ')}</p>}
    </section>
  );
}

export function Timeline({ items }: { items: HistoryEntry[] }) {
  const sorted = [...items].sort((a, b) => b.at.localeCompare(a.at) || b.version - a.version);
  if (sorted.length === 0) return <p>Nicio înregistrare.</p>;
  return (
    <ol class="timeline" aria-label="Evenimente, cele mai recente primele">
      {sorted.map((h) => (
        <li key={h.version}>
          <time dateTime={h.at}>{formatInstant(h.at)}</time>
          <p class="timeline-summary">{h.summary}</p>
          <p class="muted">
            {h.actorName}
            {h.stageBefore && h.stageAfter && h.stageBefore !== h.stageAfter && (
              <>
                {' '}· etapa: {stageLabels[h.stageBefore as Stage] ?? h.stageBefore} → {stageLabels[h.stageAfter as Stage] ?? h.stageAfter}
              </>
            )}
          </p>
        </li>
      ))}
    </ol>
  );
}
