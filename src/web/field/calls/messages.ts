/** The video link on the phone (issue 13): Chinese first, English second. */
export const CALLS_S = {
  callIncoming: ['{name} 来电', '{name} is calling'],
  callVideo: ['视频通话', 'Video call'],
  callVoice: ['语音通话', 'Voice call'],
  callAccept: ['接听', 'Accept'],
  callDecline: ['拒接', 'Decline'],
  callHangup: ['挂断', 'Hang up'],
  callConnecting: ['正在连接…', 'Connecting…'],
  callConnected: ['通话中', 'In call'],
  callEnded: ['通话已结束', 'Call ended'],
  callReceived: ['已接收 {kb} KB', 'Received {kb} KB'],
  callCentre: ['呼叫指挥中心', 'Call my centre'],
  callNoRecording: ['本通话不录音录像', 'This call is not recorded'],
} as const satisfies Record<string, readonly [string, string]>;
