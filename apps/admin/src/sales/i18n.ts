import { useCallback } from 'react';
import { useI18n } from '../shared/i18n';

// The sales page's own text, in its lazy chunk (the dashboard's catalogs carry only the 매출 link), so
// the board's bundle does not grow with it. Same `{name}` placeholders as the dashboard's catalogs.

const ko = {
  'sales.title': '매출',
  'sales.presets': '기간',
  'sales.preset.today': '오늘',
  'sales.preset.yesterday': '어제',
  'sales.preset.thisWeek': '이번 주',
  'sales.preset.thisMonth': '이번 달',
  'sales.preset.lastMonth': '지난 달',
  'sales.from': '시작일',
  'sales.to': '종료일',
  'sales.apply': '조회',
  'sales.rangeReversed': '시작일이 종료일보다 늦습니다. 날짜를 바꿔 주세요.',
  'sales.rangeTooLong': '한 번에 최대 {n}일까지 조회할 수 있습니다. 기간을 줄여 주세요.',
  'sales.rangeMissing': '시작일과 종료일을 모두 고르세요.',
  'sales.range': '{from} ~ {to}',
  'sales.csv': 'CSV 다운로드',
  'sales.csvDownloading': '내려받는 중…',
  'sales.csvFailed': 'CSV를 내려받지 못했습니다: {message}',
  'sales.revenue': '매출',
  'sales.orders': '주문 수',
  'sales.ordersValue': '{n}건',
  'sales.average': '이용당 평균',
  'sales.sessions': '테이블 이용 {n}회',
  'sales.cancelled': '취소·삭제 금액',
  'sales.byDay': '일별 매출',
  'sales.byHour': '시간대별 매출',
  'sales.hour': '{h}시',
  'sales.chartDay': '일별 매출 막대 차트, {n}일, 가장 많은 날 {date} {amount}',
  'sales.chartHour': '시간대별 매출 막대 차트, 가장 많은 시간 {hour}시 {amount}',
  'sales.chartEmpty': '매출이 없는 기간의 막대 차트',
  'sales.byItem': '메뉴 순위',
  'sales.byTable': '테이블 순위',
  'sales.rank': '순위',
  'sales.item': '메뉴',
  'sales.quantity': '수량',
  'sales.table': '테이블',
  'sales.tableNo': '테이블 {n}',
  'sales.tableSessions': '이용 횟수',
  'sales.noItems': '이 기간에 팔린 메뉴가 없습니다.',
  'sales.noTables': '이 기간에 이용한 테이블이 없습니다.',
  'sales.empty': '이 기간에는 매출이 없습니다. 위에서 다른 기간을 골라 보세요.',
  'sales.loading': '매출을 불러오는 중…',
} as const;

export type SalesKey = keyof typeof ko;

const en: Record<SalesKey, string> = {
  'sales.title': 'Sales',
  'sales.presets': 'Period',
  'sales.preset.today': 'Today',
  'sales.preset.yesterday': 'Yesterday',
  'sales.preset.thisWeek': 'This week',
  'sales.preset.thisMonth': 'This month',
  'sales.preset.lastMonth': 'Last month',
  'sales.from': 'From',
  'sales.to': 'To',
  'sales.apply': 'Show',
  'sales.rangeReversed': 'The start date is after the end date. Change the dates.',
  'sales.rangeTooLong': 'A report covers at most {n} days. Choose a shorter period.',
  'sales.rangeMissing': 'Choose both a start and an end date.',
  'sales.range': '{from} to {to}',
  'sales.csv': 'Download CSV',
  'sales.csvDownloading': 'Downloading…',
  'sales.csvFailed': 'Could not download the CSV: {message}',
  'sales.revenue': 'Revenue',
  'sales.orders': 'Orders',
  'sales.ordersValue': '{n}',
  'sales.average': 'Average per party',
  'sales.sessions': '{n} table sessions',
  'sales.cancelled': 'Cancelled and deleted',
  'sales.byDay': 'Revenue by day',
  'sales.byHour': 'Revenue by hour',
  'sales.hour': '{h}:00',
  'sales.chartDay': 'Bar chart of revenue by day, {n} days, best day {date} {amount}',
  'sales.chartHour': 'Bar chart of revenue by hour, best hour {hour}:00 {amount}',
  'sales.chartEmpty': 'Bar chart of a period without sales',
  'sales.byItem': 'Top menu items',
  'sales.byTable': 'Top tables',
  'sales.rank': 'Rank',
  'sales.item': 'Item',
  'sales.quantity': 'Quantity',
  'sales.table': 'Table',
  'sales.tableNo': 'Table {n}',
  'sales.tableSessions': 'Sessions',
  'sales.noItems': 'No menu item was sold in this period.',
  'sales.noTables': 'No table was used in this period.',
  'sales.empty': 'No sales in this period. Choose another period above.',
  'sales.loading': 'Loading sales…',
};

export type SalesText = (key: SalesKey, vars?: Record<string, string | number>) => string;

/** The sales text in the dashboard's current language. */
export function useSalesText(): SalesText {
  const { lang } = useI18n();
  return useCallback(
    (key, vars = {}) =>
      (lang === 'en' ? en : ko)[key].replace(/\{(\w+)\}/g, (m, name: string) =>
        name in vars ? String(vars[name]) : m,
      ),
    [lang],
  );
}
