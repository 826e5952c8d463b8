// Mutant customer endpoints written as foreign code would be (issue 8, items 5a and 5c): one served
// over plain HTTP, one whose answers carry a GBK resultDesc under charset=UTF-8.
import { withGbkResultDesc } from '../platform/foreign-a1.js';
import type { CustomerMutant } from './mutants.js';
import { startDefective } from './server.js';

export const foreignA1CustomerMutants: CustomerMutant[] = [
  {
    name: 'plain-http',
    defect: 'serves its endpoints over plain HTTP (tables 3-1 / 4-1: HTTPS + POST)',
    kills: ['customer.transport.https'],
    start: () => startDefective(undefined, { plainHttp: true }),
    run: { only: 'customer.transport', timeoutMs: 2_000 },
  },
  {
    name: 'gbk-answer',
    defect: 'answers every push with a resultDesc in GBK (成功) under charset=UTF-8',
    kills: ['customer.uplink.answer.utf8', 'customer.report.answer.utf8'],
    start: () =>
      startDefective((_push, honest) => {
        const value = JSON.parse(honest.body) as Record<string, unknown>;
        const bytes = withGbkResultDesc(Buffer.from(JSON.stringify({ ...value, resultDesc: 'x' })));
        return { ...honest, bytes };
      }),
    run: { only: 'customer.uplink.answer,customer.report.answer', timeoutMs: 2_000 },
  },
];
