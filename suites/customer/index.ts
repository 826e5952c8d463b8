// Every customer case, in the order a run executes them: what must be acknowledged first, then
// the answer's form, tolerance, what was seen in the wild, what must be refused (a body that is
// not JSON may take a fragile endpoint down, so it comes late), and the properties last.
import type { Case } from '../../src/cases/case.js';
import { acceptCases } from './accepts.js';
import { answerFormCases } from './answer-form.js';
import type { CustomerContext } from './context.js';
import { propertyCases } from './properties.js';
import { rejectCases } from './rejects.js';
import { toleranceCases } from './tolerance.js';
import { wildCases } from './wild.js';

export const customerCases: Case<CustomerContext>[] = [
  ...acceptCases,
  ...answerFormCases,
  ...toleranceCases,
  ...wildCases,
  ...rejectCases,
  ...propertyCases,
];
