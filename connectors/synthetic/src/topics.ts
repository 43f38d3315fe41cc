/**
 * What people in the district complain about, each with several ways of saying it. `{place}`, `{spot}`
 * and `{since}` are filled per report, so two reports of one issue read differently.
 */
export interface Topic {
  key: string;
  /** Our category code (schema/src/categories.ts). */
  categoryCode: string;
  /** The category a hotline agent would pick, in the agent's words. */
  agentCategory: string;
  /** Where it happens: an estate's building, a road's corner, a school's gate … */
  at: 'building' | 'outdoor';
  titles: readonly string[];
  texts: readonly string[];
  /** The department's answer once handled. */
  reply: string;
  /** GB/T 30428 classification in 数字城管. */
  urban: { kind: '部件' | '事件'; majorCode: string; majorName: string; minorCode: string; minorName: string };
}

export const TOPICS: readonly Topic[] = [
  {
    key: 'stairwell-light', categoryCode: '0501', agentCategory: '物业管理-公共照明', at: 'building',
    titles: ['楼道灯坏了没人修', '楼道声控灯不亮', '反映楼道照明问题'],
    texts: [
      '{place}{spot}楼道灯坏了{since}，晚上上下楼黑漆漆的，家里老人摔过一跤，希望物业尽快修好。',
      '我住在{place}{spot}，楼道里的声控灯一直不亮，跟物业说了几次都没人管，请相关部门督促一下。',
      '反映{place}{spot}楼道照明问题：灯坏了{since}，居民夜间出行很不方便，存在安全隐患。',
    ],
    reply: '经核实，物业已于近日更换{place}相关楼道灯具，现已恢复照明。',
    urban: { kind: '部件', majorCode: '01', majorName: '公用设施', minorCode: '0114', minorName: '路灯' },
  },
  {
    key: 'street-vendors', categoryCode: '0102', agentCategory: '城市管理-占道经营', at: 'outdoor',
    titles: ['小区门口占道经营', '流动摊贩占道', '门口摆摊堵路'],
    texts: [
      '{place}{spot}每天傍晚都有流动摊贩占道经营，把人行道堵得严严实实，电动车都过不去。',
      '{place}{spot}占道经营现象严重，卖水果的、卖烧烤的摆了一排，垃圾满地，希望城管管一管。',
      '投诉{place}{spot}有人长期摆摊设点，油烟大还占用消防通道，{since}了一直没有整治。',
    ],
    reply: '街道城管中队已对{place}周边占道经营进行清理，并安排专人每日巡查。',
    urban: { kind: '事件', majorCode: '04', majorName: '街面秩序', minorCode: '0401', minorName: '无照经营游商' },
  },
  {
    key: 'missing-manhole', categoryCode: '0202', agentCategory: '市政设施-井盖', at: 'outdoor',
    titles: ['窨井盖缺失', '路边井盖不见了', '井盖破损有危险'],
    texts: [
      '{place}{spot}有一个窨井盖缺失，黑洞洞的，晚上行人很容易掉下去，请尽快处理！',
      '{place}{spot}路边的井盖不见了，只用一个破纸箱盖着，小孩上学路过太危险了。',
      '发现{place}{spot}雨水井盖破损塌陷{since}，车辆经过哐哐响，存在很大安全隐患。',
    ],
    reply: '区水务部门已于当日补装{place}缺失井盖，并排查周边井盖情况。',
    urban: { kind: '部件', majorCode: '01', majorName: '公用设施', minorCode: '0103', minorName: '雨水井盖' },
  },
  {
    key: 'night-noise', categoryCode: '0401', agentCategory: '环境保护-噪声污染', at: 'outdoor',
    titles: ['夜间施工噪音扰民', '噪音扰民严重', '深夜施工吵得睡不着'],
    texts: [
      '{place}{spot}工地每天晚上十一点以后还在施工，噪音扰民，吵得孩子没法睡觉。',
      '{place}{spot}夜里机器轰隆隆响到凌晨，已经持续{since}，请环保部门来查一查有没有夜间施工许可。',
      '反映{place}{spot}噪音扰民问题，半夜打桩声音特别大，周边居民苦不堪言。',
    ],
    reply: '经查，该工地未办理夜间施工许可，已责令停止夜间作业。',
    urban: { kind: '事件', majorCode: '03', majorName: '施工管理', minorCode: '0301', minorName: '施工扰民' },
  },
  {
    key: 'square-dance', categoryCode: '0401', agentCategory: '环境保护-社会生活噪声', at: 'outdoor',
    titles: ['广场舞音响太吵', '广场舞噪音扰民'],
    texts: [
      '{place}{spot}每天晚上跳广场舞，音响开得特别大，一直到十点多，影响居民休息。',
      '{place}{spot}广场舞音乐声太大了，家里有高三的孩子要学习，希望能限制一下音量和时间。',
    ],
    reply: '社区已与广场舞队伍协商，调低音量并将结束时间提前到晚上九点。',
    urban: { kind: '事件', majorCode: '01', majorName: '市容环境', minorCode: '0110', minorName: '噪声扰民' },
  },
  {
    key: 'broken-streetlight', categoryCode: '0203', agentCategory: '市政设施-路灯', at: 'outdoor',
    titles: ['路灯不亮', '一排路灯都坏了', '路灯晚上不亮'],
    texts: [
      '{place}{spot}的路灯不亮{since}了，晚上一片漆黑，行人和骑车的都看不清路。',
      '{place}{spot}一排路灯都坏了，最近有人晚上在这里被电动车撞倒，请尽快维修。',
    ],
    reply: '路灯管理所已完成{place}路灯维修，现已正常亮灯。',
    urban: { kind: '部件', majorCode: '01', majorName: '公用设施', minorCode: '0114', minorName: '路灯' },
  },
  {
    key: 'garbage-pile', categoryCode: '0101', agentCategory: '市容环境-垃圾清运', at: 'building',
    titles: ['垃圾堆放无人清运', '垃圾桶满了没人收', '建筑垃圾乱堆'],
    texts: [
      '{place}{spot}垃圾堆成小山{since}都没人清运，天气热了臭气熏天，苍蝇蚊子特别多。',
      '{place}{spot}的垃圾桶早就满了，垃圾扔得到处都是，物业和环卫都不来收。',
      '{place}{spot}有人乱堆装修建筑垃圾，占了半条路，请相关部门清理。',
    ],
    reply: '环卫部门已清运{place}堆放垃圾，并增加清运频次。',
    urban: { kind: '事件', majorCode: '01', majorName: '市容环境', minorCode: '0102', minorName: '暴露垃圾' },
  },
  {
    key: 'waterlogging', categoryCode: '0204', agentCategory: '市政设施-排水', at: 'outdoor',
    titles: ['下雨就积水', '路面积水严重', '下水道堵塞污水外溢'],
    texts: [
      '{place}{spot}一下雨就积水，水深没过脚踝，下水道口被堵住了，希望疏通一下。',
      '{place}{spot}下水道堵塞，污水外溢{since}，路过都要踮着脚走。',
    ],
    reply: '排水公司已疏通{place}附近雨水管网，积水问题已解决。',
    urban: { kind: '事件', majorCode: '05', majorName: '突发事件', minorCode: '0503', minorName: '路面积水' },
  },
  {
    key: 'illegal-parking', categoryCode: '0601', agentCategory: '交通管理-违章停车', at: 'outdoor',
    titles: ['车辆乱停堵门', '违章停车占用消防通道'],
    texts: [
      '{place}{spot}经常有车乱停，把出入口都堵死了，救护车都进不来。',
      '{place}{spot}消防通道被私家车长期占用，跟保安说了也没用，请交管部门处理。',
    ],
    reply: '交管部门已对{place}违停车辆进行处罚，并施划禁停标线。',
    urban: { kind: '事件', majorCode: '04', majorName: '街面秩序', minorCode: '0406', minorName: '机动车乱停放' },
  },
  {
    key: 'water-pipe-leak', categoryCode: '0301', agentCategory: '供水-管道漏水', at: 'building',
    titles: ['自来水管漏水', '水管爆了', '停水没有通知'],
    texts: [
      '{place}{spot}自来水管漏水{since}，水一直往外冒，浪费得很，也没人来修。',
      '{place}{spot}的水管爆了，楼下都淹了，现在整栋楼停水，请水务集团赶紧派人。',
    ],
    reply: '水务集团已抢修{place}漏水管道，已恢复供水。',
    urban: { kind: '事件', majorCode: '05', majorName: '突发事件', minorCode: '0502', minorName: '自来水管破裂' },
  },
  {
    key: 'restaurant-fumes', categoryCode: '0402', agentCategory: '环境保护-油烟污染', at: 'outdoor',
    titles: ['饭店油烟扰民', '烧烤油烟太大'],
    texts: [
      '{place}{spot}的饭店油烟直排，没有装净化器，熏得楼上住户不敢开窗。',
      '{place}{spot}烧烤摊油烟太大了，每天晚上烟雾缭绕，衣服都不敢晾在外面。',
    ],
    reply: '执法部门已责令{place}相关餐饮店安装油烟净化设施。',
    urban: { kind: '事件', majorCode: '01', majorName: '市容环境', minorCode: '0107', minorName: '餐饮油烟' },
  },
  {
    key: 'road-potholes', categoryCode: '0201', agentCategory: '市政设施-道路', at: 'outdoor',
    titles: ['路面坑洼', '道路破损塌陷'],
    texts: [
      '{place}{spot}路面坑坑洼洼，下雨积水看不见，已经有好几个骑电动车的摔倒了。',
      '{place}{spot}有一段路面塌陷破损{since}，车辆绕行很危险，请尽快修补。',
    ],
    reply: '市政养护单位已对{place}破损路面进行修补。',
    urban: { kind: '部件', majorCode: '02', majorName: '道路交通', minorCode: '0210', minorName: '道路破损' },
  },
  {
    key: 'flyposting', categoryCode: '0103', agentCategory: '市容环境-小广告', at: 'building',
    titles: ['小广告贴满墙', '乱张贴小广告'],
    texts: [
      '{place}{spot}墙上、电线杆上贴满了开锁、办证的小广告，非常影响市容。',
      '{place}{spot}的牛皮癣小广告清了又贴，希望能彻底整治一下。',
    ],
    reply: '社区已组织清理{place}乱张贴小广告。',
    urban: { kind: '事件', majorCode: '02', majorName: '宣传广告', minorCode: '0201', minorName: '非法小广告' },
  },
  {
    key: 'fallen-tree', categoryCode: '0105', agentCategory: '园林绿化-树木', at: 'outdoor',
    titles: ['树枝断了挂在半空', '行道树倒伏'],
    texts: [
      '{place}{spot}有一根大树枝断了挂在半空中，随时可能掉下来砸到人。',
      '昨晚大风，{place}{spot}的行道树倒伏压在路边，请园林部门来处理。',
    ],
    reply: '园林部门已清理{place}断枝并修剪周边树木。',
    urban: { kind: '部件', majorCode: '04', majorName: '园林绿化', minorCode: '0401', minorName: '行道树' },
  },
  {
    key: 'elevator-broken', categoryCode: '0501', agentCategory: '物业管理-电梯', at: 'building',
    titles: ['电梯经常坏', '电梯停运老人下不了楼'],
    texts: [
      '{place}{spot}的电梯三天两头坏，今天又停了，楼上住的老人根本下不了楼。',
      '{place}{spot}电梯停运{since}，物业说在等配件，住户出行非常困难。',
    ],
    reply: '物业已联系维保单位修复{place}电梯，并加强日常维护。',
    urban: { kind: '部件', majorCode: '01', majorName: '公用设施', minorCode: '0120', minorName: '电梯' },
  },
  {
    key: 'neighbour-dispute', categoryCode: '1001', agentCategory: '邻里纠纷', at: 'building',
    titles: ['楼上漏水邻居不管', '邻里矛盾'],
    texts: [
      '{place}{spot}楼上卫生间漏水渗到我家天花板，找邻居协商几次都不理，请社区帮忙调解。',
      '{place}{spot}邻居在楼道堆放杂物还养了好几条狗，吵闹不停，沟通无果。',
    ],
    reply: '社区网格员已上门调解{place}邻里纠纷，双方达成一致。',
    urban: { kind: '事件', majorCode: '01', majorName: '市容环境', minorCode: '0199', minorName: '其他' },
  },
];

export const SINCE_PHRASES = ['好几天', '一个多星期', '快半个月', '两三天', '一个月了', '很久'] as const;
