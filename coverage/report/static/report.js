// coverage HTML report: sortable and filterable tables, and a fact cell's sentence shown in its paragraph.
// Vanilla, no network, no innerHTML: article text is only ever copied as text nodes.
(function () {
  "use strict";

  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    return cell.getAttribute("data-value") || cell.textContent.trim();
  }

  function sortBy(table, index, button) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var ascending = button.getAttribute("data-order") !== "ascending";
    var numeric = rows.every(function (row) {
      var value = cellValue(row, index);
      return value === "" || !isNaN(Number(value));
    });
    rows.sort(function (a, b) {
      var x = cellValue(a, index), y = cellValue(b, index);
      var order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.querySelectorAll("th[aria-sort]"), function (th) {
      th.removeAttribute("aria-sort");
    });
    button.setAttribute("data-order", ascending ? "ascending" : "descending");
    button.parentNode.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, index, button); });
    });
  });

  var filter = document.getElementById("outlet-filter");
  if (filter) {
    filter.hidden = false;
    var select = filter.querySelector("select");
    var status = filter.querySelector("output");
    select.addEventListener("change", function () {
      var wanted = select.value, shown = 0, rows = document.querySelectorAll("[data-outlets]");
      Array.prototype.forEach.call(rows, function (row) {
        var outlets = row.getAttribute("data-outlets").split("\u001f");
        row.hidden = wanted !== "" && outlets.indexOf(wanted) < 0;
        if (!row.hidden) shown += 1;
      });
      status.textContent = shown + " of " + rows.length + " shown";
    });
  }

  // A cell of the fact matrix: show the evidence item below the fact's row, with the paragraph it comes from.
  function paragraphWithSentence(paragraph, sentence) {
    var text = paragraph.querySelector(".text").textContent;
    var block = document.createElement("blockquote");
    var at = sentence ? text.indexOf(sentence) : -1;
    if (at < 0) {
      block.appendChild(document.createTextNode(text));
      return block;
    }
    var mark = document.createElement("mark");
    mark.textContent = sentence;
    block.appendChild(document.createTextNode(text.slice(0, at)));
    block.appendChild(mark);
    block.appendChild(document.createTextNode(text.slice(at + sentence.length)));
    return block;
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.matrix td.v a"), function (link) {
    link.addEventListener("click", function (event) {
      var row = link.closest("tr");
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (!target) return;
      event.preventDefault();
      var next = row.nextElementSibling;
      var same = next && next.classList.contains("detail") && next.getAttribute("data-for") === target.id;
      if (next && next.classList.contains("detail")) next.remove();
      if (same) {
        link.setAttribute("aria-expanded", "false");
        return;
      }
      Array.prototype.forEach.call(row.querySelectorAll("td.v a"), function (other) {
        other.setAttribute("aria-expanded", "false");
      });
      link.setAttribute("aria-expanded", "true");
      var detail = document.createElement("tr");
      detail.className = "detail";
      detail.setAttribute("data-for", target.id);
      var cell = document.createElement("td");
      cell.colSpan = row.cells.length;
      var copy = document.createElement("p");
      Array.prototype.forEach.call(target.childNodes, function (node) { copy.appendChild(node.cloneNode(true)); });
      cell.appendChild(copy);
      var ref = target.getAttribute("data-p");
      var paragraph = ref && document.getElementById(ref);
      if (paragraph) {
        var sentence = target.querySelector(".sentence");
        cell.appendChild(paragraphWithSentence(paragraph, sentence ? sentence.textContent : ""));
      }
      cell.tabIndex = -1;
      detail.appendChild(cell);
      row.parentNode.insertBefore(detail, row.nextSibling);
      cell.focus();
    });
  });
})();
