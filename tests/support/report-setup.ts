// Global setup of the faults and security projects: after the run, docs/RELIABILITY.md is rendered again
// from the figures the suites wrote (tests/results/).
import { renderReliability } from '../report/reliability.js';

export default function setup(): () => Promise<void> {
  return async () => {
    await renderReliability();
  };
}
