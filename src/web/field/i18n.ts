import { CALLS_S } from './calls/messages.js';
import { useSyncExternalStore } from 'react';
import { currentLang, setLang as storeLang } from '../shared/api.js';
import { format, type Vars } from '../shared/icu.js';
import { DISCLOSURES_S } from './disclosures/messages.js';
import { LESSONS_S } from './lessons/messages.js';
import { ERRANDS_S } from './errands/messages.js';
import { POINTS_S } from './points/messages.js';
import { VISITS_S } from './visits/messages.js';
import { WISHES_S } from './wishes/messages.js';
import { UX_S } from './ux-messages.js';
import { DISPUTES_S } from './disputes/messages.js';
import { PETITIONS_S } from './petitions/messages.js';
import { REGISTERS_S } from './registers/messages.js';
import { CAMPAIGNS_S } from './campaigns/messages.js';
import { EMERGENCY_S } from './emergency/messages.js';
import { WHISTLES_S } from './whistles/messages.js';
import { MEETINGS_S } from './meetings/messages.js';
import { STATIONS_S } from './stations/messages.js';
import { INSERVICE_S } from './inservice/messages.js';

/**
 * UI strings of the field app: Chinese first, English second. Words are kept
 * short and plain (many users are elderly villagers). `{name}` is filled in by t().
 */
