/** The task inbox: "Sarcinile mele" / "Echipa", overdue first and highlighted, one click to the form. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { taskKindLabels } from '../../../shared/cases/config.js';
import { useApp } from '../lib/app-context.js';
import type { ApiError } from '../lib/api.js';
import { formatInstant } from '../lib/format.js';
import { href, navigate } from '../lib/router.js';
import type { InboxTask, StaffMember } from '../lib/types.js';
import { Banner, Loading, Page } from '../ui/page.js';
import { sortInbox } from './inbox-order.js';
import { childWithAge } from './child-label.js';
import { countRo, nouns } from '../../../shared/platform/i18n/plural.js';

type Scope = 'mine' | 'team';
const tabs: { scope: Scope; label: string }[] = [
  { scope: 'mine', label: 'Sarcinile mele' },
  { scope: 'team', label: 'Echipa' },
];

export function InboxPage({ scope }: { scope: Scope }) {
  const { api, me, can } = useApp();
  const [items, setItems] = useState<InboxTask[] | undefined>();
  const [staff, setStaff] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState<string | undefined>();
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => {
    setItems(undefined);
    setError(undefined);
    api
      .get<{ items: InboxTask[] }>(`/tasks?scope=${scope}`)
      .then((r) => setItems(sortInbox(r.items)))
      .catch((e: ApiError) => setError(e.message));
  }, [scope]);

  useEffect(() => {
    if (scope !== 'team' || !can('staff.list')) return;
    api
      .get<{ items: StaffMember[] }>('/staff?role=case_manager')
      .then((r) => setStaff(new Map(r.items.map((s) => [s.userId, s.displayName]))))
      .catch(() => undefined); // names are a convenience; the list works without them
  }, [scope]);

  const select = (s: Scope) => navigate(href('/sarcini', {}, { tab: s === 'team' ? 'echipa' : undefined }), { replace: true });
  const onKey = (e: KeyboardEvent, i: number) => {
    const next = e.key === 'ArrowRight' ? (i + 1) % tabs.length : e.key === 'ArrowLeft' ? (i - 1 + tabs.length) % tabs.length : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    select(tabs[next]!.scope);
    tabRefs.current[next]?.focus();
  };

  const overdue = items?.filter((t) => t.overdue).length ?? 0;
  const assignee = (t: InboxTask) =>
    t.assigneeId === me.userId ? 'Eu' : !t.assigneeId ? 'Coordonatorii instituției' : (staff.get(t.assigneeId) ?? 'Alt coleg');

  return (
    <Page title="Sarcini">
      <div role="tablist" aria-label="Ale cui sarcini" class="tabs">
        {tabs.map((t, i) => (
          <button
            key={t.scope}
            ref={(el) => {
              tabRefs.current[i] = el;
            }}
            role="tab"
            type="button"
            id={`tab-${t.scope}`}
            aria-selected={scope === t.scope ? 'true' : 'false'}
            aria-controls="inbox-panel"
            tabIndex={scope === t.scope ? 0 : -1}
            onClick={() => select(t.scope)}
            onKeyDown={(e) => onKey(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="inbox-panel" aria-labelledby={`tab-${scope}`}>
        {error && <Banner kind="error">{error}</Banner>}
        {!items && !error && <Loading what="sarcinile" />}
        {items && items.length === 0 && <p class="empty">Nu aveți sarcini deschise.</p>}
        {items && items.length > 0 && (
          <>
            <p class="summary" role="status">
              {items.length === 1 ? 'O sarcină deschisă' : `${countRo(items.length, nouns.task)} deschise`}
              {overdue > 0 && <strong class="overdue-count">, dintre care {overdue === 1 ? 'una întârziată' : `${countRo(overdue, { one: 'întârziată', many: 'întârziate' })}`}</strong>}.
            </p>
            <div class="table-wrap">
              <table class="inbox">
                <caption class="visually-hidden">{scope === 'team' ? 'Sarcinile echipei' : 'Sarcinile mele'}, cele întârziate primele</caption>
                <thead>
                  <tr>
                    <th scope="col">Sarcina</th>
                    <th scope="col">Copilul și cazul</th>
                    <th scope="col">Termen</th>
                    {scope === 'team' && <th scope="col">Cine lucrează</th>}
                  </tr>
                </thead>
                <tbody>
                  {items.map((t) => (
                    <tr key={t.taskId} class={t.overdue ? 'overdue' : undefined}>
                      <td>
                        <a href={href('/sarcini/:taskId', { taskId: t.taskId })}>{taskKindLabels[t.kind]}</a>
                      </td>
                      <td>
                        <a href={href('/cazuri/:caseId', { caseId: t.caseId })}>
                          {t.childName ? <>{childWithAge(t.childName, t.childAge)} <span class="muted">({t.caseNumber})</span></> : t.caseNumber}
                        </a>
                      </td>
                      <td>
                        {formatInstant(t.dueAt)}
                        {t.overdue && <span class="badge badge-overdue">întârziată</span>}
                      </td>
                      {scope === 'team' && <td>{assignee(t)}</td>}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </div>
    </Page>
  );
}
