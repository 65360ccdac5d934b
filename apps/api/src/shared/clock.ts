/** Time source; tests replace it to move through days and lockout windows. */
export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };
