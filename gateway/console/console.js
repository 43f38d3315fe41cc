// The command centre's console: every page asks the one graph (/graphql) with the signed-in operator's token
// or a department's key, as any client does. Pages are chosen by the URL's fragment (#/cases, #/case/<id> …).
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { html } from 'htm/preact';

const TOKEN_KEY = 'huying-console-token';
const CHANNELS = { HOTLINE: '12345热线', MESSAGE_BOARD: '留言板', URBAN_MANAGEMENT: '数字城管', GRID: '网格', OPEN311: 'Open311' };
const LIGHTS = { GREEN: '绿灯', YELLOW: '黄灯', RED: '红灯' };
const STATES = { DISPATCHED: '已派单', SIGNED: '已签收', IN_PROGRESS: '办理中', RESOLVED: '已办结', CLOSED: '已关闭', ESCALATED: '已上报', REASSIGNED: '已改派', REJECTED: '已退回' };
const KINDS = { ATTACH: '自动归并', SUGGESTION: '合并建议', MERGE: '合并', SPLIT: '拆分' };
const DECISION_STATES = { APPLIED: '已生效', PENDING: '待审', CONFIRMED: '已确认', REJECTED: '已驳回', UNDONE: '已撤销' };
const PLACES = { SAME: '同一地点', NEAR: '附近', DIFFERENT: '不同地点', UNKNOWN: '地点不明' };
const CATEGORIES = { SAME: '同类', BRANCH: '同大类', UNKNOWN: '分类不明', CONFLICT: '分类不同' };
const WHISTLES = { QUICK: '快捷哨', TOUGH: '攻坚哨', EMERGENCY: '应急哨' };
const CATEGORY_SOURCES = { CHANNEL: '渠道自带', RULES: '关键词规则', MODEL: '分类模型', OPERATOR: '人工更正' };
const CASE_STATUSES = { RECEIVED: '已受理', DISPATCHED: '已派单', IN_PROGRESS: '办理中', RESOLVED: '已办结', CLOSED: '已关闭', MERGED: '已并案' };

