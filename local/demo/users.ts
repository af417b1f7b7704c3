/** Demo accounts for the local runtime only (never deployed). One per role and institution; all names are fictitious. */
import type { NewUser } from '../identity.js';

export const DEMO_PASSWORD = 'Vatra-demo-2026';

export const demoUsers: Omit<NewUser, 'password'>[] = [
  { username: 'manager.das', name: 'Ana Demo (manager de caz DAS)', email: 'manager.das@vatra.local', groups: ['case_manager'], institution: 'DAS' },
  { username: 'manager2.das', name: 'Dan Demo (manager de caz DAS)', email: 'manager2.das@vatra.local', groups: ['case_manager'], institution: 'DAS' },
  { username: 'manager.dgaspc', name: 'Ioana Demo (manager de caz DGASPC)', email: 'manager.dgaspc@vatra.local', groups: ['case_manager'], institution: 'DGASPC' },
  { username: 'coord.das', name: 'Maria Demo (coordonator DAS)', email: 'coord.das@vatra.local', groups: ['coordinator'], institution: 'DAS' },
  { username: 'coord.dgaspc', name: 'Radu Demo (coordonator DGASPC)', email: 'coord.dgaspc@vatra.local', groups: ['coordinator'], institution: 'DGASPC' },
  { username: 'coord.gal', name: 'Elena Demo (coordonator GAL)', email: 'coord.gal@vatra.local', groups: ['coordinator'], institution: 'GAL' },
  { username: 'centru.sfnicolae', name: 'Vlad Demo (educator Sf. Nicolae)', email: 'centru.sfnicolae@vatra.local', groups: ['centre_staff'], institution: 'DAS', services: ['cz-sf-nicolae'] },
  { username: 'centru.kuncz', name: 'Irina Demo (educator Kuncz)', groups: ['centre_staff'], institution: 'DAS', services: ['cz-kuncz'] },
  { username: 'centru.podulung', name: 'Sorin Demo (kinetoterapeut Podu Lung)', email: 'centru.podulung@vatra.local', groups: ['centre_staff'], institution: 'DAS', services: ['cr-podu-lung'] },
  { username: 'interventie.gal', name: 'Carmen Demo (psiholog GAL)', email: 'interventie.gal@vatra.local', groups: ['intervention_staff'], institution: 'GAL', services: ['int-a', 'int-b'] },
  { username: 'financiar.das', name: 'Paul Demo (financiar DAS)', email: 'financiar.das@vatra.local', groups: ['finance'], institution: 'DAS' },
  { username: 'manager.proiect', name: 'Laura Demo (manager de proiect)', email: 'manager.proiect@vatra.local', groups: ['project_manager'], institution: 'DAS' },
  { username: 'romi.das', name: 'Mihai Demo (plan local romi)', email: 'romi.das@vatra.local', groups: ['roma_officer'], institution: 'DAS' },
  { username: 'admin', name: 'Admin Demo', email: 'admin@vatra.local', groups: ['admin'], institution: 'DAS' },
];

/** The roles in Romanian, for the console list of `npm start`. */
export const roleLabels: Record<NewUser['groups'][number], string> = {
  case_manager: 'manager de caz',
  centre_staff: 'personal centru',
  intervention_staff: 'personal intervenție',
  coordinator: 'coordonator',
  finance: 'financiar',
  project_manager: 'manager de proiect',
  roma_officer: 'plan local romi',
  admin: 'administrator',
};

/** „manager.das  manager de caz  DAS (Sf. Nicolae)” rows for the console. */
export const demoLoginLines = (): string[] =>
  demoUsers.map((u) => `  ${u.username.padEnd(18)} ${u.groups.map((g) => roleLabels[g]).join(', ').padEnd(22)} ${u.institution}${u.services?.length ? ` (${u.services.join(', ')})` : ''}`);
