import { describe, expect, it } from 'vitest';
import { taskFormBuilders, taskFormSchema } from './model.js';

describe('task form schemas, built on first use', () => {
  it('give the same schema object on every call, per kind (built once, then kept)', () => {
    for (const kind of Object.keys(taskFormBuilders) as (keyof typeof taskFormBuilders)[]) {
      const first = taskFormSchema(kind);
      expect(taskFormSchema(kind)).toBe(first);
      expect(taskFormBuilders[kind]()).toBe(first);
    }
  });

  it('a monitoring review takes the review form; the other kinds each have their own', () => {
    expect(taskFormSchema('monitoring_review')).toBe(taskFormSchema('review'));
    const kinds = (Object.keys(taskFormBuilders) as (keyof typeof taskFormBuilders)[]).filter((k) => k !== 'monitoring_review');
    expect(new Set(kinds.map((k) => taskFormSchema(k))).size).toBe(kinds.length);
  });

  it('validate with their Romanian messages', () => {
    const r = taskFormSchema('observator_registration').safeParse({ registrationNumber: 'x', registrationDate: '2026-02-30' });
    expect(r.success).toBe(false);
    const messages = r.error!.issues.map((i) => i.message);
    expect(messages).toContain('Numărul de înregistrare poate conține litere, cifre, „/”, „.” și „-” (3–40 caractere)');
    expect(messages).toContain('Data nu există în calendar');
    expect(taskFormSchema('observator_registration').safeParse({ registrationNumber: 'OBS/2026-12', registrationDate: '2026-02-27' }).success).toBe(true);
  });
});
