import { describe, expect, it } from 'vitest';
import { handler } from './index.js';
import { routes } from '../../shared/manifest/routes.js';

describe('OpenAPI document', () => {
  it('documents every route of every area, with request bodies from the zod schemas', async () => {
    const res = (await handler({ routeKey: 'GET /openapi.json', requestContext: { requestId: 't', http: { sourceIp: '', userAgent: '' } } } as never, {} as never)) as { statusCode: number; body: string };
    expect(res.statusCode).toBe(200);
    const doc = JSON.parse(res.body) as { paths: Record<string, Record<string, { operationId: string; requestBody?: unknown }>> };
    for (const r of routes) {
      const op = doc.paths[r.path]?.[r.method.toLowerCase()];
      expect(op?.operationId, `${r.method} ${r.path}`).toBe(r.operation);
    }
    expect(JSON.stringify(doc.paths['/referrals']!.post!.requestBody)).toContain('riskFactors');
  });
});
