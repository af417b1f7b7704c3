/**
 * Romanian public holidays (zile de sărbătoare legală), as data with the source of each day.
 * Codul muncii (Legea 53/2003, republicată) art. 139 alin. (1), as amended; Orthodox Easter and Pentecost (Rusalii)
 * are computed (Julian computus, shifted to the Gregorian calendar), so any year of the project is covered.
 * Pure: no clock, no time zone (these are calendar days).
 */

export interface PublicHoliday {
  /** 'YYYY-MM-DD' */
  date: string;
  /** Romanian name */
  name: string;
  /** the legal text that makes the day a public holiday */
  source: string;
}

const CODUL_MUNCII = 'Codul muncii (Legea 53/2003) art. 139 alin. (1)';

/** Fixed-date holidays: month, day, name, source. */
export const FIXED_HOLIDAYS: readonly { month: number; day: number; name: string; source: string }[] = [
  { month: 1, day: 1, name: 'Anul Nou', source: CODUL_MUNCII },
  { month: 1, day: 2, name: 'Anul Nou (a doua zi)', source: CODUL_MUNCII },
  { month: 1, day: 6, name: 'Botezul Domnului – Boboteaza', source: `${CODUL_MUNCII}, adăugată prin Legea 17/2024` },
  { month: 1, day: 7, name: 'Soborul Sfântului Prooroc Ioan Botezătorul', source: `${CODUL_MUNCII}, adăugată prin Legea 17/2024` },
  { month: 1, day: 24, name: 'Ziua Unirii Principatelor Române', source: `${CODUL_MUNCII}, adăugată prin Legea 171/2016` },
  { month: 5, day: 1, name: 'Ziua Muncii', source: CODUL_MUNCII },
  { month: 6, day: 1, name: 'Ziua Copilului', source: `${CODUL_MUNCII}, adăugată prin Legea 220/2016` },
  { month: 8, day: 15, name: 'Adormirea Maicii Domnului', source: `${CODUL_MUNCII}, adăugată prin Legea 202/2008` },
  { month: 11, day: 30, name: 'Sfântul Apostol Andrei', source: `${CODUL_MUNCII}, adăugată prin Legea 147/2012` },
  { month: 12, day: 1, name: 'Ziua Națională a României', source: CODUL_MUNCII },
  { month: 12, day: 25, name: 'Crăciunul', source: CODUL_MUNCII },
  { month: 12, day: 26, name: 'Crăciunul (a doua zi)', source: CODUL_MUNCII },
];

/** Holidays fixed relative to Orthodox Easter: days from Easter Sunday, name, source. */
export const EASTER_HOLIDAYS: readonly { offset: number; name: string; source: string }[] = [
  { offset: -2, name: 'Vinerea Mare', source: `${CODUL_MUNCII}, adăugată prin Legea 64/2018` },
  { offset: 0, name: 'Paștele ortodox', source: CODUL_MUNCII },
  { offset: 1, name: 'Paștele ortodox (a doua zi)', source: CODUL_MUNCII },
  { offset: 49, name: 'Rusaliile', source: CODUL_MUNCII },
  { offset: 50, name: 'Rusaliile (a doua zi)', source: CODUL_MUNCII },
];

/** Orthodox Easter Sunday of a year, as a Gregorian date 'YYYY-MM-DD' (Meeus' Julian algorithm, 1900–2099). */
export function orthodoxEaster(year: number): string {
  if (!Number.isInteger(year) || year < 1900 || year > 2099) throw new RangeError(`Orthodox Easter is computed for 1900–2099, not ${year}`);
  const a = year % 4;
  const b = year % 7;
  const c = year % 19;
  const d = (19 * c + 15) % 30;
  const e = (2 * a + 4 * b - d + 34) % 7;
  const month = Math.floor((d + e + 114) / 31);
  const day = ((d + e + 114) % 31) + 1;
  // Julian calendar date → Gregorian: 13 days ahead from 1 March 1900 to 28 February 2100.
  return addDays(isoDate(year, month, day), 13);
}

const isoDate = (y: number, m: number, d: number): string => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
/** A plain date plus whole days (no time zone: UTC arithmetic on the date alone). */
function addDays(date: string, n: number): string {
  const t = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + n));
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

const cache = new Map<number, readonly PublicHoliday[]>();

/** Every public holiday of a year, sorted by date; a day that is two holidays at once appears once, names joined. */
export function publicHolidays(year: number): readonly PublicHoliday[] {
  const hit = cache.get(year);
  if (hit) return hit;
  const easter = orthodoxEaster(year);
  const all: PublicHoliday[] = [
    ...FIXED_HOLIDAYS.map((h) => ({ date: isoDate(year, h.month, h.day), name: h.name, source: h.source })),
    ...EASTER_HOLIDAYS.map((h) => ({ date: addDays(easter, h.offset), name: h.name, source: h.source })),
  ];
  const byDate = new Map<string, PublicHoliday>();
  for (const h of all) {
    const prev = byDate.get(h.date);
    byDate.set(h.date, prev ? { date: h.date, name: `${prev.name}; ${h.name}`, source: `${prev.source}; ${h.source}` } : h);
  }
  const list = Object.freeze([...byDate.values()].sort((x, y) => (x.date < y.date ? -1 : 1)));
  cache.set(year, list);
  return list;
}

/** The public holiday on a date 'YYYY-MM-DD', if any. */
const byDateCache = new Map<number, ReadonlyMap<string, PublicHoliday>>();
export function publicHolidayOn(date: string): PublicHoliday | undefined {
  const year = Number(date.slice(0, 4));
  let map = byDateCache.get(year);
  if (!map) {
    map = new Map(publicHolidays(year).map((h) => [h.date, h]));
    byDateCache.set(year, map);
  }
  return map.get(date);
}
