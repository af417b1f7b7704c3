import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { legalDefaults, targetGroup, type TargetGroupConfig } from '../../project/legal-defaults.js';
import { riskFactorCodes, riskFactors } from '../risk-factors.js';
import { checkTargetGroup, type TargetGroupInput } from './target-group.js';
import { addCalendarDays, addCalendarMonths } from '../../platform/calendar.js';

const base: TargetGroupInput = {
  birthDate: '2012-06-15',
  referralDate: '2026-03-01',
  track: 'prevention',
  residenceCity: 'Timișoara',
  inSpecialProtection: false,
  riskFactors: ['poverty'],
};
const codes = (i: Partial<TargetGroupInput>, cfg?: Parameters<typeof checkTargetGroup>[1]) => checkTargetGroup({ ...base, ...i }, cfg).reasons.map((r) => r.code);

describe('checkTargetGroup', () => {
  it('admits a child under 18 living in Timișoara with a risk factor (prevention)', () => {
    expect(checkTargetGroup(base)).toEqual({ eligible: true, reasons: [] });
  });

  it('admits a child in special protection on the reintegration track wherever the placement is', () => {
    expect(checkTargetGroup({ ...base, track: 'reintegration', inSpecialProtection: true, residenceCity: 'Lugoj' }).eligible).toBe(true);
    expect(codes({ track: 'reintegration', residenceCity: 'Lugoj' })).toEqual(['NOT_IN_SPECIAL_PROTECTION']);
  });

  it('compares the locality without diacritics, case or extra spaces (comma or cedilla)', () => {
    for (const city of ['Timisoara', 'TIMIȘOARA', ' timişoara ', 'Timișoara']) expect(codes({ residenceCity: city })).toEqual([]);
    expect(codes({ residenceCity: 'Recaș' })).toEqual(['RESIDENCE']);
    expect(checkTargetGroup({ ...base, residenceCity: 'Recaș' }).reasons[0]!.message).toBe('Traseul de prevenire este doar pentru copiii cu domiciliul în Timișoara.');
  });

  it('takes the localities from the configuration', () => {
    const wider: TargetGroupConfig = { ...targetGroup, prevention: { ...targetGroup.prevention, residenceLocalities: ['Timișoara', 'Recaș'] } };
    expect(codes({ residenceCity: 'Recas' }, { targetGroup: wider })).toEqual([]);
  });

  it('counts the age on the referral date against the configured limit', () => {
    expect(codes({ birthDate: '2008-03-02' })).toEqual([]); // 17 on 2026-03-01
    expect(codes({ birthDate: '2008-03-01' })).toEqual(['AGE_LIMIT']); // 18 that day
    expect(checkTargetGroup({ ...base, birthDate: '2008-03-01' }).reasons[0]!.message).toContain('18 ani');
    expect(codes({ birthDate: '2008-03-01' }, { legal: legalDefaults({ childAgeLimitYears: 19 }) })).toEqual([]);
    expect(codes({ birthDate: '2026-03-02' })).toEqual(['BIRTH_AFTER_REFERRAL']);
    expect(codes({ birthDate: '2026-03-01' })).toEqual([]); // a newborn
  });

  it('needs at least one risk factor from the catalogue and names unknown ones', () => {
    expect(codes({ riskFactors: [] })).toEqual(['NO_RISK_FACTOR']);
    expect(codes({ riskFactors: ['bad_luck'] })).toEqual(['UNKNOWN_RISK_FACTOR', 'NO_RISK_FACTOR']);
    expect(codes({ riskFactors: ['poverty', 'bad_luck'] })).toEqual(['UNKNOWN_RISK_FACTOR']);
    expect(checkTargetGroup({ ...base, riskFactors: ['bad_luck'] }).reasons[0]!.message).toContain('bad_luck');
  });

  it('reports invalid dates instead of guessing', () => {
    expect(codes({ birthDate: '2012-02-30' })).toEqual(['DATE_INVALID']);
    expect(codes({ referralDate: '01.03.2026' })).toEqual(['DATE_INVALID']);
  });

  it('gives every reason at once', () => {
    expect(codes({ birthDate: '2000-01-01', residenceCity: 'Arad', riskFactors: [] })).toEqual(['AGE_LIMIT', 'RESIDENCE', 'NO_RISK_FACTOR']);
  });

  it('property: eligible exactly when under the limit, resident, and with a known risk factor', () => {
    const DAY = 86_400_000;
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2000-01-01') / DAY, max: Date.parse('2027-12-31') / DAY }).map((d) => addCalendarDays('1970-01-01', d)),
        fc.integer({ min: -30, max: 30 }),
        fc.constantFrom('Timișoara', 'Arad'),
        fc.subarray([...riskFactorCodes]),
        (referralDate, daysAroundBirthday, city, factors) => {
          const birthDate = addCalendarDays(addCalendarMonths(referralDate, -18 * 12), daysAroundBirthday);
          const r = checkTargetGroup({ ...base, referralDate, birthDate, residenceCity: city, riskFactors: factors });
          const under18 = referralDate < addCalendarMonths(birthDate, 18 * 12); // before the 18th birthday
          expect(r.eligible).toBe(under18 && city === 'Timișoara' && factors.length > 0);
        },
      ),
    );
  });

  it('the catalogue has stable unique codes and Romanian labels', () => {
    expect(riskFactors.length).toBeGreaterThanOrEqual(12);
    expect(new Set(riskFactorCodes).size).toBe(riskFactorCodes.length);
    for (const r of riskFactors) {
      expect(r.code).toMatch(/^[a-z_]+$/);
      expect(r.label).not.toMatch(/[şţŞŢ]/); // comma-below ș ț only
    }
    for (const code of ['delinquent_behaviour', 'repeated_running_away', 'alcohol_drug_use', 'suicide_attempt', 'school_dropout']) {
      expect(riskFactors.find((r) => r.code === code)?.source).toBe('project');
    }
  });
});
