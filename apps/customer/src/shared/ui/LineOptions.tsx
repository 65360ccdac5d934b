import { useI18n } from '../i18n/i18n';

/** An option as a line shows it: chosen in the cart, or snapshotted on an order. */
export interface ShownOption {
  name: string;
  priceDelta: number;
}

/**
 * The chosen options under a cart or order line ("아주 매운맛, 치즈 (+2,000원)"); nothing for none (also
 * for a line an earlier release sent without its options).
 */
export function LineOptions({
  options = [],
  className,
}: {
  options?: readonly ShownOption[] | undefined;
  className?: string;
}) {
  const { t } = useI18n();
  if (options.length === 0) return null;
  return (
    <span className={`line-options${className ? ` ${className}` : ''}`}>
      {options
        .map((o) => (o.priceDelta === 0 ? o.name : `${o.name} (${t.priceDelta(o.priceDelta)})`))
        .join(', ')}
    </span>
  );
}
