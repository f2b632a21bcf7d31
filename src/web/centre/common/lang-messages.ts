/**
 * Issue 12's strings of the command centre (desk 核查, the Open311 test endpoint, notification
 * bodies, chrome that stayed in one language), Chinese first, English second.
 */
export const LANG_M = {
  'app.docTitle': ['网格 · 指挥中心', 'Grid · Command Centre'],
  'action.verify': ['现场核查', 'Verify on site'],
  'act.verdict': ['核查结果', 'Finding on site'],
  'act.verdictRequired': ['请选择核查结果', 'Choose what you found'],
  'act.verdictFixed': ['已整改到位', 'Fixed as reported'],
  'act.verdictNotFixed': ['未整改到位', 'Not fixed'],
  'act.verifyPhoto': ['现场照片（选填）', 'Photo on site (optional)'],
  'o311.title': ['Open311 测试接入点', 'Open311 test endpoint'],
  'o311.help': [
    '设置后，发现文档（discovery）在正式接入点之外列出本县的测试接入点，供客户端开发者联调；清除后不再列出。',
    'Once set, the discovery document lists the county’s test endpoint beside production, for client developers to try their apps; cleared, it is no longer listed.',
  ],
  'o311.testUrl': ['测试接入点地址', 'Test endpoint URL'],
  'o311.urlRequired': ['请填写地址', 'Enter the URL'],
  'o311.urlBad': [
    '请填写以 http:// 或 https:// 开头的地址（300 字符以内）',
    'Enter a URL starting with http:// or https:// (up to 300 characters)',
  ],
  'o311.saved': ['测试接入点已保存', 'Test endpoint saved'],
  'o311.cleared': ['测试接入点已清除', 'Test endpoint cleared'],
  'o311.clear': ['清除', 'Clear'],
  'o311.current': ['当前测试接入点：{url}', 'Current test endpoint: {url}'],
  'o311.none': ['尚未设置测试接入点。', 'No test endpoint set.'],
  'o311.discovery': ['查看发现文档', 'View the discovery document'],
} as const satisfies Record<string, readonly [string, string]>;
