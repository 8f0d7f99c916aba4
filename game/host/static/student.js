// The student's page: join the room, then play one seat of a table from what the server sends for it.
// The server decides everything; this page lays out the seat's view and sends moves in the game's notation.
"use strict";

const TOKEN_KEY = "detente-seat:" + location.host;
let scenario = null;
let view = null;
let building = null; // the package being built: an option id (or null, left open) per issue
let builtAt = -1; // the move count the builder was last reset at
let send = () => {};
let debriefShown = false;

const PLAIN = ["accept", "reject", "promise", "reassure", "statement", "pass", "walkout"];

function say(message) {
  const box = document.getElementById("error");
  box.textContent = message || "";
  box.hidden = !message;
}

function label(kind) {
  const spec = scenario && scenario.moves[kind];
  return spec && spec.label ? spec.label : kind.charAt(0).toUpperCase() + kind.slice(1);
}

function actorName(id) {
  return scenario && scenario.actors[id] ? scenario.actors[id].name : id;
}

function move(text) {
  say("");
  send({ type: "move", move: text, seen: view.moves_seen });
}

// joining ------------------------------------------------------------------------------------------
function showJoin() {
  const params = new URLSearchParams(location.search);
  const room = document.getElementById("room");
  if (!room.value && params.get("room")) room.value = params.get("room").toUpperCase();
  show("join", true);
  show("lobby", false);
  show("game", false);
  (room.value ? document.getElementById("name") : room).focus();
}

// a shared computer: the next student must not find the last one's seat
document.getElementById("leave").addEventListener("click", () => {
  if (!confirm("Leave this device? Do it when you have finished: the next person to use it will not see your " +
               "game. You cannot come back to your seat afterwards.")) return;
  localStorage.removeItem(TOKEN_KEY);
  location.reload();
});

document.getElementById("join-form").addEventListener("submit", (event) => {
  event.preventDefault();
  send({ type: "join", room: document.getElementById("room").value.trim(),
         name: document.getElementById("name").value.trim() });
});

function onOpen(sendNow) {
  send = sendNow;
  const token = localStorage.getItem(TOKEN_KEY);
  if (token) sendNow({ type: "hello", token: token });
  else showJoin();
}

function onMessage(data) {
  if (data.type === "welcome") {
    if (data.token) localStorage.setItem(TOKEN_KEY, data.token);
    show("leave", true);
    scenario = data.scenario;
    document.getElementById("title").textContent = "Détente: " + scenario.title;
    say("");
  } else if (data.type === "error") {
    if (data.message.startsWith("this seat token is not known")) {
      localStorage.removeItem(TOKEN_KEY);
      showJoin();
    }
    say(data.message);
  } else if (data.type === "lobby") {
    show("join", false);
    show("game", false);
    show("lobby", true);
    document.getElementById("lobby-title").textContent = "You are in, " + data.name;
    document.getElementById("lobby-text").textContent = data.ended
      ? "The session has ended."
      : data.started
        ? "The session has started: your instructor will seat you at a table in a moment."
        : "Wait for your instructor to start the session: you will be seated at a table.";
  } else if (data.type === "page") {
    render(data.view);
  } else if (data.type === "value") {
    showWorth(data.verdict);
  }
}

function onState(state, reason) {
  const link = document.getElementById("link");
  link.textContent = state === "online" ? "Connected" : state === "refused"
    ? "Disconnected by the server" + (reason ? ": " + reason : "") : "Reconnecting…";
  link.className = "link " + state;
}

