// Every customer case, in the order a run starts them, as phases: the transport (nothing sent),
// what must be acknowledged first, then the answer's form, tolerance, what was seen in the wild,
// odd values only observed, what must be refused (a body that is not JSON may take a fragile
// endpoint down, so it comes late, once every earlier case has finished), the properties, and the
// answer latency over all of it. Up to `concurrency` cases push at once, so a slow endpoint costs
// about an answer time per `concurrency` cases, not per case; the property cases push their runs
// at once too, up to `concurrency` pushes between them (as a platform pushes); a burst of
// concurrent pushes measures the endpoint alone.
import type { Case } from '../../cases/case.js';
import { type Phase, type Plan, planCases } from '../../cases/schedule.js';
import { acceptCases } from './accepts.js';
import { answerFormCases } from './answer-form.js';
import type { CustomerContext } from './context.js';
import { latencyCases } from './latency.js';
import { oddCases } from './odd.js';
import { propertyCases } from './properties.js';
import { rejectCases } from './rejects.js';
import { toleranceCases } from './tolerance.js';
import { transportCases } from './transport.js';
import { wildCases } from './wild.js';

/** A case that sends its own burst of concurrent pushes: its finding must be its own. */
const isBurst = (c: Case<CustomerContext>) => c.id.endsWith('.tolerance.burst');

const phases: Phase<CustomerContext>[] = [
  { name: 'transport', why: 'the transport: nothing is sent', cases: transportCases },
  { name: 'accepts', why: 'what must be acknowledged', cases: acceptCases },
  { name: 'answer-form', why: "the answer's form", cases: answerFormCases },
  {
    name: 'tolerance',
    why: 'what a tolerant endpoint takes',
    cases: toleranceCases.filter((c) => !isBurst(c)),
  },
  {
    name: 'bursts',
    why: 'a burst of concurrent pushes runs alone, so what it measures is its own',
    cases: toleranceCases.filter(isBurst),
    alone: true,
  },
  { name: 'wild', why: 'forms seen in the wild', cases: wildCases },
  { name: 'odd', why: 'odd values a careful endpoint refuses: observed, never judged', cases: oddCases },
  {
    name: 'rejects',
    why: 'a body that is not JSON may take a fragile endpoint down: these start once every earlier case has finished',
    cases: rejectCases,
    after: true,
  },
  {
    name: 'properties',
    why: 'many pushes each, last, once the refusals are over (an endpoint they took down is their finding)',
    cases: propertyCases,
    after: true,
  },
  {
    name: 'latency',
    why: 'the answer time of every push of the run: once every other case has pushed',
    cases: latencyCases,
    after: true,
  },
];

/**
 * 64 at once: the client's connections per origin (a push queued behind them would count its wait
 * as the endpoint's), and about what a burst pushes (customer.burst, 50 by default). Against an
 * endpoint that answers in d seconds the suite takes about 13 answer times: each phase that must
 * start after the others (the bursts, the refusals, the properties' 300 runs in 5 rounds) costs its own.
 */
export const customerPlan: Plan<CustomerContext> = { phases, concurrency: 64, active: 64 };

export const customerCases: Case<CustomerContext>[] = planCases(customerPlan).map((s) => s.case);
