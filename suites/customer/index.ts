// Every customer case, in the order a run executes them: the transport (nothing sent), what must
// be acknowledged, then the answer's form, tolerance, what was seen in the wild, what must be
// refused (a body that is not JSON may take a fragile endpoint down, so it comes late), and the
// properties last.
import type { Case } from '../../src/cases/case.js';
import { acceptCases } from './accepts.js';
import { answerFormCases } from './answer-form.js';
import type { CustomerContext } from './context.js';
import { propertyCases } from './properties.js';
import { rejectCases } from './rejects.js';
import { toleranceCases } from './tolerance.js';
import { transportCases } from './transport.js';
import { wildCases } from './wild.js';

export const customerCases: Case<CustomerContext>[] = [
  ...transportCases,
  ...acceptCases,
  ...answerFormCases,
  ...toleranceCases,
  ...wildCases,
  ...rejectCases,
  ...propertyCases,
];
