/** Notification preference: every notification at once, or one daily digest. */
import { useState } from 'preact/hooks';
import { useApp } from '../lib/app-context.js';
import type { ApiError } from '../lib/api.js';
import { mailPreferenceLabels, options } from '../lib/labels.js';
import { Buttons, FormContext, RadioGroup, useForm, type FormState } from '../ui/fields.js';
import { Banner, Page } from '../ui/page.js';

export function PreferencesPage() {
  const { api, me, refreshMe } = useApp();
  const form = useForm({ mailPreference: me.mailPreference as string });
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | undefined>();
  return (
    <Page title="Preferințe">
      <FormContext.Provider value={form as FormState<unknown>}>
        <form
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            setBusy(true);
            setResult(undefined);
            try {
              await api.put('/me/preferences', { mailPreference: form.values.mailPreference });
              await refreshMe();
              setResult({ ok: true, message: 'Preferința a fost salvată.' });
            } catch (err) {
              setResult({ ok: false, message: (err as ApiError).message });
            } finally {
              setBusy(false);
            }
          }}
        >
          <RadioGroup path="mailPreference" legend="Cum primiți notificările prin e-mail" hint="Sarcinile noi, termenele apropiate sau depășite și aprobările așteptate." options={options(mailPreferenceLabels)} />
          {result && <Banner kind={result.ok ? 'success' : 'error'}>{result.message}</Banner>}
          <Buttons>
            <button type="submit" disabled={busy}>
              {busy ? 'Se salvează…' : 'Salvează preferința'}
            </button>
          </Buttons>
        </form>
      </FormContext.Provider>
      <section class="card" aria-labelledby="account-title">
        <h2 id="account-title">Contul meu</h2>
        <dl class="facts">
          <dt>Nume</dt>
          <dd>{me.displayName}</dd>
          <dt>Utilizator</dt>
          <dd>{me.username}</dd>
          <dt>Roluri</dt>
          <dd>{me.roles.map((r) => r.label).join(', ')}</dd>
          <dt>Instituția</dt>
          <dd>{me.institution}</dd>
        </dl>
      </section>
    </Page>
  );
}
