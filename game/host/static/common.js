// Shared by the student page and the dashboard: building elements safely (text is never parsed as HTML)
// and a WebSocket that reconnects by itself.
"use strict";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function fill(id, ...children) {
  const node = document.getElementById(id);
  node.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

function show(id, visible) {
  document.getElementById(id).hidden = !visible;
}

function fixed(x) {
  return x === null || x === undefined ? "–" : Number(x).toFixed(2);
}

// A socket to `path` that comes back after a lost connection (with a growing pause), calling
// onOpen(send) each time it opens and onMessage(data) for every message.
function connect(path, onOpen, onMessage, onState) {
  let ws = null;
  let wait = 500;
  const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + path;
  const send = (data) => {
    if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(data));
    else onState("offline");
  };
  const open = () => {
    ws = new WebSocket(url);
    ws.onopen = () => { wait = 500; onState("online"); onOpen(send); };
    ws.onmessage = (event) => { try { onMessage(JSON.parse(event.data), send); } catch (e) { console.error(e); } };
    ws.onclose = (event) => {
      onState(event.code === 1008 ? "refused" : "offline", event.reason);
      if (event.code !== 1008) setTimeout(open, wait);
      wait = Math.min(wait * 2, 8000);
    };
  };
  open();
  return send;
}
