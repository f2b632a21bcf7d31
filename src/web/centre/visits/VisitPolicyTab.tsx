// SKELETON(helper): replace with the real administration tab.
export function VisitPolicyTab() {
  return null;
}
