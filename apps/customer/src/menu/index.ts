export { MenuScreen } from './MenuScreen';
export { useMenu, menuQueryKey, type MenuItem, type MenuCategory } from './get-menu';
export { useMenuIndex, type IndexedItem } from './use-menu-index';
