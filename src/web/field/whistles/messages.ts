/** Field-app strings of 基层吹哨 (village staff raise a request to a county department). */
export const WHISTLES_S = {
  svcWhistle: ['基层吹哨', 'Ask a department'],
  whHint: [
    '向县直部门提出请求，部门须在 3 个工作日内答复（紧急 1 个工作日），不得退回。',
    'Ask a county department; it must answer within 3 working days (urgent: 1) and cannot return it.',
  ],
  whSubject: ['事由', 'Subject'],
  whDescription: ['情况说明', 'Description'],
  whDepartment: ['应答部门', 'Department'],
  whUrgent: ['紧急', 'Urgent'],
  whSend: ['吹哨', 'Send'],
  whSent: ['已吹哨，编号 {number}', 'Sent: {number}'],
  whMissing: ['请填写事由、说明并选择部门', 'Fill in the subject and description and choose a department'],
  whState_raised: ['待应答', 'Awaiting answer'],
  whState_answered: ['已答复', 'Answered'],
  whState_confirmed: ['已办结', 'Confirmed'],
} as const;