const S = {
  appName: ['网格 · 随手拍', 'Wangge · Snap & report'],
  langSwitch: ['English', '中文'],
  docTitle: ['网格 · 随手拍', 'Grid · Snap & Report'],
  // sign in
  username: ['账号', 'Username'],
  password: ['密码', 'Password'],
  signIn: ['登录', 'Sign in'],
  signOut: ['退出登录', 'Sign out'],
  signInEmpty: ['请输入账号和密码', 'Enter your username and password'],
  timelinePhotoAlt: ['{what}照片 {n}', 'Photo {n}: {what}'],
  signOutQueue: [
    '还有 {n} 条上报没发出去，要等您再登录后才能发送。确定退出吗？',
    '{n, plural, one {# report has} other {# reports have}} not been sent; they go only after you sign in again. Sign out?',
  ],
  signInAgain: ['登录已过期，请重新登录', 'Your session has expired; please sign in again'],
  useCentre: ['您的账号请使用电脑版指挥中心', 'Please use the desktop command centre for your account'],
  openCentre: ['打开指挥中心', 'Open the command centre'],
  offlineStart: ['现在没有网络，显示的是手机上保存的内容', 'No network: showing what is saved on this phone'],
  // tabs and home
  tabHome: ['首页', 'Home'],
  tabReport: ['随手拍', 'Report'],
  tabPatrol: ['巡查上报', 'Patrol'],
  tabMine: ['我的诉求', 'My requests'],
  tabTodo: ['待办', 'To do'],
  tabMessages: ['消息', 'Messages'],
  hello: ['您好，{name}', 'Hello, {name}'],
  myGrid: ['所在网格：{name}', 'Grid: {name}'],
  homeReport: ['看到问题，拍照上报', 'See a problem? Take a photo and report it'],
  homePatrol: ['巡查发现问题，马上上报', 'Report what you find on patrol'],
  homeMine: ['看看我报的事办得怎样', 'See how my reports are going'],
  homeTodo: ['需要我处理的事件', 'Cases waiting for me'],
  // offline queue
  queueCount: ['待发送 {n} 条', '{n} waiting to send'],
  queueHint: [
    '没有网络时写的上报保存在手机上，有网后自动发送',
    'Reports written offline are kept on this phone and sent when the network returns',
  ],
  queueRetry: ['现在发送', 'Send now'],
  queueSending: ['正在发送…', 'Sending…'],
  queueNext: ['{s} 秒后自动重试', 'Retrying in {s} s'],
  queueAttention: ['需要修改', 'Needs attention'],
  queueEdit: ['修改后重发', 'Edit and resend'],
  queueDelete: ['删除', 'Delete'],
  queueDeleteConfirm: ['删除后这条上报就没有了，确定删除吗？', 'This report will be gone. Delete it?'],
  replaceDraft: [
    '表单里还有没写完的内容，会被替换，确定吗？',
    'The form has unfinished content; replace it?',
  ],
  queueSent: ['已发送，编号 {number}', 'Sent, number {number}'],
  queueMaybeSent: [
    '上次发送没收到回复，再发不会重复上报',
    'The last attempt got no answer; resending will not report it twice',
  ],
  queueAuth: ['请重新登录后发送', 'Sign in again to send'],
  offline: ['没有网络', 'No network'],
  // report form
  reportTitle: ['随手拍', 'Report a problem'],
  patrolTitle: ['巡查上报', 'Patrol report'],
  photos: ['照片（可以不拍）', 'Photos (optional)'],
  takePhoto: ['拍照', 'Camera'],
  pickPhoto: ['相册', 'Album'],
  photoUploading: ['上传中', 'Uploading'],
  photoUploaded: ['已上传', 'Uploaded'],
  photoSaved: ['已存手机', 'Saved'],
  removePhoto: ['删除照片', 'Remove photo'],
  category: ['是什么问题', 'What is the problem'],
  categorySearch: ['输入关键词，如：垃圾、路灯、井盖', 'Type a word, e.g. rubbish, street light'],
  categoryNone: ['没找到，换个词试试', 'Nothing found, try another word'],
  categoryChange: ['换一个', 'Change'],
  categoryRequired: ['请选择问题类型', 'Please choose the kind of problem'],
  required: ['必填', 'required'],
  choose: ['请选择', 'Please choose'],
  description: ['说说情况', 'Describe it'],
  descriptionPlaceholder: ['在哪里、什么问题、有多严重', 'Where, what, how serious'],
  descriptionRequired: ['请写几个字说明情况', 'Please write a few words'],
  attrRequired: ['请回答：{q}', 'Please answer: {q}'],
  location: ['位置', 'Location'],
  locating: ['正在定位…', 'Finding your location…'],
  locateMe: ['定位', 'Find my location'],
  locateAgain: ['重新定位', 'Locate again'],
  locateFailed: ['没能定位（可能没开定位权限）', 'Could not get your location (is location allowed?)'],
  accuracy: ['精度约 {m} 米', 'accurate to about {m} m'],
  dragHint: ['位置不对？拖动红点或点地图改正', 'Wrong place? Drag the pin or tap the map'],
  inGrid: ['在 {name}', 'In {name}'],
  outsideGrid: ['这个位置不在本县网格内', 'This place is outside the county’s grids'],
  useMyGrid: ['不定位，报在我的网格（{name}）', 'No location: report in my grid ({name})'],
  usingMyGrid: ['将报在：{name}', 'Will report in: {name}'],
  useGps: ['改用手机定位', 'Use the phone’s location'],
  locationRequired: ['请定位，或选择“报在我的网格”', 'Locate, or choose “report in my grid”'],
  submit: ['提交', 'Submit'],
  submitting: ['正在提交…', 'Submitting…'],
  draftRestored: ['已恢复上次没写完的内容', 'Restored what you were writing'],
  clearForm: ['清空重写', 'Start over'],
  similarTitle: ['附近已有人报过类似问题', 'Similar problems were already reported nearby'],
  similarHint: ['如果是同一件事，可以不用再报。', 'If it is the same thing, you need not report it again.'],
  similarAway: ['相距 {m} 米', '{m} m away'],
  similarContinue: ['不是同一件，继续提交', 'Not the same, submit'],
  similarCancel: ['是同一件，不报了', 'Same thing, don’t submit'],
  sentTitle: ['提交成功', 'Submitted'],
  sentNumber: ['编号：{number}', 'Number: {number}'],
  queuedTitle: ['已保存在手机上', 'Saved on this phone'],
  queuedHint: [
    '现在网络不好，有网后会自动发送，不用重写。',
    'The network is weak; it will be sent automatically, nothing is lost.',
  ],
  viewProgress: ['查看进度', 'See progress'],
  reportAnother: ['再报一件', 'Report another'],
  backHome: ['回首页', 'Home'],
  // cases
  mineTitle: ['我的诉求', 'My requests'],
  todoTitle: ['待办', 'To do'],
  filterWaiting: ['等我处理', 'Waiting for me'],
  filterAll: ['网格全部', 'All in my grid'],
  filterLabel: ['筛选', 'Show'],
  // Open311 reports from other clients (issue 12)
  open311From: ['来自 Open311 客户端', 'Sent by Open311 client'],
  open311Media: ['附图链接', 'Media link'],
  noCases: ['还没有内容', 'Nothing yet'],
  loadMore: ['加载更多', 'Load more'],
  refresh: ['刷新', 'Refresh'],
  back: ['返回', 'Back'],
  reportedAt: ['上报时间', 'Reported'],
  deadline: ['办理期限', 'Deadline'],
  place: ['地点', 'Place'],
  handledBy: ['处理部门', 'Handled by'],
  timeline: ['办理经过', 'Progress'],
  photosBefore: ['上报照片', 'Photos when reported'],
  photosAfter: ['处理后照片', 'Photos after fixing'],
  photosOther: ['其他照片', 'Other photos'],
  evaluated: ['我的评价：{v}', 'My rating: {v}'],
  evaluatedByReporter: ['群众评价：{v}', 'The reporter’s rating: {v}'],
  stepMine: ['我', 'Me'],
  warnOverdue: ['已超期', 'Overdue'],
  warnRed: ['快到期', 'Due soon'],
  warnYellow: ['临近期限', 'Due in a while'],
  urgent: ['紧急', 'Urgent'],
  // actions
  note: ['说明', 'Note'],
  reason: ['原因（必填）', 'Reason (required)'],
  reasonRequired: ['请填写原因', 'Please give a reason'],
  afterPhoto: ['处理后照片（必须拍）', 'Photo after fixing (required)'],
  afterPhotoRequired: ['请拍一张处理后的照片', 'Please take a photo after fixing'],
  confirm: ['确定', 'Confirm'],
  cancel: ['取消', 'Cancel'],
  done: ['已完成', 'Done'],
  needNetwork: ['没有网络，请有网时再操作', 'No network; please try again when online'],
  rateTitle: ['您对办理结果满意吗？', 'Are you satisfied with the result?'],
  rateComment: ['还想说的话（可不填）', 'Anything else? (optional)'],
  rateRequired: ['请选择满不满意', 'Please choose a rating'],
  delayDays: ['延期几个工作日', 'Extra working days'],
  // messages
  messagesTitle: ['消息', 'Messages'],
  markAllRead: ['全部已读', 'Mark all read'],
  noMessages: ['没有消息', 'No messages'],
  live: ['实时更新中', 'Live'],
  // the services on the home screen
  homeServices: ['便民服务', 'Services'],
  svcVisits: ['入户走访', 'Visits'],
  svcPoints: ['我的积分', 'My points'],
  svcWishes: ['微心愿', 'Micro-wishes'],
  svcErrands: ['微代办', 'Errands'],
  svcDisclosures: ['三务公开', 'Village notices'],
  ...VISITS_S,
  ...POINTS_S,
  ...WISHES_S,
  ...DISPUTES_S,
  ...PETITIONS_S,
  ...ERRANDS_S,
  ...DISCLOSURES_S,
  ...UX_S,
  ...REGISTERS_S,
  ...CAMPAIGNS_S,
  ...EMERGENCY_S,
  ...WHISTLES_S,
  ...CALLS_S,
  ...MEETINGS_S,
  ...LESSONS_S,
  ...STATIONS_S,
  ...INSERVICE_S,
} as const satisfies Record<string, readonly [string, string]>;

