/** The plan (PS or PIP): objectives, services from the catalogue with group and responsible, cohort, first review. */
import { taskFormSchema } from '../../../shared/cases/model.js';
import { serviceCatalogue } from '../../../shared/services/catalogue.js';
import { nextObjectiveId } from '../lib/form.js';
import { cohortLabels, options } from '../lib/labels.js';
import { ListGroup, RadioGroup, SelectField, TextArea, TextField } from '../ui/fields.js';
import { ListRow } from './rows.js';
import { countRo, nouns } from '../../../shared/platform/i18n/plural.js';
import type { TaskFormDef } from './types.js';

export interface PlanValues {
  objectives: { id: string; text: string; indicator: string }[];
  services: { serviceId: string; groupId: string; frequency: string; responsible: string }[];
  cohort: string;
  reviewDate: string;
  notes: string;
}

const emptyService = (responsible: string) => ({ serviceId: '', groupId: '', frequency: '', responsible });

export const planForm: TaskFormDef<PlanValues> = {
  schema: taskFormSchema('plan'),
  initial: ({ c, me }) => {
    // a plan sent back by the coordinator is edited, not retyped
    const p = c.plan;
    return {
      objectives: p?.objectives.length ? p.objectives.map((o) => ({ id: o.id, text: o.text, indicator: o.indicator ?? '' })) : [{ id: 'O1', text: '', indicator: '' }],
      services: p?.services.length
        ? p.services.map((s) => ({ serviceId: s.serviceId, groupId: s.groupId ?? '', frequency: s.frequency ?? '', responsible: s.responsible }))
        : [emptyService(me.displayName)],
      cohort: p?.cohort ?? c.cohort ?? '',
      reviewDate: p?.reviewDate ?? '',
      notes: p?.notes ?? '',
    };
  },
  Fields: ({ c, me, form }) => {
    const v = form.values;
    const catalogue = serviceCatalogue.filter((s) => (s.tracks as readonly string[]).includes(c.track));
    return (
      <>
        <ListGroup path="objectives" legend="Obiectivele planului" hint="Fiecare obiectiv cu indicatorul după care se vede că a fost atins." onAdd={() => form.set('objectives', [...v.objectives, { id: nextObjectiveId(v.objectives.map((o) => o.id)), text: '', indicator: '' }])} addLabel="Adaugă un obiectiv">
          {v.objectives.map((o, i) => (
            <ListRow key={o.id} title={`Obiectivul ${o.id}`} canRemove={v.objectives.length > 1} removeLabel={`Elimină obiectivul ${o.id}`} onRemove={() => form.set('objectives', v.objectives.filter((_, j) => j !== i))}>
              <TextArea path={`objectives.${i}.text`} label="Ce se urmărește" summaryLabel={`Obiectivul ${o.id}`} rows={2} />
              <TextField path={`objectives.${i}.indicator`} label="Indicatorul" summaryLabel={`Indicatorul obiectivului ${o.id}`} optional />
            </ListRow>
          ))}
        </ListGroup>
        <ListGroup path="services" legend="Serviciile din catalog" onAdd={() => form.set('services', [...v.services, emptyService(me.displayName)])} addLabel="Adaugă un serviciu">
          {v.services.map((s, i) => {
            const service = catalogue.find((x) => x.id === s.serviceId);
            return (
              <ListRow key={i} title={`Serviciul ${i + 1}`} canRemove={v.services.length > 1} removeLabel={`Elimină serviciul ${i + 1}`} onRemove={() => form.set('services', v.services.filter((_, j) => j !== i))}>
                <SelectField path={`services.${i}.serviceId`} label="Serviciul" summaryLabel={`Serviciul ${i + 1}`} options={catalogue.map((x) => ({ value: x.id, label: x.name }))} onChange={() => form.set(`services.${i}.groupId`, '')} />
                <SelectField path={`services.${i}.groupId`} label="Grupa" optional disabled={!service} hint={service ? undefined : 'Alegeți întâi serviciul.'} options={(service?.groups ?? []).map((g) => ({ value: g.id, label: `${g.name} (${countRo(g.capacity, nouns.place)})` }))} />
                <TextField path={`services.${i}.frequency`} label="Frecvența" hint="De exemplu: zilnic, de 2 ori pe săptămână." optional />
                <TextField path={`services.${i}.responsible`} label="Responsabilul" summaryLabel={`Responsabilul serviciului ${i + 1}`} />
              </ListRow>
            );
          })}
        </ListGroup>
        <RadioGroup path="cohort" legend="Durata participării (cohorta subvenției)" hint="Cohorta stabilește numărul minim de luni de subvenție." options={options(cohortLabels)} inline />
        <TextField path="reviewDate" type="date" label="Data primei revizuiri a planului" width="short" />
        <TextArea path="notes" label="Observații" optional rows={3} />
      </>
    );
  },
  submitLabel: 'Trimite planul spre aprobare',
};
