/// The console's script: draws the snapshots it receives over server-sent events. Everything it shows is set as
/// text, never as markup, so that nothing a drone sends can run in an operator's browser.
enum ConsoleScript {
    static let source = #"""
        "use strict";
        const SVG = "http://www.w3.org/2000/svg";
        const $ = (id) => document.getElementById(id);
        let zones = null, zonesDigest = null, projection = null, csrf = null, me = null, lastSnapshot = null;

        function el(name, attrs, text, ns) {
          const node = ns ? document.createElementNS(SVG, name) : document.createElement(name);
          for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
          if (text !== undefined && text !== null) node.textContent = text;
          return node;
        }
        const svg = (name, attrs, text) => el(name, attrs, text, true);
        function say(text) { $("message").textContent = text || ""; }

        async function call(method, path, body) {
          const headers = { "Content-Type": "application/json" };
          if (csrf) headers["X-CSRF-Token"] = csrf;
          const response = await fetch(path, { method, headers, body: body ? JSON.stringify(body) : undefined, credentials: "same-origin" });
          let answer = {};
          try { answer = await response.json(); } catch (e) {}
          return { ok: response.ok, status: response.status, answer };
        }

        function showSession(session) {
          me = session ? session.operator : null;
          csrf = session ? session.csrf : null;
          $("login").hidden = !!me;
          $("whoami").hidden = !me;
          $("operator-name").textContent = me || "";
          if (lastSnapshot) render(lastSnapshot);
        }