/** Case states in plain words (for residents, not the workflow's jargon). */
export const STATE_TEXT: Record<string, readonly [string, string]> = {
  reported: ['已收到，等待受理', 'Received, waiting'],
  filed: ['已受理，正在安排', 'Accepted, being arranged'],
  dispatched: ['已交给有关部门', 'Passed to the department'],
  accepted: ['正在处理', 'Being fixed'],
  handled: ['已处理，等待核查', 'Fixed, being checked'],
  closed: ['已办结', 'Done'],
  suspended: ['暂缓处理', 'On hold'],
  not_filed: ['不予受理', 'Not accepted'],
  cancelled: ['已撤销', 'Withdrawn'],
  merged: ['与别人报的同一件事合并', 'Merged with the same report'],
};

/** Button labels of the workflow actions the field app offers. */
export const ACTION_TEXT: Record<string, readonly [string, string]> = {
  file: ['立案', 'File'],
  escalate: ['上报街道/乡镇', 'Escalate to township'],
  handle_on_spot: ['就地处置', 'Fix on the spot'],
  close: ['核查结案', 'Verify and close'],
  verify: ['现场核查', 'Verify on site'],
  rework: ['返工', 'Send back for rework'],
  reject: ['不予立案', 'Do not file'],
  request_delay: ['申请延期', 'Ask for more time'],
  evaluate: ['评价', 'Rate'],
  reopen: ['不满意，重新办理', 'Not fixed, reopen'],
  cancel: ['撤销诉求', 'Withdraw'],
  // timeline only
  report: ['上报', 'Reported'],
  dispatch: ['派遣', 'Dispatched'],
  accept: ['签收', 'Accepted'],
  handle: ['处置', 'Fixed'],
  return: ['退回', 'Returned'],
  merge: ['合并', 'Merged'],
  suspend: ['挂账', 'Put on hold'],
  resume: ['恢复办理', 'Resumed'],
  supervise: ['督办', 'Supervised'],
  expedite: ['催办', 'Expedited'],
  decide_delay: ['延期审批', 'Delay decided'],
  auto_escalate: ['超期自动上报', 'Escalated (overdue)'],
};

