/** Initial evaluation: family situation, risk, needs, the child's view, the parent's consent and the decision. */
import { taskFormSchema } from '../../../shared/cases/model.js';
import { closureReasonLabels, decisionLabels, trackConfig } from '../../../shared/cases/config.js';
import { riskFactors } from '../../../shared/cases/risk-factors.js';
import { consentGiverLabels, consentPurposeLabels, options, riskLevelLabels } from '../lib/labels.js';
import { CheckboxField, CheckboxGroup, ListGroup, RadioGroup, SelectField, TextArea, TextField } from '../ui/fields.js';
import { ListRow } from './rows.js';
import type { TaskFormDef } from './types.js';

export interface EvaluationValues {
  familySituation: string;
  riskFactors: string[];
  riskLevel: string;
  needs: string[];
  childView: string;
  consent: { given: boolean; givenByRelation: string; givenByName: string; date: string; purposes: string[] };
  decision: string;
  closeReason: string;
}

export const evaluationForm: TaskFormDef<EvaluationValues> = {
  schema: taskFormSchema('evaluation'),
  initial: ({ c, today }) => ({
    familySituation: '',
    riskFactors: [...(c.referral?.riskFactors ?? [])],
    riskLevel: '',
    needs: [''],
    childView: '',
    consent: { given: false, givenByRelation: '', givenByName: '', date: today, purposes: [] },
    decision: '',
    closeReason: '',
  }),
  output: (v) => (v.decision === 'close' ? v : { ...v, closeReason: undefined }),
  Fields: ({ c, form }) => {
    const v = form.values;
    const decisions = trackConfig[c.track].decisions.evaluation.map((d) => ({ value: d, label: decisionLabels[d] ?? d }));
    return (
      <>
        <TextArea path="familySituation" label="Situația familiei" hint="Componența familiei, locuința, veniturile, relațiile din familie și cu comunitatea." rows={6} />
        <CheckboxGroup path="riskFactors" legend="Factori de risc identificați" options={riskFactors.map((r) => ({ value: r.code, label: r.label }))} />
        <RadioGroup path="riskLevel" legend="Nivelul riscului de separare" options={options(riskLevelLabels)} inline />
        <ListGroup path="needs" legend="Nevoile copilului și ale familiei" onAdd={() => form.set('needs', [...v.needs, ''])} addLabel="Adaugă o nevoie">
          {v.needs.map((_, i) => (
            <ListRow key={i} title={`Nevoia ${i + 1}`} canRemove={v.needs.length > 1} removeLabel={`Elimină nevoia ${i + 1}`} onRemove={() => form.set('needs', v.needs.filter((_, j) => j !== i))}>
              <TextField path={`needs.${i}`} label={`Descrierea nevoii ${i + 1}`} />
            </ListRow>
          ))}
        </ListGroup>
        <TextArea path="childView" label="Opinia copilului" hint="Ce spune copilul despre situația lui și despre ce își dorește." />
        <fieldset class="section">
          <legend>Acordul părintelui sau al reprezentantului legal</legend>
          <CheckboxField path="consent.given" label="Acordul a fost dat în scris" hint="Fără acord nu se poate elabora planul." />
          <SelectField path="consent.givenByRelation" label="Acordul a fost dat de" options={options(consentGiverLabels)} />
          <TextField path="consent.givenByName" label="Numele persoanei care și-a dat acordul" optional />
          <TextField path="consent.date" type="date" label="Data acordului" width="short" />
          <CheckboxGroup path="consent.purposes" legend="Scopurile pentru care s-a dat acordul" options={options(consentPurposeLabels)} />
        </fieldset>
        <RadioGroup path="decision" legend="Decizia după evaluare" options={decisions} />
        {v.decision === 'close' && <SelectField path="closeReason" label="Motivul închiderii cazului" options={options(closureReasonLabels)} />}
      </>
    );
  },
};

