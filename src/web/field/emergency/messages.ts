/** Field-app strings of emergency response (keys prefixed 'emg'), Chinese first. Merged into i18n.ts. */
export const EMERGENCY_S = {
  svcEmergency: ['应急核查', 'Emergency checks'],
  emgBanner: [
    '应急响应中：{title}，请立即核查重点户',
    'Emergency declared: {title} — check the vulnerable households now',
  ],
  emgTitle: ['应急核查', 'Emergency checks'],
  emgNone: ['没有进行中的应急事件', 'No emergency declared'],
  emgLeft: ['未核查 {n} 户', '{n} not checked'],
  emgSafe: ['安全', 'Safe'],
  emgEvacuated: ['已转移', 'Evacuated'],
  emgNeedsHelp: ['需救助', 'Needs help'],
  emgUnreachable: ['联系不上', 'Unreachable'],
  emgPending: ['未核查', 'Not checked'],
  emgQueued: ['已记录，联网后上报', 'Saved; sent when online'],
  emgQueueItem: ['应急核查', 'Emergency check'],
  emgShare: ['共享我的位置（仅限本次应急）', 'Share my location (this emergency only)'],
  emgShareConsent: [
    '仅在本次应急响应期间、在应急区域内向指挥中心共享您的位置；您可随时停止，应急结束时自动停止并删除。是否同意？',
    'Your location goes to the command centre only during this emergency and inside its area; you can stop at any time, and it stops and is deleted when the emergency ends. Agree?',
  ],
  emgSharing: ['位置共享中', 'Sharing location'],
  emgStopShare: ['停止共享', 'Stop sharing'],
  emgHelp: ['现场求助', 'Ask for help'],
  emgHelpText: ['求助内容', 'What is needed'],
  emgHelpSent: ['已转为特急事件 {number}', 'Urgent case {number} raised'],
} as const;
