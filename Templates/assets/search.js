// Search on the search page (/nl/zoeken/, /fr/recherche/). Without this script the page still
// lists every chapter, section and chart. The index (search-index.json, built by Rapport) is
// {"chapters": [[title, url]…], "entries": [[kind, chapter, title, fragment, text]…]}; kind is c, s
// or g (a chart); an entry's address is its chapter's URL followed by its fragment.
// Case and accents are ignored ("benevoles" finds "bénévoles"); ?q= in the address is searched.
(function () {
  'use strict';
  var form = document.querySelector('.search-form');
  var box = document.getElementById('search-results');
  if (!form || !box || !window.fetch || !''.normalize) return;
  var input = form.querySelector('input[name="q"]');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-list');
  var index = null;
  var MAX = 50;

  function fold(s) {
    return s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')
      .replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/ß/g, 'ss').replace(/[\u00a0\u202f]/g, ' ');
  }

  // The folded text and, for each of its characters, where it starts in the original.
  function foldMapped(s) {
    var out = '', map = [], i = 0;
    for (var ch of s) {
      var f = fold(ch);
      for (var k = 0; k < f.length; k++) map.push(i);
      out += f;
      i += ch.length;
    }
    map.push(i);
    return { text: out, map: map };
  }

  function load() {
    return fetch(form.getAttribute('data-index'))
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return null;
        index = data.entries.map(function (e) {
          var chapter = data.chapters[e[1]] || ['', ''];
          return { kind: e[0], chapter: chapter[0], title: e[2], url: chapter[1] + e[3], text: e[4],
                   ft: fold(e[2]), fx: fold(e[4]) };
        });
        return index;
      })
      .catch(function () { return null; });
  }

  function score(entry, terms) {
    var total = 0;
    for (var t of terms) {
      var inTitle = entry.ft.indexOf(t) >= 0;
      if (!inTitle && entry.fx.indexOf(t) < 0) return 0;
      total += inTitle ? 10 : 1;
    }
    return total + (entry.kind === 's' ? 1 : 0);
  }

  // About 200 characters of the text around the first term, terms marked.
  function snippet(text, terms) {
    var p = document.createElement('p');
    if (!text) return p;
    var folded = foldMapped(text);
    var first = -1;
    for (var t of terms) {
      var at = folded.text.indexOf(t);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    }
    var start = Math.max(0, (first < 0 ? 0 : folded.map[first]) - 80);
    var end = Math.min(text.length, start + 200);
    if (start > 0) start = text.indexOf(' ', start) + 1 || start;
    if (end < text.length && text.lastIndexOf(' ', end) > start + 100) end = text.lastIndexOf(' ', end);
    var part = text.slice(start, end);
    var fp = foldMapped(part);
    var marks = [];
    for (var term of terms) {
      for (var i = fp.text.indexOf(term); i >= 0; i = fp.text.indexOf(term, i + term.length)) {
        marks.push([fp.map[i], fp.map[i + term.length]]);
      }
    }
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var pos = 0;
    if (start > 0) p.appendChild(document.createTextNode('… '));
    for (var m of marks) {
      if (m[0] < pos) continue;
      p.appendChild(document.createTextNode(part.slice(pos, m[0])));
      var mark = document.createElement('mark');
      mark.textContent = part.slice(m[0], m[1]);
      p.appendChild(mark);
      pos = m[1];
    }
    p.appendChild(document.createTextNode(part.slice(pos) + (end < text.length ? ' …' : '')));
    return p;
  }

  function show(query) {
    var terms = fold(query).split(/[\s,;:.!?'’"()]+/).filter(function (t) { return t.length > 0; });
    list.textContent = '';
    if (!terms.length) { status.textContent = ''; return; }
    var found = [];
    index.forEach(function (entry, n) {
      var s = score(entry, terms);
      if (s > 0) found.push([s, n, entry]);
    });
    found.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    status.textContent = found.length ? box.getAttribute('data-count') + ' ' + found.length : box.getAttribute('data-none');
    found.slice(0, MAX).forEach(function (f) {
      var entry = f[2];
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = entry.url;
      if (entry.kind === 'g') {
        var kind = document.createElement('span');
        kind.className = 'search-kind';
        kind.textContent = box.getAttribute('data-chart');
        a.appendChild(kind);
        a.appendChild(document.createTextNode(' '));
      }
      a.appendChild(document.createTextNode(entry.title));
      li.appendChild(a);
      var where = document.createElement('span');
      where.className = 'search-where';
      where.textContent = entry.kind === 'c' ? '' : entry.chapter;
      if (where.textContent) li.appendChild(where);
      li.appendChild(snippet(entry.text, terms));
      list.appendChild(li);
    });
  }

  function run(query) {
    if (index) { show(query); return; }
    load().then(function (loaded) { if (loaded) show(query); });
  }

  form.hidden = false;
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var query = input.value.trim();
    history.replaceState(null, '', query ? '?q=' + encodeURIComponent(query) : location.pathname);
    run(query);
  });
  var initial = new URLSearchParams(location.search).get('q');
  if (initial) {
    input.value = initial;
    run(initial);
  }
})();
