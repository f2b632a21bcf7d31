// SKELETON(helper): replace with the real administration tab.
export function ServiceItemsTab() {
  return null;
}
