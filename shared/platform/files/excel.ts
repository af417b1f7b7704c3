/**
 * exceljs (~580 KB minified) loaded on first use: a Lambda that rarely writes or reads a workbook does not pay for it
 * at every cold start. Each function bundle keeps it in a chunk of its own that is read only when a workbook is made
 * or parsed (docs/decisions/018-performance.md). Types come from `import type`, which costs nothing at run time.
 */
import type ExcelJSNamespace from 'exceljs';

export type ExcelJS = typeof ExcelJSNamespace;

let loading: Promise<ExcelJS> | undefined;

/** The exceljs module, imported once per process. */
export function excel(): Promise<ExcelJS> {
  loading ??= import('exceljs').then((m) => ((m as unknown as { default?: ExcelJS }).default ?? (m as unknown as ExcelJS)));
  return loading;
}
