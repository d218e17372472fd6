// The reload loop in a real browser: headless Chromium on a page of `rapport serve`, a chapter
// edited N times (time from save to the new text on screen), then a data file broken (the
// error page must appear by itself) and fixed (the page must come back by itself).
//
//   node --experimental-websocket Tests/RapportServeTests/browser_reload.mjs .build/release/rapport [edits]
//
// Works on a copy of Content/ and Templates/ in a temporary folder; needs `chromium`.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const rapport = resolve(process.argv[2] ?? ".build/release/rapport");
const edits = Number(process.argv[3] ?? 20);
const work = mkdtempSync(join(tmpdir(), "rapport-browser-"));
for (const folder of ["Content", "Templates"]) cpSync(folder, join(work, folder), { recursive: true });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const children = [];
const cleanUp = () => { for (const child of children) child.kill("SIGKILL"); rmSync(work, { recursive: true, force: true }); };

try {
  // The server, on any free port.
  const server = spawn(rapport, ["serve", "--port", "0"], { cwd: work, stdio: ["ignore", "pipe", "ignore"] });
  children.push(server);
  const builds = [];  // ms, from the server's "built … in N ms" lines
  const port = await new Promise((ok, fail) => {
    let text = "";
    server.stdout.on("data", (d) => {
      for (const m of String(d).matchAll(/^built .* in (\d+) ms/gm)) builds.push(Number(m[1]));
      text += d; const m = text.match(/serving http:\/\/127\.0\.0\.1:(\d+)\//); if (m) ok(m[1]);
    });
    server.on("exit", () => fail(new Error("server exited")));
  });

  // Chromium with the DevTools protocol.
  const profile = join(work, "chromium");
  const browser = spawn("chromium", ["--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0",
    `--user-data-dir=${profile}`, "about:blank"], { stdio: "ignore" });
  children.push(browser);
  while (!existsSync(join(profile, "DevToolsActivePort"))) await sleep(50);
  const devtools = readFileSync(join(profile, "DevToolsActivePort"), "utf8").split("\n")[0];
  let targets = [];
  while (!targets.some((t) => t.type === "page")) {
    targets = await (await fetch(`http://127.0.0.1:${devtools}/json/list`)).json();
    await sleep(50);
  }
  const socket = new WebSocket(targets.find((t) => t.type === "page").webSocketDebuggerUrl);
  await new Promise((ok) => socket.addEventListener("open", ok));
  let nextId = 1;
  const pending = new Map();
  const loads = [];
  socket.addEventListener("message", (event) => {
    const message = JSON.parse(event.data);
    if (message.id && pending.has(message.id)) { pending.get(message.id)(message.result); pending.delete(message.id); }
    if (message.method === "Page.loadEventFired") loads.push(performance.now());
  });
  const send = (method, params = {}) => new Promise((ok) => {
    const id = nextId++;
    pending.set(id, ok);
    socket.send(JSON.stringify({ id, method, params }));
  });
  const evaluate = async (expression) => (await send("Runtime.evaluate", { expression, returnByValue: true })).result.value;
  const until = async (what, condition, timeout = 15000) => {  // polls `condition`
    const start = performance.now();
    while (performance.now() - start < timeout) { if (await condition()) return performance.now(); await sleep(10); }
    throw new Error(`timed out: ${what}`);
  };
  await send("Page.enable");
  await send("Page.navigate", { url: `http://127.0.0.1:${port}/nl/profiel/` });
  await until("the page", async () => (await evaluate("document.readyState")) === "complete" && (await evaluate("document.title")).length > 0);
  await sleep(300);
  // For reference: how long the browser takes to load this page at all (no rebuild involved).
  const plain = [];
  for (let i = 0; i < 5; i++) {
    const checked = loads.length;
    const start = performance.now();
    await send("Page.reload", { ignoreCache: true });
    await until("the reload", async () => loads.length > checked);
    plain.push(loads[loads.length - 1] - start);
  }
  plain.sort((a, b) => a - b);
  console.log(`browser: loading the page alone (reload to load event): median ${plain[2].toFixed(0)} ms`);

  // 1. Edits: from saving the file to the new sentence on screen.
  const chapter = join(work, "Content/nl/profile.md");
  const original = readFileSync(chapter, "utf8");
  const times = [];
  for (let i = 0; i < edits; i++) {
    const marker = `Meetpunt ${i} ${Math.floor(Math.random() * 1e9)}.`;
    await sleep(200 + Math.random() * 200);
    const saved = performance.now();
    writeFileSync(chapter, original + `\n${marker}\n`);
    // Wait for the reload's load event (no polling of the page meanwhile: that would take CPU
    // from the build), then check the new sentence is there.
    let seen = 0;
    for (let checked = loads.length; !seen; ) {
      await until("a reload", async () => loads.length > checked);
      checked = loads.length;
      if (await evaluate(`document.body.textContent.includes(${JSON.stringify(marker)})`)) seen = loads[checked - 1];
    }
    times.push(seen - saved);
  }
  writeFileSync(chapter, original);
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const rebuilds = builds.slice(1).sort((a, b) => a - b);
  console.log(`browser: ${edits} edits, save → new text on screen: median ${median.toFixed(0)} ms, min ${times[0].toFixed(0)} ms, ` +
    `max ${times[times.length - 1].toFixed(0)} ms; the full builds took median ${rebuilds[Math.floor(rebuilds.length / 2)]} ms`);

  // 2. A broken data file: the error page comes by itself; fixed: the page comes back.
  const csv = join(work, "Content/data/profile/years-active.csv");
  const good = readFileSync(csv, "utf8");
  const lines = good.split("\n");
  lines[1] = lines[1].replace(/,(\d+)(,|$)/, ",<b>8O</b>$2");
  writeFileSync(csv, lines.join("\n"));
  await until("the error page", async () => (await evaluate("document.title")).startsWith("Build failed"));
  const bold = await evaluate("document.querySelectorAll('main b').length");
  const text = await evaluate("document.querySelector('main').innerText");
  if (bold !== 0 || !text.includes("years-active.csv:2:") || !text.includes("<b>8O</b>")) throw new Error(`error page wrong: ${text.slice(0, 400)}`);
  console.log(`browser: error page shown by itself: ${text.split("\n").find((l) => l.includes("years-active.csv"))}`);
  writeFileSync(csv, good);
  await until("the page back", async () => !(await evaluate("document.title")).startsWith("Build failed"));
  console.log("browser: page back by itself after the fix");
  socket.close();
} finally {
  cleanUp();
}
process.exit(0);
