/** What several operations of api-imports share (each operation is its own module: functions/imports/index.ts). */
import { z } from 'zod';
import { unprocessable } from '../../../shared/platform/http/errors.js';
import { importLimits, type Importer } from '../../../shared/imports/index.js';
import type { Principal } from '../../../shared/platform/auth/principal.js';

export const uploadSchema = z.object({
  fileName: z.string().trim().min(1, 'Numele fișierului lipsește').max(200, 'Numele fișierului are cel mult 200 de caractere')
    .regex(/\.xlsx$/i, 'Încărcați un fișier Excel .xlsx (șablonul de import)'),
  contentBase64: z.string().min(1, 'Fișierul este gol')
    .max(importLimits.maxUploadBase64Chars, `Fișierul depășește ${(importLimits.maxUploadBase64Chars * 3 / 4 / 1024 / 1024).toFixed(2).replace('.', ',')} MB; împărțiți-l în mai multe fișiere`)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Conținutul fișierului nu este base64 valid'),
});

export const req = (ctx: { sourceIp: string; userAgent: string; requestId: string }) => ({ sourceIp: ctx.sourceIp, userAgent: ctx.userAgent, requestId: ctx.requestId });

export const importerOf = (p: Principal): Importer => ({ userId: p.userId, displayName: p.displayName, roles: p.roles, institution: p.institution });

export function fileOf(body: z.infer<typeof uploadSchema>) {
  const bytes = new Uint8Array(Buffer.from(body.contentBase64, 'base64'));
  if (bytes.length === 0) throw unprocessable('FILE_EMPTY', 'Fișierul este gol.', [{ path: 'contentBase64', message: 'Fișierul este gol', code: 'FILE_EMPTY' }]);
  return { fileName: body.fileName, bytes };
}
