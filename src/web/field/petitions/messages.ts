/** Field-app strings of 信访代理 (keys prefixed 'pet'), Chinese first. Merged into i18n.ts. */
export const PETITIONS_S = {
  svcPetitions: ['信访代理', 'Petition agency'],
  petTitle: ['信访代理', 'Petition agency'],
  petNew: ['替村民登记', 'Register for a villager'],
  petNone: ['还没有代理事项', 'Nothing registered yet'],
  petName: ['村民姓名', 'Villager’s name'],
  petIdNumber: ['身份证号（可不填）', 'ID number (optional)'],
  petPhone: ['联系电话（可不填）', 'Phone (optional)'],
  petGroup: ['多人一起反映', 'Several people together'],
  petHeadcount: ['人数', 'How many'],
  petMatter: ['反映的事', 'The matter'],
  petSend: ['登记并上报乡镇', 'Register and send to the township'],
  petSent: ['已登记，乡镇15日内决定是否受理', 'Registered; the township decides within 15 days'],
  petRequired: ['请填写姓名和反映的事', 'Fill in the name and the matter'],
  petHeadcountWrong: ['多人反映至少2人', 'At least two people'],
  petDue: ['期限', 'Limit'],
  petHistory: ['办理经过', 'History'],
  petAnswer: ['答复', 'Answer'],
  petRequestReview: ['村民不满意，请求复查', 'Villager asks for a review'],
  petRequestRereview: ['村民不满意，请求复核', 'Villager asks for a re-review'],
  petRequested: ['已提出', 'Requested'],
} as const satisfies Record<string, readonly [string, string]>;

/** A petition's state in plain words. */
export const PET_STATE_TEXT: Record<string, readonly [string, string]> = {
  registered: ['等待乡镇决定是否受理', 'Waiting for the township to decide'],
  accepted: ['已受理，办理中', 'Accepted, being handled'],
  answered: ['已答复', 'Answered'],
  review_requested: ['复查中', 'Under review'],
  reviewed: ['已复查', 'Reviewed'],
  rereview_requested: ['复核中', 'Under re-review'],
  rereviewed: ['已复核', 'Re-reviewed'],
  not_accepted: ['不予受理', 'Not accepted'],
  on_spot: ['已当场答复', 'Answered on the spot'],
  to_case: ['转为事件办理', 'Handled as a case'],
  to_dispute: ['转为矛盾纠纷调处', 'Handled as a dispute'],
  referred: ['已引导走法定途径', 'Referred to the proper channel'],
};
