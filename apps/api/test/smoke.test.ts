import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedStore, type TestApp } from './harness.js';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('orders through the API', async () => {
    const s = await seedStore(t);
    const tab = await s.tableClient(1);
    const r = await tab.post('/api/v1/table/orders', {
      items: [{ menuItemId: s.items[0]!.id, quantity: 2 }],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.totalAmount).toBe(18000);
    const d = await s.admin.get('/api/v1/admin/dashboard');
    expect(d.status, JSON.stringify(d.body)).toBe(200);
    expect(d.body.tables[0].totalAmount).toBe(18000);
  });
});
