/* Places to write on the course site: each box marked "Your answer" (a markdown cell tagged
   "response", staged as a .response-box container) gets a text area. What a student types is
   kept in this browser only (localStorage, per page and box) and never sent anywhere; the
   buttons print the page with the answers, or save them to a text file. */
(function () {
  "use strict";
  const KEY = "course-answers:" + location.pathname + "#";

  function load(n) {
    try { return localStorage.getItem(KEY + n) || ""; } catch (e) { return ""; }
  }
  function store(n, text) {
    try { localStorage.setItem(KEY + n, text); } catch (e) { /* storage off: the box still works */ }
  }

  function promptOf(box) {
    const copy = box.cloneNode(true);
    copy.querySelectorAll(".course-answer").forEach(el => el.remove());
    return copy.innerText.replace(/\s+/g, " ").trim();
  }

  function saveAll(boxes) {
    const title = document.querySelector("h1") ? document.querySelector("h1").innerText : document.title;
    const parts = [title.replace(/#$/, "").trim(), location.href, ""];
    boxes.forEach((box, n) => {
      parts.push(`${n + 1}. ${promptOf(box)}`, "", load(n) || "(no answer yet)", "");
    });
    const blob = new Blob([parts.join("\n")], {type: "text/plain;charset=utf-8"});
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "my-answers-" + (location.pathname.split("/").pop() || "page").replace(/\.html$/, "") + ".txt";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  function setUp() {
    const boxes = Array.from(document.querySelectorAll(".response-box"));
    boxes.forEach((box, n) => {
      const wrap = document.createElement("div");
      wrap.className = "course-answer";
      const area = document.createElement("textarea");
      area.rows = 6;
      area.value = load(n);
      area.setAttribute("aria-label", `Your answer ${n + 1}: ${promptOf(box).slice(0, 120)}`);
      area.placeholder = "Type your answer here.";
      const printed = document.createElement("div");
      printed.className = "course-answer-print";
      printed.textContent = area.value;
      area.addEventListener("input", () => {
        store(n, area.value);
        printed.textContent = area.value;
      });
      const bar = document.createElement("p");
      bar.className = "course-answer-bar";
      const note = document.createElement("span");
      note.textContent = "Kept in this browser only, never sent anywhere. ";
      const save = document.createElement("button");
      save.type = "button";
      save.textContent = "Save my answers";
      save.addEventListener("click", () => saveAll(boxes));
      const print = document.createElement("button");
      print.type = "button";
      print.textContent = "Print";
      print.addEventListener("click", () => window.print());
      bar.append(note, save, " ", print);
      wrap.append(area, printed, bar);
      box.appendChild(wrap);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
