/** A hotline call about a missing manhole cover at 解放大道1234号, as intake receives it; `patch` changes it. */
export const manholeReport = (patch: Record<string, unknown>) => ({
  channel: 'HOTLINE',
  sourceId: 'H-1',
  receivedAt: '2026-11-20T09:00:00+08:00',
  text: '解放大道1234号门口井盖缺失，晚上很危险',
  address: '江岸区解放大道1234号',
  contact: '13800000001',
  ...patch,
});
