/** GET /subsidy-runs/{runId}/payment-file: the payment file of an approved run (CSV, XLSX, HTML summary). */
import type { Principal } from '../../platform/auth/principal.js';
import { conflict } from '../../platform/errors.js';
import { logger } from '../../platform/log.js';
import type { RequestInfo } from '../../cases/index.js';
import type { SubsidyDeps } from '../deps.js';
import { paymentOf } from '../aggregate.js';
import { reasonLabels } from '../labels.js';
import type { RunLine, RunRecord } from '../model.js';
import { buildPaymentFile, CSV_CONTENT_TYPE, HTML_CONTENT_TYPE, paymentCsv, paymentSummaryHtml, paymentXlsx, XLSX_CONTENT_TYPE } from '../payment-file.js';
import { auditRun, loadRun, requireLead } from './common.js';
import { paymentFileReady } from './views.js';

/**
 * Do the paid lines add up to what MarkPaid recorded on the run (payments, lei paid, lei recovered)? They always do
 * unless the lines and the ledger disagree — e.g. a line's status written by code that no longer matches how it is
 * read — and then no file is made to pay from.
 */
export function paidLinesAgree(run: Pick<RunRecord, 'payment'>, paid: readonly RunLine[]): boolean {
  const p = run.payment;
  if (!p) return true;
  const t = paymentOf(paid);
  return t.paidCount === p.paidCount && t.paidAmountLei === p.paidAmountLei && t.recoveredAmountLei === p.recoveredAmountLei;
}

/** The payment file of an approved run whose payments are recorded: CSV, XLSX, or the HTML summary for signature. */
export async function paymentFile(d: SubsidyDeps, p: Principal, runId: string, format: 'csv' | 'xlsx' | 'html', req: RequestInfo) {
  requireLead(p);
  const run = await loadRun(d, runId);
  if (!paymentFileReady(run)) {
    throw conflict('PAYMENT_FILE_NOT_READY', 'Fișierul de plată este disponibil numai după aprobarea rulării și înregistrarea plăților.', { status: run.status });
  }
  const payable = await d.store.payableLines(runId);
  const lines = payable.filter((l) => l.payment.status === 'paid');
  if (run.status === 'failed' && run.payment && !paidLinesAgree(run, lines)) {
    // a failed run's payment was counted from its ledger when it failed; a MarkPaid invocation still running then may
    // have written entries after (they only add): counted again from the lines just read, recorded in its place
    const fresh = paymentOf(payable);
    if (await d.store.recordFailedPayment(runId, fresh, run.payment)) {
      logger.warn('failed subsidy run: payment counted again from its ledger', { runId, before: run.payment.paidCount, after: fresh.paidCount });
      run.payment = fresh;
    }
  }
  if (!paidLinesAgree(run, lines)) {
    logger.error('payment file refused: paid lines disagree with the run', { runId, lines: lines.length, paidCount: run.payment?.paidCount });
    throw conflict('PAYMENT_FILE_MISMATCH', 'Plățile din registru nu corespund celor înregistrate la rulare, așa că fișierul de plată nu a fost generat. Anunțați administratorul aplicației.', { paidCount: run.payment?.paidCount ?? null, lines: lines.length });
  }
  const file = buildPaymentFile(run, lines);
  await auditRun(d, p, 'export.subsidy.payment_file', 'export', `payment-file:${runId}:${format}`, req, {
    runId, month: run.month, format, payments: file.payments.length, recoveries: file.recoveries.length, caseNumbers: file.payments.length + file.recoveries.length,
  });
  const now = d.now();
  const base = `plati-subventie-${run.month}-${run.attempt}`;
  if (format === 'csv') return { contentType: CSV_CONTENT_TYPE, content: paymentCsv(file), filename: `${base}.csv` };
  if (format === 'xlsx') {
    return { contentType: XLSX_CONTENT_TYPE, content: await paymentXlsx(file, { generatedAt: now, ...(run.approval ? { approvedBy: run.approval.byName, approvedAt: run.approval.at } : {}) }), filename: `${base}.xlsx` };
  }
  return { contentType: HTML_CONTENT_TYPE, content: paymentSummaryHtml(file, run, { generatedAt: now, generatedBy: p.displayName, reasonLabels }) };
}
