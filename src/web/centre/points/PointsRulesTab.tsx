// SKELETON(helper): replace with the real administration tab.
export function PointsRulesTab() {
  return null;
}
