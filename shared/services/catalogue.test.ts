import { describe, expect, it } from 'vitest';
import { institutions } from '../project/institutions.js';
import { project } from '../project/project.js';
import { getService, hasActivity, parseServiceCatalogue, serviceCatalogue, serviceTargets, servicesOfType, targetOfService } from './catalogue.js';

const raw = () => JSON.parse(JSON.stringify({ services: serviceCatalogue, targets: serviceTargets }));

describe('service catalogue', () => {
  it('has the five services of the project with their types', () => {
    expect(serviceCatalogue.map((s) => [s.id, s.type])).toEqual([
      ['cz-sf-nicolae', 'day_centre'],
      ['cz-kuncz', 'day_centre'],
      ['cr-podu-lung', 'recovery_centre'],
      ['int-a', 'intervention'],
      ['int-b', 'intervention'],
    ]);
  });

  it('providers are known institutions: centres DAS, int-a DAS+GAL, int-b DGASPC+GAL', () => {
    const ids = institutions.map((i) => i.id);
    for (const s of serviceCatalogue) for (const p of s.providers) expect(ids).toContain(p);
    expect(getService('int-a')!.providers).toEqual(['DAS', 'GAL']);
    expect(getService('int-b')!.providers).toEqual(['DGASPC', 'GAL']);
    for (const s of servicesOfType('day_centre')) expect(s.providers).toEqual(['DAS']);
  });

  it('targets cover every service once and add up to the target group (266, 27 Roma)', () => {
    const covered = serviceTargets.flatMap((t) => t.services);
    expect([...covered].sort()).toEqual(serviceCatalogue.map((s) => s.id).sort());
    expect(serviceTargets.reduce((n, t) => n + t.minChildren, 0)).toBe(project.targetGroupCounts.children);
    expect(serviceTargets.reduce((n, t) => n + t.minRoma, 0)).toBe(project.targetGroupCounts.roma);
    expect(targetOfService('cz-kuncz')).toMatchObject({ id: 'day-centres', services: ['cz-sf-nicolae', 'cz-kuncz'], minChildren: 117, minRoma: 27 });
  });

  it('intervention B is only for reintegration and has the mandatory parents’ sessions', () => {
    const b = getService('int-b')!;
    expect(b.tracks).toEqual(['reintegration']);
    expect(b.activities.filter((a) => a.parentSession).map((a) => a.code)).toEqual(['parent_counselling', 'parenting_skills']);
    expect(getService('int-a')!.tracks).not.toContain('reintegration');
  });

  it('Podu Lung offers kinetotherapy; the day centres offer STEM and robotics', () => {
    expect(hasActivity(getService('cr-podu-lung')!, 'kinetotherapy')).toBe(true);
    for (const s of servicesOfType('day_centre')) expect(hasActivity(s, 'stem_robotics')).toBe(true);
  });

  it('group capacities add up to the service capacity', () => {
    for (const s of serviceCatalogue) expect(s.groups.reduce((n, g) => n + g.capacity, 0)).toBe(s.capacity);
  });

  it('unknown ids give undefined', () => {
    expect(getService('nu-exista')).toBeUndefined();
  });

  it('validation refuses a target naming an unknown service, wrong totals and inconsistent capacities', () => {
    const a = raw();
    a.targets[1].services = ['cr-podul-lung'];
    expect(() => parseServiceCatalogue(a)).toThrow(/necunoscut/);
    const b = raw();
    b.targets[2].minChildren = 74;
    expect(() => parseServiceCatalogue(b)).toThrow(/266/);
    const c = raw();
    c.services[0].capacity = 61;
    expect(() => parseServiceCatalogue(c)).toThrow(/Capacitatea/);
    const d = raw();
    d.services[3].activities.push({ code: 'stem_robotics', label: 'STEM', parentSession: true });
    expect(() => parseServiceCatalogue(d)).toThrow(/părinți/);
    // the catalogue in code passes its schema unchanged (it is not parsed at load)
    expect(parseServiceCatalogue(raw())).toEqual(raw());
  });
});
