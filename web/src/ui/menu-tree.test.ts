import { describe, expect, it } from 'vitest';
import { menuFor, menuGroups } from '../routes.js';
import { policy } from '../../../shared/manifest/policy.js';
import { groupOf, menuTree, FLAT_MENU_MAX } from './menu-tree.js';

const canAs = (role: string) => (a: string) => Boolean((policy as Record<string, { grants?: Record<string, unknown> }>)[a]?.grants?.[role]);
const shape = (role: string) => menuTree(menuFor(canAs(role)), menuGroups).map((n) => (n.kind === 'link' ? n.entry.label : `${n.label}: ${n.entries.map((e) => e.inGroup ?? e.label).join(', ')}`));

describe('main menu', () => {
  it('gathers a coordinator’s 17 entries into disclosure groups, one row', () => {
    expect(menuFor(canAs('coordinator')).length).toBeGreaterThan(FLAT_MENU_MAX);
    expect(shape('coordinator')).toEqual([
      'Sarcini',
      'Cazuri: Cazuri, Sesizare nouă, Import',
      'Servicii: Prezență, Ședințe, Închiderile centrelor',
      'Subvenții: Închiderea lunii, Rulările lunare',
      'Rapoarte: Plan local romi, Tablou de bord, Rapoarte',
      'Administrare: Audit, Păstrarea datelor, Personal',
      'Notificări',
      'Preferințe',
    ]);
  });

  it('keeps a short menu as links, and a group of one as that entry’s link', () => {
    expect(shape('finance')).toEqual(['Subvenții', 'Notificări', 'Preferințe']);
    expect(shape('centre_staff')).toEqual(['Prezență', 'Ședințe', 'Notificări', 'Preferințe']);
    const pm = shape('project_manager');
    expect(pm).toContain('Păstrarea datelor'); // the only admin entry of the project manager
    expect(pm.length).toBeLessThanOrEqual(FLAT_MENU_MAX);
  });

  it('marks the group holding the current page', () => {
    const tree = menuTree(menuFor(canAs('coordinator')), menuGroups);
    expect(groupOf(tree, 'audit')).toBe('admin');
    expect(groupOf(tree, 'inbox')).toBeUndefined();
    expect(groupOf(tree, undefined)).toBeUndefined();
  });

  it('no role’s menu is longer than one row (at most eight items at the top)', () => {
    for (const role of ['case_manager', 'centre_staff', 'intervention_staff', 'coordinator', 'finance', 'project_manager', 'roma_officer', 'admin']) {
      expect(menuTree(menuFor(canAs(role)), menuGroups).length, role).toBeLessThanOrEqual(8);
    }
  });
});
