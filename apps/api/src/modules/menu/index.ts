export { menuRoutes } from './menu.routes.js';
export { findItemsByIds, insertCategory, insertItem } from './menu.repository.js';
export {
  insertGroup,
  insertOptions,
  optionsOfItems,
  setItemGroups,
  type ItemOptionRow,
} from './option-groups.repository.js';
