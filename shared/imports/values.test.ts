import { addCalendarDays, daysBetween } from '../platform/calendar.js';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readBool, readDate, readEnum, readEnumList, readInt, readList, readMoney, readMonth } from './values.js';
import { matchValue, normaliseLabel, serviceValues, trackValues } from './columns.js';

const yesNo = [{ value: 'true', label: 'da', aliases: ['x'] }, { value: 'false', label: 'nu' }];

describe('cell readers', () => {
  it('reads dates written the ISO way, the Romanian way, as Excel dates and as serial numbers', () => {
    expect(readDate('2025-04-03')).toEqual({ ok: true, value: '2025-04-03' });
    expect(readDate('3.4.2025')).toEqual({ ok: true, value: '2025-04-03' });
    expect(readDate('03/04/2025')).toEqual({ ok: true, value: '2025-04-03' });
    expect(readDate(new Date('2025-04-03T00:00:00Z'))).toEqual({ ok: true, value: '2025-04-03' });
    expect(readDate(45750)).toEqual({ ok: true, value: '2025-04-03' });
  });

  it('refuses dates that do not exist, with a Romanian message', () => {
    const r = readDate('2015-02-30');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('nu există în calendar');
    expect(readDate('31.04.2025').ok).toBe(false);
    expect(readDate('ieri').ok).toBe(false);
  });

  it('reads every calendar day back as itself in both notations', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: daysBetween('1990-01-01', '2040-12-31') }), (n) => {
      const iso = addCalendarDays('1990-01-01', n);
      const [y, m, day] = iso.split('-');
      expect(readDate(iso)).toEqual({ ok: true, value: iso });
      expect(readDate(`${day}.${m}.${y}`)).toEqual({ ok: true, value: iso });
      expect(readDate(new Date(`${iso}T00:00:00Z`))).toEqual({ ok: true, value: iso });
    }));
  });

  it('reads months as text or dates', () => {
    expect(readMonth('2025-05')).toEqual({ ok: true, value: '2025-05' });
    expect(readMonth('5.2025')).toEqual({ ok: true, value: '2025-05' });
    expect(readMonth('2025-5')).toEqual({ ok: true, value: '2025-05' });
    expect(readMonth(new Date('2025-05-01T00:00:00Z'))).toEqual({ ok: true, value: '2025-05' });
    expect(readMonth('2025-13').ok).toBe(false);
  });

  it('reads whole numbers, amounts with a comma or "lei", yes/no', () => {
    expect(readInt(null)).toEqual({ ok: true, value: 0 });
    expect(readInt('12')).toEqual({ ok: true, value: 12 });
    expect(readInt(2.5).ok).toBe(false);
    expect(readInt(-1).ok).toBe(false);
    expect(readMoney('400,00')).toEqual({ ok: true, value: 400 });
    expect(readMoney('400 lei')).toEqual({ ok: true, value: 400 });
    expect(readMoney(400)).toEqual({ ok: true, value: 400 });
    expect(readMoney('patru sute').ok).toBe(false);
    expect(readBool('DA', yesNo)).toEqual({ ok: true, value: true });
    expect(readBool('x', yesNo)).toEqual({ ok: true, value: true });
    expect(readBool('Nu', yesNo)).toEqual({ ok: true, value: false });
    expect(readBool(null, yesNo)).toEqual({ ok: true, value: undefined });
    expect(readBool('poate', yesNo).ok).toBe(false);
  });

  it('matches allowed values by label, code or alias, without case or diacritics', () => {
    expect(readEnum('Prevenire', trackValues)).toEqual({ ok: true, value: 'prevention' });
    expect(readEnum('reintegrare în familie', trackValues)).toEqual({ ok: true, value: 'reintegration' });
    expect(readEnum('CZ Sf. Nicolae', serviceValues)).toEqual({ ok: true, value: 'cz-sf-nicolae' });
    expect(readEnum('cz-kuncz', serviceValues)).toEqual({ ok: true, value: 'cz-kuncz' });
    expect(matchValue(serviceValues, 'Centrul de zi „Sf. Nicolae”')).toBe('cz-sf-nicolae');
    expect(matchValue(serviceValues, 'Centrul Nicolae')).toBeUndefined();
    expect(normaliseLabel('Ședințe  părinți*')).toBe('sedinte parinti');
    const bad = readEnum('prevenție', trackValues);
    expect(!bad.ok && bad.message).toContain('nu este o valoare permisă');
  });

  it('reads lists separated by semicolons or new lines and refuses unknown items by name', () => {
    expect(readList('a; b\nc;;')).toEqual(['a', 'b', 'c']);
    expect(readEnumList('int-a; CZ Kuncz; int-a', serviceValues)).toEqual({ ok: true, value: ['int-a', 'cz-kuncz'] });
    const r = readEnumList('int-a; int-z', serviceValues);
    expect(!r.ok && r.message).toContain('„int-z”');
  });
});
