/**
 * What staff submit about a monthly run (start, line overrides, the decision, the lines page's query): the API's input
 * schemas, also used by the web forms. Kept apart from model.ts so that the workflow's function, which reads the model
 * and never this input, does not build these schemas at its cold start (docs/decisions/018-performance.md, Session 14).
 */
import { z } from 'zod';
import { lineFilters } from './model.js';
import { isMonthKey } from './months.js';

export const monthSchema = z.string().refine(isMonthKey, 'Luna trebuie să aibă forma AAAA-LL');
export const runIdSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-\d{1,3}$/, 'Identificatorul rulării are forma AAAA-LL-N');
export const caseIdSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Identificator de caz invalid');

export const startRunSchema = z.object({ month: monthSchema });

const reasonText = z.string().trim().min(10, 'Motivați decizia (cel puțin 10 caractere)').max(500, 'Motivarea are cel mult 500 de caractere');

export const overrideSchema = z.object({
  /** include = pay despite insufficient participation; exclude = withhold; clear = back to the rule's verdict */
  decision: z.enum(['include', 'exclude', 'clear'], { error: 'Alegeți includere, excludere sau anulare' }),
  reason: reasonText,
  /** the line version the coordinator saw */
  expectedVersion: z.number().int().nonnegative(),
});
export type OverrideForm = z.infer<typeof overrideSchema>;

export const approveSchema = z.object({ expectedVersion: z.number().int().nonnegative() });
export const rejectSchema = z.object({ reason: reasonText });

export const listLinesQuery = z.object({
  filter: z.enum(lineFilters, { error: 'Filtru necunoscut' }).default('all'),
  reason: z.string().regex(/^[A-Z0-9_]{2,60}$/, 'Cod de motiv invalid').optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
