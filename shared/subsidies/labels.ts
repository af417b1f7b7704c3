/** Short Romanian labels of the reason codes, for the run's totals (the lines carry the full messages). */
export const reasonLabels: Record<string, string> = {
  OUTSIDE_PROJECT_PERIOD: 'Lună în afara perioadei proiectului',
  NO_AMOUNT_CONFIGURED: 'Suma nu este configurată pentru lună',
  ALREADY_PAID: 'Deja plătit',
  CASE_NOT_OPEN: 'Cazul nu era deschis în lună',
  CONSENT_MISSING: 'Consimțământ pentru subvenție lipsă',
  CONSENT_WITHDRAWN: 'Consimțământ retras',
  CONSENT_EXPIRED: 'Consimțământ expirat',
  COHORT_MISSING: 'Fără cohortă de subvenție',
  MAX_MONTHS_REACHED: 'Numărul maxim de luni atins',
  NOT_ENROLLED: 'Neînscris la niciun serviciu',
  NOT_ENROLLED_IN_MONTH: 'Neînscris în zilele de program ale lunii',
  PARTICIPATION_NOT_EVALUATED: 'Participare neevaluată',
  NO_ATTENDANCE_RECORDED: 'Nicio prezență înregistrată',
  ALL_DAYS_EXCUSED: 'Toate zilele absențe motivate',
  ATTENDANCE_RATIO_LOW: 'Procent de prezență insuficient',
  PRESENT_DAYS_LOW: 'Prea puține zile de prezență',
  SESSIONS_LOW: 'Prea puține ședințe',
  PARENT_SESSIONS_MISSING: 'Ședințe obligatorii pentru părinți lipsă',
  MANUAL_SUSPENSION: 'Exclus prin decizie manuală',
  OVERRIDE_NOT_APPLICABLE: 'Decizie manuală neaplicabilă',
  IBAN_INVALID: 'IBAN lipsă sau invalid',
  ARREARS: 'Plată retroactivă',
  RECOVERY: 'Recuperare',
};

export const reasonLabel = (code: string): string => reasonLabels[code] ?? code;
