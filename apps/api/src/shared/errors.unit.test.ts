import { ERROR_CODES } from '@table-order/contracts/constants';
import { describe, expect, it } from 'vitest';
import { AppError, Errors } from './errors.js';

describe('error catalogue', () => {
  it('has one factory per code, named after the code it sends', () => {
    const made = Object.entries(Errors).map(([name, factory]) => {
      // Whatever the arguments mean, a list and a message (after a name, for those that name a thing) are
      // enough to build each one.
      const make = factory as (...args: unknown[]) => AppError;
      let err: AppError;
      try {
        err = make([], 'x');
      } catch {
        err = make('x', [], 'x');
      }
      expect(err).toBeInstanceOf(AppError);
      expect(err.code.replace(/_(.)/g, (_, c: string) => c.toUpperCase())).toBe(name);
      return err.code;
    });
    expect(made.sort()).toEqual([...ERROR_CODES].sort());
  });
});
