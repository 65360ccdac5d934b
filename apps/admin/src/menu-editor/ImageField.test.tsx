import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { IMAGE_UPLOAD_MAX_BYTES } from '@table-order/contracts/constants';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, queryWrapper } from '../shared/api/testing';
import { menuKeys } from './api/query-keys';
import { savedItem as saved, seedStoreSettings } from './test-fixtures';
import { ItemFormDialog } from './ItemFormDialog';

function renderDialog() {
  const onSaved = vi.fn();
  const { queryClient, wrapper } = queryWrapper();
  // The option groups are loaded already: the requests below are the photo's and the save's.
  queryClient.setQueryData(menuKeys.optionGroups(), { items: [] });
  seedStoreSettings(queryClient);
  render(
    <ItemFormDialog
      item={saved}
      categories={[{ id: 1, name: '찌개', displayOrder: 0 }]}
      categoryId={1}
      onSaved={onSaved}
      onClose={vi.fn()}
    />,
    { wrapper },
  );
  const choose = (name: string, size = 1) => {
    fireEvent.change(document.getElementById('item-image')!, {
      target: { files: [new File([new Uint8Array(size)], name, { type: 'image/png' })] },
    });
  };
  const saveButton = () => screen.getByRole<HTMLButtonElement>('button', { name: /저장/, hidden: true });
  return { onSaved, choose, saveButton };
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('menu photo field', () => {
  it('saving waits for an upload; the uploaded key is what the PATCH sends', async () => {
    const api = fakeApi();
    const NEW = 'b'.repeat(32);
    const release = api.answerLater(201, {
      imageKey: NEW,
      imageUrl: `/uploads/${NEW}.webp`,
      thumbnailUrl: `/uploads/${NEW}_thumb.webp`,
    });
    api.answer(200, { ...saved, imageKey: NEW });
    const { onSaved, choose, saveButton } = renderDialog();
    choose('new.png');
    await waitFor(() => {
      expect(saveButton().disabled).toBe(true);
    });
    expect(screen.getByText('사진 올리는 중…', { selector: '[role=status]' })).toBeTruthy();
    release();
    await waitFor(() => {
      expect(saveButton().disabled).toBe(false);
    });
    fireEvent.click(saveButton());
    await waitFor(() => {
      expect(onSaved).toHaveBeenCalled();
    });
    expect(api.sent.map((r) => [r.method, r.path])).toEqual([
      ['POST', '/admin/images'],
      ['PATCH', '/admin/menu-items/7'],
    ]);
    expect(api.sent[1]?.body).toEqual({ imageKey: NEW });
  });

  it('refuses a photo over the size limit before uploading it', async () => {
    const api = fakeApi();
    const { choose } = renderDialog();
    choose('huge.png', IMAGE_UPLOAD_MAX_BYTES + 1);
    await screen.findByText('사진이 너무 큽니다. 5MB 이하로 올려 주세요.');
    expect(api.sent).toEqual([]);
    expect(screen.getByRole('img', { hidden: true }).getAttribute('src')).toBe(saved.thumbnailUrl);
  });

  it('a refused upload says why and keeps the saved photo, so saving changes nothing', async () => {
    const api = fakeApi();
    api.answer(413, { error: 'payload_too_large', message: 'image larger than 5 MB' });
    const { onSaved, choose, saveButton } = renderDialog();
    choose('huge.png');
    await screen.findByText('사진이 너무 큽니다. 5MB 이하로 올려 주세요.');
    expect(screen.getByRole('img', { hidden: true }).getAttribute('src')).toBe(saved.thumbnailUrl);
    fireEvent.click(saveButton());
    await waitFor(() => {
      expect(onSaved).toHaveBeenCalledWith(saved);
    });
    expect(api.sent.map((r) => r.path)).toEqual(['/admin/images']);
  });
});
