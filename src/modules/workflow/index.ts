/** One workflow runner for cases, wishes, errands and disclosures (see docs/adr/0006-one-workflow-runner.md). */
export {
  runStep,
  type Applied,
  type StepActor,
  type StepContext,
  type StepEntry,
  type StepOptions,
  type Subject,
  type SubjectRow,
  type Workflow,
} from './runner.js';
export { actionRouteValidator, parseActionBody } from './bodies.js';
