// The instructor's dashboard: every table live, with the hidden values only the instructor sees, and the
// controls of the session. The key in the address is sent with every request; the server checks it.
"use strict";

const KEY = new URLSearchParams(location.search).get("key") || "";
let send = () => {};
let scenario = null;
let status = null; // the whole class as last sent; updates replace the cards of the tables that changed
let offset = 0; // the server's clock minus this page's, in seconds

function say(message) {
  const box = document.getElementById("error");
  box.textContent = message || "";
  box.hidden = !message;
}

function name(id) {
  return scenario && scenario.actors[id] ? scenario.actors[id].name : id;
}

function command(type, extra) {
  say("");
  document.getElementById("notice").hidden = true;
  send(Object.assign({ type: type }, extra || {}));
}

document.getElementById("start").addEventListener("click", () => command("start"));
document.getElementById("seat").addEventListener("click", () => command("seat_lobby"));
document.getElementById("lock").addEventListener("click", () => command("lock", { locked: !status.locked }));
document.getElementById("pause-all").addEventListener("click", () => command("pause"));
document.getElementById("resume-all").addEventListener("click", () => command("resume"));
document.getElementById("end").addEventListener("click", () => {
  if (confirm("End the session? Every table stops where it is.")) command("end");
});
document.getElementById("debrief").href = "/debrief?names=hidden&key=" + encodeURIComponent(KEY);
document.getElementById("debrief-names").href = "/debrief?key=" + encodeURIComponent(KEY);
document.getElementById("csv").href = "/class.csv?key=" + encodeURIComponent(KEY);
document.getElementById("zip").href = "/transcripts.zip?key=" + encodeURIComponent(KEY);

document.getElementById("limit-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const minutes = parseFloat(document.getElementById("limit").value);
  command("limit", { seconds: Number.isFinite(minutes) && minutes > 0 ? Math.round(minutes * 60) : null,
                     on_expiry: document.getElementById("expiry").value });
});
document.getElementById("inject-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const raw = document.getElementById("inject-tables").value.trim();
  const tables = raw ? raw.split(/[\s,]+/).filter(Boolean).map(Number) : null;
  if (tables && tables.some((n) => !Number.isInteger(n))) {
    say("Tables are numbers, e.g. 1, 3, 5 (or leave it empty for every table).");
    return;
  }
  command("inject", { event: document.getElementById("event").value, tables: tables });
});
document.getElementById("extend-all").addEventListener("click", () => command("extend", { seconds: 60 }));