        // Without tiles: equirectangular with longitude scaled by the cosine of the middle latitude (the review
        // report's projection). With tiles: Web Mercator, the tiles' own projection, so that zones lie on them. North up.
        const tileTemplate = document.getElementById("map").dataset.tileUrl || null;
        const equirectangular = { forward: ([lon, lat], k) => [lon * k, -lat], unitsPerMetre: () => 1 / 111320 };
        // World coordinates in [0, 1) across and down, as the tile grid counts them.
        const webMercator = {
          forward: ([lon, lat]) => {
            const s = Math.sin(Math.max(-85.0511, Math.min(85.0511, lat)) * Math.PI / 180);
            return [(lon + 180) / 360, 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)];
          },
          unitsPerMetre: (lat) => 1 / (40075016.686 * Math.cos(lat * Math.PI / 180)),
        };
        function makeProjection(points, width, height, margin) {
          const kind = tileTemplate ? webMercator : equirectangular;
          let [s, n] = [90, -90];
          for (const [, lat] of points) { s = Math.min(s, lat); n = Math.max(n, lat); }
          const k = Math.max(0.01, Math.cos((s + n) / 2 * Math.PI / 180));
          let [u0, u1, v0, v1] = [Infinity, -Infinity, Infinity, -Infinity];
          for (const p of points) { const [u, v] = kind.forward(p, k); u0 = Math.min(u0, u); u1 = Math.max(u1, u); v0 = Math.min(v0, v); v1 = Math.max(v1, v); }
          const spanX = Math.max(u1 - u0, 1e-9), spanY = Math.max(v1 - v0, 1e-9);
          const scale = Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY);
          const ox = (width - spanX * scale) / 2, oy = (height - spanY * scale) / 2;
          return {
            x: (p) => ox + (kind.forward(p, k)[0] - u0) * scale, y: (p) => oy + (kind.forward(p, k)[1] - v0) * scale,
            perMetre: scale * kind.unitsPerMetre((s + n) / 2),
            // The map's corners in world coordinates, and pixels per world unit: for the tile grid.
            world: { u: u0 - ox / scale, v: v0 - oy / scale, scale }, width, height,
          };
        }

        // The tiles that cover the map, at the zoom whose 256-pixel tiles are closest to the map's own scale; drawn
        // once per projection in a layer of their own, so that each tile is fetched once, not at every snapshot.
        function drawTiles(P) {
          const layer = $("map-tiles");
          layer.replaceChildren();
          if (!tileTemplate) return;
          const zoom = Math.max(0, Math.min(19, Math.round(Math.log2(P.world.scale / 256))));
          const count = Math.pow(2, zoom), size = P.world.scale / count;
          const first = (t) => Math.max(0, Math.floor(t * count));
          const last = (t) => Math.min(count - 1, Math.floor(t * count));
          const [x0, x1] = [first(P.world.u), last(P.world.u + P.width / P.world.scale)];
          const [y0, y1] = [first(P.world.v), last(P.world.v + P.height / P.world.scale)];
          for (let ty = y0; ty <= y1; ty++) for (let tx = x0; tx <= x1; tx++) {
            const href = tileTemplate.replace("{z}", zoom).replace("{x}", tx).replace("{y}", ty);
            layer.appendChild(svg("image", {
              class: "tile", href, "data-tile": `${zoom}/${tx}/${ty}`, preserveAspectRatio: "none",
              x: ((tx / count - P.world.u) * P.world.scale).toFixed(1), y: ((ty / count - P.world.v) * P.world.scale).toFixed(1),
              // Half a pixel over, so that rounding leaves no hairline between neighbouring tiles.
              width: (size + 0.5).toFixed(1), height: (size + 0.5).toFixed(1),
            }));
          }
          const credit = $("tile-credit");
          credit.hidden = false;
          credit.textContent = `map tiles: ${new URL(tileTemplate.replace("{z}", 0).replace("{x}", 0).replace("{y}", 0)).host}`;
        }

        function zonePoints() {
          const points = [];
          for (const zone of (zones ? zones.zones : [])) {
            for (const polygon of zone.polygons || []) for (const ring of polygon) points.push(...ring);
            if (zone.circle) {
              const dLat = zone.circle.radius_m / 111320, dLon = dLat / Math.max(0.01, Math.cos(zone.circle.lat * Math.PI / 180));
              points.push([zone.circle.lon - dLon, zone.circle.lat - dLat], [zone.circle.lon + dLon, zone.circle.lat + dLat]);
            }
          }
          return points;
        }

        async function loadZones(digest) {
          const response = await fetch("/api/zones", { credentials: "same-origin" });
          if (!response.ok) return;
          zones = await response.json();
          zonesDigest = digest;
          $("site").textContent = zones.site || "";
          projection = null;
        }

        function drawMap(snapshot) {
          const map = $("map-features");
          map.replaceChildren();
          if (!projection) {
            let points = zonePoints();
            if (points.length === 0) for (const d of snapshot.drones) if (d.position) points.push(d.position);
            if (points.length === 0) return;
            projection = makeProjection(points, 800, 560, 24);
            drawTiles(projection);
          }
          const P = projection, pair = (p) => `${P.x(p).toFixed(1)},${P.y(p).toFixed(1)}`;
          for (const zone of (zones ? zones.zones : [])) {
            const active = snapshot.zones_active[zone.id] !== false;
            const cls = `zone ${zone.kind} ${active ? "active" : "inactive"}`;
            let shape;
            if (zone.circle) {
              shape = svg("circle", { class: cls, cx: P.x([zone.circle.lon, zone.circle.lat]), cy: P.y([zone.circle.lon, zone.circle.lat]), r: zone.circle.radius_m * P.perMetre });
            } else {
              const d = zone.polygons.map((polygon) => polygon.map((ring) => "M" + ring.map(pair).join("L") + "Z").join(" ")).join(" ");
              shape = svg("path", { class: cls, d });
            }
            shape.setAttribute("data-zone", zone.id);
            shape.appendChild(svg("title", {}, `${zone.name} (${zone.kind}${active ? "" : ", inactive now"})`));
            map.appendChild(shape);
          }
          const suspendedDrones = new Set(snapshot.suspended.map((s) => s.drone));
          for (const drone of snapshot.drones) {
            if (!drone.position) continue;
            const state = drone.state || "compliant";
            if (drone.trail.length > 1) map.appendChild(svg("polyline", { class: `trail ${state}`, points: drone.trail.map(pair).join(" ") }));
            const x = P.x(drone.position), y = P.y(drone.position);
            const group = svg("g", { class: `drone ${state}`, "data-drone": drone.id, "data-state": state, transform: `translate(${x.toFixed(1)},${y.toFixed(1)})` });
            if (state === "breach") group.appendChild(svg("circle", { class: "breach-marker", r: 13, "data-breach": drone.id }));
            const heading = drone.heading_deg === null ? 0 : drone.heading_deg;
            group.appendChild(svg("polygon", { class: "body", points: "0,-9 6,7 0,3 -6,7", transform: `rotate(${heading})` }));
            group.appendChild(svg("text", { class: "drone-label", x: 10, y: -8 }, drone.id));
            if (suspendedDrones.has(drone.id)) group.appendChild(svg("text", { class: "suspended-marker", x: 10, y: 14, "data-suspended": drone.id }, "SUSPENDED"));
            group.appendChild(svg("title", {}, `${drone.id}: ${state}${drone.reasons.length ? " (" + drone.reasons.join(", ") + ")" : ""}`));
            map.appendChild(group);
          }
          drawScale(map, P);
        }

        function drawScale(map, P) {
          const target = 160 / P.perMetre;
          const step = Math.pow(10, Math.floor(Math.log10(target)));
          const metres = [1, 2, 5, 10].map((f) => f * step).filter((m) => m <= target).pop() || step;
          const length = metres * P.perMetre;
          const g = svg("g", { class: "scale", transform: "translate(20,540)" });
          g.appendChild(svg("line", { x1: 0, y1: 0, x2: length, y2: 0 }));
          g.appendChild(svg("text", { x: 0, y: -4 }, metres >= 1000 ? `${metres / 1000} km` : `${metres} m`));
          map.appendChild(g);
        }

        function drawTimeline(snapshot) {
          const strip = $("timeline");
          strip.replaceChildren();
          const bars = snapshot.timeline.slice(-120);
          const most = Math.max(1, ...bars.map((b) => b.forwarded + b.redacted + b.blocked));
          const width = 800 / 120;
          bars.forEach((bar, i) => {
            let y = 80;
            for (const kind of ["forwarded", "redacted", "blocked"]) {
              const h = bar[kind] / most * 76;
              y -= h;
              const rect = svg("rect", { class: `bar ${kind}`, x: (i * width).toFixed(1), y: y.toFixed(1), width: (width - 1).toFixed(1), height: h.toFixed(1) });
              rect.appendChild(svg("title", {}, `${new Date(bar.t * 1000).toISOString().slice(11, 19)}: ${bar.forwarded} forwarded, ${bar.redacted} redacted, ${bar.blocked} blocked`));
              strip.appendChild(rect);
            }
          });
        }

        function duration(seconds) {
          if (seconds >= 3600) return `${Math.floor(seconds / 3600)} h ${Math.floor(seconds % 3600 / 60)} min`;
          if (seconds >= 60) return `${Math.floor(seconds / 60)} min ${Math.floor(seconds % 60)} s`;
          return `${seconds} s`;
        }

        function drawCards(snapshot) {
          const cards = $("cards");
          cards.replaceChildren();
          for (const drone of snapshot.drones) {
            const card = el("div", { class: `card ${drone.state || ""}`, "data-card": drone.id });
            card.appendChild(el("h3", {}, `${drone.id} · ${drone.state || "no fix"}`));
            const rows = [
              ["mission", drone.mission || "-"],
              ["authorisation", drone.authorisation ? `${drone.authorisation.id}, ${duration(drone.authorisation.remaining_s)} left` : "none"],
              ["last fix", drone.fix_age_s === null ? "-" : `${drone.fix_age_s} s ago`],
              ["position", drone.position ? `${drone.position[1].toFixed(5)}, ${drone.position[0].toFixed(5)}, ${drone.alt_m} m` : "-"],
            ];
            if (drone.reasons.length) rows.push(["reasons", drone.reasons.join(", ")]);
            const table = el("table");
            for (const [k, v] of rows) { const tr = el("tr"); tr.appendChild(el("td", {}, k)); tr.appendChild(el("td", {}, v)); table.appendChild(tr); }
            for (const stream of drone.streams) {
              const tr = el("tr");
              tr.appendChild(el("td", {}, `stream ${stream.name}`));
              const c = stream.counts;
              tr.appendChild(el("td", { class: `status-${stream.status}` }, `${stream.status} · ${c.forward} fwd, ${c.redact} red, ${c.block} blk`));
              table.appendChild(tr);
            }
            card.appendChild(table);
            cards.appendChild(card);
          }
        }

        function drawSuspended(snapshot) {
          const list = $("suspended");
          // Not while an operator is writing a reason (redrawing would take the text away). A focused button does
          // not hold the list: after a click it stays focused, and the list would never change again.
          const typing = list.contains(document.activeElement) && document.activeElement.tagName === "TEXTAREA";
          if (typing) return;
          list.replaceChildren();
          if (snapshot.suspended.length === 0) { list.appendChild(el("p", { class: "none" }, "none")); return; }
          for (const s of snapshot.suspended) {
            const box = el("div", { class: "suspension", "data-suspension": `${s.drone}/${s.stream}` });
            box.appendChild(el("strong", {}, `${s.drone} / ${s.stream}`));
            box.appendChild(el("div", {}, `since ${s.since.slice(11, 19)} · ${s.reasons.join(", ")}${s.product ? " · " + s.product : ""}`));
            if (s.approved_by) box.appendChild(el("div", { class: "approval" }, `approved by ${s.approved_by}; a second operator must approve`));
            if (me) {
              const reason = el("textarea", { rows: 2, placeholder: "why release (at least 10 characters)" });
              const button = el("button", { type: "button" }, s.approved_by ? "Approve release (second operator)" : "Approve release");
              button.addEventListener("click", async () => {
                const result = await call("POST", "/api/release", { drone: s.drone, stream: s.stream, reason: reason.value });
                say(result.ok ? `${result.answer.status}: ${s.drone}/${s.stream}` : result.answer.error);
                reason.blur();
              });
              box.appendChild(reason);
              box.appendChild(button);
            }
            list.appendChild(box);
          }
        }

        const seenEvents = [];
        let lastSerial = 0;
        function drawFeed(snapshot) {
          for (const event of snapshot.feed) if (event.serial > lastSerial) { seenEvents.push(event); lastSerial = event.serial; }
          if (seenEvents.length > 500) seenEvents.splice(0, seenEvents.length - 500);
          const drones = new Set(), reasons = new Set();
          for (const e of seenEvents) { if (e.drone) drones.add(e.drone); for (const r of e.reasons) reasons.add(r); }
          fillSelect($("filter-drone"), drones);
          fillSelect($("filter-reason"), reasons);
          const drone = $("filter-drone").value, reason = $("filter-reason").value;
          const body = $("feed").tBodies[0];
          body.replaceChildren();
          for (const e of seenEvents.slice().reverse()) {
            if (drone && e.drone !== drone) continue;
            if (reason && !e.reasons.includes(reason)) continue;
            const tr = el("tr", { class: `event ${e.event}`, "data-event": e.event });
            for (const v of [e.time.slice(11, 23), e.drone || "", e.event, e.stream || "", e.reasons.join(", "), e.detail]) tr.appendChild(el("td", {}, v));
            body.appendChild(tr);
            if (body.rows.length >= 200) break;
          }
        }

        function fillSelect(select, values) {
          const have = new Set(Array.from(select.options).map((o) => o.value));
          for (const v of Array.from(values).sort()) if (!have.has(v)) select.appendChild(el("option", { value: v }, v));
        }

        function drawExercise(snapshot) {
          const exercise = snapshot.exercise;
          $("exercise").hidden = !exercise;
          if (!exercise) return;
          $("exercise").dataset.state = exercise.state;
          $("exercise-state").textContent = `${exercise.state} · ${exercise.speed}x · ${(exercise.fraction * 100).toFixed(0)}% · scenario ${exercise.scenario_time ? exercise.scenario_time.slice(11, 19) : ""}`;
          for (const id of ["exercise-pause", "exercise-resume", "exercise-speed-set"]) $(id).disabled = !me || exercise.state === "finished";
          const card = $("scorecard");
          if (exercise.scorecard && card.hidden) {
            card.hidden = false;
            const table = el("table", { "data-scorecard": "1" });
            for (const [k, v] of Object.entries(exercise.scorecard)) { const tr = el("tr"); tr.appendChild(el("th", {}, k)); tr.appendChild(el("td", {}, typeof v === "object" ? JSON.stringify(v) : String(v))); table.appendChild(tr); }
            card.replaceChildren(el("strong", {}, "Scorecard"), table);
          }
        }

        let loadingZones = false;
        function render(snapshot) {
          lastSnapshot = snapshot;
          if (snapshot.zones_digest !== zonesDigest) {
            // A reload changed the zones: draw again once the new outlines are here.
            if (!loadingZones) { loadingZones = true; loadZones(snapshot.zones_digest).then(() => { loadingZones = false; render(lastSnapshot); }); }
            return;
          }
          $("clock").textContent = snapshot.now.replace("T", " ").slice(0, 19) + " UTC";
          drawMap(snapshot);
          drawTimeline(snapshot);
          drawCards(snapshot);
          drawSuspended(snapshot);
          drawFeed(snapshot);
          drawExercise(snapshot);
          document.body.dataset.decided = snapshot.decided;
        }

        let source = null;
        function connect() {
          if (source) return;
          source = new EventSource("/api/stream");
          source.addEventListener("open", () => { $("connection").textContent = "live"; $("connection").className = "up"; });
          source.addEventListener("snapshot", (message) => render(JSON.parse(message.data)));
          source.addEventListener("error", () => { $("connection").textContent = "reconnecting"; $("connection").className = "down"; });
          // The login that opened the stream ended (viewing needs one): stop, and ask for a login again.
          source.addEventListener("expired", () => {
            source.close();
            source = null;
            $("connection").textContent = "logged out"; $("connection").className = "down";
            showSession(null);
            say("the session ended: log in to view");
          });
        }

        async function start() {
          const session = await call("GET", "/api/session");
          showSession(session.ok ? session.answer : null);
          $("login").addEventListener("submit", async (event) => {
            event.preventDefault();
            const result = await call("POST", "/api/login", { operator: $("login-operator").value, password: $("login-password").value });
            if (result.ok) { showSession(result.answer); say(""); connect(); } else say(result.answer.error);
          });
          $("logout").addEventListener("click", async () => { await call("POST", "/api/logout"); showSession(null); });
          $("exercise-pause").addEventListener("click", () => call("POST", "/api/exercise", { action: "pause" }));
          $("exercise-resume").addEventListener("click", () => call("POST", "/api/exercise", { action: "resume" }));
          $("exercise-speed-set").addEventListener("click", () => call("POST", "/api/exercise", { action: "speed", speed: Number($("exercise-speed").value) }));
          for (const id of ["filter-drone", "filter-reason"]) $(id).addEventListener("change", () => lastSnapshot && drawFeed({ feed: [] }));
          const probe = await fetch("/api/zones", { credentials: "same-origin" });
          if (probe.status === 401) { say("log in to view"); return; }
          connect();
        }

        // The page arrives with the latest picture in it, drawn before anything else is fetched: the map is there
        // at first paint, and the live stream only brings changes.
        function drawInitial() {
          const snapshot = document.getElementById("initial-snapshot"), layer = document.getElementById("initial-zones");
          if (!snapshot || !layer) return;
          zones = JSON.parse(layer.textContent);
          $("site").textContent = zones.site || "";
          const first = JSON.parse(snapshot.textContent);
          zonesDigest = first.zones_digest;
          render(first);
          // When the map was drawn, after the navigation started: the console's first-paint figure.
          document.documentElement.dataset.mapDrawnMs = performance.now().toFixed(0);
        }
        drawInitial();
        start();
        """#
}
