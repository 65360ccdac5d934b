import { describe, expect, it, vi } from 'vitest';
import { AppError, Errors } from '../../shared/errors.js';
import { HEARTBEAT_FRAME } from './sse-frame.js';
import {
  MAX_ADMIN_STREAMS,
  MAX_TABLE_STREAMS,
  StreamLimits,
  StreamWatch,
  parseLastEventId,
  planStart,
} from './stream-manager.js';

describe('stream start', () => {
  it('reads Last-Event-ID: absent, an id, or not an id this server could have sent', () => {
    expect(parseLastEventId(undefined)).toBeUndefined();
    expect(parseLastEventId('')).toBeUndefined();
    expect(parseLastEventId('42')).toBe(42);
    expect(parseLastEventId('0')).toBe(0);
    for (const bad of ['-1', '4.2', 'abc', '1234567890123456', ' 42', ['1', '2']]) {
      expect(parseLastEventId(bad)).toBeNaN();
    }
  });

  it('starts fresh without a cursor, replays a cursor it can, and resyncs every other', () => {
    const position = { seq: 100, purgedThrough: 40 };
    expect(planStart(undefined, position)).toEqual({ kind: 'fresh' });
    expect(planStart(100, position)).toEqual({ kind: 'replay', after: 100 });
    expect(planStart(40, position)).toEqual({ kind: 'replay', after: 40 });
    expect(planStart(0, { seq: 0, purgedThrough: 0 })).toEqual({ kind: 'replay', after: 0 });
    expect(planStart(101, position)).toEqual({ kind: 'resync' }); // from the future (database reset)
    expect(planStart(39, position)).toEqual({ kind: 'resync' }); // older than the purge
    expect(planStart(NaN, position)).toEqual({ kind: 'resync' }); // malformed
  });
});

describe('stream limits', () => {
  it('allows 5 streams per table and 50 per store admins, each slot on its own, until one leaves', () => {
    const limits = new StreamLimits();
    const table = Array.from({ length: MAX_TABLE_STREAMS }, () => limits.acquire(1, 7));
    expect(() => limits.acquire(1, 7)).toThrow(AppError);
    limits.acquire(1, 8); // another table
    for (let i = 0; i < MAX_ADMIN_STREAMS; i++) limits.acquire(1, null);
    expect(() => limits.acquire(1, null)).toThrow(/At most 50 live streams/);
    limits.acquire(2, null); // another store
    table[0]!();
    table[0]!(); // releasing twice frees one place only
    limits.acquire(1, 7);
    try {
      limits.acquire(1, 7);
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({ status: 429, code: 'too_many_requests' });
    }
  });
});

describe('stream watch', () => {
  const setup = (check: () => Promise<unknown>) => {
    const stream = { closed: false, write: vi.fn(), close: vi.fn() };
    stream.close.mockImplementation(() => {
      stream.closed = true;
    });
    const log = { warn: vi.fn() };
    return { stream, log, watch: new StreamWatch(stream, check, log) };
  };

  it('pings on every beat and re-checks the token, one check at a time', async () => {
    let pass: () => void = () => undefined;
    const check = vi.fn(
      () =>
        new Promise<void>((resolve) => {
          pass = resolve;
        }),
    );
    const { stream, watch } = setup(check);
    watch.beat();
    watch.beat(); // the first check is still running
    expect(stream.write).toHaveBeenCalledTimes(2);
    expect(stream.write).toHaveBeenCalledWith(HEARTBEAT_FRAME);
    expect(check).toHaveBeenCalledTimes(1);
    pass();
    await Promise.resolve();
    watch.beat();
    expect(check).toHaveBeenCalledTimes(2);
    expect(stream.close).not.toHaveBeenCalled();
  });

  it('ends the stream when the token is refused, but not when the check itself failed', async () => {
    const refused = setup(() => Promise.reject(Errors.tokenRevoked()));
    refused.watch.beat();
    await vi.waitFor(() => {
      expect(refused.stream.close).toHaveBeenCalledOnce();
    });

    const hiccup = setup(() => Promise.reject(new Error('database unreachable')));
    hiccup.watch.beat();
    await vi.waitFor(() => {
      expect(hiccup.log.warn).toHaveBeenCalledOnce();
    });
    expect(hiccup.stream.close).not.toHaveBeenCalled();
  });
});
