/** Cases list: mine or my institution's, filtered by stage and status; the filters live in the address (shareable). */
import { useEffect, useState } from 'preact/hooks';
import { stageLabels, stages, trackConfig } from '../../../shared/cases/config.js';
import { useApp } from '../lib/app-context.js';
import type { ApiError } from '../lib/api.js';
import { formatDate, formatInstant } from '../lib/format.js';
import { caseStatusLabels } from '../lib/labels.js';
import { href, navigate } from '../lib/router.js';
import type { CaseSummary } from '../lib/types.js';
import { Banner, Loading, Page } from '../ui/page.js';
import { childWithAge } from './child-label.js';
import { countRo, nouns } from '../../../shared/platform/i18n/plural.js';

export interface CaseFilters {
  scope: 'mine' | 'institution';
  stage: string;
  status: string;
}

/**
 * The filters in the address. `defaultScope` is what an address without `vedere` means: a coordinator's list opens on
 * the institution's cases (they manage none themselves), a case manager's on their own.
 */
export function filtersFrom(query: URLSearchParams, defaultScope: CaseFilters['scope'] = 'mine'): CaseFilters {
  const stage = query.get('etapa') ?? '';
  const status = query.get('stare') ?? 'open';
  const vedere = query.get('vedere');
  return {
    scope: vedere === 'institutie' ? 'institution' : vedere === 'mele' ? 'mine' : defaultScope,
    stage: (stages as readonly string[]).includes(stage) ? stage : '',
    status: status === 'closed' || status === 'all' ? status : 'open',
  };
}

export function filtersToHref(f: CaseFilters, defaultScope: CaseFilters['scope'] = 'mine'): string {
  return href('/cazuri', {}, { vedere: f.scope === defaultScope ? undefined : f.scope === 'institution' ? 'institutie' : 'mele', etapa: f.stage || undefined, stare: f.status === 'open' ? undefined : f.status });
}

/** „Un caz alocat mie.”, „3 cazuri alocate mie.”, „20 de cazuri ale instituției.” */
export function casesSummary(n: number, institution: boolean): string {
  if (n === 0) return 'Niciun caz nu corespunde filtrelor.';
  if (n === 1) return institution ? 'Un caz al instituției.' : 'Un caz alocat mie.';
  return `${countRo(n, nouns.case)} ${institution ? 'ale instituției' : 'alocate mie'}.`;
}

export function CasesPage({ query }: { query: URLSearchParams }) {
  const { api, hasRole, can } = useApp();
  const defaultScope: CaseFilters['scope'] = hasRole('coordinator') ? 'institution' : 'mine';
  const applied = filtersFrom(query, defaultScope);
  const [draft, setDraft] = useState(applied);
  const [items, setItems] = useState<CaseSummary[] | undefined>();
  const [scope, setScope] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const key = filtersToHref(applied, defaultScope);

  useEffect(() => {
    setDraft(applied);
    setItems(undefined);
    setError(undefined);
    const qs = new URLSearchParams({ scope: applied.scope });
    if (applied.stage) qs.set('stage', applied.stage);
    if (applied.status !== 'all') qs.set('status', applied.status);
    api
      .get<{ items: CaseSummary[]; scope: string }>(`/cases?${qs.toString()}`)
      .then((r) => {
        setItems([...r.items].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)));
        setScope(r.scope);
      })
      .catch((e: ApiError) => setError(e.message));
  }, [key]);

  const canInstitution = hasRole('coordinator') || hasRole('case_manager');
  return (
    <Page title="Cazuri" actions={can('case.create') ? <a class="button" href="#/sesizare-noua">Sesizare nouă</a> : undefined}>
      <form
        class="filters"
        aria-label="Filtrează cazurile"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(filtersToHref(draft, defaultScope));
        }}
      >
        {canInstitution && (
          <div class="field">
            <label for="flt-scope">Ce cazuri</label>
            <select id="flt-scope" value={draft.scope} onChange={(e) => setDraft({ ...draft, scope: (e.currentTarget as HTMLSelectElement).value as CaseFilters['scope'] })}>
              <option value="mine">Cazurile mele</option>
              <option value="institution">Toate cazurile instituției</option>
            </select>
          </div>
        )}
        <div class="field">
          <label for="flt-stage">Etapa</label>
          <select id="flt-stage" value={draft.stage} onChange={(e) => setDraft({ ...draft, stage: (e.currentTarget as HTMLSelectElement).value })}>
            <option value="">Toate etapele</option>
            {stages.map((s) => (
              <option key={s} value={s}>
                {stageLabels[s]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="flt-status">Starea</label>
          <select id="flt-status" value={draft.status} onChange={(e) => setDraft({ ...draft, status: (e.currentTarget as HTMLSelectElement).value })}>
            <option value="open">Deschise</option>
            <option value="closed">Închise</option>
            <option value="all">Toate</option>
          </select>
        </div>
        <div class="field field-button">
          <button type="submit">Aplică filtrele</button>
        </div>
      </form>
      {error && <Banner kind="error">{error}</Banner>}
      {!items && !error && <Loading what="cazurile" />}
      {items && (
        <p role="status" class="summary">
          {casesSummary(items.length, scope === 'institution')}
        </p>
      )}
      {items && items.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Cazuri, cele modificate recent primele</caption>
            <thead>
              <tr>
                <th scope="col">Numărul cazului</th>
                <th scope="col">Copil</th>
                <th scope="col">Traseu</th>
                <th scope="col">Etapa</th>
                <th scope="col">Următoarea revizuire</th>
                <th scope="col">Ultima modificare</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.caseId}>
                  <td>
                    <a href={href('/cazuri/:caseId', { caseId: c.caseId })}>{c.caseNumber}</a>
                  </td>
                  <td>{c.childName ? childWithAge(c.childName, c.childAge) : '—'}</td>
                  <td>{trackConfig[c.track].label}</td>
                  <td>
                    {c.stageLabel}
                    {c.status === 'closed' && <span class="muted"> ({caseStatusLabels.closed.toLowerCase()})</span>}
                  </td>
                  <td>{c.nextReviewDate ? formatDate(c.nextReviewDate) : '—'}</td>
                  <td>{formatInstant(c.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
