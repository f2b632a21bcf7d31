/** Field-app strings of the daily screening and dispute forms, Chinese first. Merged into i18n.ts. */
export const DISPUTES_S = {
  svcScreening: ['每日排查', 'Daily screening'],
  screeningTitle: ['今日矛盾纠纷排查', 'Today’s dispute screening'],
  screeningDone: ['今天已报告', 'Reported today'],
  screeningNothing: ['今日无纠纷', 'Nothing found today'],
  screeningFound: ['发现纠纷', 'Found a dispute'],
  screeningSend: ['报告排查结果（{n} 件）', 'Report the screening ({n})'],
  screeningQueued: ['已保存，有网络时自动发送', 'Saved; it is sent when the network is back'],
  screeningFromHousehold: ['登记这户的矛盾纠纷', 'Record a dispute of this household'],
  disputeType: ['纠纷类型', 'Type'],
  disputeSummary: ['简要情况', 'What happened'],
  disputeRisk: ['风险', 'Risk'],
  disputeApplicant: ['申请人姓名', 'Applicant'],
  disputeRespondent: ['对方姓名', 'The other side'],
  disputeAdd: ['加入本次报告', 'Add to the report'],
  disputeSend: ['提交纠纷', 'Submit the dispute'],
  queueScreening: ['矛盾纠纷排查', 'Dispute screening'],
} as const;

export const DISPUTE_TYPE_TEXT: Record<string, readonly [string, string]> = {
  neighbour: ['邻里', 'Neighbours'],
  family: ['家庭', 'Family'],
  marriage: ['婚姻', 'Marriage'],
  land_homestead: ['土地宅基地', 'Land'],
  labour: ['劳资', 'Labour'],
  property: ['财产', 'Property'],
  compensation: ['征迁补偿', 'Compensation'],
  contract: ['合同', 'Contract'],
  other: ['其他', 'Other'],
};
export const RISK_TEXT: Record<string, readonly [string, string]> = {
  low: ['低', 'Low'],
  medium: ['中', 'Medium'],
  high: ['高', 'High'],
};
