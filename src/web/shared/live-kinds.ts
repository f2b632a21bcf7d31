/**
 * The case event names the server's live stream (GET /api/v1/events) sends: one per notification
 * kind, `case.<step>`. Both apps listen for these (EventSource needs each named event listed).
 */
export const CASE_EVENT_KINDS = ['reported', 'comment', 'overdue', 'auto_escalate']
  .concat([
    'file',
    'reject',
    'cancel',
    'merge',
    'handle_on_spot',
    'escalate',
    'dispatch',
    'accept',
    'return',
    'handle',
    'close',
    'rework',
    'evaluate',
    'reopen',
    'request_delay',
    'decide_delay',
    'suspend',
    'resume',
    'supervise',
    'expedite',
  ])
  .map((k) => `case.${k}`);

/** 应急 notices to the area's workers (emergency/declare.ts, close.ts): the phone's banner and list refetch. */
export const EMERGENCY_EVENT_KINDS = ['emergency_declared', 'emergency_closed'];
