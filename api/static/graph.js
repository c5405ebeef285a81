// The skills graph page: draws one unit's mentoring chains and its skills with Cytoscape.js.
//
// Data: GET data-url (the same payload as GET /api/v1/graph). The page lists the same
// chains and risks as HTML; this picture adds the shape of the chains. Layout is by tier
// (senior judges on top, young staff below, clerks at the bottom, skills underneath),
// each chain a small tree, so the same data always give the same picture.
(function () {
  "use strict";

  var box = document.getElementById("graph-canvas");
  var wordsNode = document.getElementById("graph-words");
  if (!box || !wordsNode || typeof window.cytoscape !== "function") return;
  var words = JSON.parse(wordsNode.textContent);
  var detail = document.getElementById("graph-detail");
  var allSkills = document.getElementById("graph-all-skills");
  var risky = {};
  (box.dataset.riskSkills || "").split(",").forEach(function (id) {
    if (id) risky[Number(id)] = true;
  });
  var FONT = getComputedStyle(document.body).fontFamily;
  var COLUMN = 70;
  var ROW = 90;
  var HOLDS = 3; // a level from which a person holds a skill (talent.graph's threshold)
  var payload = null;
  var cy = null;

  function byNumber(a, b) { return a.number - b.number; }

  // Who and what the picture shows: the unit's people in chains, the holders of the
  // skills at risk, and those skills (or every skill the chain people hold, on request).
  function pick(data, withAllSkills) {
    var nodes = {};
    data.nodes.forEach(function (node) {
      if (node.kind === "person") nodes[node.id] = node;
      if (node.kind === "skill") nodes[node.id] = node;
    });
    var mentors = [];
    var holds = [];
    data.links.forEach(function (link) {
      var source = nodes[link.source];
      var target = nodes[link.target];
      if (!source || !target) return;
      if (link.kind === "mentors") mentors.push(link);
      if (link.kind === "has_skill" && link.level >= HOLDS) holds.push(link);
    });
    var people = {};
    mentors.forEach(function (link) { people[link.source] = true; people[link.target] = true; });
    var skills = {};
    var edges = [];
    holds.forEach(function (link) {
      var skill = nodes[link.target];
      var atRisk = risky[skill.skill_id] === true;
      if (atRisk || (withAllSkills && people[link.source])) {
        skills[link.target] = true;
        people[link.source] = true;
        edges.push({ link: link, risk: atRisk });
      }
    });
    Object.keys(nodes).forEach(function (id) {
      if (nodes[id].kind === "skill" && risky[nodes[id].skill_id]) skills[id] = true;
    });
    return { nodes: nodes, people: people, skills: skills, mentors: mentors, holds: edges };
  }

  // Preset positions: each chain a tree (leaves side by side, a mentor above the middle
  // of their mentees, rows by tier); trees wrap into bands like words into lines, so the
  // picture keeps the shape of its box; the skills sit in rows under the last band.
  function layout(chosen, aspect) {
    var mentees = {};
    var mentored = {};
    chosen.mentors.forEach(function (link) {
      (mentees[link.source] = mentees[link.source] || []).push(link.target);
      mentored[link.target] = true;
    });
    var number = function (id) { return chosen.nodes[id].person_id || chosen.nodes[id].skill_id; };
    var order = function (ids) {
      return ids.map(function (id) { return { id: id, number: number(id) }; }).sort(byNumber)
        .map(function (item) { return item.id; });
    };
    // Column of each node within its own tree, and each tree's width in columns.
    var column = {};
    function place(id, path, at) {
      var children = order(mentees[id] || []).filter(function (child) { return !path[child]; });
      if (!children.length) {
        column[id] = at;
        return at + 1;
      }
      var next = at;
      children.forEach(function (child) {
        var below = Object.assign({}, path);
        below[child] = true;
        next = place(child, below, next);
      });
      column[id] = (column[children[0]] + column[children[children.length - 1]]) / 2;
      return next;
    }
    var roots = order(Object.keys(mentees).filter(function (id) { return !mentored[id]; }));
    roots.sort(function (a, b) { return chosen.nodes[a].tier - chosen.nodes[b].tier; });
    var trees = roots.map(function (id) {
      var path = {};
      path[id] = true;
      return { root: id, width: place(id, path, 0) };
    });
    order(Object.keys(chosen.people).filter(function (id) { return column[id] === undefined; }))
      .forEach(function (id) { column[id] = 0; trees.push({ root: id, width: 1 }); });
    // Which tree each node belongs to: walk down from every root.
    var treeOf = {};
    trees.forEach(function (tree, index) {
      var stack = [tree.root];
      while (stack.length) {
        var id = stack.pop();
        if (treeOf[id] !== undefined) continue;
        treeOf[id] = index;
        (mentees[id] || []).forEach(function (child) { stack.push(child); });
      }
    });
    var total = trees.reduce(function (sum, tree) { return sum + tree.width + 1; }, 0);
    var BAND = 3.4;
    var wrap = Math.max(8, Math.round(Math.sqrt((aspect * total * BAND * ROW) / COLUMN)));
    var offset = [];
    var band = [];
    var x = 0;
    var line = 0;
    trees.forEach(function (tree, index) {
      if (x > 0 && x + tree.width > wrap) { x = 0; line += 1; }
      offset[index] = x;
      band[index] = line;
      x += tree.width + 1;
    });
    var widest = Math.max(wrap, 1);
    var skills = order(Object.keys(chosen.skills));
    skills.sort(function (a, b) {
      return (risky[chosen.nodes[b].skill_id] ? 1 : 0) - (risky[chosen.nodes[a].skill_id] ? 1 : 0);
    });
    var perRow = Math.max(1, Math.floor(widest / 2.2));
    return function (id) {
      var node = chosen.nodes[id];
      if (node.kind === "skill") {
        var at = skills.indexOf(id);
        var row = Math.floor(at / perRow);
        var inRow = Math.min(perRow, skills.length - row * perRow);
        var step = widest / Math.max(inRow, 1);
        return {
          x: (step / 2 + (at % perRow) * step) * COLUMN,
          y: ((line + 1) * BAND + row * 0.8) * ROW,
        };
      }
      var tree = treeOf[id];
      return { x: (offset[tree] + column[id]) * COLUMN, y: (band[tree] * BAND + node.tier - 1) * ROW };
    };
  }

  function elements(chosen) {
    var aspect = box.clientWidth / Math.max(box.clientHeight, 1);
    var point = layout(chosen, aspect || 1.4);
    var found = [];
    Object.keys(chosen.people).forEach(function (id) {
      var node = chosen.nodes[id];
      found.push({ group: "nodes", data: { id: id, label: node.label, kind: "person", tier: node.tier }, position: point(id) });
    });
    Object.keys(chosen.skills).forEach(function (id) {
      var node = chosen.nodes[id];
      var atRisk = risky[node.skill_id] === true;
      found.push({
        group: "nodes",
        data: { id: id, label: node.label, kind: "skill", code: node.code, w: node.label.length * 17 + 20 },
        position: point(id),
        classes: atRisk ? "risk" : "",
      });
    });
    chosen.mentors.forEach(function (link) {
      found.push({ group: "edges", data: { id: link.source + ">" + link.target, source: link.source, target: link.target, kind: "mentors", link: link.link } });
    });
    chosen.holds.forEach(function (item) {
      var link = item.link;
      found.push({
        group: "edges",
        data: { id: link.source + "~" + link.target, source: link.source, target: link.target, kind: "has_skill", level: link.level },
        classes: item.risk ? "risk" : "",
      });
    });
    return found;
  }

  var STYLE = [
    { selector: "node", style: {
      label: "data(label)", "font-family": FONT, "font-size": 16, color: "#1d2733",
      "text-valign": "bottom", "text-margin-y": 3, "text-outline-color": "#fff", "text-outline-width": 2,
      width: 20, height: 20, "border-width": 1, "border-color": "#fff" } },
    { selector: "node[tier = 1]", style: { "background-color": "#a61b1b", width: 28, height: 28 } },
    { selector: "node[tier = 2]", style: { "background-color": "#2457a6", width: 22, height: 22 } },
    { selector: "node[tier = 3]", style: { "background-color": "#1d7a46", width: 16, height: 16 } },
    { selector: "node[kind = 'skill']", style: {
      shape: "round-rectangle", "background-color": "#e8ecf0", "border-color": "#8795a3",
      "border-width": 1, width: "data(w)", height: 30, "text-valign": "center", "text-margin-y": 0,
      "text-outline-width": 0 } },
    { selector: "node.risk", style: { "background-color": "#fff3d6", "border-color": "#b3261e", "border-width": 3, color: "#7c1a13" } },
    { selector: "edge", style: { width: 1.5, "curve-style": "bezier" } },
    { selector: "edge[kind = 'mentors']", style: {
      "line-color": "#5b6775", "target-arrow-shape": "triangle", "target-arrow-color": "#5b6775" } },
    { selector: "edge[kind = 'has_skill']", style: { "line-style": "dashed", "line-color": "#b9c1ca", width: 1 } },
    { selector: "edge.risk", style: { "line-color": "#d98c84" } },
    { selector: ".faded", style: { opacity: 0.15 } },
    { selector: "node:selected", style: { "border-color": "#f2b705", "border-width": 4 } },
  ];

  function names(collection) {
    var found = collection.map(function (node) { return node.data("label"); });
    return found.length ? found.join("、") : words.none;
  }

  function describe(node) {
    if (node.data("kind") === "skill") {
      var holders = node.incomers("node");
      var text = words.skill + "：" + node.data("label") + "（" + node.data("code") + "）· " +
        words.holders + "：" + names(holders);
      return node.hasClass("risk") ? text + " · " + words.risk : text;
    }
    var mentorsOf = node.incomers("edge[kind = 'mentors']").sources();
    var menteesOf = node.outgoers("edge[kind = 'mentors']").targets();
    return node.data("label") + " · " + words.tiers[String(node.data("tier"))] + " · " +
      words.mentors + "：" + names(mentorsOf) + " · " + words.mentees + "：" + names(menteesOf);
  }

  function draw() {
    if (cy) cy.destroy();
    var chosen = pick(payload, allSkills && allSkills.checked);
    cy = window.cytoscape({
      container: box,
      elements: elements(chosen),
      style: STYLE,
      layout: { name: "preset", fit: true, padding: 24 },
      minZoom: 0.1,
      maxZoom: 3,
      boxSelectionEnabled: false,
      autoungrabify: true,
    });
    cy.on("tap", "node", function (event) {
      var node = event.target;
      var keep = node.closedNeighborhood().union(node.predecessors()).union(node.successors());
      cy.elements().removeClass("faded");
      cy.elements().not(keep).addClass("faded");
      if (detail) detail.textContent = describe(node);
    });
    cy.on("tap", function (event) {
      if (event.target === cy) cy.elements().removeClass("faded");
    });
    cy.on("resize", function () { cy.fit(undefined, 24); });
    box.dataset.nodes = String(cy.nodes().length);
    box.dataset.edges = String(cy.edges().length);
    box.dataset.riskNodes = String(cy.nodes(".risk").length);
    box.dataset.state = "ready";
  }

  fetch(box.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    })
    .then(function (data) {
      payload = data;
      draw();
      if (allSkills) allSkills.addEventListener("change", draw);
    })
    .catch(function () {
      box.dataset.state = "failed";
      if (detail) detail.textContent = words.failed;
    });
})();
