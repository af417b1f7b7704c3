/** A plan as read by staff: type and status, objectives, services (names from the catalogue), cohort, review, Observatorul. */
import { getService } from '../../../shared/services/catalogue.js';
import type { FullCase } from '../lib/types.js';
import { formatDate } from '../lib/format.js';
import { cohortLabels, planStatusLabels } from '../lib/labels.js';

export function serviceLabel(serviceId: string, groupId?: string): string {
  const s = getService(serviceId);
  if (!s) return serviceId;
  const g = groupId ? s.groups.find((x) => x.id === groupId) : undefined;
  return g ? `${s.name} — ${g.name}` : s.name;
}

export function PlanSummary({ c, headingLevel = 3 }: { c: FullCase; headingLevel?: 2 | 3 }) {
  const p = c.plan;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const Sub = headingLevel === 2 ? 'h3' : 'h4';
  if (!p) return <p>Planul nu a fost încă elaborat.</p>;
  return (
    <div class="plan">
      <H>
        {c.planLabel} ({p.type}), versiunea {p.version}
      </H>
      <dl class="facts">
        <dt>Starea planului</dt>
        <dd><span class={`badge badge-${p.status}`}>{planStatusLabels[p.status]}</span></dd>
        <dt>Cohorta</dt>
        <dd>{cohortLabels[p.cohort]}</dd>
        <dt>Data revizuirii</dt>
        <dd>{formatDate(p.reviewDate)}</dd>
        {c.nextReviewDate && c.nextReviewDate !== p.reviewDate && (
          <>
            <dt>Următoarea revizuire</dt>
            <dd>{formatDate(c.nextReviewDate)}</dd>
          </>
        )}
        <dt>Observatorul Național al Copilului</dt>
        <dd>
          {p.observator
            ? `înregistrat cu nr. ${p.observator.registrationNumber} din ${formatDate(p.observator.registrationDate)}`
            : p.status === 'approved'
              ? 'neînregistrat încă'
              : 'se înregistrează după aprobarea planului'}
        </dd>
      </dl>
      <Sub>Obiective</Sub>
      <ol class="objectives">
        {p.objectives.map((o) => (
          <li key={o.id}>
            <strong>{o.id}.</strong> {o.text}
            {o.indicator && <span class="muted"> — indicator: {o.indicator}</span>}
          </li>
        ))}
      </ol>
      <Sub>Servicii</Sub>
      <ul class="services">
        {p.services.map((s, i) => (
          <li key={i}>
            {serviceLabel(s.serviceId, s.groupId)}
            {s.frequency && <span> · {s.frequency}</span>}
            <span class="muted"> · responsabil: {s.responsible}</span>
          </li>
        ))}
      </ul>
      {p.notes && (
        <>
          <Sub>Observații</Sub>
          <p class="prewrap">{p.notes}</p>
        </>
      )}
    </div>
  );
}
