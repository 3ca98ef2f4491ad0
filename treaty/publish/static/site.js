/* treaty publish: the overview's as-of control. The pages read in full without it; with it,
   a reader picks a day and the matrix shows each party's stance as of that day. The states
   come from the page's data (computed by treaty, so no rule is repeated here), and all text
   is set as text: nothing from the data is ever parsed as markup. */
(function () {
  "use strict";
  var holder = document.getElementById("asof-data");
  var form = document.getElementById("as-of-form");
  if (!holder || !form) {
    return;
  }
  var data = JSON.parse(holder.textContent);
  var labels = data.labels;
  var input = document.getElementById("as-of");
  var reset = document.getElementById("as-of-reset");
  var status = document.getElementById("as-of-status");
  var rank = {};
  data.order.forEach(function (id, i) {
    rank[id] = i;
  });

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  function stateOn(id, day) {
    var states = data.rows[id] || [];
    var found = null;
    for (var i = 0; i < states.length && states[i][0] <= day; i++) {
      found = states[i];
    }
    return found;
  }

  function add(parent, tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    node.textContent = text;
    parent.appendChild(node);
    return node;
  }

  function fillCell(td, value) {
    while (td.firstChild) {
      td.removeChild(td.firstChild);
    }
    td.className = "cell " + (value ? value[0] : "silent");
    if (!value) {
      add(td, "span", "label", labels.silent);
      return;
    }
    add(td, "span", "glyph", labels.glyphs[value[0]]).setAttribute("aria-hidden", "true");
    td.appendChild(document.createTextNode(" "));
    add(td, "span", "label", labels.stances[value[0]]);
    if (value[1] === "inferred") {
      add(td, "abbr", "basis", "*").title = labels.inferred;
    }
    td.appendChild(document.createTextNode(" "));
    add(td, "time", "day", value[2]).setAttribute("datetime", value[2]);
  }

  function setCounts(paragraph, counts) {
    if (!paragraph) {
      return;
    }
    each(paragraph.querySelectorAll("[data-count]"), function (span) {
      span.textContent = String(counts[span.getAttribute("data-count")] || 0);
    });
  }

  // Which counted parties a group is silent about, as `treaty status` heads it: a verdict
  // must never read as the stance of a party that has none.
  function silence(verdict, tbody, counted) {
    if (verdict === "no-position") {
      return "";
    }
    var silent = {};
    var order = [];
    each(tbody.querySelectorAll("tr[data-clause]"), function (row) {
      counted.forEach(function (party) {
        var td = row.querySelector('td[data-party="' + party + '"]');
        if (td && td.classList.contains("silent")) {
          if (!(party in silent)) {
            silent[party] = 0;
            order.push(party);
          }
          silent[party] += 1;
        }
      });
    });
    var notes = order.map(function (party) {
      return labels.silent_note.replace("{party}", party).replace("{n}", String(silent[party]));
    });
    return notes.length ? ": " + notes.join(", ") : "";
  }

  function apply(day) {
    var totals = {};
    each(document.querySelectorAll("table.matrix"), function (table) {
      var groups = {};
      var counts = {};
      var rows = [];
      each(table.querySelectorAll("tbody[data-verdict]"), function (tbody) {
        groups[tbody.getAttribute("data-verdict")] = tbody;
      });
      each(table.querySelectorAll("tr[data-clause]"), function (row) {
        var state = stateOn(row.getAttribute("data-clause"), day);
        var verdict = state ? state[1] : "no-position";
        var cells = state ? state[2] : {};
        each(row.querySelectorAll("td[data-party]"), function (td) {
          fillCell(td, cells[td.getAttribute("data-party")] || null);
        });
        rows.push([verdict, row]);
        counts[verdict] = (counts[verdict] || 0) + 1;
        totals[verdict] = (totals[verdict] || 0) + 1;
      });
      rows.sort(function (a, b) {
        return rank[a[1].getAttribute("data-clause")] - rank[b[1].getAttribute("data-clause")];
      });
      rows.forEach(function (pair) {
        groups[pair[0]].appendChild(pair[1]);
      });
      var counted = (table.getAttribute("data-counted") || "").split(" ");
      Object.keys(groups).forEach(function (verdict) {
        var n = counts[verdict] || 0;
        groups[verdict].hidden = n === 0;
        groups[verdict].querySelector(".n").textContent = String(n);
        groups[verdict].querySelector(".silence").textContent = silence(
          verdict, groups[verdict], counted
        );
      });
      var treaty = table.getAttribute("data-treaty");
      each(document.querySelectorAll("p.counts[data-treaty]"), function (p) {
        if (p.getAttribute("data-treaty") === treaty) {
          setCounts(p, counts);
        }
      });
      table.querySelector(".as-of-day").textContent = day;
    });
    setCounts(document.getElementById("counts-all"), totals);
    status.textContent =
      day === data.as_of
        ? "Showing the stances as of " + day + ", the day of this briefing."
        : "Showing the stances as of " + day + "; this briefing is as of " + data.as_of + ".";
  }

  function chosen() {
    var day = input.value;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || day > data.as_of) {
      return data.as_of;
    }
    return day;
  }

  input.addEventListener("change", function () {
    apply(chosen());
  });
  input.addEventListener("input", function () {
    apply(chosen());
  });
  reset.addEventListener("click", function () {
    input.value = data.as_of;
    apply(data.as_of);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  form.hidden = false;
})();