// the game ------------------------------------------------------------------------------------------
function render(next) {
  const first = view === null;
  view = next;
  show("join", false);
  show("lobby", false);
  show("game", true); // after the game too: the record and the role card stay for the write-up
  const me = actorName(view.seat) + (view.team && view.team.length ? `, with ${view.team.join(" and ")}` : "");
  const whose = view.debrief ? "the talks are over" : view.to_move === view.seat
    ? (view.event ? "your choice" : view.answers ? "your answer" : "your move")
    : view.to_move ? actorName(view.to_move) + " to move" : "";
  document.getElementById("heading").textContent =
    `Table ${view.table} · you are ${me} · ${view.heading} · ${whose}`;
  show("ended", view.ended && !view.debrief);
  show("paused", view.paused && !view.ended && !view.debrief);
  show("stand-in", view.stand_in && !view.debrief);
  startTimer(view.time_left);
  renderOffer();
  renderEvent();
  renderQuestion();
  renderMoves();
  renderMeters();
  renderLog();
  renderHints();
  if (first) {
    renderCard();
    // a game's first page: the student reads who they are before the first decision
    document.getElementById("card-box").open = view.moves_seen <= 1 && !view.debrief;
  }
  show("debrief", !!view.debrief);
  if (view.debrief) {
    renderDebrief(view.debrief);
    if (!debriefShown) document.getElementById("debrief").scrollIntoView();
    debriefShown = true;
  }
}

let timer = null;

