import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { withSubjectParticle } from '../format';
import { AuditTrail } from './AuditTrail';

afterEach(cleanup);

describe('audit trail', () => {
  it('says who did what and when, in the store time zone ("kim이 완료 처리 · 19:42")', () => {
    render(
      <AuditTrail
        tableNumber={3}
        timeZone="Asia/Seoul"
        audit={[
          { action: 'created', username: null, at: '2026-03-10T10:30:00.000Z' },
          { action: 'preparing', username: 'lee', at: '2026-03-10T10:35:00.000Z' },
          { action: 'completed', username: 'kim', at: '2026-03-10T10:42:00.000Z' },
          { action: 'checked_out', username: 'kim', at: '2026-03-10T11:10:00.000Z' },
        ]}
      />,
    );
    const trail = screen.getByRole('region', { name: '처리 기록' });
    expect([...trail.querySelectorAll('.audit__item')].map((p) => p.textContent)).toEqual([
      '테이블 3에서 주문 · 19:30',
      'lee가 준비 시작 · 19:35',
      'kim이 완료 처리 · 19:42',
      'kim이 이용 완료 처리 · 20:10',
    ]);
  });

  it('shows nothing without entries', () => {
    const { container } = render(<AuditTrail tableNumber={1} timeZone="Asia/Seoul" audit={undefined} />);
    expect(container.textContent).toBe('');
  });

  it('picks 이 or 가 by the last sound of the name', () => {
    expect(['kim', 'lee', 'park', 'staff1', 'staff2', '김알바', '점장'].map(withSubjectParticle)).toEqual([
      'kim이',
      'lee가',
      'park가',
      'staff1이',
      'staff2가',
      '김알바가',
      '점장이',
    ]);
  });
});
