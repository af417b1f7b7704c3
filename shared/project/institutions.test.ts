import { describe, expect, it } from 'vitest';
import { institutionIds } from '../platform/auth/principal.js';
import { getInstitution, institutions, institutionsSchema, leadInstitution } from './institutions.js';

describe('institutions', () => {
  it('the table in code passes its schema unchanged (it is not parsed at load)', () => {
    expect(institutionsSchema.parse(institutions)).toEqual(institutions);
  });

  it('has every institution id used by the access rules, each once', () => {
    expect(institutions.map((i) => i.id).sort()).toEqual([...institutionIds].sort());
  });

  it('DAS leads, DGASPC and GAL are partners', () => {
    expect(leadInstitution().id).toBe('DAS');
    expect(getInstitution('DGASPC').role).toBe('partner');
    expect(getInstitution('GAL').role).toBe('partner');
  });

  it('full names are Romanian with comma-below diacritics', () => {
    for (const i of institutions) expect(i.name).not.toMatch(/[şţŞŢ]/);
    expect(getInstitution('DGASPC').name).toBe('Direcția Generală de Asistență Socială și Protecția Copilului Timiș');
  });

  it('refuses a list with two leads or a missing institution', () => {
    const two = institutions.map((i) => ({ ...i, role: 'lead' as const }));
    expect(institutionsSchema.safeParse(two).success).toBe(false);
    expect(institutionsSchema.safeParse(institutions.slice(0, 2)).success).toBe(false);
  });
});