function startTimer(seconds) {
  clearInterval(timer);
  const box = document.getElementById("timer");
  if (seconds === null || seconds === undefined || view.debrief) {
    box.hidden = true;
    return;
  }
  const end = Date.now() + seconds * 1000;
  const tick = () => {
    const left = Math.max(0, Math.round((end - Date.now()) / 1000));
    const mine = view.to_move === view.seat;
    box.textContent = `${mine ? "Time left for your move" : "Time left for " + actorName(view.to_move) + "'s move"}: ` +
      `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
    box.className = "banner" + (mine && left <= 30 ? " urgent" : "");
  };
  box.hidden = false;
  tick();
  timer = setInterval(tick, 1000);
}

function renderOffer() {
  const offer = view.offer;
  if (!offer) {
    fill("offer-text", "Nothing yet. Propose a package, or wait for another side's.");
    fill("offer-verdict");
    fill("acceptance");
    show("offer-warning", false);
    return;
  }
  const who = offer.by === view.seat ? "Your offer" : actorName(offer.by) + "'s offer";
  fill("offer-text", el("strong", { text: who }), ` (turn ${offer.turn}): `, view.offer_text);
  const v = view.offer_verdict;
  const worth = document.getElementById("offer-verdict");
  worth.className = "verdict " + v.tone;
  worth.textContent = `Worth to you: ${fixed(v.worth)}` +
    (v.reservation !== null ? ` (no deal: ${fixed(v.reservation)})` : "") + ` · ${v.text}`;
  const warning = document.getElementById("offer-warning");
  warning.textContent = view.offer_warning || "";
  warning.hidden = !view.offer_warning;
  const waiting = scenario.negotiators.filter((s) => !view.accepted.includes(s));
  fill("acceptance", view.accepted.length
    ? `Accepted by ${view.accepted.map(actorName).join(", ")}` + (waiting.length ? `; awaiting ${waiting.map(actorName).join(", ")}` : "")
    : "");
}

function renderEvent() {
  const event = view.event;
  show("event", !!event);
  if (!event) return;
  document.getElementById("event-title").textContent = event.title || "An event";
  document.getElementById("event-ask").textContent = event.ask || "How do you answer it?";
  fill("event-choices", event.choices.map((c) => el("button", {
    type: "button", class: "choice", disabled: view.paused,
    onclick: () => move(`choose ${event.id} ${c.id}`),
  }, el("strong", { text: c.label }), c.text ? el("span", { text: c.text }) : null)));
}

function renderQuestion() {
  const answers = view.answers;
  show("question", !!answers);
  if (!answers) return;
  document.getElementById("question-text").textContent = view.question_text;
  fill("answers", answers.map((a) => el("button", {
    type: "button", class: "choice", disabled: view.paused, onclick: () => move(`answer ${a.manner}`),
  }, el("strong", { text: a.label }), el("span", { text: `You say: "${a.says}"` }), el("span", { text: a.reveals }))));
}

function renderMoves() {
  const kinds = view.kinds || [];
  const mine = kinds.length > 0 && !view.event && !view.answers && !view.ended;
  document.getElementById("wait").textContent = view.over ? "The talks are over: the debrief is above."
    : view.ended ? "The session has ended." : mine ? "" : view.event ? "Answer the event first."
    : view.answers ? "Answer the question first."
    : view.to_move ? `Waiting for ${actorName(view.to_move)}.` : "";
  show("builder", mine && kinds.includes("propose"));
  if (mine && kinds.includes("propose")) renderBuilder();
  fill("buttons", mine ? PLAIN.filter((k) => kinds.includes(k)).map((k) => el("button", {
    type: "button", class: k === "walkout" ? "danger" : k === "accept" ? "primary" : "",
    disabled: view.paused, onclick: () => plain(k),
  }, label(k))) : []);
  const aimed = [];
  if (mine) {
    for (const kind of ["question", "threaten", "press"]) {
      if (!kinds.includes(kind)) continue;
      const aims = view.addressees[kind] || [""];
      const parts = [];
      let aim = null;
      if (aims.length > 1 || (aims[0] && kind === "press")) {
        aim = el("select", { "aria-label": `${label(kind)}: whom` },
          aims.map((s) => el("option", { value: s }, actorName(s).split(" (")[0])));
        parts.push(aim);
      }
      let issue = null;
      if (kind === "question") {
        issue = el("select", { "aria-label": "Ask about which issue" },
          scenario.issues.map((i) => el("option", { value: i.id }, i.title)));
        parts.push(issue);
      }
      parts.push(el("button", { type: "button", disabled: view.paused, onclick: () => {
        const words = [kind];
        if (aim) words.push(aim.value);
        if (issue) words.push(issue.value);
        move(words.join(" "));
      } }, label(kind)));
      aimed.push(el("div", { class: "row" }, parts));
    }
    if (kinds.includes("consult") && view.consultable.length) {
      const whom = el("select", { "aria-label": "Consult whom" },
        view.consultable.map((s) => el("option", { value: s }, actorName(s).split(" (")[0])));
      aimed.push(el("div", { class: "row" }, whom, el("button", {
        type: "button", disabled: view.paused, onclick: () => move(`consult ${whom.value}`),
      }, label("consult"))));
    }
  }
  fill("aimed", aimed);
}

function plain(kind) {
  if (kind === "walkout" && !confirm("Walk out of the talks? The game ends with no deal.")) return;
  if (kind === "accept" && view.accept_warning && !confirm(`${view.accept_warning} Accept it anyway?`)) return;
  move(kind);
}

function lastOwnOffer() {
  for (let i = view.offers.length - 1; i >= 0; i--) if (view.offers[i].by === view.seat) return view.offers[i].package;
  return null;
}

function renderBuilder() {
  if (building === null || builtAt < 0) {
    const own = lastOwnOffer();
    building = scenario.issues.map((issue, i) => (own && own[i] >= 0 ? issue.options[own[i]].id : null));
  }
  builtAt = view.moves_seen;
  const issues = scenario.issues.map((issue, i) => {
    const id = `issue-${issue.id}`;
    const select = el("select", { id: id, onchange: (e) => {
      building[i] = e.target.value || null;
      ask();
    } }, el("option", { value: "" }, "(leave open)"),
    issue.options.map((o, k) => el("option", { value: o.id, selected: building[i] === o.id },
      o.label + (view.option_marks[i][k].length ? ` (${view.option_marks[i][k].join("; ")})` : ""))));
    return el("div", { class: "issue" }, el("label", { for: id, text: issue.title }), select);
  });
  fill("issues", issues);
  ask();
}

function ask() {
  if (building.every((x) => x === null)) {
    showWorth(null);
    return;
  }
  send({ type: "value", package: building });
}

function showWorth(v) {
  const worth = document.getElementById("worth");
  const button = document.getElementById("propose");
  if (!v) {
    worth.className = "verdict muted";
    worth.textContent = "Choose at least one option.";
    button.disabled = true;
    return;
  }
  worth.className = "verdict " + v.tone;
  worth.textContent = `Worth to you: ${fixed(v.worth)} of your best ${fixed(v.best)}` +
    (v.reservation !== null ? `, no deal ${fixed(v.reservation)}` : "") + ` · ${v.text}`;
  button.disabled = view.paused;
}

document.getElementById("builder").addEventListener("submit", (event) => {
  event.preventDefault();
  const words = scenario.issues.map((issue, i) => (building[i] ? `${issue.id}=${building[i]}` : null)).filter(Boolean);
  if (!words.length) return;
  move("propose " + words.join(" "));
});

function renderMeters() {
  fill("meters", scenario.meters.map((m) => {
    const value = view.meters[m.id];
    const high = m.escalate_at !== null && value >= m.escalate_at - 0.12;
    return [el("dt", { text: m.label, title: m.description || "" }),
      el("dd", { class: high ? "warning" : "" }, el("meter", m.escalate_at !== null
        ? { min: 0, max: 1, value: value, low: m.warn_at ?? m.escalate_at - 0.25, high: m.escalate_at - 0.12,
            optimum: 0, "aria-label": m.label }
        : { min: 0, max: 1, value: value, "aria-label": m.label }),
        ` ${fixed(value)}`, m.escalate_at !== null ? ` (breaks down at ${fixed(m.escalate_at)})` : "")];
  }));
}

let heard = -1; // how many lines of the record were on the page: screen readers are told only the new ones

function renderLog() {
  const box = document.getElementById("log");
  if (heard >= 0 && view.log.length > heard) {
    document.getElementById("announce").textContent = view.log.slice(heard).map((e) => e.text).join(" ");
  }
  heard = view.log.length;
  const atEnd = box.scrollTop + box.clientHeight >= box.scrollHeight - 8;
  let turn = 0;
  const lines = [];
  for (const entry of view.log) {
    if (entry.turn !== turn && entry.kind !== "outcome") {
      turn = entry.turn;
      lines.push(el("h3", { text: scenario.turn_headings[turn - 1] || `Turn ${turn}` }));
    }
    if (entry.kind === "event") {
      lines.push(el("p", { class: "event" }, el("strong", { text: "Event: " }), entry.text));
    } else if (entry.kind === "outcome") {
      lines.push(el("p", { class: "outcome" }, el("strong", { text: entry.text })));
    } else {
      const who = entry.actor === view.seat ? (entry.by_ai ? "The AI, for you" : "You")
        : (entry.speaker || actorName(entry.actor)).split(",")[0];
      lines.push(el("p", { class: entry.actor === view.seat ? "mine" : "" }, el("strong", { text: who + ": " }), entry.text,
        (view.practice && entry.reason && entry.actor !== view.seat && entry.kind !== "choice") || entry.by_ai
          ? el("span", { class: "why" }, " Why: " + entry.reason) : null));
    }
  }
  fill("log", lines);
  if (atEnd) box.scrollTop = box.scrollHeight;
}

function renderHints() {
  show("hints-box", view.hints.length > 0);
  fill("hints", view.hints.map((h) => el("li", { text: h })));
}

function renderCard() {
  const card = view.card;
  const parts = [el("p", { text: card.briefing || `You are ${card.you}, for ${card.side}.` })];
  parts.push(el("h3", { text: "Your priorities" }));
  if (card.priorities_note) parts.push(el("p", { class: "muted", text: card.priorities_note }));
  parts.push(el("table", {},
    el("tr", {}, el("th", { text: "Issue" }), el("th", { text: "Weight" }), el("th", { text: "Options (value to you, 0 to 1)" })),
    card.priorities.map((p) => el("tr", {}, el("td", { text: p.issue }), el("td", { text: fixed(p.weight) }),
      el("td", { text: p.options.map(([l, v]) => `${l} ${fixed(v)}`).join(" · ") })))));
  parts.push(el("p", { text: `What a package is worth to you: the sum over issues of weight × value. ` +
    `No deal is worth ${card.reservation_text} to you (your reservation); your best deal ${fixed(card.best)}.` }));
  if (card.red_lines.length) {
    parts.push(el("h3", { text: "Your red lines" }));
    parts.push(el("ul", {}, card.red_lines.map((r) => el("li", {}, el("strong", { text: r.text }), `: ${r.firmness}.`))));
  }
  if (card.own_demands.length) {
    parts.push(el("h3", { text: "What your side has demanded in public" }));
    parts.push(el("ul", {}, card.own_demands.map((d) => el("li", { text: d }))));
  }
  if (card.others.length) {
    parts.push(el("h3", { text: "Across the table" }));
    parts.push(el("ul", {}, card.others.map((o) => el("li", {}, el("strong", { text: o.name }),
      o.public_position ? `: ${o.public_position}` : "",
      o.stated_lines.length ? el("span", { class: "muted" }, ` Red lines stated: ${o.stated_lines.join("; ")}.`) : ""))));
  }
  if (card.stakeholders.length) {
    parts.push(el("h3", { text: "Stakeholders" }));
    parts.push(el("ul", {}, card.stakeholders.map((s) => el("li", {}, el("strong", { text: s.name }),
      ` (${s.plural ? "back" : "backs"} ${s.backs.join(" and ")}): ${s.verdict}.` + (s.requires_consultation ? (s.plural ? " They expect" : " It expects") + " to be consulted." : "")))));
  }
  parts.push(el("h3", { text: "Meters" }));
  parts.push(el("ul", {}, card.meters.map(([label, about]) => el("li", {}, el("strong", { text: label }), about ? `: ${about}` : ""))));
  parts.push(el("p", { class: "muted", text: `${card.deadline} rounds: ${card.deadline_label}. ${card.order}` }));
  parts.push(el("p", { class: "muted", text: card.simulated }));
  fill("card", parts);
}

function renderDebrief(d) {
  show("debrief", true);
  const mine = d.sides.find((s) => s.seat === view.seat);
  const parts = [el("h3", { text: d.title }), el("p", { text: d.text })];
  if (d.package) parts.push(el("p", {}, el("strong", { text: "The deal: " }), d.package));
  if (d.ratifications.length) {
    parts.push(el("h3", { text: "At home" }));
    parts.push(el("ul", {}, d.ratifications.map((r) => el("li", { class: r.approves ? "good" : "warning", text: r.why }))));
  }
  parts.push(el("table", {},
    el("tr", {}, ["Side", "Worth", "No deal", "Best", "Score"].map((h) => el("th", { text: h }))),
    d.sides.map((s) => el("tr", { class: s.seat === view.seat ? "mine" : "" },
      el("td", { text: s.name + (s.seat === view.seat ? " (you)" : "") }), el("td", { text: fixed(s.utility) }),
      el("td", { text: fixed(s.reservation) }), el("td", { text: fixed(s.best) }), el("td", { text: fixed(s.score) })))));
  if (mine) parts.push(el("p", { class: "muted", text: "Score: 0 is no better than no deal, 1 is your best case." }));
  for (const svg of d.charts) {
    const figure = el("figure", { class: "chart" });
    figure.innerHTML = svg; // the server's own chart: every text in it is escaped, and it holds no script
    parts.push(figure);
  }

  for (const text of d.texts) parts.push(el("p", { text: text }));
  if (d.red_lines.length) {
    parts.push(el("h3", { text: "The red lines" }));
    parts.push(el("ul", {}, d.red_lines.map((r) => el("li", { text: `${actorName(r.owner)}, ${r.issue}: ${r.verdict}` }))));
  }
  if (d.questions.length) {
    parts.push(el("h3", { text: "For discussion" }));
    parts.push(el("ul", {}, d.questions.map((q) => el("li", { text: q }))));
  }
  parts.push(el("h3", { text: "What happened in history" }));
  parts.push(el("p", { text: d.history }));
  fill("debrief-body", parts);
}

connect("/ws", onOpen, onMessage, onState);
