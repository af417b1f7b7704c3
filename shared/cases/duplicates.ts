/**
 * One open case per child: a referral or an import that finds the child's open case says so. Whose case it is decides
 * how much it says: the case number only to the institution that holds (or shares) the case; to anyone else, the
 * institution to call — never a case number of another institution's child.
 */
import type { CaseRecord } from './model.js';

export interface ExistingCase {
  caseId: string;
  caseNumber: string;
  institution?: string | undefined;
  sharedWith?: readonly string[] | undefined;
}

export const visibleTo = (c: Pick<ExistingCase, 'institution' | 'sharedWith'>, institution: string | undefined): boolean =>
  !!institution && (c.institution === institution || (c.sharedWith ?? []).includes(institution));

/** "(VT-2026-00047)" for the holder, "la DGASPC" for anyone else. */
export function existingCaseLabel(c: ExistingCase, viewerInstitution: string | undefined): string {
  return visibleTo(c, viewerInstitution) ? `(${c.caseNumber})` : `la ${c.institution ?? 'altă instituție'}`;
}

export const existingOf = (c: Pick<CaseRecord, 'caseId' | 'caseNumber' | 'institution' | 'sharedWith'>): ExistingCase =>
  ({ caseId: c.caseId, caseNumber: c.caseNumber, institution: c.institution, sharedWith: c.sharedWith });