/** The tier that took a step, as a resident reads their timeline (no office names). */
export const TIER_TEXT: Record<string, readonly [string, string]> = {
  village: ['村(社区)', 'Village'],
  township: ['镇街', 'Township'],
  county: ['县级', 'County'],
};

export const RATING_TEXT: Record<string, readonly [string, string]> = {
  satisfied: ['满意', 'Satisfied'],
  basically_satisfied: ['基本满意', 'Mostly satisfied'],
  dissatisfied: ['不满意', 'Not satisfied'],
};

/** A label from one of the tables above in the current language (the key itself if unknown). */
export function label(table: Record<string, readonly [string, string]>, key: string): string {
  const pair = table[key];
  return pair ? pair[lang === 'zh' ? 0 : 1] : key;
}

export type StringKey = keyof typeof S;
export type Lang = 'zh' | 'en';

const listeners = new Set<() => void>();
let lang: Lang = currentLang();
document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
queueMicrotask(() => (document.title = t('docTitle')));

export function getLang(): Lang {
  return lang;
}

export function setLang(next: Lang): void {
  lang = next;
  storeLang(next);
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  document.title = t('docTitle');
  listeners.forEach((l) => l());
}

/** The string for `key`, its ICU arguments ({name}, plurals, numbers, dates) filled. */
export function t(key: StringKey, vars: Vars = {}): string {
  return format(S[key][lang === 'zh' ? 0 : 1], vars, lang === 'zh' ? 'zh-CN' : 'en');
}

/** Pick the Chinese or English of a pair the server sent (e.g. a category's name). */
export function pick(zh: string, en: string | null | undefined): string {
  return lang === 'en' && en ? en : zh;
}

/** Re-render on a language switch; returns the current language. */
export function useLang(): Lang {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => lang,
  );
}
