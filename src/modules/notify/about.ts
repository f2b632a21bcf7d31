/** What a notification may be about besides a case (notification.about_type). */
export const ABOUT_TYPES = [
  'wish',
  'errand',
  'disclosure',
  'redemption',
  'points',
  'visit',
  'dispute',
  'petition',
  'emergency',
  'whistle',
  'campaign',
  'call',
  'station_loan',
] as const;
export type About = { type: (typeof ABOUT_TYPES)[number]; id: number };
