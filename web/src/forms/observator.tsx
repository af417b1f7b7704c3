/** Recording the plan's registration in the Observatorul Național al Copilului (outside Vatra), with the data it needs. */
import { useState } from 'preact/hooks';
import { taskFormSchema } from '../../../shared/cases/model.js';
import { useApp } from '../lib/app-context.js';
import type { ApiError } from '../lib/api.js';
import { saveBlob } from '../lib/download.js';
import { Banner } from '../ui/page.js';
import { TextField } from '../ui/fields.js';
import type { TaskFormDef } from './types.js';

export interface ObservatorValues {
  registrationNumber: string;
  registrationDate: string;
}

function ExportButton({ caseId }: { caseId: string }) {
  const { api, can } = useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  if (!can('case.observator.export')) return null;
  return (
    <div class="card">
      <p>Datele necesare înregistrării (fără a le copia manual) se pot descărca într-un fișier CSV. Fișierul conține date personale: păstrați-l doar cât este necesar.</p>
      {error && <Banner kind="error">{error}</Banner>}
      <button
        type="button"
        class="secondary"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(undefined);
          try {
            const f = await api.download(`/cases/${encodeURIComponent(caseId)}/observator-export?format=csv`);
            saveBlob(f.blob, f.filename);
          } catch (e) {
            setError((e as ApiError).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? 'Se descarcă…' : 'Descarcă datele pentru Observator (CSV)'}
      </button>
    </div>
  );
}

export const observatorForm: TaskFormDef<ObservatorValues> = {
  schema: taskFormSchema('observator_registration'),
  initial: () => ({ registrationNumber: '', registrationDate: '' }),
  Fields: ({ c }) => (
    <>
      <ExportButton caseId={c.caseId} />
      <TextField path="registrationNumber" label="Numărul de înregistrare în Observator" width="medium" />
      <TextField path="registrationDate" type="date" label="Data înregistrării" width="short" />
    </>
  ),
  submitLabel: 'Salvează înregistrarea',
};
