import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './index.js';

const strong = 'a'.repeat(24) + 'B9x!' + 'c'.repeat(12);

describe('loadConfig', () => {
  it('runs on embedded defaults with no configuration', () => {
    const c = loadConfig({});
    expect(c.database).toEqual({ dialect: 'sqlite', filename: './data/table-order.db' });
    expect(c.port).toBe(8000);
    expect(c.jwt).toMatchObject({ algorithm: 'HS256', expireHours: 16 });
    expect(c.storage.driver).toBe('local');
    expect(c.demoSeed).toBe(true);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('serves metrics on their own loopback listener by default; 0 turns it off; never on PORT', () => {
    expect(loadConfig({}).metricsListener).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(loadConfig({ METRICS_PORT: '' }).metricsListener).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(loadConfig({ METRICS_PORT: '0' }).metricsListener).toBeNull();
    expect(loadConfig({ METRICS_PORT: '18000', METRICS_HOST: '10.0.0.5' }).metricsListener).toEqual({
      host: '10.0.0.5',
      port: 18000,
    });
    expect(() => loadConfig({ PORT: '9000', METRICS_PORT: '9000' })).toThrow(/METRICS_PORT: must differ/);
    expect(() => loadConfig({ METRICS_PORT: '70000' })).toThrow(/METRICS_PORT/);
  });

  it('accepts sqlite:, mysql:// and the seed’s mysql+aiomysql:// URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite::memory:' }).database).toEqual({
      dialect: 'sqlite',
      filename: ':memory:',
    });
    expect(loadConfig({ DATABASE_URL: 'mysql://u:p@db:3306/to' }).database).toMatchObject({
      dialect: 'mysql',
      uri: 'mysql://u:p@db:3306/to',
    });
    expect(loadConfig({ DATABASE_URL: 'mysql+aiomysql://u:p@rds:3306/tableorder' }).database).toMatchObject({
      dialect: 'mysql',
      uri: 'mysql://u:p@rds:3306/tableorder',
    });
  });

  it('stops with a message naming every bad variable', () => {
    const bad = {
      DATABASE_URL: 'postgres://x',
      PORT: 'eighty',
      JWT_ALGORITHM: 'none',
      JWT_EXPIRE_HOURS: '-1',
      DEBUG: 'maybe',
    };
    let message = '';
    try {
      loadConfig(bad);
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    for (const name of Object.keys(bad)) expect(message).toContain(name);
  });

  it('refuses a missing or weak JWT_SECRET_KEY in production', () => {
    for (const secret of [undefined, 'short', 'your-secret-key-here']) {
      expect(() =>
        loadConfig({ NODE_ENV: 'production', ...(secret ? { JWT_SECRET_KEY: secret } : {}) }),
      ).toThrow(/JWT_SECRET_KEY/);
    }
    const c = loadConfig({ NODE_ENV: 'production', JWT_SECRET_KEY: strong });
    expect(c.jwt.secret).toBe(strong);
    expect(c.demoSeed).toBe(false);
  });

  it('keeps OWASP’s argon2id cost by default and refuses a lower one in production', () => {
    expect(loadConfig({}).passwords).toEqual({ memoryCost: 19_456, timeCost: 2 });
    expect(loadConfig({ ARGON2_MEMORY_KIB: '256', ARGON2_TIME_COST: '1' }).passwords).toEqual({
      memoryCost: 256,
      timeCost: 1,
    });
    expect(() =>
      loadConfig({ NODE_ENV: 'production', JWT_SECRET_KEY: strong, ARGON2_MEMORY_KIB: '256' }),
    ).toThrow(/ARGON2_MEMORY_KIB/);
    expect(
      loadConfig({ NODE_ENV: 'production', JWT_SECRET_KEY: strong, ARGON2_MEMORY_KIB: '65536' }).passwords,
    ).toEqual({ memoryCost: 65_536, timeCost: 2 });
  });

  it('reads the seed’s variables', () => {
    const c = loadConfig({
      JWT_ALGORITHM: 'HS512',
      JWT_EXPIRE_HOURS: '8',
      AWS_S3_BUCKET: 'table-order-images-prod',
      AWS_REGION: 'ap-northeast-2',
      DEBUG: 'true',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      REDIS_URL: 'redis://127.0.0.1:6379',
      TRUSTED_PROXIES: '127.0.0.1',
    });
    expect(c.jwt).toMatchObject({ algorithm: 'HS512', expireHours: 8 });
    expect(c.storage).toMatchObject({
      driver: 's3',
      bucket: 'table-order-images-prod',
      region: 'ap-northeast-2',
    });
    expect(c.logLevel).toBe('debug');
    expect(c.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(c.trustedProxies).toEqual(['127.0.0.1']);
  });
});
