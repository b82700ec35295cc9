// The console's static files. Its own stylesheet and scripts are compiled in, so a moved binary
// still has them; Chart.js comes from Debian's libjs-chart.js, read from disk when installed (the
// charts then draw; without it each chart shows its table). Nothing is fetched from elsewhere.
#include <fstream>
#include <sstream>

#include "web/pages.hpp"

namespace web {

namespace {

constexpr char const* console_css = R"css(
:root{--fg:#1f2328;--muted:#656d76;--line:#d0d7de;--bg:#fff;--soft:#f6f8fa;--accent:#0969da;--bad:#cf222e;--ok:#1a7f37}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:var(--fg);background:var(--bg)}
header{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;padding:.5rem 1rem;border-bottom:1px solid var(--line);background:var(--soft)}
header .brand{font-weight:700;color:var(--fg);text-decoration:none}
header nav{display:flex;flex-wrap:wrap;gap:.25rem .75rem;flex:1}
header nav a,nav.sections a{color:var(--accent);text-decoration:none;padding:.15rem .3rem;border-radius:4px}
header nav a.active,nav.sections a.active{background:var(--accent);color:#fff}
.account{display:flex;align-items:center;gap:.5rem}
main{padding:1rem;max-width:1100px;margin:0 auto}
h1{font-size:1.4rem;margin:.2rem 0 1rem;word-break:break-all}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
h3{font-size:1rem;margin:1rem 0 .4rem}
nav.sections{display:flex;flex-wrap:wrap;gap:.3rem;margin-bottom:1rem;border-bottom:1px solid var(--line);padding-bottom:.5rem}
.muted,.help{color:var(--muted)}
.help{font-size:.85rem;margin:.2rem 0 .6rem}
.pre{white-space:pre-wrap;word-break:break-word}
.flash{white-space:pre-wrap;border:1px solid var(--accent);background:#ddf4ff;padding:.6rem .8rem;border-radius:6px;margin-bottom:1rem}
.error{color:var(--bad)}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(9rem,1fr));gap:.6rem}
.card{border:1px solid var(--line);border-radius:6px;padding:.5rem .7rem}
.card .label{color:var(--muted);font-size:.8rem}.card .value{font-size:1.2rem;font-weight:600}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9rem}
.scroll table{width:max-content;min-width:100%}
th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top;max-width:22rem;word-break:keep-all;overflow-wrap:anywhere}
td.actions{white-space:nowrap}
form.inline{display:inline}
input,select,textarea{font:inherit;padding:.3rem .4rem;border:1px solid var(--line);border-radius:4px;max-width:100%}
textarea{width:100%}
label{display:block;margin:.3rem 0}
.setting label{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center}
.setting input{flex:1;min-width:8rem}
.setting,.text{border-bottom:1px dashed var(--line);padding:.4rem 0}
button{font:inherit;padding:.3rem .7rem;border:1px solid var(--line);border-radius:4px;background:var(--soft);cursor:pointer;margin:.1rem}
button.primary{background:var(--accent);color:#fff;border-color:var(--accent)}
button.link{background:none;border:none;color:var(--accent);padding:.1rem .3rem}
.badge{font-size:.75rem;background:#fff8c5;border:1px solid #d4a72c;border-radius:10px;padding:0 .4rem}
.preview{white-space:pre-wrap;background:var(--soft);border-radius:4px;padding:.3rem .5rem;font-size:.9rem}
.preview:empty{display:none}
.preview.warn{border:1px solid var(--bad)}
details{margin:.4rem 0}
summary{cursor:pointer}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
figure{margin:1rem 0}
figure.chart canvas{max-height:320px;width:100%}
.heatmap .days{display:grid;grid-auto-flow:column;grid-template-rows:repeat(7,12px);gap:3px;overflow-x:auto}
.day{width:12px;height:12px;border-radius:2px;background:#ebedf0}
.day.l1{background:#9be9a8}.day.l2{background:#40c463}.day.l3{background:#30a14e}.day.l4{background:#216e39}
.filter{width:100%;margin:.4rem 0}
ul.log{list-style:none;padding:0;font-family:ui-monospace,monospace;font-size:.8rem}
.level.error,.level.critical{color:var(--bad)}.level.warning{color:#9a6700}
.sandbox .transcript{height:55vh;overflow-y:auto;border:1px solid var(--line);border-radius:6px;padding:.5rem;background:var(--soft);font-size:.9rem;white-space:pre-wrap;word-break:break-word}
.sandbox .transcript .me{color:var(--accent)}
.say{display:flex;flex-wrap:wrap;gap:.4rem;margin:.5rem 0;align-items:center}
.say label{margin:0}
.say input{flex:1;min-width:10rem}
.controls{display:flex;flex-wrap:wrap;gap:.3rem}
@media (max-width:600px){main{padding:.6rem}header{padding:.4rem .6rem}th,td{padding:.3rem}h1{font-size:1.2rem}}
)css";

constexpr char const* console_js = R"js(
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // Buttons that act on money or members ask first.
  document.querySelectorAll("button[data-confirm]").forEach(b => {
    b.addEventListener("click", e => { if (!window.confirm(b.dataset.confirm)) e.preventDefault(); });
  });
  // Filters over long lists.
  document.querySelectorAll("input.filter").forEach(box => {
    box.addEventListener("input", () => {
      const q = box.value.trim().toLowerCase();
      document.querySelectorAll(box.dataset.filter).forEach(el => {
        el.style.display = !q || el.textContent.toLowerCase().includes(q) ? "" : "none";
      });
    });
  });
  // Texts: a live preview with sample values, and a warning for placeholders the text does not have.
  document.querySelectorAll("textarea[data-placeholders]").forEach(area => {
    const known = area.dataset.placeholders.split(" ").filter(Boolean);
    const preview = area.closest("form").querySelector(".preview");
    const show = () => {
      const used = [...area.value.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map(m => "{" + m[1] + "}");
      const unknown = used.filter(p => !known.includes(p));
      let text = area.value;
      known.forEach(p => { text = text.split(p).join("‹" + p.slice(1, -1) + "›"); });
      preview.textContent = unknown.length ? "未知的占位符：" + unknown.join(" ") + "\n" + text : text;
      preview.classList.toggle("warn", unknown.length > 0);
    };
    area.addEventListener("input", show);
  });
  // Charts, when Debian's Chart.js is served; the table beside each chart has the same figures.
  if (window.Chart) {
    document.querySelectorAll("canvas[data-chart]").forEach(c => {
      const d = JSON.parse(c.dataset.chart);
      new window.Chart(c, {type: d.kind, data: {labels: d.labels,
        datasets: d.series.map(s => ({label: s.name, data: s.values, tension: 0.2}))},
        options: {animation: false, responsive: true, maintainAspectRatio: false}});
    });
  }
});
)js";

constexpr char const* sandbox_js = R"js(
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const log = document.getElementById("transcript");
  const form = document.getElementById("say");
  const line = document.getElementById("line");
  const as = document.getElementById("as");
  const state = document.getElementById("sandbox-state");
  let ws;
  const add = text => {
    const div = document.createElement("div");
    div.textContent = text;
    log.appendChild(div);
    log.scrollTop = log.scrollHeight;
  };
  const connect = () => {
    ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/sandbox/ws");
    ws.onopen = () => { state.textContent = "已连接"; document.body.dataset.sandbox = "open"; };
    ws.onclose = () => { state.textContent = "连接已断开，3 秒后重连…"; document.body.dataset.sandbox = "closed"; setTimeout(connect, 3000); };
    ws.onmessage = e => {
      const m = JSON.parse(e.data);
      if (m.history) { log.textContent = ""; m.history.forEach(add); }
      if (m.line !== undefined) add(m.line);
    };
  };
  const send = text => {
    if (!ws || ws.readyState !== WebSocket.OPEN || !text) return;
    ws.send(JSON.stringify({as: as.value, text}));
  };
  form.addEventListener("submit", e => { e.preventDefault(); send(line.value.trim()); line.value = ""; line.focus(); });
  document.querySelectorAll("button.control").forEach(b => b.addEventListener("click", () => {
    const text = b.dataset.line;
    if (text.endsWith(" ")) { line.value = text; line.focus(); } else send(text);
  }));
  connect();
});
)js";

}  // namespace

std::optional<asset> find_asset(std::string const& name) {
    if (name == "console.css") return asset{console_css, "text/css; charset=utf-8"};
    if (name == "console.js") return asset{console_js, "text/javascript; charset=utf-8"};
    if (name == "sandbox.js") return asset{sandbox_js, "text/javascript; charset=utf-8"};
    if (name == "chart.js") {
        static std::optional<std::string> chart = [] () -> std::optional<std::string> {
            std::ifstream in("/usr/share/javascript/chart.js/chart.min.js", std::ios::binary);
            if (!in) return std::nullopt;
            std::ostringstream body;
            body << in.rdbuf();
            return body.str();
        }();
        if (!chart) return asset{"/* libjs-chart.js is not installed: charts show as tables */", "text/javascript; charset=utf-8"};
        return asset{*chart, "text/javascript; charset=utf-8"};
    }
    return std::nullopt;
}

}  // namespace web
