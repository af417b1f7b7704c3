import { describe, expect, it } from 'vitest';
import { countOf, days, formatDate, formatInstant, formatLei, formatMonth, inDays, links } from './format.js';

describe('Romanian formatting for e-mails', () => {
  it('formats calendar dates as dd.mm.yyyy, the same day whatever the season', () => {
    expect(formatDate('2026-03-15')).toBe('15.03.2026');
    expect(formatDate('2026-12-31')).toBe('31.12.2026');
    expect(formatDate('2026-07-01')).toBe('01.07.2026');
  });

  it('shows instants on the Bucharest wall clock across the DST changes', () => {
    // winter UTC+2, summer UTC+3
    expect(formatInstant('2026-01-10T05:00:00Z')).toBe('10.01.2026, 07:00');
    expect(formatInstant('2026-07-10T04:00:00Z')).toBe('10.07.2026, 07:00');
    // 29 March 2026, 03:00 local becomes 04:00: 01:30Z is already summer time
    expect(formatInstant('2026-03-29T00:30:00Z')).toBe('29.03.2026, 02:30');
    expect(formatInstant('2026-03-29T01:30:00Z')).toBe('29.03.2026, 04:30');
    // an instant late in the UTC day is already the next day in Bucharest
    expect(formatInstant('2026-10-31T22:30:00Z')).toBe('01.11.2026, 00:30');
  });

  it('names months in Romanian', () => {
    expect(formatMonth('2026-03')).toBe('martie 2026');
    expect(formatMonth('2028-02')).toBe('februarie 2028');
    expect(formatMonth('2025-12')).toBe('decembrie 2025');
  });

  it('formats lei with ro-RO grouping and two decimals', () => {
    expect(formatLei(1725600)).toBe('1.725.600,00 lei');
    expect(formatLei(400)).toBe('400,00 lei');
    expect(formatLei(1725.6)).toBe('1.725,60 lei');
    expect(formatLei(9951785.17)).toBe('9.951.785,17 lei');
    expect(formatLei(-400)).toMatch(/^[-−]400,00 lei$/);
  });

  it('applies the Romanian plural with "de" from 20 upwards', () => {
    expect(days(1)).toBe('1 zi');
    expect(days(2)).toBe('2 zile');
    expect(days(19)).toBe('19 zile');
    expect(days(20)).toBe('20 de zile');
    expect(days(101)).toBe('101 zile');
    expect(days(120)).toBe('120 de zile');
    expect(countOf(1000, 'plată', 'plăți')).toBe('1.000 de plăți');
  });

  it('says today and tomorrow in words', () => {
    expect(inDays(0)).toBe('astăzi');
    expect(inDays(1)).toBe('mâine');
    expect(inDays(3)).toBe('în 3 zile');
    expect(inDays(30)).toBe('în 30 de zile');
  });

  it('builds the SPA links and encodes ids', () => {
    const base = 'https://vatra.example.ro';
    expect(links.case(base, 'c1')).toBe('https://vatra.example.ro/#/cazuri/c1');
    expect(links.task(base, 't1')).toBe('https://vatra.example.ro/#/sarcini/t1');
    expect(links.run(base, 'r1')).toBe('https://vatra.example.ro/#/subventii/r1');
    expect(links.preferences(base)).toBe('https://vatra.example.ro/#/preferinte');
    expect(links.case(base, 'a/b?c')).toBe('https://vatra.example.ro/#/cazuri/a%2Fb%3Fc');
  });
});
