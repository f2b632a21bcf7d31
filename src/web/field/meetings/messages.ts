/** Field-app strings of the deliberation hall (keys prefixed 'mtg'), Chinese first. Merged into i18n.ts. */
export const MEETINGS_S = {
  svcMeetings: ['议事', 'Meetings'],
  mtgTitle: ['议事厅', 'Deliberation hall'],
  mtgNone: ['暂无议事', 'No meetings'],
  mtgAttendance: ['出席 {a}/{n}', 'Present {a}/{n}'],
  mtgPlanned: ['待召开', 'Planned'],
  mtgRecord: ['登记出席', 'Record attendance'],
  mtgRecorded: ['已登记', 'Recorded'],
  mtgResolutions: ['决议落实', 'Resolutions'],
  mtgResponsible: ['责任人 {who}', 'Responsible: {who}'],
  mtgRes_not_started: ['未开始', 'Not started'],
  mtgRes_in_progress: ['推进中', 'In progress'],
  mtgRes_done: ['已完成', 'Done'],
  mtgRes_dropped: ['已撤销', 'Dropped'],
} as const;
