import { isForwardStatus } from '@table-order/contracts/constants';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { allowedMoves, laterStatus, primaryMove } from './order-status';
import { StatusActions } from './OrderDrawer';

afterEach(cleanup);

describe('status rules', () => {
  it('allows forward moves only, skipping included', () => {
    expect(allowedMoves('pending')).toEqual(['preparing', 'completed']);
    expect(allowedMoves('preparing')).toEqual(['completed']);
    expect(allowedMoves('completed')).toEqual([]);
    expect(isForwardStatus('preparing', 'pending')).toBe(false);
    expect(primaryMove('pending')).toBe('preparing');
    expect(primaryMove('completed')).toBeNull();
    expect(laterStatus('completed', 'preparing')).toBe('completed');
  });
});

describe('status buttons', () => {
  it('a pending order offers "준비 시작" as the main button and "바로 완료" beside it', () => {
    const onMove = vi.fn();
    render(<StatusActions status="pending" busy={false} onMove={onMove} />);
    const buttons = screen.getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual(['준비 시작', '바로 완료']);
    fireEvent.click(screen.getByRole('button', { name: '준비 시작' }));
    fireEvent.click(screen.getByRole('button', { name: '바로 완료' }));
    expect(onMove.mock.calls).toEqual([['preparing'], ['completed']]);
  });

  it('a preparing order offers only "완료 처리"; a completed one offers none', () => {
    const { rerender } = render(<StatusActions status="preparing" busy={false} onMove={vi.fn()} />);
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['완료 처리']);
    rerender(<StatusActions status="completed" busy={false} onMove={vi.fn()} />);
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(screen.getByText('완료된 주문입니다.')).toBeTruthy();
  });

  it('buttons are disabled while a change is being saved', () => {
    render(<StatusActions status="pending" busy onMove={vi.fn()} />);
    for (const b of screen.getAllByRole('button')) expect((b as HTMLButtonElement).disabled).toBe(true);
  });
});
