import pMap from 'p-map';

/** Run `fn` over `items` with at most `limit` calls in flight; results in input order (p-map). */
export const mapLimit = <T, R>(items: readonly T[], limit: number, fn: (t: T, i: number) => Promise<R>): Promise<R[]> =>
  pMap(items, fn, { concurrency: Math.max(1, Math.floor(limit)) });
