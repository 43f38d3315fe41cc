// The command centre's page: it asks the one graph (/graphql on the gateway) like any client and redraws
// when the gateway says the read model changed (/dashboard/changes), else every few seconds. No CDN, no
// map tiles: charts and the map are drawn as SVG here.
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var DAY = 86400000;
  // Beijing time is UTC+8 all year
  var BEIJING_OFFSET = 8 * 3600000;
  var refreshSeconds = Number(params.get('refresh')) || 15;
  // While changes are pushed the page asks only when told, and every five minutes for its moving period.
  var PUSHED_REFRESH_MS = 300000;
  var MAP_POINTS = 500;
  var PALETTE = ['#4ea1ff', '#f39c12', '#2ecc71', '#e056fd', '#ff6b6b'];
  var SVG_NS = 'http://www.w3.org/2000/svg';
  var DETECTORS = { PLACE_PROBLEM: '一地一事', REPEATED_CASE: '同一诉求反复', PROBLEM_SHARE: '全市类别占比', NEW_PROBLEM: '类别外新问题' };

  // The operator's token: typed into the sign-in form, or handed in the URL's fragment (#token=…, never sent
  // to a server or written to its logs), and kept for this tab only.
  var TOKEN_KEY = 'huying-operator-token';
  var handed = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (handed) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(handed[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }

  function signIn(message) {
    var form = document.getElementById('signin');
    form.hidden = false;
    document.getElementById('signin-message').textContent = message;
  }

  document.getElementById('signin').addEventListener('submit', function (event) {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, document.getElementById('token').value.trim());
    document.getElementById('signin').hidden = true;
    refreshSoon();
  });

  function period() {
    // Up to the next 5 seconds, not this millisecond: every screen then asks the same question and shares
    // one cached answer (the analytics subgraph keeps it at most 5 s).
    var to = params.get('to') ? new Date(params.get('to')) : new Date(Math.ceil(Date.now() / 5000) * 5000);
    // 近30日: today and the 29 whole Beijing days before it, so the trend's first day is a whole day (and the
    // read model answers those days from its rollups, only today from its facts)
    var todayStarts = to.getTime() - ((to.getTime() + BEIJING_OFFSET) % DAY);
    var from = params.get('from') ? new Date(params.get('from')) : new Date(todayStarts - 29 * DAY);
    return { from: from.toISOString(), to: to.toISOString() };
  }

  var QUERY = 'query Dashboard($from: DateTime!, $to: DateTime!) {\n' +
    '  total: kpis(from: $from, to: $to) { cases responseRate resolutionRate satisfactionRate slaComplianceRate repeatComplaintRate }\n' +
    '  streets: kpis(from: $from, to: $to, groupBy: [STREET]) { key label cases responseRate resolutionRate satisfactionRate }\n' +
    '  trends(from: $from, to: $to, interval: DAY, by: CATEGORY) { period key name cases }\n' +
    '  hotspots(from: $from, to: $to, first: 10) { place placeName category { name } cases reports openCases }\n' +
    '  openCaseMap(first: ' + MAP_POINTS + ') { case { id } title category { name } streetId streetName location { lng lat } light }\n' +
    '}';
  // Asked on its own: alerts are never a cached dashboard answer, and a token that may not read them (a
  // street's) still sees the rest of the page.
  var ALERTS = 'query DashboardAlerts { alerts(status: [OPEN], first: 20) { id detector placeName reason cases { id location { lng lat } } } }';

  function el(tag, attributes, text) {
    var node = tag.indexOf('svg:') === 0 ? document.createElementNS(SVG_NS, tag.slice(4)) : document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function percent(rate) { return rate === null || rate === undefined ? '—' : (rate * 100).toFixed(2) + '%'; }
  function beijing(iso) { return new Date(new Date(iso).getTime() + BEIJING_OFFSET).toISOString().slice(0, 16).replace('T', ' '); }

  function drawKpis(total) {
    var row = total[0] || { cases: 0 };
    document.querySelectorAll('#kpis .kpi').forEach(function (card) {
      var name = card.getAttribute('data-kpi');
      card.querySelector('.value').textContent = name === 'cases' ? String(row.cases || 0) : percent(row[name]);
    });
  }

  function drawStreets(streets) {
    var body = clear(document.getElementById('streets'));
    streets.forEach(function (row) {
      var tr = el('tr');
      // the name people know (二七街道); the id stays on the row for scripts and tests
      tr.setAttribute('data-street', row.key);
      tr.appendChild(el('td', {}, row.label));
      tr.appendChild(el('td', { class: 'num' }, row.cases));
      tr.appendChild(el('td', { class: 'num' }, percent(row.responseRate)));
      tr.appendChild(el('td', { class: 'num' }, percent(row.resolutionRate)));
      tr.appendChild(el('td', { class: 'num' }, percent(row.satisfactionRate)));
      body.appendChild(tr);
    });
  }

  function drawHotspots(hotspots) {
    var body = clear(document.getElementById('hotspots'));
    hotspots.forEach(function (spot, index) {
      var tr = el('tr');
      tr.appendChild(el('td', {}, index + 1));
      tr.appendChild(el('td', {}, spot.placeName || spot.place.replace(/^addr:/, '')));
      tr.appendChild(el('td', {}, spot.category ? spot.category.name : '未分类'));
      tr.appendChild(el('td', { class: 'num' }, spot.cases));
      tr.appendChild(el('td', { class: 'num' }, spot.reports));
      tr.appendChild(el('td', { class: 'num' }, spot.openCases));
      body.appendChild(tr);
    });
    if (!hotspots.length) body.appendChild(el('tr')).appendChild(el('td', { colspan: 6 }, '暂无反复出现的诉求'));
  }

  /** Every Beijing calendar day of the period, so a quiet day shows as zero rather than vanishing. */
  function calendarDays(range) {
    var days = [];
    var first = new Date(range.from).getTime() + BEIJING_OFFSET;
    var last = new Date(range.to).getTime() + BEIJING_OFFSET - 1;
    for (var t = first - (first % DAY); t <= last && days.length < 400; t += DAY) days.push(new Date(t).toISOString().slice(0, 10));
    return days;
  }

  function drawTrend(points) {
    var svg = clear(document.getElementById('trend'));
    var legend = clear(document.getElementById('trend-legend'));
    var days = calendarDays(period());
    var totals = {};
    var names = {};
    points.forEach(function (p) { totals[p.key] = (totals[p.key] || 0) + p.cases; names[p.key] = p.name || p.key || '未分类'; });
    var top = Object.keys(totals).sort(function (a, b) { return totals[b] - totals[a]; }).slice(0, 5);
    var W = 640, H = 260, left = 36, right = 10, topPad = 10, bottom = 28;
    var max = Math.max(1, Math.max.apply(null, points.filter(function (p) { return top.indexOf(p.key) >= 0; }).map(function (p) { return p.cases; }).concat([1])));
    var x = function (i) { return left + (days.length < 2 ? (W - left - right) / 2 : (i * (W - left - right)) / (days.length - 1)); };
    var y = function (v) { return H - bottom - (v * (H - topPad - bottom)) / max; };
    for (var step = 0; step <= 4; step++) {
      var value = Math.round((max * step) / 4);
      svg.appendChild(el('svg:line', { class: 'axis', x1: left, x2: W - right, y1: y(value), y2: y(value) }));
      svg.appendChild(el('svg:text', { class: 'axis-label', x: 4, y: y(value) + 4 }, value));
    }
    var every = Math.max(1, Math.ceil(days.length / 8));
    days.forEach(function (day, i) {
      if (i % every === 0) svg.appendChild(el('svg:text', { class: 'axis-label', x: x(i) - 14, y: H - 8 }, day.slice(5)));
    });
    top.forEach(function (key, index) {
      var byDay = {};
      points.forEach(function (p) { if (p.key === key) byDay[p.period] = p.cases; });
      var path = days.map(function (day, i) { return (i ? 'L' : 'M') + x(i).toFixed(1) + ',' + y(byDay[day] || 0).toFixed(1); }).join(' ');
      svg.appendChild(el('svg:path', { d: path, fill: 'none', stroke: PALETTE[index], 'stroke-width': 2, 'data-category': key }));
      days.forEach(function (day, i) {
        if (byDay[day]) svg.appendChild(el('svg:circle', { cx: x(i), cy: y(byDay[day]), r: 2.5, fill: PALETTE[index] }));
      });
      var item = el('span');
      item.appendChild(el('i', { style: 'background:' + PALETTE[index] }));
      item.appendChild(document.createTextNode(names[key] + ' ' + totals[key]));
      legend.appendChild(item);
    });
    if (!days.length) svg.appendChild(el('svg:text', { class: 'axis-label', x: W / 2 - 40, y: H / 2 }, '区间内暂无诉求'));
  }

  /**
   * The district is the extent of the open cases and the open alerts' cases (padded); longitudes are scaled
   * by cos(latitude). An open alert is a ring around its located cases, named by what it is about.
   */
  function drawMap(openCases, alerts) {
    var svg = clear(document.getElementById('map'));
    var located = openCases.filter(function (c) { return c.location; });
    var alerted = alerts.map(function (alert) {
      return { alert: alert, points: alert.cases.filter(function (c) { return c && c.location; }).map(function (c) { return c.location; }) };
    }).filter(function (entry) { return entry.points.length; });
    var W = 480, H = 360, pad = 24;
    // the graph sends at most 500, red and yellow first, then the longest open
    var shown = openCases.length >= MAP_POINTS ? '未办结不少于 ' + MAP_POINTS + ' 件，显示红黄灯与最久未办的 ' + MAP_POINTS + ' 件' : '未办结 ' + openCases.length + ' 件';
    document.getElementById('map-count').textContent = shown + (alerts.length ? ' · 预警 ' + alerts.length + ' 条' : '');
    svg.appendChild(el('svg:rect', { class: 'district', x: 8, y: 8, width: W - 16, height: H - 16, rx: 18 }));
    var everywhere = located.map(function (c) { return c.location; });
    alerted.forEach(function (entry) { everywhere = everywhere.concat(entry.points); });
    if (!everywhere.length) {
      svg.appendChild(el('svg:text', { class: 'axis-label', x: W / 2 - 50, y: H / 2 }, '暂无带坐标的未办结案件'));
      return;
    }
    var lngs = everywhere.map(function (point) { return point.lng; });
    var lats = everywhere.map(function (point) { return point.lat; });
    var minLng = Math.min.apply(null, lngs) - 0.005, maxLng = Math.max.apply(null, lngs) + 0.005;
    var minLat = Math.min.apply(null, lats) - 0.005, maxLat = Math.max.apply(null, lats) + 0.005;
    var kx = Math.cos(((minLat + maxLat) / 2) * Math.PI / 180);
    var scale = Math.min((W - 2 * pad) / ((maxLng - minLng) * kx), (H - 2 * pad) / (maxLat - minLat));
    var px = function (lng) { return W / 2 + (lng - (minLng + maxLng) / 2) * kx * scale; };
    var py = function (lat) { return H / 2 - (lat - (minLat + maxLat) / 2) * scale; };
    for (var g = Math.ceil(minLng * 100) / 100; g <= maxLng; g += 0.01) svg.appendChild(el('svg:line', { class: 'gridline', x1: px(g), x2: px(g), y1: 10, y2: H - 10 }));
    for (var h = Math.ceil(minLat * 100) / 100; h <= maxLat; h += 0.01) svg.appendChild(el('svg:line', { class: 'gridline', x1: 10, x2: W - 10, y1: py(h), y2: py(h) }));
    var order = { NONE: 0, GREEN: 1, YELLOW: 2, RED: 3 };
    located.sort(function (a, b) { return order[a.light || 'NONE'] - order[b.light || 'NONE']; }).forEach(function (c) {
      var light = c.light || 'NONE';
      var dot = el('svg:circle', { class: 'light ' + light, cx: px(c.location.lng).toFixed(1), cy: py(c.location.lat).toFixed(1), r: light === 'RED' ? 7 : 5.5,
        stroke: '#0b1a2e', 'stroke-width': 1, 'data-case': c.case.id, 'data-light': light });
      dot.appendChild(el('svg:title', {}, (c.title || '') + (c.category ? ' · ' + c.category.name : '') + (c.streetName || c.streetId ? ' · ' + (c.streetName || c.streetId) : '')));
      svg.appendChild(dot);
    });
    // Each street named where its open cases are (their centre), so a screen reads 二七街道, not bare points.
    var streets = {};
    located.forEach(function (c) {
      var name = c.streetName || c.streetId;
      if (!name) return;
      var s = streets[name] || (streets[name] = { lng: 0, lat: 0, n: 0 });
      s.lng += c.location.lng; s.lat += c.location.lat; s.n += 1;
    });
    Object.keys(streets).forEach(function (name) {
      var s = streets[name];
      svg.appendChild(el('svg:text', { class: 'street-label', x: px(s.lng / s.n).toFixed(1), y: (py(s.lat / s.n) - 10).toFixed(1), 'text-anchor': 'middle', 'data-street': name }, name + ' ' + s.n));
    });
    alerted.forEach(function (entry) {
      var cx = entry.points.reduce(function (sum, point) { return sum + px(point.lng); }, 0) / entry.points.length;
      var cy = entry.points.reduce(function (sum, point) { return sum + py(point.lat); }, 0) / entry.points.length;
      var reach = Math.max.apply(null, entry.points.map(function (point) { return Math.hypot(px(point.lng) - cx, py(point.lat) - cy); }));
      var ring = el('svg:circle', { class: 'alert-ring', cx: cx.toFixed(1), cy: cy.toFixed(1), r: (reach + 12).toFixed(1), 'data-alert': entry.alert.id });
      ring.appendChild(el('svg:title', {}, entry.alert.reason));
      svg.appendChild(ring);
      svg.appendChild(el('svg:text', { class: 'alert-label', x: cx.toFixed(1), y: (cy + reach + 26).toFixed(1), 'text-anchor': 'middle', 'data-alert-label': entry.alert.id },
        '预警 · ' + (DETECTORS[entry.alert.detector] || entry.alert.detector) + (entry.alert.placeName ? ' · ' + entry.alert.placeName : '')));
    });
  }

  function refresh() {
    var range = period();
    document.getElementById('period').textContent = beijing(range.from) + ' 至 ' + beijing(range.to);
    var token = sessionStorage.getItem(TOKEN_KEY);
    // A GET, so the browser keeps the aggregates' answer and asks again with its ETag: an unchanged answer
    // comes back as a 304 without its body. The header tells Apollo's CSRF check this is no simple form request.
    var headers = { 'apollo-require-preflight': 'true' };
    if (token) headers.authorization = 'Bearer ' + token;
    var ask = function (query, variables) {
      var url = '/graphql?' + new URLSearchParams({ query: query, variables: JSON.stringify(variables) });
      return fetch(url, { headers: headers, cache: 'no-cache' }).then(function (response) { return response.json(); });
    };
    return Promise.all([ask(QUERY, range), ask(ALERTS, {})])
      .then(function (answers) {
        var answer = answers[0];
        var alerts = (answers[1].data && answers[1].data.alerts) || [];
        var error = document.getElementById('error');
        var code = answer.errors && answer.errors[0].extensions && answer.errors[0].extensions.code;
        if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') {
          signIn(code === 'FORBIDDEN' ? '该令牌无权查看看板,请使用指挥中心或督办令牌' : '请使用坐席令牌登录');
          return;
        }
        if (answer.errors || !answer.data) {
          error.hidden = false;
          error.textContent = '数据获取失败:' + (answer.errors ? answer.errors[0].message : '无数据');
          return;
        }
        error.hidden = true;
        drawKpis(answer.data.total);
        drawStreets(answer.data.streets);
        drawTrend(answer.data.trends);
        drawHotspots(answer.data.hotspots);
        drawMap(answer.data.openCaseMap, alerts);
        document.getElementById('updated').textContent = beijing(new Date().toISOString()).slice(11);
        document.body.setAttribute('data-refreshed', String(Number(document.body.getAttribute('data-refreshed') || 0) + 1));
      })
      .catch(function (failure) {
        var error = document.getElementById('error');
        error.hidden = false;
        error.textContent = '数据获取失败:' + failure.message;
      });
  }

  // One refresh at a time; a change that comes during one brings one more after it.
  var refreshing = null;
  var again = false;
  var lastRefresh = 0;
  function refreshSoon() {
    if (refreshing) {
      again = true;
      return;
    }
    lastRefresh = Date.now();
    refreshing = refresh().then(function () {
      refreshing = null;
      if (again) {
        again = false;
        refreshSoon();
      }
    });
  }

  // Server-sent events read with fetch, so the token goes in a header as on every other request.
  var pushed = false;
  function followChanges() {
    var token = sessionStorage.getItem(TOKEN_KEY);
    fetch('/dashboard/changes', { headers: token ? { authorization: 'Bearer ' + token } : {} })
      .then(function (response) {
        if (!response.ok || !response.body) throw new Error('no stream of changes: ' + response.status);
        pushed = true;
        document.body.setAttribute('data-pushed', 'on');
        var reader = response.body.getReader();
        var decoder = new TextDecoder();
        var buffer = '';
        var read = function () {
          return reader.read().then(function (chunk) {
            if (chunk.done) throw new Error('the stream of changes ended');
            buffer += decoder.decode(chunk.value, { stream: true });
            var events = buffer.split('\n\n');
            buffer = events.pop();
            if (events.some(function (event) { return /^event: changed$/m.test(event); })) refreshSoon();
            return read();
          });
        };
        return read();
      })
      .catch(function () {
        pushed = false;
        document.body.setAttribute('data-pushed', 'off');
        setTimeout(followChanges, 5000);
      });
  }

  refreshSoon();
  followChanges();
  setInterval(function () {
    if (!pushed || Date.now() - lastRefresh >= PUSHED_REFRESH_MS) refreshSoon();
  }, refreshSeconds * 1000);
})();
