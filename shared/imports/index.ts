/**
 * The imports area's public door: what the handler (functions/imports), the command line (scripts/import-caseload.ts)
 * and the demo seed use. No other area imports this one today; one that needs it comes through here (checked by
 * dependency-cruiser, .dependency-cruiser.cjs). Inside the area, modules import each other directly: workbook.ts reads
 * the file, parse.ts → link.ts → plan.ts decide (pure), commit.ts writes, store.ts is the area's DynamoDB.
 */
export { sheets, sheetSpec } from './columns.js';
export type { SheetId } from './columns.js';
export { statusLabels } from './model.js';
export type { ImportReport, RowReport } from './model.js';
export { importKeyOf } from './parse.js';
export { reportCsv } from './report.js';
export { dryRunImport, runImport } from './service.js';
export type { Importer } from './service.js';
export { buildTemplate, TEMPLATE_FILE_NAME, XLSX_CONTENT_TYPE } from './template.js';
export { importLimits, readWorkbook } from './workbook.js';
