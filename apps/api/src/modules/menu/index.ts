export { menuRoutes } from './menu.routes.js';
export {
  categoriesOfItems,
  categoryIdsOfStore,
  findItemsByIds,
  insertCategory,
  insertItem,
} from './menu.repository.js';
export {
  insertGroup,
  insertOptions,
  optionsOfItems,
  setItemGroups,
  type ItemOptionRow,
} from './option-groups.repository.js';
