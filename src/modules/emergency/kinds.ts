/** The kinds of emergency (issue 13, seed 000: 丹东元宝区's emergency-response module). */
export const EVENT_KINDS = ['flood', 'blizzard', 'fire', 'chemical_leak', 'epidemic'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** The care tags of the vulnerable (elderly living alone, disabled, bedridden, left-behind children). */
export const VULNERABLE_TAGS = ['elderly-alone', 'disabled', 'bedridden', 'left-behind-child'] as const;

/**
 * The templates every county starts with: the kind, its households and the case category a
 * request for help becomes (its emergency deadlines: hours, from the catalogue).
 */
export const EVENT_TEMPLATES = [
  { key: 'flood', kind: 'flood', title: '防汛应急', tags: [...VULNERABLE_TAGS], category: 'G0205' },
  { key: 'blizzard', kind: 'blizzard', title: '暴雪应急', tags: [...VULNERABLE_TAGS], category: 'E0407' },
  { key: 'fire', kind: 'fire', title: '火灾应急', tags: [...VULNERABLE_TAGS], category: 'G0201' },
  {
    key: 'chemical_leak',
    kind: 'chemical_leak',
    title: '危化品泄漏应急',
    tags: [...VULNERABLE_TAGS],
    category: 'G0202',
  },
  { key: 'epidemic', kind: 'epidemic', title: '疫情应急', tags: [...VULNERABLE_TAGS], category: 'G0501' },
] as const;

/** Statuses a phone reports for a household, in one tap. */
export const CHECK_STATUSES = ['safe', 'evacuated', 'needs_help', 'unreachable'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export const TEAM_KINDS = ['militia', 'volunteer', 'vanguard'] as const;

/** Supplies kept in stock (key → Chinese name, unit). */
export const SUPPLY_ITEMS = {
  sandbag: ['编织袋（沙袋）', '条'],
  life_jacket: ['救生衣', '件'],
  tent: ['帐篷', '顶'],
  quilt: ['棉被', '床'],
  drinking_water: ['饮用水', '箱'],
  instant_food: ['方便食品', '箱'],
  flashlight: ['手电筒', '个'],
  generator: ['发电机', '台'],
  disinfectant: ['消毒液', '桶'],
  mask: ['口罩', '个'],
} as const satisfies Record<string, readonly [string, string]>;
export type SupplyItem = keyof typeof SUPPLY_ITEMS;
export const SUPPLY_KEYS = Object.keys(SUPPLY_ITEMS) as [SupplyItem, ...SupplyItem[]];
