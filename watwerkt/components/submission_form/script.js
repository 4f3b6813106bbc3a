// The submission form: builds the project record, checks it against the published JSON Schema
// (generated from the record model), shows errors next to the fields and in a summary, keeps a
// draft, and offers the record as YAML: download, e-mail, GitHub issue or a form service.
watwerkt.register("submission_form", function (component) {
  "use strict";

  var form = document.getElementById("ww-aanmelden");
  if (!form) return;
  var summary = document.getElementById("ww-foutoverzicht");
  var sending = document.getElementById("ww-verzenden");
  var draftStatus = form.querySelector(".ww-concept-status");
  var DRAFT = "watwerkt-aanmelding-concept";
  // Which fields the form has, and of what kind, the page says (from the record model).
  function fieldsOf(kind) {
    return Array.prototype.map.call(form.querySelectorAll("[data-veld][data-soort=" + kind + "]"), function (node) {
      return node.getAttribute("data-veld");
    });
  }
  var LIST_FIELDS = fieldsOf("lijst");
  var CHOICE_FIELDS = fieldsOf("keuze");
  var TEXT_FIELDS = fieldsOf("tekst");
  var ONE_CHOICE_FIELDS = fieldsOf("een-keuze");
  var GROUP_FIELDS = fieldsOf("groep");
  // What the form fills in itself: today's date, and who submitted it (copied from a field).
  var DATED_TODAY = form.getAttribute("data-vandaag").split(" ");
  var SUBMITTED_BY = form.getAttribute("data-aangemeld-door");
  var SUBMITTED_BY_FROM = form.getAttribute("data-aangemeld-door-van");
  function required(name) { return form.querySelector("[data-veld='" + name + "'][data-verplicht]") !== null; }
  // Longer links break: GitHub answers 414 above about 8 KB, mail programs cut off near 2 KB.
  // A long description then goes by copy and paste from the text box instead.
  var MAX_GITHUB_LINK = 8000;
  var MAX_MAIL_LINK = 2000;
  var PASTE_HERE = "Plak hier het project uit het tekstvak op de site.";
  var schema = null;

  function today() {
    return new Date().toISOString().slice(0, 10);
  }

  // The id from the name, in the steps of watwerkt/model.py id_from_name (tests/shared_cases.py):
  // compatibility forms folded, what has no ASCII form dropped, the length the page gives.
  var ID_LENGTH = Number(form.getAttribute("data-id-lengte"));
  var ID_SOURCE = form.getAttribute("data-id-van");  // the field the id is made from
  function slug(text) {
    return text.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, ID_LENGTH).replace(/^-+|-+$/g, "");
  }

  function lines(text) {
    return text.split("\n").map(function (line) { return line.trim(); }).filter(Boolean);
  }

  function checked(name) {
    return Array.prototype.filter.call(form.elements[name] ? form.querySelectorAll("[name=" + name + "]") : [], function (box) {
      return box.checked;
    }).map(function (box) { return box.value; });
  }

  // The record exactly as it will stand in data/projects.yaml: only fields that were filled in.
  function record() {
    var value = function (name) { return form.elements[name].value.trim(); };
    var project = { id: slug(value(ID_SOURCE)) };
    TEXT_FIELDS.forEach(function (name) { if (value(name)) project[name] = value(name); });
    ONE_CHOICE_FIELDS.forEach(function (name) {
      var chosen = form.querySelector("[name=" + name + "]:checked");
      if (chosen) project[name] = chosen.value;
    });
    CHOICE_FIELDS.forEach(function (name) { project[name] = checked(name); });
    LIST_FIELDS.forEach(function (name) { var items = lines(form.elements[name].value); if (items.length || required(name)) project[name] = items; });
    GROUP_FIELDS.forEach(function (name) {
      project[name] = {};
      form.querySelectorAll("[data-veld=" + name + "] [name^='" + name + ".']").forEach(function (input) {
        if (input.value.trim()) project[name][input.name.slice(name.length + 1)] = input.value.trim();
      });
    });
    DATED_TODAY.forEach(function (name) { project[name] = today(); });
    if (value(SUBMITTED_BY_FROM)) project[SUBMITTED_BY] = value(SUBMITTED_BY_FROM);
    CHOICE_FIELDS.concat(LIST_FIELDS).forEach(function (name) { if (project[name] && !project[name].length && !required(name)) delete project[name]; });
    return project;
  }

  // --- checking against the JSON Schema --------------------------------------------------
  // Only the keywords the generated schema uses for a project are understood here; anything
  // the schema cannot say (references, dates relative to today) `watwerkt check` checks when
  // the record reaches the repository.
  function resolve(node) {
    while (node && node.$ref) node = schema.$defs[node.$ref.split("/").pop()];
    return node;
  }

  // "heeft niet de goede vorm: een jaar, maand of dag, zoals 2023, ...": the rule in words,
  // from the schema's "x-vorm" (of the node, or of the option that is not "empty").
  function wrongShape(node) {
    var options = (node.anyOf || []).map(resolve).filter(function (option) { return option && option.type !== "null"; });
    var rule = node["x-vorm"] || options.map(function (option) { return option["x-vorm"]; }).filter(Boolean)[0];
    return "heeft niet de goede vorm" + (rule ? ": " + rule : "");
  }

  // The text the check refuses (watwerkt/model.py TEXT_RULES: personal data, hidden characters,
  // markup), as the schema says it: "not": {"anyOf": [{"pattern", "x-melding"}, ...]}, most often
  // by "$ref" to $defs/Tekstregels. The message of the first rule that finds something, or null.
  function refusal(node, value) {
    var refused = node && resolve(node.not);
    var rules = (refused && refused.anyOf) || [];
    for (var i = 0; i < rules.length; i++) {
      if (new RegExp(rules[i].pattern).test(value)) return rules[i]["x-melding"];
    }
    return null;
  }

  // A rule across the fields of an object, as the schema says it: "anyOf" a set of "required"
  // fields (with "properties" they must meet), and the message in "x-melding", shown at
  // "x-veld" (or at the object).
  function fitsOption(value, option) {
    var required = (option.required || []).every(function (name) { return name in value; });
    return required && Object.keys(option.properties || {}).every(function (name) {
      return problemsOf(value[name], option.properties[name], name, []).length === 0;
    });
  }

  function problemsOf(value, node, path, found) {
    node = resolve(node);
    if (!node) return found;
    if (node.anyOf && node.type === "object") {
      if (value && typeof value === "object" && !node.anyOf.some(function (option) { return fitsOption(value, option); })) {
        found.push([node["x-veld"] || path, node["x-melding"]]);
      }
    } else if (node.anyOf) {
      var fits = node.anyOf.some(function (option) { return problemsOf(value, option, path, []).length === 0; });
      if (!fits) {
        var refused = typeof value === "string" && node.anyOf.map(resolve).map(function (option) { return refusal(option, value); }).filter(Boolean)[0];
        found.push([path, refused || wrongShape(node)]);
      }
      return found;
    }
    if (node.type === "string") {
      if (typeof value !== "string") return found.concat([[path, "moet tekst zijn"]]);
      if (node.minLength && value.length < node.minLength) found.push([path, "mag niet leeg zijn"]);
      if (node.maxLength && value.length > node.maxLength) found.push([path, "is te lang: " + value.length + " tekens, hoogstens " + node.maxLength]);
      if (node.pattern && !new RegExp(node.pattern).test(value)) found.push([path, wrongShape(node)]);
      else if (refusal(node, value)) found.push([path, refusal(node, value)]);
      if (node.enum && node.enum.indexOf(value) === -1) found.push([path, "kies een van de mogelijkheden"]);
    } else if (node.type === "null") {
      if (value !== null) found.push([path, "moet leeg zijn"]);
    } else if (node.type === "integer") {
      if (typeof value !== "number") found.push([path, "moet een getal zijn"]);
    } else if (node.type === "array") {
      if (!Array.isArray(value)) return found.concat([[path, "moet een lijst zijn"]]);
      if (node.minItems && value.length < node.minItems) {
        var isChoice = form.querySelector("input[type=checkbox][name='" + path + "']");
        var least = node.minItems === 1 ? "één" : node.minItems;
        found.push([path, isChoice ? "kies er minstens " + least : "vul er minstens " + least + " in"]);
      }
      if (node.maxItems && value.length > node.maxItems) found.push([path, "noem er hoogstens " + node.maxItems]);
      value.forEach(function (item, i) { problemsOf(item, node.items, path, found); });
    } else if (node.type === "object") {
      (node.required || []).forEach(function (name) {
        if (!(name in value)) found.push([path || name, "is verplicht"]);
      });
      Object.keys(value).forEach(function (name) {
        if (node.properties && node.properties[name]) problemsOf(value[name], node.properties[name], path || name, found);
      });
    }
    if (node.enum && node.type !== "string" && node.enum.indexOf(value) === -1) found.push([path, "kies een van de mogelijkheden"]);
    return found;
  }

  function validate(project) {
    var found = problemsOf(project, schema, "", []);
    // The one rule across fields that JSON Schema cannot say; its message comes from the schema
    // (tests/shared_cases.py holds the cases on which this and `watwerkt check` agree).
    var start = String(project.start || ""), end = String(project.eind || ""), length = Math.min(start.length, end.length);
    // Only dates of the right shape (the schema's pattern, checked above) have an order to judge.
    var misshapen = {};
    found.forEach(function (problem) { misshapen[problem[0]] = true; });
    if (start && end && !misshapen.start && !misshapen.eind && end.slice(0, length) < start.slice(0, length)) {
      found.push(["eind", schema["x-kruisregels"]["eind-niet-voor-start"].replace("{eind}", end).replace("{start}", start)]);
    }
    var first = {};
    found.forEach(function (problem) { if (!(problem[0] in first)) first[problem[0]] = problem[1]; });
    return first;  // one message per field
  }

  // --- showing errors: inline and in a summary at the top --------------------------------
  function labelOf(name) {
    var field = form.querySelector("[data-veld=" + name + "]");
    var label = field && field.querySelector("label, legend");
    return label ? label.firstChild.textContent.trim() : name;
  }

  function showErrors(errors) {
    form.querySelectorAll(".ww-fout").forEach(function (node) { node.hidden = true; node.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(function (node) { node.removeAttribute("aria-invalid"); });
    var list = summary.querySelector("ul");
    list.replaceChildren();
    var names = Object.keys(errors).filter(function (name) { return name !== "id"; });
    if (errors.id && !errors[ID_SOURCE]) names.unshift(ID_SOURCE), errors[ID_SOURCE] = "geef het project een naam met letters of cijfers";
    // In the order of the form, so the summary reads from top to bottom.
    var fields = Array.prototype.map.call(form.querySelectorAll("[data-veld]"), function (node) { return node.getAttribute("data-veld"); });
    names.sort(function (a, b) { return fields.indexOf(a) - fields.indexOf(b); });
    names.forEach(function (name) {
      var message = labelOf(name) + ": " + errors[name];
      var inline = document.getElementById("fout-" + name);
      if (inline) { inline.textContent = message; inline.hidden = false; }
      var target = document.getElementById("veld-" + name) || form.querySelector("[data-veld=" + name + "] input");
      form.querySelectorAll("[data-veld=" + name + "] input, [data-veld=" + name + "] textarea").forEach(function (input) {
        input.setAttribute("aria-invalid", "true");
      });
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.textContent = message;
      link.href = "#" + (target ? target.id : "ww-aanmelden");
      item.appendChild(link);
      list.appendChild(item);
    });
    summary.hidden = names.length === 0;
    if (names.length) summary.focus();
    return names.length === 0;
  }

  // --- the record as YAML, as it goes into data/projects.yaml ----------------------------
  function yamlString(text) {
    return JSON.stringify(text);  // a JSON string is a valid double-quoted YAML string
  }

  function toYaml(project) {
    var out = [];
    Object.keys(project).forEach(function (key, index) {
      var value = project[key];
      var prefix = index === 0 ? "- " : "  ";
      if (Array.isArray(value)) {
        out.push(prefix + key + ": [" + value.map(yamlString).join(", ") + "]");
      } else if (typeof value === "object") {
        out.push(prefix + key + ":");
        Object.keys(value).forEach(function (inner) { out.push("    " + inner + ": " + yamlString(value[inner])); });
      } else if (DATED_TODAY.indexOf(key) !== -1) {  // a date, unquoted, as the data files write it
        out.push(prefix + key + ": " + value);
      } else {
        out.push(prefix + key + ": " + yamlString(value));
      }
    });
    return out.join("\n") + "\n";
  }

  function offer(project) {
    var yaml = toYaml(project);
    document.getElementById("ww-yaml").value = yaml;
    var download = document.getElementById("ww-download");
    if (download) {  // only where the site names its repository: a pull request needs one
      download.href = URL.createObjectURL(new Blob([yaml], { type: "application/yaml" }));
      download.download = project.id + ".yaml";
    }
    var email = form.getAttribute("data-email");
    var viaEmail = document.getElementById("ww-via-email");
    if (viaEmail && email) {
      var subject = "mailto:" + email + "?subject=" + encodeURIComponent("Aanmelding projectenbank: " + project[ID_SOURCE]);
      var mail = subject + "&body=" + encodeURIComponent(yaml);
      var mailTooLong = mail.length > MAX_MAIL_LINK;
      viaEmail.href = mailTooLong ? subject + "&body=" + encodeURIComponent(PASTE_HERE) : mail;
      viaEmail.textContent = mailTooLong ? "Via e-mail aan de redactie: plak het project uit het tekstvak hieronder in de mail" : "Via e-mail aan de redactie";
    }
    var issues = form.getAttribute("data-issues");
    var viaGithub = document.getElementById("ww-via-github");
    if (viaGithub && issues) {
      // The issue form's field ids are the record's field names. Too long a link: the long
      // texts stay out, and the link says which to fill in by hand.
      var parameters = new URLSearchParams({ template: "project.yml", title: "Project: " + project[ID_SOURCE] });
      Object.keys(project).forEach(function (key) {
        var value = project[key];
        parameters.set(key, Array.isArray(value) ? value.join("\n") : typeof value === "object" ? JSON.stringify(value) : String(value));
      });
      var leftOut = [];
      // The long texts (the form's text boxes) go first.
      Array.prototype.map.call(form.querySelectorAll("[data-veld] textarea"), function (box) { return box.name; }).forEach(function (key) {
        if ((issues + "?" + parameters).length > MAX_GITHUB_LINK && parameters.has(key)) {
          parameters.delete(key);
          leftOut.push(labelOf(key));
        }
      });
      viaGithub.href = issues + "?" + parameters.toString();
      viaGithub.textContent = "Via GitHub: open een ingevuld aanmeldformulier"
        + (leftOut.length ? "; vul daar zelf nog in: " + leftOut.join(", ") + " (kopieer het uit dit formulier)" : "");
    }
    var service = document.getElementById("ww-via-formulierdienst");
    if (service) service.elements.project_yaml.value = yaml;
    sending.hidden = false;
    sending.focus();
  }

  // --- draft: nothing is lost on a reload -------------------------------------------------
  function saveDraft() {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!element.name || element.name === "vul_niet_in") return;
      if (element.type === "checkbox" || element.type === "radio") {
        if (element.checked) (values[element.name] = values[element.name] || []).push(element.value);
      } else if (element.value) {
        values[element.name] = element.value;
      }
    });
    try { localStorage.setItem(DRAFT, JSON.stringify(values)); } catch (error) { /* private mode */ }
  }

  function restoreDraft() {
    var values;
    try { values = JSON.parse(localStorage.getItem(DRAFT) || "null"); } catch (error) { values = null; }
    if (!values) return;
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!(element.name in values)) return;
      if (element.type === "checkbox" || element.type === "radio") {
        element.checked = values[element.name].indexOf(element.value) !== -1;
      } else {
        element.value = values[element.name];
      }
    });
    draftStatus.textContent = "Je concept is teruggezet.";
  }

  form.addEventListener("input", function () {
    saveDraft();
    sending.hidden = true;  // what was offered no longer matches the form
  });
  form.addEventListener("change", saveDraft);
  document.getElementById("ww-wis-concept").addEventListener("click", function () {
    try { localStorage.removeItem(DRAFT); } catch (error) { /* private mode */ }
    form.reset();
    showErrors({});
    sending.hidden = true;
    draftStatus.textContent = "Het concept is gewist.";
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!schema) {  // the rules are still loading, a moment after the page opened
      draftStatus.textContent = "Een moment: het formulier laadt nog. Probeer het zo opnieuw.";
      return;
    }
    if (form.elements.vul_niet_in.value) {  // the honeypot: only bots fill it in
      draftStatus.textContent = "Er is iets misgegaan. Laad de pagina opnieuw en probeer het nog eens.";
      return;
    }
    var project = record();
    if (showErrors(validate(project))) offer(project);
    else sending.hidden = true;
  });

  fetch(form.getAttribute("data-schema"))
    .then(function (response) { return response.json(); })
    .then(function (data) {
      schema = data;
      restoreDraft();
    })
    .catch(function () {
      form.hidden = true;
      var notice = document.querySelector(".ww-zonder-javascript");
      notice.textContent = "Het formulier kon niet laden. Probeer het later opnieuw, of gebruik de handleiding voor bijdragers.";
      notice.className = "ww-melding";
    });
});
