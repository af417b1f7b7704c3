/** Vatra's time zone. Other modules take it from shared/platform/calendar.ts; the zone table's generator from here (it must load when the table does not). */
export const TIME_ZONE = 'Europe/Bucharest';
