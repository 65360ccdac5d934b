import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { reuseJsonText, withJsonText } from './http.js';

describe('reuseJsonText', () => {
  const schema = z.object({ id: z.number(), name: z.string() });
  const serialize = reuseJsonText({ schema, method: 'POST', url: '/x', httpStatus: '201' });

  it('sends a value marked with its JSON text as that text, without serialising it again', () => {
    const value = { id: 1, name: 'a' };
    const text = '{"id":1,"name":"a"}';
    expect(serialize(withJsonText(value, text))).toBe(text);
    // The very text given, not a fresh stringify of the value.
    expect(serialize(withJsonText({ id: 2, name: 'b' }, '{ "id": 2, "name": "b" }'))).toBe(
      '{ "id": 2, "name": "b" }',
    );
  });

  it('serialises (and checks) every other value with the zod schema', () => {
    expect(serialize({ id: 3, name: 'c', extra: true })).toBe('{"id":3,"name":"c"}');
    expect(() => serialize({ id: 'x' })).toThrow();
  });

  it('refuses a route whose response schema is not zod', () => {
    expect(() => reuseJsonText({ schema: { type: 'object' }, method: 'GET', url: '/y' })).toThrow(
      'GET /y: not a zod response schema',
    );
  });
});
