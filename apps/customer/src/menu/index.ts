export { MenuScreen } from './MenuScreen';
export { menuQueryKey, type MenuItem, type MenuCategory } from './get-menu';
export { useMenuIndex, type IndexedItem } from './use-menu-index';
export { adoptArrivedPrefetch } from './menu-prefetch';