const token = () => sessionStorage.getItem(TOKEN_KEY);
const isDepartment = () => !!token() && !token().startsWith('hyop_');
const time = (iso) => (iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—');

/** One request to the graph; errors are thrown with the graph's own message. */
async function ask(query, variables = {}) {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token() ? { authorization: `Bearer ${token()}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors && body.errors.length) {
    const error = new Error(body.errors[0].message);
    error.code = body.errors[0].extensions && body.errors[0].extensions.code;
    throw error;
  }
  return body.data;
}

/** Errors that asking again will not mend: the caller must sign in again, or may not ask, or asked wrongly. */
const LASTING_ERRORS = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']);

/**
 * Loads `query` whenever `deps` change; `reload` asks again (after an action, or a change the subscription
 * sent). A page that had an answer keeps it when a later ask fails, shows the error above it and asks again
 * after a pause: a busy gateway failing one reload must not leave a live page empty and deaf (its subscription
 * follows its first answer's cursor).
 */
function useGraph(query, variables, deps) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    let retry;
    const hadAnswer = state.data !== null;
    setState((previous) => ({ ...previous, loading: true }));
    ask(query, variables).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error) => {
        if (!live) return;
        setState((previous) => ({ data: previous.data, error, loading: false }));
        if (hadAnswer && !LASTING_ERRORS.has(error.code)) retry = setTimeout(() => setVersion((value) => value + 1), LIVE_RETRY_MS);
      },
    );
    return () => {
      live = false;
      clearTimeout(retry);
    };
  }, [...deps, version]);
  return { ...state, reload: () => setVersion((value) => value + 1) };
}

/** How long a page waits before it follows its subscription again after the subscription ended or failed. */
const LIVE_RETRY_MS = 3000;

/**
 * Calls `onChange` whenever the graph's subscription sends something (graphql-ws at /graphql, with the
 * signed-in token); the page then asks its queries again. It subscribes once `after` is known: the feed's
 * cursor read with the page's first answer, so a change made while the socket was opening is sent too.
 * A subscription that ends or fails (the gateway restarting, a refused first page, a socket closed under
 * load) is followed again from the same cursor after a pause, and the page asks again meanwhile: an open
 * page never stops being live without a word. Closed when the page goes away.
 */
function useLive(subscription, after, onChange) {
  useEffect(() => {
    if (!window.graphqlWs || !token() || after === null) return undefined;
    let open = true;
    let client;
    let stop = () => undefined;
    let retry;
    const follow = () => {
      client = window.graphqlWs.createClient({
        url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
        connectionParams: { authorization: `Bearer ${token()}` },
      });
      stop = client.subscribe({ query: subscription, variables: { after } }, { next: (message) => message.data && onChange(), error: followAgain, complete: followAgain });
    };
    const followAgain = () => {
      if (!open) return;
      stop();
      client.dispose();
      onChange();
      retry = setTimeout(follow, LIVE_RETRY_MS);
    };
    follow();
    return () => {
      open = false;
      clearTimeout(retry);
      stop();
      client.dispose();
    };
  }, [after === null]);
}

function useRoute() {
  const [route, setRoute] = useState(location.hash || '#/');
  useEffect(() => {
    const changed = () => setRoute(location.hash || '#/');
    addEventListener('hashchange', changed);
    // The hash may have moved between the first render and this listener (a link opened at once): catch up.
    changed();
    return () => removeEventListener('hashchange', changed);
  }, []);
  return route;
}

function Problem({ error }) {
  if (!error) return null;
  return html`<p class="error" role="alert">${error.code === 'UNAUTHENTICATED' ? '请重新登录：' : ''}${error.message}</p>`;
}

/** A button that runs an action against the graph, shows its error, then calls `done`. */
function Action({ label, run, done, confirm: question, className = '', name }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const click = async () => {
    if (question && !window.confirm(question)) return;
    setBusy(true);
    setError(null);
    try {
      await run();
      done && done();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return html`<span class="action"><button class=${className} data-action=${name} disabled=${busy} onClick=${click}>${busy ? '处理中…' : label}</button>${error && html`<span class="error">${error.message}</span>`}</span>`;
}

function SignIn() {
  const [value, setValue] = useState('');
  const submit = (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, value.trim());
    location.hash = value.trim().startsWith('hyop_') ? '#/cases' : '#/todo';
    location.reload();
  };
  return html`<form class="signin panel" id="signin" onSubmit=${submit}>
    <h2>登录工作台</h2>
    <p>指挥中心、督办人员使用坐席令牌（hyop_…）；承办部门使用部门密钥。</p>
    <input id="token" type="password" autocomplete="off" placeholder="令牌或部门密钥" value=${value} onInput=${(event) => setValue(event.target.value)} />
    <button type="submit">登录</button>
  </form>`;
}

const CASES = `query Cases($filter: CaseFilter, $after: String) {
  cases(filter: $filter, first: 20, after: $after) {
    totalCount
    edges { cursor node { id title statusName status channels reportCount level slaLight createdAt address category { name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

function CaseList() {
  const [filter, setFilter] = useState({ status: '', channel: '', text: '' });
  const [cursors, setCursors] = useState([null]);
  const variables = { filter: Object.fromEntries(Object.entries(filter).filter(([, value]) => value)), after: cursors[cursors.length - 1] };
  const { data, error, loading } = useGraph(CASES, variables, [JSON.stringify(variables)]);
  const set = (field) => (event) => { setFilter({ ...filter, [field]: event.target.value }); setCursors([null]); };
  const connection = data && data.cases;
  return html`<section class="panel">
    <h2>案件列表 ${connection && html`<small>共 ${connection.totalCount} 件</small>`}</h2>
    <div class="filters">
      <select aria-label="状态" value=${filter.status} onChange=${set('status')}>
        <option value="">全部状态</option>
        ${Object.entries(CASE_STATUSES).map(([value, name]) => html`<option value=${value}>${name}</option>`)}
      </select>
      <select aria-label="渠道" value=${filter.channel} onChange=${set('channel')}>
        <option value="">全部渠道</option>
        ${Object.entries(CHANNELS).map(([value, name]) => html`<option value=${value}>${name}</option>`)}
      </select>
      <input aria-label="搜索" placeholder="搜索诉求内容" value=${filter.text} onChange=${set('text')} />
    </div>
    <${Problem} error=${error} />
    <table class="cases">
      <thead><tr><th>案件</th><th>分类</th><th>渠道</th><th>诉求</th><th>等级</th><th>督办灯</th><th>状态</th><th>受理时间</th></tr></thead>
      <tbody>
        ${connection && connection.edges.map(({ node }) => html`<tr data-case=${node.id}>
          <td><a href=${`#/case/${node.id}`}>${node.title}</a><div class="muted">${node.address || ''}</div></td>
          <td>${node.category ? node.category.name : '—'}</td>
          <td>${node.channels.map((channel) => CHANNELS[channel] || channel).join('、')}</td>
          <td>${node.reportCount}</td>
          <td>${node.level || '—'}</td>
          <td><span class=${`light ${node.slaLight || 'NONE'}`}>${LIGHTS[node.slaLight] || '—'}</span></td>
          <td>${node.statusName}</td>
          <td>${time(node.createdAt)}</td>
        </tr>`)}
      </tbody>
    </table>
    <div class="pager">
      <button disabled=${cursors.length === 1 || loading} onClick=${() => setCursors(cursors.slice(0, -1))}>上一页</button>
      <button disabled=${!connection || !connection.pageInfo.hasNextPage || loading} onClick=${() => setCursors([...cursors, connection.pageInfo.endCursor])}>下一页</button>
    </div>
  </section>`;
}

const CASE = `query Case($id: ID!) {
  case(id: $id) {
    id title status statusName address createdAt channels reportCount level whistle dueAt slaLight
    category { code name } categorySource categoryConfidence
    location { lng lat }
    mergedInto { id title }
    reports {
      id channel sourceId receivedAt title text address contact location { lng lat }
      hotlineTicket { ticketNo agentName } boardPost { postId nickname } urbanCase { caseNo minorName gridCode } gridReport { reportNo gridId }
    }
    mergeHistory {
      id kind state score decidedBy reason decidedAt automatic undoneBy undoReason
      signals { text place distanceMeters hoursApart category sameContact }
      into { id title } from { id title } report { id }
    }
    currentAssignment { id state department { id name } }
    assignments { id state round dispatchedAt dueAt department { id name } transitions { from to by reason at } }
    reminders { id role recipientName light createdAt }
    evaluations { round score stars satisfied }
  }
  departments { id name }
  categories { code name parentCode }
}`;

/** Where the category came from and how sure the hub is: 关键词规则, 分类模型 置信度 0.82, 人工更正 … */
function categoryBasis(item) {
  if (!item.categorySource) return '';
  const confidence = item.categoryConfidence !== null && item.categoryConfidence !== undefined && item.categorySource === 'MODEL' ? ` 置信度 ${item.categoryConfidence.toFixed(2)}` : '';
  return `（${CATEGORY_SOURCES[item.categorySource] || item.categorySource}${confidence}）`;
}

const native = (report) =>
  (report.hotlineTicket && `工单 ${report.hotlineTicket.ticketNo} · 坐席 ${report.hotlineTicket.agentName}`) ||
  (report.boardPost && `帖子 ${report.boardPost.postId} · ${report.boardPost.nickname}`) ||
  (report.urbanCase && `城管案件 ${report.urbanCase.caseNo} · ${report.urbanCase.minorName} · 网格 ${report.urbanCase.gridCode}`) ||
  (report.gridReport && `网格上报 ${report.gridReport.reportNo} · ${report.gridReport.gridId}`) ||
  '';

function signalsText(signals) {
  if (!signals) return '';
  const parts = [`文本相似 ${signals.text.toFixed(2)}`, PLACES[signals.place] || signals.place];
  if (signals.distanceMeters !== null && signals.distanceMeters !== undefined) parts.push(`相距 ${Math.round(signals.distanceMeters)} 米`);
  parts.push(`间隔 ${signals.hoursApart.toFixed(1)} 小时`, CATEGORIES[signals.category] || signals.category);
  if (signals.sameContact) parts.push('同一来电人');
  return parts.join(' · ');
}

/** Metres east and north of `origin` (an equirectangular view: exact enough across a few kilometres). */
function offsetMeters(origin, point) {
  const toRad = Math.PI / 180;
  return { x: (point.lng - origin.lng) * toRad * 6371000 * Math.cos(origin.lat * toRad), y: (point.lat - origin.lat) * toRad * 6371000 };
}

const MAP = { width: 280, height: 180, margin: 24 };

/**
 * Where the case is: its point and each report's, drawn to scale around it (no tiles: the console works
 * offline), with the coordinates and a link that opens them in 高德地图 (WGS-84 given as such).
 */
function PlaceMap({ location, reports }) {
  if (!location) return html`<p class="muted" data-map="none">无坐标（诉求未带位置）</p>`;
  const located = reports.filter((report) => report.location);
  const offsets = located.map((report) => ({ report, ...offsetMeters(location, report.location) }));
  const reach = Math.max(50, ...offsets.map(({ x, y }) => Math.hypot(x, y)));
  const scale = (Math.min(MAP.width, MAP.height) / 2 - MAP.margin) / reach;
  const at = ({ x, y }) => ({ cx: MAP.width / 2 + x * scale, cy: MAP.height / 2 - y * scale });
  const bar = reach >= 1000 ? 500 : reach >= 200 ? 100 : 20;
  const link = `https://uri.amap.com/marker?position=${location.lng},${location.lat}&coordinate=wgs84&callnative=0`;
  return html`<figure class="place-map" data-map=${`${location.lng},${location.lat}`}>
    <svg width=${MAP.width} height=${MAP.height} role="img" aria-label="案件位置与各诉求位置">
      <rect x="0.5" y="0.5" width=${MAP.width - 1} height=${MAP.height - 1} class="frame" />
      <circle cx=${MAP.width / 2} cy=${MAP.height / 2} r="5" class="case-point"><title>案件位置</title></circle>
      ${offsets.map((offset) => html`<circle ...${at(offset)} r="9" class=${`report ${offset.report.channel}`} data-map-report=${offset.report.id}><title>${CHANNELS[offset.report.channel] || offset.report.channel} · 距案件点 ${Math.round(Math.hypot(offset.x, offset.y))} 米</title></circle>`)}
      <line x1="12" x2=${12 + bar * scale} y1=${MAP.height - 12} y2=${MAP.height - 12} class="scale" />
      <text x="12" y=${MAP.height - 18} class="scale-label">${bar} 米</text>
    </svg>
    <figcaption>● 案件位置 ○ 各渠道诉求位置 · ${location.lng.toFixed(6)}, ${location.lat.toFixed(6)}（WGS-84）· <a href=${link} target="_blank" rel="noopener">在高德地图中查看</a>
      ${located.length < reports.length ? html` · <span class="muted">${reports.length - located.length} 件诉求未带坐标</span>` : ''}</figcaption>
  </figure>`;
}

function CasePage({ id }) {
  const { data, error, reload } = useGraph(CASE, { id }, [id]);
  const [department, setDepartment] = useState('');
  const [deadline, setDeadline] = useState('');
  const [category, setCategory] = useState('');
  if (error) return html`<${Problem} error=${error} />`;
  if (!data) return html`<p class="muted">加载中…</p>`;
  const item = data.case;
  if (!item) return html`<p class="error">案件 ${id} 不存在</p>`;
  const current = item.currentAssignment;
  const choose = department || (data.departments[0] && data.departments[0].id);
  return html`<section class="panel case" data-case=${item.id}>
    <h2>${item.title} <small class="status">${item.statusName}</small></h2>
    ${item.mergedInto && html`<p class="notice">已并入 <a href=${`#/case/${item.mergedInto.id}`}>${item.mergedInto.title}</a></p>`}
    <dl class="facts">
      <dt>分类</dt><dd>${item.category ? item.category.name : '—'} <span class="muted" data-category-source=${item.categorySource || ''}>${categoryBasis(item)}</span>
        ${item.status !== 'MERGED' && html`<span class="controls inline">
          <select aria-label="更正分类" value=${category || (item.category && item.category.code) || ''} onChange=${(event) => setCategory(event.target.value)}>
            ${data.categories.map((option) => html`<option value=${option.code}>${option.parentCode ? `　${option.name}` : option.name}</option>`)}
          </select>
          <${Action} name="correct-category" label="更正分类" run=${() => ask('mutation ($c: ID!, $k: String!) { correctCategory(caseId: $c, category: $k, reason: "坐席更正") { id } }', { c: item.id, k: category || item.category.code })} done=${reload} />
        </span>`}</dd>
      <dt>地址</dt><dd>${item.address || '—'}</dd>
      <dt>等级</dt><dd>${item.level || '—'} ${WHISTLES[item.whistle] || item.whistle || ''}</dd>
      <dt>时限</dt><dd>${time(item.dueAt)} <span class=${`light ${item.slaLight || 'NONE'}`}>${LIGHTS[item.slaLight] || ''}</span></dd>
      <dt>受理</dt><dd>${time(item.createdAt)}</dd>
      <dt>渠道</dt><dd>${item.channels.map((channel) => CHANNELS[channel] || channel).join('、')}</dd>
    </dl>
    <${PlaceMap} location=${item.location} reports=${item.reports} />

    <h3>诉求（${item.reports.length} 件）</h3>
    <ul class="reports">
      ${item.reports.map((report) => html`<li data-report=${report.id} data-channel=${report.channel}>
        <div><b>${CHANNELS[report.channel] || report.channel}</b> · ${time(report.receivedAt)} · ${report.contact || '无联系人'} <span class="muted">${native(report)}</span></div>
        <div>${report.title ? html`<b>${report.title}</b> ` : ''}${report.text}</div>
        ${item.reports.length > 1 && html`<${Action} name="split" label="拆分为新案件" confirm="确认将这条诉求拆分为单独的案件？" run=${() => ask('mutation ($id: ID!) { splitReport(reportId: $id, reason: "坐席核实：不是同一件事") { id } }', { id: report.id })} done=${reload} />`}
      </li>`)}
    </ul>

    <h3>派单与办理</h3>
    ${current
      ? html`<p>当前：<b>${current.department.name}</b> · ${STATES[current.state] || current.state}</p>`
      : html`<p class="muted">暂无在办派单</p>`}
    <div class="controls">
      <select aria-label="承办部门" value=${choose} onChange=${(event) => setDepartment(event.target.value)}>
        ${data.departments.map((option) => html`<option value=${option.id}>${option.name}</option>`)}
      </select>
      ${current
        ? html`<${Action} name="reassign" label="改派" run=${() => ask('mutation ($id: ID!, $d: ID!) { reassignAssignment(id: $id, departmentId: $d, reason: "指挥中心改派") { id } }', { id: current.id, d: choose })} done=${reload} />
               <${Action} name="escalate" label="上报" run=${() => ask('mutation ($id: ID!) { escalateAssignment(id: $id, reason: "指挥中心上报协调") { id } }', { id: current.id })} done=${reload} />`
        : html`<${Action} name="dispatch" label="派单" run=${() => ask('mutation ($c: ID!, $d: ID!) { dispatchCase(caseId: $c, departmentId: $d) { id } }', { c: item.id, d: choose })} done=${reload} />`}
      <input aria-label="攻坚哨时限" type="datetime-local" value=${deadline} onInput=${(event) => setDeadline(event.target.value)} />
      <${Action} name="deadline" label="设定时限" run=${() => ask('mutation ($c: ID!, $t: DateTime!) { setCaseDeadline(caseId: $c, dueAt: $t) { id } }', { c: item.id, t: new Date(deadline).toISOString() })} done=${reload} />
    </div>
    <table class="assignments">
      <thead><tr><th>轮次</th><th>部门</th><th>状态</th><th>派单</th><th>时限</th><th>流转</th></tr></thead>
      <tbody>
        ${item.assignments.map((assignment) => html`<tr data-assignment=${assignment.id}>
          <td>${assignment.round}</td><td>${assignment.department.name}</td><td>${STATES[assignment.state] || assignment.state}</td>
          <td>${time(assignment.dispatchedAt)}</td><td>${time(assignment.dueAt)}</td>
          <td>${assignment.transitions.map((step) => html`<div class="muted">${time(step.at)} ${STATES[step.to] || step.to} · ${step.by}${step.reason ? ` · ${step.reason}` : ''}</div>`)}</td>
        </tr>`)}
      </tbody>
    </table>
    ${item.reminders.length > 0 && html`<h3>督办提醒</h3><ul>${item.reminders.map((reminder) => html`<li>${time(reminder.createdAt)} ${LIGHTS[reminder.light] || reminder.light} → ${reminder.recipientName}</li>`)}</ul>`}
    ${item.evaluations.length > 0 && html`<h3>评价</h3><ul>${item.evaluations.map((evaluation) => html`<li>第 ${evaluation.round} 轮 · ${evaluation.score} 分 · ${'★'.repeat(evaluation.stars)} · ${evaluation.satisfied ? '满意' : '不满意'}</li>`)}</ul>`}

    <h3>合并记录</h3>
    <ul class="history">
      ${item.mergeHistory.map((decision) => html`<li data-decision=${decision.id}>
        ${time(decision.decidedAt)} · ${KINDS[decision.kind] || decision.kind} · ${DECISION_STATES[decision.state] || decision.state}
        ${decision.score !== null && decision.score !== undefined ? ` · 分数 ${decision.score.toFixed(2)}` : ''} · ${decision.automatic ? '过滤器' : decision.decidedBy || ''}
        ${decision.from && html` · <a href=${`#/case/${decision.from.id}`}>${decision.from.title}</a> → <a href=${`#/case/${decision.into.id}`}>${decision.into.title}</a>`}
        <div class="muted">${signalsText(decision.signals)}${decision.reason ? ` · ${decision.reason}` : ''}</div>
        ${decision.state === 'APPLIED' && html`<${Action} name="undo" label="撤销" confirm="确认撤销这次合并/拆分？" run=${() => ask('mutation ($id: ID!) { undoMergeDecision(decisionId: $id, reason: "坐席撤销") { id } }', { id: decision.id })} done=${reload} />`}
      </li>`)}
    </ul>
    ${item.status !== 'MERGED' && html`<${MergeInto} into=${item} done=${reload} />`}
  </section>`;
}

/** Another case the filter did not pair with this one (another wording, another channel): merged in by its number. */
function MergeInto({ into, done }) {
  const [other, setOther] = useState('');
  const [reason, setReason] = useState('');
  const from = other.trim().replace(/^.*#\/case\//, '');
  return html`<div class="controls merge-into">
    <input aria-label="并入的案件编号" placeholder="另一案件的编号（或其页面地址）" size="40" value=${other} onInput=${(event) => setOther(event.target.value)} />
    <input aria-label="合并理由" placeholder="理由：同一地点同一问题" size="24" value=${reason} onInput=${(event) => setReason(event.target.value)} />
    <${Action} name="merge-into" label="并入本案" confirm="确认把该案件并入本案？" run=${() => {
      if (!from || from === into.id) throw new Error('请填写另一案件的编号');
      return ask('mutation ($into: ID!, $from: ID!, $reason: String!) { mergeCases(into: $into, from: $from, reason: $reason) { id } }', { into: into.id, from, reason: reason.trim() || '坐席核实为同一地点同一问题' });
    }} done=${() => { setOther(''); setReason(''); done(); }} />
  </div>`;
}

const SUGGESTIONS = `{
  mergeSuggestions(first: 20) {
    totalCount
    nodes {
      id score decidedAt
      signals { text place distanceMeters hoursApart category sameContact }
      into { id title address reports { id channel receivedAt text } }
      from { id title address reports { id channel receivedAt text } }
    }
  }
}`;

function SideOfPair({ label, item }) {
  return html`<div class="side">
    <h4>${label}：<a href=${`#/case/${item.id}`}>${item.title}</a></h4>
    <div class="muted">${item.address || ''}</div>
    ${item.reports.map((report) => html`<p><b>${CHANNELS[report.channel] || report.channel}</b> ${time(report.receivedAt)}<br />${report.text}</p>`)}
  </div>`;
}

function ReviewQueue() {
  const { data, error, reload } = useGraph(SUGGESTIONS, {}, []);
  const queue = data && data.mergeSuggestions;
  return html`<section class="panel">
    <h2>待审合并 ${queue && html`<small>${queue.totalCount} 对</small>`}</h2>
    <${Problem} error=${error} />
    ${queue && queue.nodes.length === 0 && html`<p class="muted">没有待审的合并建议。</p>`}
    ${queue && queue.nodes.map((suggestion) => html`<article class="pair" data-suggestion=${suggestion.id}>
      <div class="why">分数 ${suggestion.score !== null ? suggestion.score.toFixed(2) : '—'} · ${signalsText(suggestion.signals)}</div>
      <div class="sides">
        <${SideOfPair} label="在先案件" item=${suggestion.into} />
        <${SideOfPair} label="新案件" item=${suggestion.from} />
      </div>
      <div class="controls">
        <${Action} name="confirm" className="primary" label="确认合并" run=${() => ask('mutation ($id: ID!) { confirmMerge(suggestionId: $id, reason: "坐席核实为同一件事") { id } }', { id: suggestion.id })} done=${reload} />
        <${Action} name="reject" label="不是同一件事" run=${() => ask('mutation ($id: ID!) { rejectMerge(suggestionId: $id, reason: "坐席核实不是同一件事") { id } }', { id: suggestion.id })} done=${reload} />
      </div>
    </article>`)}
  </section>`;
}

const SUPERVISION = `{ supervisionQueue(first: 50) { id state slaLight dueAt pushedToSupervisionAt department { name } case { id title } } }`;

function Supervision() {
  const { data, error, reload } = useGraph(SUPERVISION, {}, []);
  const [report, setReport] = useState(null);
  const sweep = async () => setReport((await ask('mutation { runSupervisionSweep { checked lightsChanged remindersCreated pushedToSupervision } }')).runSupervisionSweep);
  return html`<section class="panel">
    <h2>督办</h2>
    <div class="controls">
      <${Action} name="sweep" label="立即巡查" run=${sweep} done=${reload} />
      ${report && html`<span class="muted">检查 ${report.checked} 件，亮灯变化 ${report.lightsChanged}，新提醒 ${report.remindersCreated}，推送督查室 ${report.pushedToSupervision}</span>`}
    </div>
    <${Problem} error=${error} />
    <table>
      <thead><tr><th>案件</th><th>部门</th><th>状态</th><th>督办灯</th><th>时限</th><th>督查室</th></tr></thead>
      <tbody>
        ${data && data.supervisionQueue.map((assignment) => html`<tr>
          <td><a href=${`#/case/${assignment.case.id}`}>${assignment.case.title}</a></td><td>${assignment.department.name}</td>
          <td>${STATES[assignment.state] || assignment.state}</td><td><span class=${`light ${assignment.slaLight}`}>${LIGHTS[assignment.slaLight]}</span></td>
          <td>${time(assignment.dueAt)}</td><td>${assignment.pushedToSupervisionAt ? time(assignment.pushedToSupervisionAt) : '—'}</td>
        </tr>`)}
      </tbody>
    </table>
  </section>`;
}

/** Beijing calendar periods: this or last week (from Monday) or month, as [from, to). */
function periodOf(kind) {
  const shanghai = (date) => new Date(date.getTime() + 8 * 3600_000);
  const utcOfShanghai = (y, m, d) => new Date(Date.UTC(y, m, d) - 8 * 3600_000);
  const now = shanghai(new Date());
  const [y, m, d] = [now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()];
  if (kind === 'thisMonth') return [utcOfShanghai(y, m, 1), utcOfShanghai(y, m + 1, 1)];
  if (kind === 'lastMonth') return [utcOfShanghai(y, m - 1, 1), utcOfShanghai(y, m, 1)];
  const monday = d - ((now.getUTCDay() + 6) % 7);
  return kind === 'thisWeek' ? [utcOfShanghai(y, m, monday), utcOfShanghai(y, m, monday + 7)] : [utcOfShanghai(y, m, monday - 7), utcOfShanghai(y, m, monday)];
}

const PERIODS = { thisWeek: '本周', lastWeek: '上周', thisMonth: '本月', lastMonth: '上月' };
const REPORT = `query Report($from: DateTime!, $to: DateTime!) {
  kpis(from: $from, to: $to, groupBy: [DEPARTMENT]) { key label cases respondedOnTime resolved slaJudged slaMet evaluated satisfied repeated responseRate resolutionRate slaComplianceRate satisfactionRate }
}`;
const percent = (rate) => (rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`);

/** 督办周报 / 月报: each department's 三率 and on-time handling over a week or a month, as a table and CSV. */
function SupervisionReport() {
  const [kind, setKind] = useState('lastWeek');
  const [from, to] = periodOf(kind);
  const variables = { from: from.toISOString(), to: to.toISOString() };
  const { data, error } = useGraph(REPORT, variables, [kind]);
  const download = async () => {
    const query = new URLSearchParams({ ...variables, groupBy: 'DEPARTMENT' });
    const response = await fetch(`/export/kpis.csv?${query}`, { headers: { authorization: `Bearer ${token()}` } });
    if (!response.ok) throw new Error(`导出失败（${response.status}）`);
    const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(await response.blob()), download: `督办${PERIODS[kind]}报-${variables.from.slice(0, 10)}.csv` });
    link.click();
  };
  return html`<section class="panel">
    <h2>督办${kind.endsWith('Week') ? '周报' : '月报'} <small>${time(variables.from)} 至 ${time(variables.to)}</small></h2>
    <div class="controls">
      ${Object.entries(PERIODS).map(([value, name]) => html`<button class=${value === kind ? 'primary' : ''} data-period=${value} onClick=${() => setKind(value)}>${name}</button>`)}
      <${Action} name="csv" label="导出 CSV" run=${download} />
    </div>
    <${Problem} error=${error} />
    <table class="report">
      <thead><tr><th>承办部门</th><th>受理</th><th>按时签收</th><th>响应率</th><th>办结</th><th>解决率</th><th>按期办结率</th><th>满意率</th><th>重复投诉</th></tr></thead>
      <tbody>
        ${data && data.kpis.map((row) => html`<tr data-department=${row.key}>
          <td>${row.label}</td><td>${row.cases}</td><td>${row.respondedOnTime}</td><td>${percent(row.responseRate)}</td><td>${row.resolved}</td>
          <td>${percent(row.resolutionRate)}</td><td>${percent(row.slaComplianceRate)}</td><td>${percent(row.satisfactionRate)}</td><td>${row.repeated}</td>
        </tr>`)}
      </tbody>
    </table>
  </section>`;
}

const MONTHLY = `query Monthly($month: String!) { monthlyProblems(month: $month, first: 30) {
  streetId streetName category { code name } requests baseline monthsPresent heat growing persistent
} }`;

/** The Beijing month before this one, `YYYY-MM`: the month 每月一题 usually looks back on. */
function lastMonth() {
  const now = new Date(Date.now() + 8 * 3600_000);
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

/** 每月一题: the month's problems per street, ranked by how far they stand above their own months before. */
function MonthlyProblems() {
  const [month, setMonth] = useState(lastMonth());
  const { data, error } = useGraph(MONTHLY, { month }, [month]);
  const download = async () => {
    const response = await fetch(`/export/monthly-problems.csv?${new URLSearchParams({ month })}`, { headers: { authorization: `Bearer ${token()}` } });
    if (!response.ok) throw new Error(`导出失败（${response.status}）`);
    const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(await response.blob()), download: `每月一题-${month}.csv` });
    link.click();
  };
  return html`<section class="panel">
    <h2>每月一题 <small>热度 = (本月诉求件数 − 前六个月月均) ÷ √(月均 + 1) + 前六个月中出现的月份占比</small></h2>
    <div class="controls">
      <input type="month" aria-label="月份" value=${month} onChange=${(event) => event.target.value && setMonth(event.target.value)} />
      <${Action} name="csv" label="导出 CSV" run=${download} />
    </div>
    <${Problem} error=${error} />
    <table class="report monthly">
      <thead><tr><th>街道</th><th>问题类别</th><th>本月</th><th>前六月月均</th><th>出现月数</th><th>热度</th><th>特征</th></tr></thead>
      <tbody>
        ${data && data.monthlyProblems.map((row) => html`<tr data-problem=${`${row.streetId || ''}:${row.category ? row.category.code : ''}`}>
          <td>${row.streetName || row.streetId || '未定位'}</td><td>${row.category ? row.category.name : '—'}</td><td>${row.requests}</td>
          <td>${row.baseline.toFixed(1)}</td><td>${row.monthsPresent}/6</td><td>${row.heat.toFixed(1)}</td>
          <td>${[row.growing && '突增', row.persistent && '反复出现'].filter(Boolean).join('、') || '—'}</td>
        </tr>`)}
        ${data && !data.monthlyProblems.length && html`<tr><td colspan="7">本月没有达到 3 件诉求的问题</td></tr>`}
      </tbody>
    </table>
  </section>`;
}

const ALERTS = `query Alerts($status: [AlertStatus!]) { changes: alertChanges(first: 0) { headCursor } alerts(status: $status, first: 50) {
  id detector category { code name } place placeName openedOn lastUnusualOn closedOn reports observed expected score reason status decidedBy decisionReason cases { id title }
} }`;
const ALERT_STATUSES = { OPEN: '待处置', ACKNOWLEDGED: '已处置', DISMISSED: '误报' };
const DETECTORS = { PLACE_PROBLEM: '一地一事', REPEATED_CASE: '同一诉求反复', PROBLEM_SHARE: '全市类别占比', NEW_PROBLEM: '类别外新问题' };

/** The last 90 Beijing days, as the dates alertOutcomes takes. */
function lastNinetyDays() {
  const today = new Date(Date.now() + 8 * 3600_000);
  return { from: new Date(today.getTime() - 90 * 86_400_000).toISOString().slice(0, 10), to: today.toISOString().slice(0, 10) };
}

/** 未诉先办: problems growing past their own history, to act on before the calls pile up, or to dismiss as false alarms. */
function Alerts() {
  const [status, setStatus] = useState('OPEN');
  const [reasons, setReasons] = useState({});
  const { data, error, reload: reloadAlerts } = useGraph(ALERTS, { status: status === 'ALL' ? null : [status] }, [status]);
  const outcomes = useGraph('query ($from: String!, $to: String!) { alertOutcomes(from: $from, to: $to) { detector raised open acknowledged dismissed precision } }', lastNinetyDays(), []);
  const reload = () => { reloadAlerts(); outcomes.reload(); };
  // A new alert, one that grew, or another operator's decision shows without asking.
  useLive('subscription ($after: String) { alertChanges(after: $after) { cursor } }', data ? data.changes.headCursor : null, reload);
  return html`<section class="panel">
    <h2>预警 <small>未诉先办：某地某类诉求、或某类诉求在全市的占比，明显高于其以往（每小时按整日扫描）</small></h2>
    <div class="controls">
      ${[...Object.entries(ALERT_STATUSES), ['ALL', '全部']].map(([value, name]) => html`<button class=${value === status ? 'primary' : ''} data-status=${value} onClick=${() => setStatus(value)}>${name}</button>`)}
    </div>
    <${Problem} error=${error} />
    ${outcomes.data && html`<p class="muted" data-outcomes>近90天：${outcomes.data.alertOutcomes.map((row) => `${DETECTORS[row.detector]} 提示 ${row.raised}，待处置 ${row.open}，已处置 ${row.acknowledged}，误报 ${row.dismissed}${row.precision === null ? '' : `（准确率 ${percent(row.precision)}）`}`).join('；') || '尚无预警'}</p>`}
    ${data && !data.alerts.length && html`<p class="muted">暂无预警</p>`}
    ${data && data.alerts.map((alert) => html`<article class="alert" data-alert=${alert.id}>
      <h4>${alert.placeName || alert.place || '全市'} · ${alert.category ? alert.category.name : '—'} <span class=${`light ${alert.status === 'OPEN' ? 'RED' : 'GREEN'}`}>${ALERT_STATUSES[alert.status]}</span></h4>
      <p>${alert.reason}</p>
      <p class="muted">${DETECTORS[alert.detector]} · 自 ${alert.openedOn} 起，最近异常 ${alert.lastUnusualOn}${alert.closedOn ? `，${alert.closedOn} 平息` : ''} · 共 ${alert.reports} 件诉求（开始时 ${alert.observed} 件，预期 ${alert.expected}）· 强度 ${alert.score}
        ${alert.decidedBy && ` · ${alert.decidedBy}${alert.decisionReason ? `：${alert.decisionReason}` : ''}`}</p>
      <p>${alert.cases.slice(0, 10).map((one) => html`<a href=${`#/case/${one.id}`}>${one.title}</a> `)}${alert.cases.length > 10 ? html`<span class="muted">等 ${alert.cases.length} 件</span>` : ''}</p>
      ${alert.status !== 'DISMISSED' && html`<div class="controls">
        ${alert.status === 'OPEN' && html`<${Action} name="acknowledge" className="primary" label="确认并处置" run=${() => ask('mutation ($id: ID!) { acknowledgeAlert(id: $id, reason: "指挥中心已安排处置") { id } }', { id: alert.id })} done=${reload} />`}
        <input aria-label="误报原因" placeholder="误报原因（必填）" value=${reasons[alert.id] || ''} onInput=${(event) => setReasons({ ...reasons, [alert.id]: event.target.value })} />
        <${Action} name="dismiss" label="标为误报" run=${() => ask('mutation ($id: ID!, $reason: String!) { dismissAlert(id: $id, reason: $reason) { id } }', { id: alert.id, reason: reasons[alert.id] || '' })} done=${reload} />
      </div>`}
    </article>`)}
  </section>`;
}

const TODO = `{ myAssignments(first: 50) { nodes { id state dueAt slaLight department { id name } case { id title address } } } }`;

function DepartmentTodo() {
  const { data, error, reload } = useGraph(TODO, {}, []);
  const nodes = data ? data.myAssignments.nodes : [];
  return html`<section class="panel">
    <h2>本部门待办 ${nodes[0] && html`<small>${nodes[0].department.name}</small>`}</h2>
    <${Problem} error=${error} />
    <table class="todo">
      <thead><tr><th>案件</th><th>状态</th><th>督办灯</th><th>时限</th><th>操作</th></tr></thead>
      <tbody>
        ${nodes.map((assignment) => html`<tr data-assignment=${assignment.id} data-department=${assignment.department.id}>
          <td>${assignment.case.title}<div class="muted">${assignment.case.address || ''}</div></td>
          <td>${STATES[assignment.state] || assignment.state}</td>
          <td><span class=${`light ${assignment.slaLight}`}>${LIGHTS[assignment.slaLight]}</span></td>
          <td>${time(assignment.dueAt)}</td>
          <td>
            ${assignment.state === 'DISPATCHED' && html`<${Action} name="sign" label="签收" run=${() => ask('mutation ($id: ID!) { signAssignment(id: $id) { id } }', { id: assignment.id })} done=${reload} />`}
            ${(assignment.state === 'SIGNED' || assignment.state === 'IN_PROGRESS') && html`<${Action} name="resolve" label="办结" run=${() => ask('mutation ($id: ID!) { resolveAssignment(id: $id, result: "已处理完毕") { id } }', { id: assignment.id })} done=${reload} />`}
          </td>
        </tr>`)}
      </tbody>
    </table>
  </section>`;
}

function App() {
  const route = useRoute();
  if (!token()) return html`<${Shell}><${SignIn} /></${Shell}>`;
  const caseId = /^#\/case\/(.+)$/.exec(route);
  let page;
  if (isDepartment()) page = html`<${DepartmentTodo} />`;
  else if (caseId) page = html`<${CasePage} id=${decodeURIComponent(caseId[1])} />`;
  else if (route.startsWith('#/review')) page = html`<${ReviewQueue} />`;
  else if (route.startsWith('#/supervision')) page = html`<${Supervision} />`;
  else if (route.startsWith('#/reports')) page = html`<${SupervisionReport} />`;
  else if (route.startsWith('#/alerts')) page = html`<${Alerts} />`;
  else if (route.startsWith('#/monthly')) page = html`<${MonthlyProblems} />`;
  else page = html`<${CaseList} />`;
  return html`<${Shell}>${page}</${Shell}>`;
}

function Shell({ children }) {
  const signOut = () => { sessionStorage.removeItem(TOKEN_KEY); location.hash = '#/'; location.reload(); };
  return html`<header>
      <h1>呼应 · 接诉即办工作台</h1>
      ${token() && !isDepartment() && html`<nav><a href="#/cases">案件</a><a href="#/review">待审合并</a><a href="#/supervision">督办</a><a href="#/reports">周报/月报</a><a href="#/alerts">预警</a><a href="#/monthly">每月一题</a><a href="/dashboard">数据看板</a></nav>`}
      ${token() && html`<button class="link" onClick=${signOut}>退出</button>`}
    </header>
    <main>${children}</main>`;
}

render(html`<${App} />`, document.getElementById('app'));
