/** Strings of the field app's navigation, settings, notices and the case's spot (issue 12). */
export const UX_S = {
  navMain: ['主导航', 'Main navigation'],
  unreadN: ['{n} 条未读', '{n} unread'],
  heldNews: [
    '您填写时收到 {n} 条新消息，可到“消息”查看',
    '{n} new messages arrived while you were writing; see Messages',
  ],
  // settings on the home screen
  settings: ['设置', 'Settings'],
  careMode: ['关怀模式（大字）', 'Larger text (care mode)'],
  careModeHint: ['字更大、按钮更大，适合老年人', 'Bigger text and buttons, easier to read'],
  // after a report
  nextVillage: ['村(社区)', 'your village (community)'],
  nextTownship: ['镇街', 'the township'],
  nextCounty: ['县里', 'the county'],
  nextWhatReported: [
    '接下来：{who}网格员会受理、核实并处理，{within}给您答复（最晚 {when}）。',
    'What happens next: {who} will accept, check and deal with it and answer you {within} (by {when} at the latest).',
  ],
  nextWhatFiled: [
    '接下来：{who}会安排处理，{within}办完（最晚 {when}）。',
    'What happens next: {who} will arrange for it to be dealt with {within} (by {when} at the latest).',
  ],
  nextFollow: [
    '每一步都会发消息告诉您，也可以在“我的诉求”里查看。',
    'You will get a message at every step; you can also follow it under My requests.',
  ],
  withinSameday: ['当天', 'the same day'],
  withinWorkday: ['{n} 个工作日内', 'within {n} working day(s)'],
  withinWorkhour: ['{n} 个工作小时内', 'within {n} working hour(s)'],
  withinDay: ['{n} 天内', 'within {n} day(s)'],
  withinHour: ['{n} 小时内', 'within {n} hour(s)'],
  withinUrgent: ['尽快', 'as soon as possible'],
  // the case's spot
  spotTitle: ['现场位置', 'The spot'],
  navigate: ['导航去现场', 'Navigate there'],
  navigateWith: ['用哪个地图导航？', 'Navigate with which map?'],
  mapAmap: ['高德地图', 'Amap (Gaode)'],
  mapBaidu: ['百度地图', 'Baidu Maps'],
  mapSystem: ['手机自带地图', 'The phone’s map app'],
  noSpot: ['上报时没有定位，只知道网格：{grid}', 'No location was given, only the grid: {grid}'],
  reporter: ['上报人', 'Reported by'],
  reporterContact: ['联系电话', 'Contact phone'],
  revealContact: ['查看完整号码', 'Show full number'],
  revealReason: ['查看事由（会被记录）', 'Reason for viewing (it is logged)'],
  revealReasonHint: ['如：现场找不到位置，电话联系上报人', 'e.g. cannot find the spot, calling the reporter'],
  revealReasonShort: ['请写明事由（至少 4 个字）', 'Please give a reason (at least 4 characters)'],
  callReporter: ['拨打', 'Call'],
  verifyTitle: ['请到现场核查', 'Please verify on site'],
  verifyHint: [
    '部门已报处理完成。请到现场看一看：确实办好了就“核查结案”，没办好就“返工”。',
    'The department says it is fixed. Go and look: if it is done, verify and close; if not, send it back for rework.',
  ],
} as const satisfies Record<string, readonly [string, string]>;
