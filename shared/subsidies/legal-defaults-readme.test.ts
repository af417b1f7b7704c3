/**
 * Issue #17: every choice of the subsidy rule is configuration with its source (or marked unconfirmed), and the
 * README's legal-defaults table lists each one with its default. This test reads both: a new setting without a
 * source, a README row gone missing, or a default changed in one place only fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { participationRules, type ParticipationRules } from '../services/index.js';
import { subsidyConfig } from './config.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The rows of the README's „Legal defaults” table. */
function legalDefaultRows(text: string): string[] {
  const start = text.indexOf('## Legal defaults');
  expect(start, 'README has a „Legal defaults” section').toBeGreaterThanOrEqual(0);
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end === -1 ? undefined : end).split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| key') && !l.startsWith('|---'));
}

interface Setting {
  /** how the README names it, between backticks (a row may name more keys) */
  key: string;
  source: unknown;
  confirmed: unknown;
  /** what the README row must say about the default */
  defaultText: string[];
}

type ParticipationRule = ParticipationRules['byService'][string];
const rules: ParticipationRule[] = [...Object.values(participationRules.byType), ...Object.values(participationRules.byService)];

/** Every object-valued choice of a participation rule (prorate, partialMonth, …): the README key is its name. */
function ruleSettings(): Setting[] {
  const byKey = new Map<string, Setting>();
  for (const rule of rules) {
    for (const [name, value] of Object.entries(rule)) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
      const v = value as Record<string, unknown>;
      const key = name === 'prorate' ? 'prorate.enabled' : name;
      const defaultText = name === 'prorate' ? [v.enabled ? 'on' : 'off']
        : name === 'partialMonth' ? [`fewer than ${String(v.minExpectedDays)} expected days`, ...(v.minSessions === null ? [] : [String(v.minSessions)])]
          : [];
      const seen = byKey.get(key);
      byKey.set(key, { key, source: v.source, confirmed: v.confirmed, defaultText: [...new Set([...(seen?.defaultText ?? []), ...defaultText])] });
      // every rule must carry the source of each choice, not only the first one read
      expect(typeof v.source === 'string' && v.source.length >= 5, `${name} of a ${rule.kind} rule has a source`).toBe(true);
      expect(typeof v.confirmed, `${name} of a ${rule.kind} rule says whether it is confirmed`).toBe('boolean');
    }
  }
  return [...byKey.values()];
}

function subsidySettings(): Setting[] {
  const out: Setting[] = [
    { key: 'subsidyConfig.age.limitYears', source: subsidyConfig.age.limitSource, confirmed: true, defaultText: [String(subsidyConfig.age.limitYears)] },
    { key: 'subsidyConfig.age.birthdayMonth', source: subsidyConfig.age.birthdayMonthSource, confirmed: subsidyConfig.age.birthdayMonthConfirmed, defaultText: [subsidyConfig.age.birthdayMonth] },
  ];
  // every top-level object of the subsidy configuration that carries a source is a choice the README must list
  for (const [name, value] of Object.entries(subsidyConfig)) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !('source' in value)) continue;
    const v = value as Record<string, unknown>;
    out.push({ key: `subsidyConfig.${name}`, source: v.source, confirmed: v.confirmed, defaultText: 'treatment' in v ? [String(v.treatment)] : [] });
  }
  return out;
}

describe('the subsidy rule’s legal defaults: configuration and README agree', () => {
  const rows = legalDefaultRows(readme);
  const settings = [...ruleSettings(), ...subsidySettings()];

  it('finds the settings the issue names (pro-rata, partial month, age, birthday month, closed month)', () => {
    expect(settings.map((s) => s.key).sort()).toEqual(['partialMonth', 'prorate.enabled', 'subsidyConfig.age.birthdayMonth', 'subsidyConfig.age.limitYears', 'subsidyConfig.closedMonth'].sort());
    expect(rows.length).toBeGreaterThan(10);
  });

  it('every setting carries its source and says whether it is confirmed', () => {
    for (const s of settings) {
      expect(typeof s.source === 'string' && s.source.length >= 5, `${s.key}: source`).toBe(true);
      expect(typeof s.confirmed, `${s.key}: confirmed`).toBe('boolean');
      // a choice of Vatra's own is never presented as confirmed
      if (String(s.source).includes('neconfirmat')) expect(s.confirmed, `${s.key}: marked neconfirmat in its source`).toBe(false);
    }
  });

  it('the README lists every setting with its default, and an unconfirmed one as unconfirmed', () => {
    for (const s of settings) {
      const row = rows.find((r) => r.includes(`\`${s.key}`));
      expect(row, `README legal-defaults row for ${s.key}`).toBeDefined();
      const cells = row!.split('|').map((c) => c.trim()).filter(Boolean);
      expect(cells, `${s.key}: key, default, source, status`).toHaveLength(4);
      for (const text of s.defaultText) expect(cells[1], `${s.key}: default „${text}”`).toContain(text);
      expect(cells[2]!.length, `${s.key}: README source`).toBeGreaterThan(5);
      expect(cells[3], `${s.key}: status`).toMatch(s.confirmed ? /^confirmed/ : /^unconfirmed/);
    }
  });
});
