// The Lacquer dashboard's behaviour. It reads the admin listener's JSON APIs and draws them:
//   GET /api/stats    every SAMPLE_MS; consecutive samples give requests/s and the hit ratio for the charts,
//                     kept for WINDOW_MS in this page only (the history starts when the page opens);
//   GET /api/zones    zone ids and hosts for the table and the purge form (read permission);
//   GET /api/purges   the recent purges (read permission), every PURGES_MS and after each purge;
//   POST /client/v4/zones/{id}/purge_cache   the purge form, the Cloudflare-compatible API (purge permission).
// The token lives in sessionStorage and travels only as "Authorization: Bearer"; it is never written into the
// page. Every text that comes from the APIs is set with textContent, never parsed as HTML.
'use strict';

(() => {
  const SAMPLE_MS = 2000;
  const PURGES_MS = 10000;
  const WINDOW_MS = 5 * 60 * 1000;
  const TOKEN_KEY = 'lacquer.dashboard.token';
  const SVG = 'http://www.w3.org/2000/svg';
  const COUNTERS = new Set(['id', 'hits', 'misses', 'staleHits', 'evictions', 'storedBytes', 'objects', 'reclaimPending']);
  const PLACEHOLDERS = {
    everything: '(nothing to enter: every object of the zone)',
    url: 'https://example.com/page',
    tag: 'product-1',
    host: 'example.com',
    prefix: 'example.com/blog',
  };
  const BODY_KEYS = { url: 'files', tag: 'tags', host: 'hosts', prefix: 'prefixes' };

  const $ = (id) => document.getElementById(id);
  const samples = [];
  let zoneList = null;

  // ---- token ---------------------------------------------------------------------------------------------

  function token() {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  function showTokenState() {
    $('token-state').textContent = token() ? 'token set for this tab' : 'no token: counters only';
  }

  // ---- requests --------------------------------------------------------------------------------------------

  /** Fetches JSON; resolves to { ok, status, body } and never rejects (a network failure is status 0). */
  async function request(method, path, body) {
    const headers = { Accept: 'application/json' };
    const secret = token();
    if (secret) {
      headers.Authorization = 'Bearer ' + secret;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    try {
      const response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
        credentials: 'omit',
      });
      let parsed = null;
      try {
        parsed = await response.json();
      } catch {
        parsed = null;
      }
      return { ok: response.ok, status: response.status, body: parsed };
    } catch (error) {
      return { ok: false, status: 0, body: { error: 'The admin listener did not answer (' + error.message + ').' } };
    }
  }

  /** The message of a failed answer: Lacquer's {"error"} or Cloudflare's {"errors":[{code,message}]}. */
  function failure(answer) {
    const body = answer.body || {};
    let message = 'no explanation in the answer';
    if (typeof body.error === 'string') {
      message = body.error;
    } else if (Array.isArray(body.errors) && body.errors.length > 0) {
      message = body.errors.map((e) => (e.code ? e.code + ': ' : '') + e.message).join('; ');
    }
    return answer.status ? 'HTTP ' + answer.status + ' — ' + message : message;
  }

  function showError(id, text) {
    const element = $(id);
    element.textContent = text || '';
    element.hidden = !text;
  }

  // ---- formatting ------------------------------------------------------------------------------------------

  function bytes(n) {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let value = n;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return (unit === 0 ? String(value) : value.toFixed(1)) + ' ' + units[unit];
  }

  function count(n) {
    return Number(n).toLocaleString('en-US');
  }

  function ratio(served, lookups) {
    return lookups > 0 ? (100 * served / lookups).toFixed(1) + ' %' : '–';
  }

  function cell(row, text, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) {
      td.className = className;
    }
    row.appendChild(td);
    return td;
  }

  /** A nested JSON value as a small definition list, for the sections whose shape the page does not know. */
  function describe(value) {
    if (value === null || typeof value !== 'object') {
      const span = document.createElement('span');
      span.textContent = String(value);
      return span;
    }
    const list = document.createElement('dl');
    for (const [key, inner] of Object.entries(value)) {
      const term = document.createElement('dt');
      term.textContent = key;
      const definition = document.createElement('dd');
      definition.appendChild(describe(inner));
      list.append(term, definition);
    }
    return list;
  }

  // ---- stats and the charts --------------------------------------------------------------------------------

  async function sampleStats() {
    const answer = await request('GET', '/api/stats');
    if (!answer.ok || !answer.body || typeof answer.body.zones !== 'object') {
      showError('stats-error', failure(answer));
      return;
    }
    showError('stats-error', '');
    const stats = answer.body;
    const now = performance.now();
    samples.push({ at: now, total: stats.total });
    while (samples.length > 2 && samples[0].at < now - WINDOW_MS) {
      samples.shift();
    }

    renderTotals(stats.total);
    renderZones(stats);
    renderExtras(stats);
    drawCharts(now);
  }

  function renderTotals(total) {
    $('total-objects').textContent = count(total.objects);
    $('total-bytes').textContent = bytes(total.storedBytes);
    $('total-evictions').textContent = count(total.evictions);
  }

  /** Rates between consecutive samples; a counter that went down (a restart) breaks the line there. */
  function rates() {
    const points = [];
    for (let i = 1; i < samples.length; i++) {
      const before = samples[i - 1].total;
      const after = samples[i].total;
      const seconds = (samples[i].at - samples[i - 1].at) / 1000;
      const served = (after.hits - before.hits) + (after.staleHits - before.staleHits);
      const lookups = served + (after.misses - before.misses);
      if (seconds <= 0 || served < 0 || lookups < 0) {
        continue;
      }
      points.push({ at: samples[i].at, rps: lookups / seconds, ratio: lookups > 0 ? served / lookups : null });
    }
    return points;
  }

  function drawCharts(now) {
    const points = rates();
    const last = points[points.length - 1];
    $('now-rps').textContent = last ? last.rps.toFixed(1) : '–';
    $('now-ratio').textContent = last && last.ratio !== null ? (100 * last.ratio).toFixed(1) + ' %' : '–';
    $('traffic-window').textContent = '(last ' + Math.round(Math.min(WINDOW_MS, now - samples[0].at) / 1000) + ' s, sampled every ' + SAMPLE_MS / 1000 + ' s)';

    const peak = Math.max(1, ...points.map((p) => p.rps));
    const top = niceCeiling(peak);
    drawChart($('chart-rps'), points.map((p) => [p.at, p.rps / top]), now, [top.toFixed(top < 10 ? 1 : 0) + '/s', '0']);
    drawChart($('chart-ratio'), points.filter((p) => p.ratio !== null).map((p) => [p.at, p.ratio]), now, ['100 %', '0 %']);
  }

  function niceCeiling(value) {
    const magnitude = Math.pow(10, Math.floor(Math.log10(value)));
    for (const step of [1, 2, 5, 10]) {
      if (value <= step * magnitude) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }

  /** Draws points [time, fraction 0..1] over the last WINDOW_MS, with the top and bottom labels. */
  function drawChart(svg, points, now, labels) {
    const width = 600;
    const height = 160;
    const left = 48;
    const pad = 8;
    svg.replaceChildren();
    const element = (name, attributes) => {
      const node = document.createElementNS(SVG, name);
      for (const [key, value] of Object.entries(attributes)) {
        node.setAttribute(key, String(value));
      }
      svg.appendChild(node);
      return node;
    };
    const x = (at) => left + (width - left - pad) * (1 - (now - at) / WINDOW_MS);
    const y = (fraction) => pad + (height - 2 * pad) * (1 - Math.min(1, Math.max(0, fraction)));

    element('line', { x1: left, y1: y(1), x2: width - pad, y2: y(1), class: 'grid' });
    element('line', { x1: left, y1: y(0.5), x2: width - pad, y2: y(0.5), class: 'grid' });
    element('line', { x1: left, y1: y(0), x2: width - pad, y2: y(0), class: 'axis' });
    element('text', { x: left - 6, y: y(1) + 4, class: 'tick' }).textContent = labels[0];
    element('text', { x: left - 6, y: y(0) + 4, class: 'tick' }).textContent = labels[1];
    if (points.length === 0) {
      element('text', { x: (left + width) / 2, y: height / 2, class: 'empty' }).textContent = 'collecting samples…';
      return;
    }
    const coordinates = points.map(([at, fraction]) => x(at).toFixed(1) + ',' + y(fraction).toFixed(1)).join(' ');
    element('polyline', { points: coordinates, class: 'line' });
    const [lastAt, lastFraction] = points[points.length - 1];
    element('circle', { cx: x(lastAt), cy: y(lastFraction), r: 3, class: 'dot' });
  }

  // ---- zones -----------------------------------------------------------------------------------------------

  async function loadZones() {
    if (!token()) {
      zoneList = null;
      showError('zones-error', 'Enter a token with the read permission to see zone ids and to purge.');
      fillZoneSelect();
      return;
    }
    const answer = await request('GET', '/api/zones');
    if (!answer.ok || !answer.body || !Array.isArray(answer.body.zones)) {
      zoneList = null;
      showError('zones-error', failure(answer));
    } else {
      zoneList = answer.body.zones;
      showError('zones-error', '');
    }
    fillZoneSelect();
  }

  function fillZoneSelect() {
    const select = $('purge-zone');
    const chosen = select.value;
    select.replaceChildren();
    for (const zone of zoneList || []) {
      const option = document.createElement('option');
      option.value = zone.id;
      option.textContent = zone.name + ' (' + zone.id + ')';
      select.appendChild(option);
    }
    if (chosen) {
      select.value = chosen;
    }
    $('purge-submit').disabled = !zoneList || zoneList.length === 0;
  }

  function renderZones(stats) {
    const body = $('zones-body');
    body.replaceChildren();
    const byName = new Map((zoneList || []).map((zone) => [zone.name, zone]));
    for (const [name, zone] of Object.entries(stats.zones)) {
      const listed = byName.get(name);
      const row = document.createElement('tr');
      row.dataset.zone = name;
      cell(row, name);
      cell(row, listed ? listed.id : (zone.id || '–'), 'id');
      cell(row, listed ? listed.hosts.join(', ') : '–');
      cell(row, count(zone.objects), 'num objects');
      cell(row, bytes(zone.storedBytes), 'num bytes').title = count(zone.storedBytes) + ' bytes';
      cell(row, count(zone.hits), 'num');
      cell(row, count(zone.staleHits), 'num');
      cell(row, count(zone.misses), 'num');
      cell(row, ratio(zone.hits + zone.staleHits, zone.hits + zone.staleHits + zone.misses), 'num');
      cell(row, count(zone.evictions), 'num');
      cell(row, count(zone.reclaimPending), 'num');
      body.appendChild(row);
    }
  }

  /**
   * Origin health and cluster state appear here once /api/stats reports them: any member of a zone beyond the
   * counters (per-zone origin health) and any top-level member beyond "zones", "total" and "configuration" (the
   * node's cluster state; "configuration" is this node's reload generation, not cluster state). Both sections
   * stay hidden while the JSON has nothing of the kind.
   */
  function renderExtras(stats) {
    const health = $('health-body');
    health.replaceChildren();
    for (const [name, zone] of Object.entries(stats.zones)) {
      const extra = Object.fromEntries(Object.entries(zone).filter(([key]) => !COUNTERS.has(key)));
      if (Object.keys(extra).length > 0) {
        const title = document.createElement('h3');
        title.textContent = name;
        health.append(title, describe(extra));
      }
    }
    $('health').hidden = health.childElementCount === 0;

    const cluster = $('cluster-body');
    cluster.replaceChildren();
    const node = Object.fromEntries(Object.entries(stats).filter(([key]) => key !== 'zones' && key !== 'total' && key !== 'configuration'));
    if (Object.keys(node).length > 0) {
      cluster.appendChild(describe(node));
    }
    $('cluster').hidden = cluster.childElementCount === 0;
  }

  // ---- purges ----------------------------------------------------------------------------------------------

  async function loadPurges() {
    const body = $('purges-body');
    if (!token()) {
      body.replaceChildren();
      showError('purges-error', 'Enter a token with the read permission to see the purge log.');
      return;
    }
    const answer = await request('GET', '/api/purges');
    if (!answer.ok || !answer.body || !Array.isArray(answer.body.purges)) {
      body.replaceChildren();
      showError('purges-error', failure(answer));
      return;
    }
    showError('purges-error', '');
    body.replaceChildren();
    for (const purge of answer.body.purges.slice(0, 50)) {
      const row = document.createElement('tr');
      row.dataset.id = purge.id;
      cell(row, purge.at);
      cell(row, purge.id, 'id');
      cell(row, purge.who);
      cell(row, purge.surface);
      cell(row, purge.zones.join(', '));
      cell(row, purge.selectors.join(' '), 'selectors');
      cell(row, purge.mode);
      cell(row, count(purge.matched), 'num');
      cell(row, String(purge.durationMs), 'num');
      body.appendChild(row);
    }
  }

  /** The Cloudflare-compatible body for the form's choice, or a message saying what is missing. */
  function purgeBody() {
    const kind = $('purge-kind').value;
    const body = {};
    if (kind === 'everything') {
      body.purge_everything = true;
    } else {
      const values = $('purge-values').value.split('\n').map((v) => v.trim()).filter((v) => v.length > 0);
      if (values.length === 0) {
        return { message: 'Enter at least one ' + $('purge-kind').selectedOptions[0].textContent + '.' };
      }
      body[BODY_KEYS[kind]] = values;
    }
    if ($('purge-soft').checked) {
      body.soft = true;
    }
    return { body };
  }

  async function submitPurge(event) {
    event.preventDefault();
    const result = $('purge-result');
    const zone = $('purge-zone').value;
    const built = purgeBody();
    if (!zone || built.message) {
      result.className = 'error';
      result.textContent = built.message || 'Choose a zone.';
      return;
    }
    const button = $('purge-submit');
    button.disabled = true;
    result.className = 'muted';
    result.textContent = 'purging…';
    const answer = await request('POST', '/client/v4/zones/' + encodeURIComponent(zone) + '/purge_cache', built.body);
    button.disabled = false;
    if (answer.ok && answer.body && answer.body.success) {
      result.className = 'ok';
      result.textContent = 'Purged: id ' + answer.body.result.id;
      result.dataset.id = answer.body.result.id;
    } else {
      result.className = 'error';
      result.textContent = failure(answer);
      delete result.dataset.id;
    }
    await Promise.all([loadPurges(), sampleStats()]);
  }

  // ---- wiring ----------------------------------------------------------------------------------------------

  async function refreshAll() {
    showTokenState();
    await loadZones();
    await Promise.all([sampleStats(), loadPurges()]);
  }

  function start() {
    $('token-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const input = $('token-input');
      const value = input.value.trim();
      input.value = '';
      if (value) {
        sessionStorage.setItem(TOKEN_KEY, value);
      }
      refreshAll();
    });
    $('token-forget').addEventListener('click', () => {
      sessionStorage.removeItem(TOKEN_KEY);
      refreshAll();
    });
    $('purge-kind').addEventListener('change', () => {
      const kind = $('purge-kind').value;
      $('purge-values').placeholder = PLACEHOLDERS[kind];
      $('purge-values').disabled = kind === 'everything';
    });
    $('purge-values').placeholder = PLACEHOLDERS[$('purge-kind').value];
    $('purge-form').addEventListener('submit', submitPurge);

    refreshAll().finally(() => {
      document.body.dataset.ready = 'true';
    });
    setInterval(sampleStats, SAMPLE_MS);
    setInterval(loadPurges, PURGES_MS);
  }

  start();
})();