function clock(seconds) {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

function playedBy(player) {
  const [kind, level] = player.split(":");
  const who = kind === "ai" ? "the AI" : kind === "bot" ? "a bot" : "a person";
  return level ? `${who} (${level})` : who;
}

function meterLabel(id) {
  const meter = scenario.meters.find((m) => m.id === id);
  return meter ? meter.label : id;
}

function seatLine(t, s) {
  const people = s.students.map((p) => `${p.name}${p.online ? "" : " (offline)"}`).join(", ");
  const standIn = s.seat in t.stand_ins;
  const who = s.students.length
    ? people + (standIn ? " (the AI plays for them)" : "")
    : playedBy(s.player);
  const hand = s.students.length && !t.watch.outcome
    ? el("button", { type: "button", class: "small", onclick: () => {
      if (standIn || confirm(`Hand ${name(s.seat)} at table ${t.number} to the AI? It plays at once, until you give the seat back.`)) {
        command("hand_over", { table: t.number, seat: s.seat, to_ai: !standIn });
      }
    } }, standIn ? "Give back to the student" : "Hand to the AI")
    : null;
  return el("li", {}, el("strong", { text: name(s.seat) }), ": ", who, " ", hand);
}

function tableCard(t) {
  const w = t.watch;
  const seats = t.seats.map((s) => seatLine(t, s));
  const sides = w.sides.map((s) => el("tr", {},
    el("td", { text: name(s.seat) }),
    el("td", { text: s.offer_worth === null ? "–" : fixed(s.offer_worth) }),
    el("td", { text: fixed(s.reservation) }),
    el("td", { text: s.accepted ? "yes" : "" })));
  const line = w.outcome ? `Over: ${w.outcome.replace("_", " ")}` : `Turn ${w.turn} of ${scenario.deadline}` +
    (w.to_move ? `, ${name(w.to_move)} to move` : "");
  return el("article", { class: "panel" + (t.paused ? " paused" : ""), "aria-label": `Table ${t.number}` },
    el("h3", { text: `Table ${t.number}` + (t.paused ? " (paused)" : "") }),
    el("ul", {}, seats),
    el("p", {}, line, " ", el("span", { class: "clock", "data-deadline": t.deadline_at, "data-since": t.waiting_since })),
    el("p", {}, el("strong", { text: "On the table: " }), w.offer || "nothing yet"),
    el("table", {}, el("tr", {}, ["Side", "Offer worth", "No deal", "Accepted"].map((h) => el("th", { text: h }))), sides),
    w.scores.length ? el("p", { text: "Scores: " + w.scores.map(([s, u, sc]) => `${name(s)} ${fixed(sc)}`).join(", ") }) : null,
    el("p", { class: "muted", text: w.meters.map(([m, v]) => `${meterLabel(m)} ${fixed(v)}`).join(" · ") }),
    t.flags.length ? el("p", { class: "flags", text: t.flags.join(" · ") }) : null,
    w.injected.length ? el("p", { class: "muted", text: `Fired by you, at the next round: ${w.injected.join(", ")}` }) : null,
    w.outcome ? null : el("div", { class: "controls" },
      el("button", { type: "button", onclick: () => command(t.paused ? "resume" : "pause", { tables: [t.number] }) },
        t.paused ? "Resume this table" : "Pause this table"),
      t.deadline_at !== null ? el("button", { type: "button", onclick: () => command("extend", { seconds: 60, tables: [t.number] }) },
        "One more minute") : null));
}

function serverNow() {
  return Date.now() / 1000 + offset;
}

// the clocks of the tables, counted down here between updates: the time left for a move, and how long a table
// has waited for a person (flagged as stalled after a while)
function tickClocks() {
  if (!status) return;
  for (const span of document.querySelectorAll("span.clock")) {
    const deadline = parseFloat(span.dataset.deadline);
    const since = parseFloat(span.dataset.since);
    const waited = Number.isFinite(since) ? serverNow() - since : 0;
    const parts = [];
    if (Number.isFinite(deadline)) parts.push(`${clock(deadline - serverNow())} left`);
    if (waited >= status.stalled_after) parts.push(`stalled ${Math.floor(waited / 60)} min`);
    span.textContent = parts.length ? `(${parts.join("; ")})` : "";
    span.className = "clock" + (waited >= status.stalled_after ? " flags" : "");
  }
}
setInterval(tickClocks, 1000);

const cards = new Map(); // table number -> {json, node}: a card is rebuilt only when its table changed

function placeCards(tables) {
  const box = document.getElementById("tables");
  const wanted = [];
  for (const t of tables) {
    const json = JSON.stringify(t);
    let found = cards.get(t.number);
    if (!found || found.json !== json) {
      const node = tableCard(t);
      if (found) found.node.replaceWith(node);
      found = { json: json, node: node };
      cards.set(t.number, found);
    }
    wanted.push(found.node);
  }
  wanted.forEach((node, n) => {
    if (box.children[n] !== node) box.insertBefore(node, box.children[n] || null);
  });
  while (box.children.length > wanted.length) box.lastChild.remove();
}

function render() {
  scenario = status.scenario;
  document.getElementById("title").textContent = `Détente: ${scenario.title}`;
  const over = status.tables.filter((t) => t.watch.outcome).length;
  document.getElementById("summary").textContent =
    `Room code ${status.code} · ${status.tables.length} table${status.tables.length === 1 ? "" : "s"} (${over} finished) · ` +
    (status.ended ? "session ended" : status.started ? "session running" : "not started");
  document.getElementById("start").disabled = status.started || status.ended;
  document.getElementById("lock").textContent = status.locked ? "Open the room to new students" : "Close the room to new students";
  const events = document.getElementById("event");
  if (!events.options.length) {
    fill("event", status.events.map((e) => el("option", { value: e.id }, e.title)));
  }
  const limit = document.getElementById("limit");
  if (document.activeElement !== limit) limit.value = status.turn_limit ? status.turn_limit / 60 : "";
  if (document.activeElement !== document.getElementById("expiry")) document.getElementById("expiry").value = status.on_expiry;
  fill("lobby", status.lobby.length
    ? [el("p", { text: `Waiting to be seated (${status.lobby.length}; only those with the page open are seated):` }),
       el("ul", { class: "lobby" }, status.lobby.map((s) => el("li", {}, s.name + (s.online ? "" : " (page closed)"), " ",
         el("button", { type: "button", class: "small", onclick: () => command("remove", { student: s.id }) }, "Remove"))))]
    : el("p", { text: "No one is waiting to be seated." }));
  document.getElementById("limit-now").textContent = status.turn_limit
    ? `Now: ${clock(status.turn_limit)} for each move; when it runs out, ${status.on_expiry === "ai" ? "the AI moves for the seat" : "the seat passes"}.`
    : "Now: no time limit.";
  placeCards(status.tables);
  tickClocks();
}

send = connect("/ws/dashboard?key=" + encodeURIComponent(KEY), () => {}, (data) => {
  if (data.type === "status") {
    status = data;
    offset = data.now - Date.now() / 1000;
    render();
  } else if (data.type === "tables" && status) {
    offset = data.now - Date.now() / 1000;
    const changed = new Map(data.tables.map((t) => [t.number, t]));
    status.tables = status.tables.map((t) => changed.get(t.number) || t);
    for (const t of data.tables) if (!status.tables.some((x) => x.number === t.number)) status.tables.push(t);
    render();
  }
  else if (data.type === "error") say(data.message);
  else if (data.type === "notice") {
    const notice = document.getElementById("notice");
    notice.textContent = data.message;
    notice.hidden = false;
  }
}, (state) => {
  const link = document.getElementById("link");
  link.textContent = state === "online" ? "Live" : "Reconnecting…";
  link.className = "link " + state;
  if (state !== "online") {
    // a server that came back with --resume has a new key: this page's no longer opens the dashboard
    fetch(location.href, { method: "HEAD", cache: "no-store" }).then((response) => {
      if (response.status === 403) {
        say("This dashboard's key is no longer valid: the server was restarted. Open the new dashboard address it printed.");
        link.textContent = "Key no longer valid";
      }
    }).catch(() => {});
  }
});
